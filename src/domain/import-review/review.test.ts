import { describe, expect, it } from 'vitest';
import type { InterchangeDocument } from '../importers/interchange.js';
import { executorWording, resolveExecutors } from './review.js';

const directory = [
  { id: 1, fullName: 'Министерство труда и социального развития Омской области', shortName: 'Минтруд', aliases: [] },
  { id: 2, fullName: 'Министерство культуры Омской области', shortName: 'Минкультуры', aliases: [] },
];
const item = (executors: string[]) => ({
  number: '1',
  section: null,
  title: 'x',
  executorsText: executors.join(', '),
  executors,
  deadlineText: '',
  expectedResult: '',
  form: '',
  executionText: '',
  status: null,
  protocolItem: '',
});
const doc = (executors: string[][], abbreviations: Record<string, string> = {}): InterchangeDocument => ({
  kind: 'plan',
  title: '',
  approvedOn: null,
  approvedByName: null,
  period: null,
  sections: [],
  indicators: [],
  items: executors.map(item),
  abbreviations,
  warnings: [],
});

describe('executors of an imported document', () => {
  it('finds a short form the document defines by its full name, and a full name by its short form', () => {
    const r = resolveExecutors(
      doc([['Министерство труда и социального развития Омской области (далее – МТСР)'], ['МТСР']], {
        МТСР: 'Министерство труда и социального развития Омской области',
      }),
      directory,
    );
    expect(r.map((e) => [e.name, e.match?.id])).toEqual([
      ['Министерство труда и социального развития Омской области (далее – МТСР)', 1],
      ['МТСР', 1],
    ]);
    const viaShort = resolveExecutors(doc([['Министерство культуры (далее – Минкультуры)']]), directory);
    expect(viaShort[0].match?.id).toBe(2);
  });

  it('tells organisations from phrases describing executors', () => {
    expect(executorWording('некоммерческие организации (по согласованию)')).toBe('text');
    expect(executorWording('Органы местного самоуправления')).toBe('text');
    expect(executorWording('Комитет по делам молодёжи с привлечением ресурсных центров НКО')).toBe('text');
    expect(executorWording('общественные палаты муниципальных образований')).toBe('text');
    expect(executorWording('министерство внутренней политики области')).toBe('organisation');
    expect(executorWording('Управление социальной защиты населения администрации района')).toBe('organisation');
    expect(executorWording('Отделение Фонда пенсионного и социального страхования по краю (по согласованию)')).toBe(
      'organisation',
    );
    expect(executorWording('АНО «Центр добровольчества» (далее – Центр)')).toBe('organisation');
  });
});
