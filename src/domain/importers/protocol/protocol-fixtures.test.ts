/**
 * Every protocol in test/fixtures/protocol/ (written in the genre: text renderings in
 * each layout and encoding, and .docx made by make-protocol-fixtures.ts) against its
 * expected interchange document, and the readings a protocol must never get wrong.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateProtocolDocx, makeProtocolFixtures } from '../../../../test/fixtures/make-protocol-fixtures.js';
import { DomainError } from '../../errors.js';
import { importDocument } from '../read-document.js';

const dir = fileURLToPath(new URL('../../../../test/fixtures/protocol/', import.meta.url));
const importDir = fileURLToPath(new URL('../../../../test/fixtures/import/', import.meta.url));
const fixtures = readdirSync(dir)
  .filter((f) => /\.(txt|docx)$/.test(f))
  .sort();
const expectedOf = (name: string) =>
  JSON.parse(readFileSync(dir + name.replace(/\.(txt|docx)$/, '.expected.json'), 'utf8'));
const text = (s: string) => new TextEncoder().encode(s);

describe('protocol fixtures in the genre', () => {
  it('covers the layouts a protocol arrives in', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
    for (const part of ['.tabs', '.cell-per-line', '.pipes', '.plain', 'cp1251'])
      expect(fixtures.some((f) => f.includes(part))).toBe(true);
    expect(fixtures.filter((f) => f.endsWith('.docx')).length).toBeGreaterThanOrEqual(2);
  });

  for (const name of fixtures) {
    it(`reads ${name} as expected`, async () => {
      const doc = await importDocument(readFileSync(dir + name), name);
      expect(doc).toEqual(expectedOf(name));
    });
  }

  it('reads the .docx the fixture script makes now as the committed ones', async () => {
    for (const f of await makeProtocolFixtures()) {
      expect(await importDocument(f.bytes, f.name)).toEqual(expectedOf(f.name));
    }
  });

  it('reads every decision of a generated 60-decision protocol', async () => {
    const doc = await importDocument(await generateProtocolDocx(60), 'protocol-60.docx');
    expect(doc.kind).toBe('protocol');
    expect(doc.meeting).toMatchObject({ number: '7', date: '2025-03-20' });
    expect(doc.sections.map((s) => s.number)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(doc.items).toHaveLength(60);
    expect(doc.items[59]).toMatchObject({
      number: '6.10',
      section: '6',
      deadlineText: 'к следующему заседанию Совета',
    });
    expect(doc.items.every((i) => i.executors.length === 1 && i.executorsText.endsWith('(Петрову А.А.)'))).toBe(true);
  });
});

describe('what a protocol reading must get right', () => {
  it('takes a decision numbered afresh under each question apart by its question', async () => {
    const doc = await importDocument(readFileSync(dir + 'nok-public-council.cell-per-line.cp1251.txt'), 'p.txt');
    expect(doc.items.map((i) => `${i.section}/${i.number}`)).toEqual([
      'I/1',
      'I/2',
      'I/3',
      'I/4',
      'II/1',
      'II/2',
      'III/1',
    ]);
    // Listed in the agenda and again as a heading: one section each, Roman as printed.
    expect(doc.sections.map((s) => s.number)).toEqual(['I', 'II', 'III']);
  });

  it('keeps «Срок:», «Ответственные:» and the vote out of the title', async () => {
    const doc = await importDocument(readFileSync(dir + 'nko-council-march.tabs.txt'), 'p.txt');
    const titles = doc.items.map((i) => i.title).join(' ');
    expect(titles).not.toMatch(/Срок|Ответственные|ГОЛОСОВАЛИ/);
    const item = doc.items.find((i) => i.number === '2.3')!;
    // The «Ответственные» line wins over the addressee in the sentence.
    expect(item.executors).toEqual([
      'АНО «Ресурсный центр поддержки НКО»',
      'Министерство экономического развития Верхнеречинской области',
    ]);
    expect(item.deadlineText).toBe('II квартал 2024 г.');
  });

  it('never invents an executor', async () => {
    const doc = await importDocument(readFileSync(dir + 'quality-of-life-council.plain.txt'), 'p.txt');
    for (const n of ['1', '6']) expect(doc.items.find((i) => i.number === n)!.executorsText).toBe('');
  });

  it('is not fooled into a protocol by other kinds that speak of protocols', async () => {
    for (const name of readdirSync(importDir).filter((f) => /\.(txt|csv|docx|xlsx)$/.test(f))) {
      const doc = await importDocument(readFileSync(importDir + name), name);
      expect(doc.kind, name).not.toBe('protocol');
      expect(doc.meeting, name).toBeUndefined();
    }
    const plan = [
      'Приложение к протоколу заседания Координационного совета от 15.03.2024 № 1',
      'ПЛАН МЕРОПРИЯТИЙ по реализации решений Координационного совета на 2024 год',
      '№ п/п\tНаименование мероприятия\tСрок исполнения\tОтветственный исполнитель',
      '1.\tПроведение семинара для СО НКО\tII квартал 2024 г.\tМинтруд',
      '2.\tМониторинг мер поддержки\tежеквартально\tМинэкономразвития',
    ].join('\n');
    expect((await importDocument(text(plan), 'plan.txt')).kind).toBe('plan');
  });

  it('refuses a protocol with neither questions nor decisions, in Russian', async () => {
    const empty =
      'ПРОТОКОЛ\nзаседания Общественного совета\nот 15.03.2024 № 1\nПрисутствовали:\nИванов И.И. – председатель\n';
    const err = await importDocument(text(empty), 'p.txt').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('import.protocol_unreadable');
    expect((err as DomainError).message).toMatch(/^Не удалось прочитать протокол/);
    expect((err as DomainError).detail).toMatch(/no agenda questions and no decisions/);
  });

  it("reads one unnumbered decision under a question as the question's own", async () => {
    const doc = await importDocument(readFileSync(dir + 'absentee-vote.pipes.txt'), 'p.txt');
    expect(doc.items.find((i) => i.section === '2')).toMatchObject({
      number: '2',
      title: expect.stringMatching(/^Включить в состав рабочей группы/),
    });
    expect(doc.meeting).toMatchObject({ number: '5', date: '2024-10-28', format: 'absentee' });
  });
});
