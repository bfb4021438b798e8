import { describe, expect, it } from 'vitest';
import { mergedAliases, mergedRole } from './merge-organisations.js';

describe('merging organisations', () => {
  it("keeps every spelling of the merged entry once, none repeating the survivor's names", () => {
    const survivor = {
      id: 1,
      fullName: 'Министерство социальной защиты населения Северо-Озёрской области',
      shortName: 'Минсоцзащиты',
      aliases: ['Минсоц'],
    };
    const merged = {
      id: 2,
      fullName: 'Министерство социальной защиты населения',
      shortName: 'МИНСОЦЗАЩИТЫ',
      aliases: ['минсоц', 'МСЗН'],
    };
    expect(mergedAliases(survivor, merged)).toEqual(['Минсоц', 'Министерство социальной защиты населения', 'МСЗН']);
  });
  it('makes the survivor lead when either was', () => {
    expect(mergedRole('co', 'lead')).toBe('lead');
    expect(mergedRole('co', 'co')).toBe('co');
  });
});
