import { describe, expect, it } from 'vitest';
import { matchOrganisation, normalizeOrgName, splitDefinition } from './match-organisation';

const directory = [
  { id: 1, fullName: 'Министерство культуры Северо-Озёрской области', shortName: 'Минкультуры', aliases: ['Минкульт'] },
  { id: 2, fullName: 'Министерство здравоохранения Северо-Озёрской области', shortName: 'Минздрав', aliases: [] },
  {
    id: 3,
    fullName: 'Министерство социальной защиты населения Северо-Озёрской области',
    shortName: 'Минсоцзащиты',
    aliases: ['Минсоц'],
  },
  {
    id: 4,
    fullName: 'Министерство образования Северо-Озёрской области',
    shortName: 'Минобразования',
    aliases: ['Минобр'],
  },
];

describe('matchOrganisation', () => {
  it('finds by alias, short and full name regardless of case, ё and quotes', () => {
    expect(matchOrganisation('Минкульт', directory).match?.id).toBe(1);
    expect(matchOrganisation('минкультуры', directory).match?.id).toBe(1);
    expect(matchOrganisation('Министерство здравоохранения Северо-Озерской области', directory).match?.id).toBe(2);
    expect(matchOrganisation('«Минсоц»', directory).match?.id).toBe(3);
  });

  it('accepts an abbreviation cut short only when it is unambiguous', () => {
    expect(matchOrganisation('Минобразов', directory).match?.id).toBe(4);
    expect(matchOrganisation('Мин', directory).match).toBeNull();
  });

  it('offers the closest organisations when nothing matches for sure', () => {
    const r = matchOrganisation('Министерство культуры области', directory);
    expect(r.match).toBeNull();
    expect(r.candidates[0]?.id).toBe(1);
  });

  it('ignores the «(по согласованию)» marker', () => {
    expect(normalizeOrgName('Минздрав (по согласованию)')).toBe('минздрав');
  });
});

describe("names with the document's «(далее – …)» note", () => {
  it('splits the note off', () => {
    expect(splitDefinition('Министерство труда Омской области (далее – Минтруд)')).toEqual({
      name: 'Министерство труда Омской области',
      short: 'Минтруд',
    });
    expect(splitDefinition('Центр (далее - «ЦРОИ»)')).toEqual({ name: 'Центр', short: 'ЦРОИ' });
    expect(splitDefinition('Минздрав')).toEqual({ name: 'Минздрав', short: null });
  });

  it('finds the organisation by the full name, else by the short form the document gives it', () => {
    expect(
      matchOrganisation('Министерство культуры Северо-Озёрской области (далее – Минкульт)', directory).match?.id,
    ).toBe(1);
    expect(matchOrganisation('Министерство социальной защиты области (далее – Минсоц)', directory).match?.id).toBe(3);
    expect(matchOrganisation('Комитет по печати (далее – Комитет)', directory).match).toBeNull();
  });
});
