import { describe, expect, it } from 'vitest';
import { extractAbbreviations } from './abbreviations.js';
import { parseApproval } from './approval.js';
import { classifyHeader, isColumnNumbersRow, isHeaderRow, valueLabel } from './columns.js';
import { findDate } from './dates.js';
import { phraseToNominative } from './nominative.js';
import { parseItemNumber } from './numbering.js';
import { parsePeriod } from './period.js';
import { parseSectionHeading } from './sections.js';
import { parseExecutor, splitExecutors } from './split-executors.js';
import { parseStatus, statusFromExecutionText } from './status.js';

describe('splitExecutors', () => {
  it.each([
    ['Минсоц, Минобр. Минздрав, Минспорт', ['Минсоц', 'Минобр', 'Минздрав', 'Минспорт']],
    [
      'Главы администраций районов; общественные палаты; некоммерческие организации',
      ['Главы администраций районов', 'общественные палаты', 'некоммерческие организации'],
    ],
    [
      '«Рабочая группа по отбору территорий, подлежащих благоустройству», муниципальные образования',
      ['«Рабочая группа по отбору территорий, подлежащих благоустройству»', 'муниципальные образования'],
    ],
    [
      'АНО «Диалог Регионы» - «Центр управления регионом», Минсоц',
      ['АНО «Диалог Регионы» - «Центр управления регионом»', 'Минсоц'],
    ],
    [
      'Минсоц, Министерство жилищно-коммунального хозяйства, энергетики, цифровизации и связи Забайкальского края',
      ['Минсоц', 'Министерство жилищно-коммунального хозяйства, энергетики, цифровизации и связи Забайкальского края'],
    ],
    [
      'Комитет по местному самоуправлению, межнациональным и межконфессиональным отношениям Ленинградской области; главы администраций',
      [
        'Комитет по местному самоуправлению, межнациональным и межконфессиональным отношениям Ленинградской области',
        'главы администраций',
      ],
    ],
    [
      'Министерство образования, органы местного самоуправления Омской области',
      ['Министерство образования', 'органы местного самоуправления Омской области'],
    ],
    ['Минсоц, подведомственные организации', ['Минсоц', 'подведомственные организации']],
    ['Организации, подведомственные министерству, Минтруд', ['Организации, подведомственные министерству', 'Минтруд']],
    ['Матузова Е.Э. Начальники отделов министерства', ['Матузова Е.Э.', 'Начальники отделов министерства']],
    ['О.А. Петелин, ГУЗ «ДКМЦ г. Читы»', ['О.А. Петелин', 'ГУЗ «ДКМЦ г. Читы»']],
    [
      'Минтруд (отв.), Совет муниципальных образований (по согласованию)',
      ['Минтруд (отв.)', 'Совет муниципальных образований (по согласованию)'],
    ],
    ['', []],
  ])('%s', (text, expected) => {
    expect(splitExecutors(text)).toEqual(expected);
  });

  it('exposes «(по согласованию)» and drops an abbreviation definition from the name', () => {
    expect(parseExecutor('Совет муниципальных образований (по согласованию)')).toEqual({
      name: 'Совет муниципальных образований',
      byAgreement: true,
    });
    expect(parseExecutor('Министерство труда Омской области (далее – Минтруд)')).toEqual({
      name: 'Министерство труда Омской области',
      byAgreement: false,
    });
  });
});

describe('statuses', () => {
  it.each([
    ['Выполнено', 'done'],
    ['Выполнено\nВыполнено', 'done'],
    ['Не выполнено', 'not_done'],
    ['Не выполнен', 'not_done'],
    ['Частично выполнено', 'partial'],
    ['Выполнено частично', 'partial'],
    ['Х', 'not_due'],
    ['X', 'not_due'],
    ['', null],
    ['Выполнение', null],
    ['в работе', null],
  ])('parseStatus(%j) = %j', (cell, expected) => {
    expect(parseStatus(cell)).toBe(expected);
  });
  it('reads a status at the start of an execution text', () => {
    expect(statusFromExecutionText('Выполнено.\nВопрос включен в повестку')).toBe('done');
    expect(statusFromExecutionText('Не выполнено. Срок перенесен')).toBe('not_done');
    expect(statusFromExecutionText('Исполнено. Письмо направлено')).toBe('done');
    expect(statusFromExecutionText('Частично исполнено: 3 из 5')).toBe('partial');
    expect(statusFromExecutionText('Исполняется')).toBeNull();
    expect(statusFromExecutionText('Х')).toBe('not_due');
    expect(statusFromExecutionText('Хорошие результаты')).toBeNull();
    expect(statusFromExecutionText('Проведено 3 заседания')).toBeNull();
  });
});

describe('numbers, dates, periods, approval', () => {
  it('parses item numbers', () => {
    expect(parseItemNumber('1.1.')?.number).toBe('1.1');
    expect(parseItemNumber('12.1 12.8')?.number).toBe('12.1–12.8');
    expect(parseItemNumber('3.1-3.4')?.number).toBe('3.1–3.4');
    expect(parseItemNumber('IV.')).toMatchObject({ number: 'IV', kind: 'roman', levels: [4] });
    expect(parseItemNumber('2а')?.number).toBe('2а');
    expect(parseItemNumber('Стратегия')).toBeNull();
    expect(parseItemNumber('2024')).toBeNull();
  });
  it('finds dates in words and digits', () => {
    expect(findDate('«28» декабря 2016 г')).toBe('2016-12-28');
    expect(findDate('“03” февраля 2021 год')).toBe('2021-02-03');
    expect(findDate('Протокол от 1 мая 2022 года')).toBe('2022-05-01');
    expect(findDate('от 16.09.2016 № 593-р')).toBe('2016-09-16');
    expect(findDate('«__» ________ 2020 г.')).toBeNull();
    expect(findDate('«5»марта 2024 г.')).toBe('2024-03-05');
    expect(findDate('31 февраля 2020')).toBeNull();
  });
  it.each([
    ['на период 2022-2024 годов', ['2022-01-01', '2024-12-31']],
    ['в 2024 - 2025 годы', ['2024-01-01', '2025-12-31']],
    ['на 2025–2027 годы', ['2025-01-01', '2027-12-31']],
    ['на период с 2021 по 2025 год', ['2021-01-01', '2025-12-31']],
    ['на 2023 год', ['2023-01-01', '2023-12-31']],
    ['на 2024 год и на плановый период 2025 и 2026 годов', ['2024-01-01', '2026-12-31']],
    ['Стратегия развития до 2030 года', null],
    ['План мероприятий', null],
  ])('parsePeriod(%j)', (title, expected) => {
    expect(parsePeriod(title)).toEqual(expected);
  });
  it('reads an approval block signed by a person or approved by an act', () => {
    expect(
      parseApproval(['УТВЕРЖДАЮ', 'Министр', '______ Петелин О. А.', '«28» декабря 2016 г', 'План']),
    ).toMatchObject({ approvedOn: '2016-12-28', approvedByName: 'Петелин О. А.' });
    expect(parseApproval(['УТВЕРЖДЕН', 'распоряжением Губернатора', 'от 16.09.2016 № 593-р'])).toMatchObject({
      approvedOn: '2016-09-16',
      approvedByName: null,
    });
    expect(parseApproval(['План мероприятий'])).toBeNull();
    expect(parseApproval(['УТВЕРЖДАЮ', 'Губернатор', '«1» марта 2024 г.', 'А.Б. Смирнов'])).toMatchObject({
      approvedOn: '2024-03-01',
      approvedByName: 'А.Б. Смирнов',
      end: 3,
    });
  });
});

describe('headers and sections', () => {
  it.each([
    ['№ п/п', 'number'],
    ['Наименование мероприятия', 'title'],
    ['Содержание поручения', 'title'],
    ['Ответственный исполнитель', 'executors'],
    ['Исполнитель (соисполнители)', 'executors'],
    ['Срок исполнения', 'deadline'],
    ['Дата проведения/ периодичность', 'deadline'],
    ['Ожидаемый результат', 'expectedResult'],
    ['Форма реализации', 'form'],
    ['Информация об исполнении', 'execution'],
    ['Исполнение', 'execution'],
    ['Выполнено/Не выполнено/Частично выполнено', 'status'],
    ['Пункт протокола', 'protocolItem'],
    ['Примечание', 'note'],
    ['2022 г.', 'value'],
    ['Единица измерения', 'unit'],
    ['Целевые показатели', 'title'],
    ['Ожидаемые результаты реализации мероприятия', 'expectedResult'],
    ['Фактическое значение', 'value'],
    ['Плановое значение показателя', 'value'],
    ['Отметка о выполнении мероприятия', 'execution'],
    ['Ответственные за исполнение', 'executors'],
    ['Срок реализации (выполнения)', 'deadline'],
    ['Источник финансирования', 'other'],
  ])('classifyHeader(%j) = %j', (label, role) => {
    expect(classifyHeader(label)).toBe(role);
  });
  it('tells header rows and column-number rows', () => {
    expect(isHeaderRow(['', 'Мероприятия', 'Форма реализации', 'Сроки исполнения', 'Ответственные исполнители'])).toBe(
      true,
    );
    expect(isHeaderRow(['1', 'Проведение мероприятий по плану', 'ежегодно', 'Министерство'])).toBe(false);
    expect(isColumnNumbersRow(['1', '2', '3', '4'])).toBe(true);
    expect(isColumnNumbersRow(['1', 'Совещание', '3'])).toBe(false);
    expect(valueLabel('2019-2021 гг. (отчёт)')).toBe('2019-2021');
    expect(valueLabel('2022 г.')).toBe('2022');
  });
  it('reads section headings', () => {
    expect(parseSectionHeading('12.  Программа помощи семьям')).toEqual({
      number: '12',
      title: 'Программа помощи семьям',
      isProtocol: false,
    });
    expect(parseSectionHeading('II. План мероприятий')).toMatchObject({ number: 'II', title: 'План мероприятий' });
    expect(parseSectionHeading('Раздел 3. Кадры')).toMatchObject({ number: '3', title: 'Кадры' });
    expect(parseSectionHeading('Протокол заседания Координационного совета от 30 июня 2021 года')).toMatchObject({
      number: '2021-06-30',
      isProtocol: true,
    });
    expect(parseSectionHeading('Организационные мероприятия')).toMatchObject({ number: null });
    expect(parseSectionHeading('Решения заседания Совета (протокол от 12.04.2023 № 2)')).toMatchObject({
      number: '2023-04-12',
      isProtocol: true,
    });
    expect(parseSectionHeading('2. Подготовка к заседанию Совета 15 мая 2024 года')).toMatchObject({
      number: '2',
      isProtocol: false,
    });
  });
});

describe('abbreviations', () => {
  it("puts an acronym's name into the nominative", () => {
    expect(phraseToNominative(['Омскую', 'региональную', 'общественную', 'организацию'])).toBe(
      'Омская региональная общественная организация',
    );
    expect(phraseToNominative(['Государственного', 'автономного', 'учреждения'])).toBe(
      'Государственное автономное учреждение',
    );
    expect(phraseToNominative(['областного', 'центра'])).toBe('областной центр');
    expect(phraseToNominative(['социально', 'ориентированных', 'некоммерческих', 'организаций'])).toBe(
      'социально ориентированные некоммерческие организации',
    );
  });
  it('reads «(далее – …)» definitions of every shape', () => {
    expect(
      extractAbbreviations([
        'ИНФОРМАЦИЯ об исполнении решений Координационного совета по обеспечению доступа организаций к услугам (далее – Координационный совет)',
        'Министерство образования Тихоморского края (далее – Минобр), Министерство по делам молодежи, физической культуры и спорта Тихоморского края (далее – Минспорт)',
        'направить в Тихоморскую региональную общественную организацию "Центр гражданских инициатив" (далее – ЦГИ) сведения',
        'в пределах территории органа местного самоуправления (далее – ОМСУ)',
        'поддержка субъектов малого и среднего предпринимательства (далее-МСП)',
        'в соответствии с Федеральным законом от 28.12.2013 № 442-ФЗ (далее – Закон)',
        'Совет (далее – Совет)',
        'бюджетное учреждение Омской области «Комплексный центр социального обслуживания населения» (далее – БУ «КЦСОН»)',
        'в информационно-телекоммуникационной сети «Интернет» (далее – сеть «Интернет»)',
        'Региональным ресурсным центром поддержки добровольчества (далее – Ресурсным центром)',
      ]),
    ).toEqual({
      'Координационный совет': 'Координационный совет по обеспечению доступа организаций к услугам',
      Минобр: 'Министерство образования Тихоморского края',
      Минспорт: 'Министерство по делам молодежи, физической культуры и спорта Тихоморского края',
      ЦГИ: 'Тихоморская региональная общественная организация "Центр гражданских инициатив"',
      ОМСУ: 'орган местного самоуправления',
      МСП: 'малое и среднее предпринимательство',
      Закон: 'Федеральный закон от 28.12.2013 № 442-ФЗ',
      'БУ «КЦСОН»': 'бюджетное учреждение Омской области «Комплексный центр социального обслуживания населения»',
      'сеть «Интернет»': 'информационно-телекоммуникационная сеть «Интернет»',
      'Ресурсным центром': 'Региональный ресурсный центр поддержки добровольчества',
    });
  });
});
