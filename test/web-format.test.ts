import { describe, expect, it } from 'vitest';
import {
  countRu,
  diffRecords,
  formatDateRu,
  formatDateTimeRu,
  formatPeriodRu,
  formatQuarterRu,
  formatSectionHeading,
  measureStatusLabel,
  nextMeasureNumber,
  planKindLabel,
  safeHref,
  pluralRu,
  roleLabel,
  auditActionLabel,
  withExternalMark,
} from '../web/src/format';
import { matchesAbbreviation, searchOrganisations } from '../web/src/org-search';

describe('formatDateRu', () => {
  it('writes a day as official documents do', () => {
    expect(formatDateRu('2016-12-28')).toBe('28 декабря 2016 г.');
    expect(formatDateRu('2024-03-01')).toBe('1 марта 2024 г.');
    expect(formatDateRu(new Date(2021, 1, 3))).toBe('3 февраля 2021 г.');
  });
  it('does not shift a bare date by the time zone', () => {
    expect(formatDateRu('2025-01-01')).toBe('1 января 2025 г.');
  });
  it('gives an empty string for nothing or garbage', () => {
    expect(formatDateRu(null)).toBe('');
    expect(formatDateRu(undefined)).toBe('');
    expect(formatDateRu('')).toBe('');
    expect(formatDateRu('не дата')).toBe('');
  });
  it('adds the time for moments', () => {
    expect(formatDateTimeRu(new Date(2016, 11, 28, 9, 5))).toBe('28 декабря 2016 г., 09:05');
  });
});

describe('formatQuarterRu', () => {
  it('names the quarter of a day in Roman numerals', () => {
    expect(formatQuarterRu('2024-02-10')).toBe('I кв. 2024 г.');
    expect(formatQuarterRu('2024-06-30')).toBe('II кв. 2024 г.');
    expect(formatQuarterRu('2024-07-01')).toBe('III кв. 2024 г.');
    expect(formatQuarterRu('2024-12-31')).toBe('IV кв. 2024 г.');
  });
  it('accepts a year and quarter', () => {
    expect(formatQuarterRu({ year: 2025, quarter: 4 })).toBe('IV кв. 2025 г.');
    expect(formatQuarterRu({ year: 2025, quarter: 5 })).toBe('');
  });
});

describe('formatPeriodRu', () => {
  it('collapses whole years and quarters', () => {
    expect(formatPeriodRu('2024-01-01', '2025-12-31')).toBe('2024–2025 гг.');
    expect(formatPeriodRu('2017-01-01', '2017-12-31')).toBe('2017 г.');
    expect(formatPeriodRu('2024-01-01', '2024-03-31')).toBe('I кв. 2024 г.');
    expect(formatPeriodRu('2024-04-01', '2025-03-31')).toBe('II кв. 2024 г. – I кв. 2025 г.');
  });
  it('falls back to exact days', () => {
    expect(formatPeriodRu('2024-02-01', '2024-05-15')).toBe('с 1 февраля 2024 г. по 15 мая 2024 г.');
    expect(formatPeriodRu('2024-02-01', null)).toBe('с 1 февраля 2024 г.');
    expect(formatPeriodRu(null, '2024-05-15')).toBe('по 15 мая 2024 г.');
    expect(formatPeriodRu(null, null)).toBe('');
  });
});

describe('plurals and labels', () => {
  it('chooses the Russian plural form', () => {
    const forms = ['мероприятие', 'мероприятия', 'мероприятий'] as const;
    expect(pluralRu(1, forms)).toBe('мероприятие');
    expect(pluralRu(3, forms)).toBe('мероприятия');
    expect(pluralRu(11, forms)).toBe('мероприятий');
    expect(pluralRu(21, forms)).toBe('мероприятие');
    expect(countRu(114, forms)).toBe('114 мероприятий');
  });
  it('labels enumerations and passes unknown values through', () => {
    expect(roleLabel('coordinator')).toBe('Координатор');
    expect(planKindLabel('council_decisions')).toBe('Поручения совета');
    expect(measureStatusLabel('partial')).toBe('Частично выполнено');
    expect(measureStatusLabel(null)).toBe('Не указан');
    expect(roleLabel('robot')).toBe('robot');
    expect(auditActionLabel('measure.update')).toBe('Изменение');
  });
  it('writes section headings and the external mark', () => {
    expect(formatSectionHeading('1', 'Стратегия развития')).toBe('1. Стратегия развития');
    expect(formatSectionHeading('I.', 'Организационные мероприятия')).toBe('I. Организационные мероприятия');
    expect(formatSectionHeading('', 'Протокол от 30 июня 2021 года')).toBe('Протокол от 30 июня 2021 года');
    expect(withExternalMark('Прокуратура края', true)).toBe('Прокуратура края (по согласованию)');
  });
});

describe('diffRecords', () => {
  it('lists changed fields and ignores bookkeeping', () => {
    expect(diffRecords({ title: 'А', version: 1, status: null }, { title: 'Б', version: 2, status: null })).toEqual([
      { field: 'title', before: 'А', after: 'Б' },
    ]);
  });
  it('treats creation as every field changed from nothing', () => {
    expect(diffRecords(null, { title: 'А', status: 'done' }).map((c) => c.field)).toEqual(['title', 'status']);
  });
  it('treats empty string and null as the same', () => {
    expect(diffRecords({ form: '' }, { form: null })).toEqual([]);
  });
});

describe('organisation search', () => {
  const orgs = [
    { id: 1, fullName: 'Министерство здравоохранения Забайкальского края', shortName: 'Минздрав', aliases: [] },
    { id: 2, fullName: 'Министерство культуры Забайкальского края', shortName: null, aliases: [] },
    {
      id: 3,
      fullName: 'Министерство социальной защиты населения Забайкальского края',
      shortName: 'Минсоц',
      aliases: ['МСЗН'],
    },
    {
      id: 4,
      fullName: 'Администрация городского округа «Город Чита»',
      shortName: 'Администрация г. Читы',
      aliases: [],
    },
  ];
  it('finds by short name, alias and words of the full name', () => {
    expect(searchOrganisations('Минздрав', orgs).map((o) => o.id)).toEqual([1]);
    expect(searchOrganisations('мсзн', orgs).map((o) => o.id)).toEqual([3]);
    expect(searchOrganisations('город чита', orgs).map((o) => o.id)).toEqual([4]);
  });
  it('reads bureaucratic abbreviations', () => {
    expect(matchesAbbreviation('Минкульт', 'Министерство культуры Забайкальского края')).toBe(true);
    expect(matchesAbbreviation('Минкульт', 'Министерство здравоохранения')).toBe(false);
    expect(searchOrganisations('Минкульт', orgs).map((o) => o.id)).toEqual([2]);
  });
  it('ranks exact short names first and returns everything for an empty query', () => {
    expect(searchOrganisations('мин', orgs)[0].id).toBe(1);
    expect(searchOrganisations('', orgs)).toHaveLength(4);
  });
});

describe('nextMeasureNumber', () => {
  it('continues the numbering of the section', () => {
    expect(nextMeasureNumber(['1.1.', '1.2.'], '1')).toBe('1.3.');
    expect(nextMeasureNumber(['2.9'], '2')).toBe('2.10');
    expect(nextMeasureNumber(['7'], null)).toBe('8');
  });
  it('starts a section at <section>.1', () => {
    expect(nextMeasureNumber([], '2')).toBe('2.1');
    expect(nextMeasureNumber([], '3.')).toBe('3.1');
    expect(nextMeasureNumber([], 'I')).toBe('1');
  });
});

describe('formatSectionHeading with a protocol date as its number', () => {
  it('prints the title alone when it already names the date', () => {
    expect(formatSectionHeading('2025-04-17', 'Протокол заседания от 17 апреля 2025 года')).toBe(
      'Протокол заседания от 17 апреля 2025 года',
    );
    expect(formatSectionHeading('2025-04-17', 'Протокол заседания')).toBe('Протокол заседания от 17 апреля 2025 г.');
  });
});

describe('report figures and links as typed', () => {
  it('keeps numbers as numbers, other values as text, and drops empty rows', async () => {
    const { figuresFromRows, linksFromText } = await import('../web/src/execution');
    expect(
      figuresFromRows([
        { name: ' Число  участников ', value: '1 250' },
        { name: 'Доля, %', value: '12,5' },
        { name: 'Охват', value: 'около 300' },
        { name: '', value: '' },
      ]),
    ).toEqual({ 'Число участников': 1250, 'Доля, %': 12.5, Охват: 'около 300' });
    expect(() => figuresFromRows([{ name: '', value: '5' }])).toThrow('У показателя со значением «5» нет названия.');
    expect(() =>
      figuresFromRows([
        { name: 'А', value: '1' },
        { name: 'А ', value: '2' },
      ]),
    ).toThrow('Показатель «А» указан дважды.');
    expect(linksFromText('https://a.ru/1\n\n  https://b.ru/2  \r\n')).toEqual(['https://a.ru/1', 'https://b.ru/2']);
  });
});

describe('safeHref', () => {
  it('lets only absolute http and https addresses be links', () => {
    expect(safeHref('https://example.ru/отчёт?a=1')).toBe('https://example.ru/%D0%BE%D1%82%D1%87%D1%91%D1%82?a=1');
    expect(safeHref('http://localhost:3000/x')).toBe('http://localhost:3000/x');
    for (const bad of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      '/relative',
      'example.ru',
      '',
    ]) {
      expect(safeHref(bad), bad).toBeNull();
    }
  });
});
