import { describe, expect, it } from 'vitest';
import { instructionNumbers, membersOn, protocolPoint, quorumOf } from './composition';

const members = [
  { id: 1, fromDate: '2023-01-01', toDate: null },
  { id: 2, fromDate: '2023-01-01', toDate: '2024-02-29' },
  { id: 3, fromDate: '2024-03-01', toDate: null },
  { id: 4, fromDate: '2023-01-01', toDate: null },
];

describe('council composition', () => {
  it('takes the members in force on a date, history kept', () => {
    expect(membersOn(members, '2024-02-29').map((m) => m.id)).toEqual([1, 2, 4]);
    expect(membersOn(members, '2024-03-01').map((m) => m.id)).toEqual([1, 3, 4]);
    expect(membersOn(members, '2022-12-31')).toEqual([]);
  });

  it('needs more than half present, or two thirds when the rule says so', () => {
    expect(quorumOf(members, [1, 3], '2024-03-15', 'half')).toEqual({
      members: 3,
      present: 2,
      needed: 2,
      reached: true,
    });
    expect(quorumOf(members, [1], '2024-03-15', 'half').reached).toBe(false);
    // A former member's presence does not count.
    expect(quorumOf(members, [1, 2], '2024-03-15', 'half')).toMatchObject({ present: 1, reached: false });
    expect(
      quorumOf([...members, { id: 5, fromDate: '2023-01-01', toDate: null }], [1, 3], '2024-03-15', 'half'),
    ).toMatchObject({ members: 4, needed: 3, reached: false });
    expect(quorumOf(members, [1, 3], '2024-03-15', 'two_thirds')).toMatchObject({ needed: 2, reached: true });
    expect(quorumOf([], [], '2024-03-15', 'half').reached).toBe(false);
  });

  it('numbers decisions uniquely within a meeting and cites their point', () => {
    expect(
      instructionNumbers([
        { number: '1.1', section: 'I' },
        { number: '2.1', section: 'II' },
      ]),
    ).toEqual(['1.1', '2.1']);
    expect(
      instructionNumbers([
        { number: '1', section: 'I' },
        { number: '1', section: 'II' },
        { number: '2', section: 'II' },
      ]),
    ).toEqual(['I.1', 'II.1', 'II.2']);
    expect(protocolPoint('1.2', 'II')).toBe('пункт 1.2 вопроса № II');
    expect(protocolPoint('3', null)).toBe('пункт 3');
  });
});

describe('council names in the genitive', () => {
  it('declines the adjectives and the head noun, keeps the rest', async () => {
    const { councilGenitive } = await import('./composition');
    expect(councilGenitive('Координационный совет по обеспечению доступа НКО')).toBe(
      'Координационного совета по обеспечению доступа НКО',
    );
    expect(councilGenitive('Общественный совет при Министерстве')).toBe('Общественного совета при Министерстве');
    expect(councilGenitive('Межведомственная комиссия по вопросам')).toBe('Межведомственной комиссии по вопросам');
    expect(councilGenitive('Рабочая группа по ...')).toBe('Рабочей группы по ...');
    expect(councilGenitive('Совет по улучшению качества жизни')).toBe('Совета по улучшению качества жизни');
    expect(councilGenitive('Экспертный штаб')).toBe('Экспертного штаба');
    expect(councilGenitive('Форум')).toBe('«Форум»');
  });
});
