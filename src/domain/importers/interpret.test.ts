import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { interpret } from './interpret.js';
import type { RawBlock, RawDocument } from './raw-document.js';

const p = (text: string): RawBlock => ({ type: 'paragraph', text });
const t = (...rows: Array<string[] | { cells: string[]; spans: number[] }>): RawBlock => ({
  type: 'table',
  rows: rows.map((r) => (Array.isArray(r) ? { cells: r } : r)),
});
const doc = (...blocks: RawBlock[]): RawDocument => ({ blocks });

describe('interpret', () => {
  it('refuses a document without a recognisable table', () => {
    const run = () => interpret(doc(p('План'), p('Просто текст без таблицы')));
    expect(run).toThrow(DomainError);
    try {
      run();
    } catch (e) {
      expect((e as DomainError).code).toBe('import.no_table');
      expect((e as DomainError).kind).toBe('validation');
      expect((e as DomainError).message).toMatch(/таблица/);
    }
  });

  it('maps columns by header in any order, with extra columns and a column-number row', () => {
    const r = interpret(
      doc(
        p('План мероприятий на 2025 год'),
        t(
          [
            'Ожидаемый результат',
            'Примечание',
            'Ответственный исполнитель',
            'Наименование мероприятия',
            '№ п/п',
            'Объем финансирования, тыс. руб.',
            'Срок исполнения',
          ],
          ['1', '2', '3', '4', '5', '6', '7'],
          ['Доклад', 'нет', 'Минтруд', 'Анализ обращений граждан', '1.', '0', 'ежеквартально'],
        ),
      ),
    );
    expect(r.items).toEqual([
      {
        number: '1',
        section: null,
        title: 'Анализ обращений граждан',
        executorsText: 'Минтруд',
        executors: ['Минтруд'],
        deadlineText: 'ежеквартально',
        expectedResult: 'Доклад',
        form: '',
        executionText: '',
        status: null,
        protocolItem: '',
      },
    ]);
    expect(r.period).toEqual(['2025-01-01', '2025-12-31']);
    expect(r.kind).toBe('plan');
  });

  it('reads a spanning row as a section and numbers an unnumbered one after its items', () => {
    const r = interpret(
      doc(
        t(
          ['№', 'Мероприятие', 'Срок', 'Исполнитель'],
          { cells: ['Организационные мероприятия'], spans: [4] },
          ['2.1', 'Создание рабочей группы', 'март 2025 г.', 'Минтруд'],
          { cells: ['III. Информирование населения'], spans: [4] },
          ['3.1', 'Публикации в СМИ', 'постоянно', 'Минтруд'],
        ),
      ),
    );
    expect(r.sections).toEqual([
      { number: '2', title: 'Организационные мероприятия' },
      { number: 'III', title: 'Информирование населения' },
    ]);
    expect(r.items.map((i) => i.section)).toEqual(['2', 'III']);
  });

  it('continues a table broken by a heading paragraph, which becomes a section', () => {
    const r = interpret(
      doc(
        t(['№', 'Мероприятие', 'Срок', 'Исполнитель'], ['1.1', 'Совещание', '2025 год', 'Минтруд']),
        p('2. Информационное сопровождение'),
        t(['2.1', 'Публикации', 'постоянно', 'Минтруд'], ['2.2', 'Семинары', 'ежегодно', 'Минтруд']),
      ),
    );
    expect(r.sections).toEqual([{ number: '2', title: 'Информационное сопровождение' }]);
    expect(r.items.map((i) => [i.number, i.section])).toEqual([
      ['1.1', null],
      ['2.1', '2'],
      ['2.2', '2'],
    ]);
  });

  it('glues a row broken across a page cell by cell', () => {
    const r = interpret(
      doc(
        t(
          ['№', 'Мероприятие', 'Срок', 'Исполнитель'],
          ['1', 'Организация работы', 'до 1 марта', 'Министерство социального'],
          ['', 'горячей линии', '2025 года', 'развития (по согласованию)'],
        ),
      ),
    );
    expect(r.items[0]).toMatchObject({
      title: 'Организация работы горячей линии',
      deadlineText: 'до 1 марта 2025 года',
      executorsText: 'Министерство социального развития (по согласованию)',
    });
  });

  it('reads indicators under a two-row header', () => {
    const r = interpret(
      doc(
        t(
          ['№', 'Наименование показателя', 'Значение по годам', '', ''],
          ['', '', '2024', '2025', '2026'],
          ['1', 'Доля НКО, получивших поддержку', '10,5', '12', '15'],
        ),
        t(['№', 'Мероприятие', 'Исполнитель'], ['1', 'Конкурс', 'Минтруд']),
      ),
    );
    expect(r.indicators).toEqual([
      { number: '1', name: 'Доля НКО, получивших поддержку', values: { '2024': '10,5', '2025': '12', '2026': '15' } },
    ]);
    expect(r.items).toHaveLength(1);
  });

  it('tells plan and fact apart under a merged year header', () => {
    const r = interpret(
      doc(
        t(
          { cells: ['№', 'Наименование показателя', '2024 год', '2025 год'], spans: [1, 1, 2, 2] },
          ['', '', 'план', 'факт', 'план', 'факт'],
          ['1', 'Число добровольцев, тыс. человек', '40', '41,2', '43', ''],
        ),
      ),
    );
    expect(r.indicators[0].values).toEqual({ '2024 план': '40', '2024 факт': '41,2', '2025 план': '43' });
  });

  it('takes the status from the execution text when there is no status column, and warns about duplicates', () => {
    const r = interpret(
      doc(
        t(
          ['№', 'Мероприятие', 'Исполнитель', 'Информация об исполнении'],
          ['1', 'Совещание', 'Минтруд', 'Выполнено. Проведено 12 марта'],
          ['1', 'Семинар', 'Минтруд', 'Частично выполнено'],
          ['2', 'Публикации', '', 'В работе'],
        ),
      ),
    );
    expect(r.kind).toBe('report');
    expect(r.items.map((i) => i.status)).toEqual(['done', 'partial', null]);
    expect(r.warnings).toContain('Номер 1 встречается 2 раза');
    expect(r.warnings).toContain('Мероприятие 2: не указан исполнитель');
  });

  it('reads numbers written in the title when there is no number column, and joins co-executor columns', () => {
    const r = interpret(
      doc(
        t(
          ['Наименование мероприятия', 'Ответственный исполнитель', 'Соисполнители', 'Срок'],
          ['1.1. Совещание с главами районов', 'Минтруд', 'Минздрав; ОМСУ (по согласованию)', 'ежегодно'],
        ),
      ),
    );
    expect(r.items[0]).toMatchObject({
      number: '1.1',
      title: 'Совещание с главами районов',
      executorsText: 'Минтруд, Минздрав; ОМСУ (по согласованию)',
      executors: ['Минтруд', 'Минздрав', 'ОМСУ (по согласованию)'],
    });
  });

  it('finds the approval block in a layout table next to a «СОГЛАСОВАНО» block', () => {
    const r = interpret(
      doc(
        t(
          ['СОГЛАСОВАНО', 'УТВЕРЖДАЮ'],
          ['Председатель совета', 'Министр труда'],
          ['_______ В.В. Орлов', '_______ Н.Н. Зимина'],
          ['«10» января 2025 г.', '«12» января 2025 г.'],
        ),
        p('ПЛАН мероприятий на 2025-2026 годы'),
        t(['№', 'Мероприятие', 'Исполнитель'], ['1', 'Конкурс', 'Минтруд']),
      ),
    );
    expect([r.approvedOn, r.approvedByName, r.title, r.period]).toEqual([
      '2025-01-12',
      'Н.Н. Зимина',
      'ПЛАН мероприятий на 2025-2026 годы',
      ['2025-01-01', '2026-12-31'],
    ]);
  });

  it('reads an approval block set in a column beside a «СОГЛАСОВАНО» block with spaces', () => {
    const r = interpret(
      doc(
        p('СОГЛАСОВАНО                              УТВЕРЖДАЮ'),
        p('Председатель совета                      Министр труда'),
        p('                                         Тихоморского края'),
        p('_______ В.В. Орлов                       _______ Н.Н. Зимина'),
        p('«10» января 2025 г.                      «12» января 2025 г.'),
        p('ПЛАН мероприятий на 2025 год'),
        t(['№', 'Мероприятие', 'Исполнитель'], ['1', 'Конкурс', 'Минтруд']),
      ),
    );
    expect([r.approvedOn, r.approvedByName, r.title]).toEqual([
      '2025-01-12',
      'Н.Н. Зимина',
      'ПЛАН мероприятий на 2025 год',
    ]);
  });

  it('recognises a council report by its protocol column and protocol rows', () => {
    const r = interpret(
      doc(
        t(
          ['№', 'Пункт протокола', 'Поручение', 'Ответственные', 'Информация об исполнении'],
          ['Протокол заседания комиссии от 5 мая 2023 года'],
          ['1', 'пункт 1.2', 'Подготовить доклад', 'Минтруд', 'Выполнено'],
        ),
      ),
    );
    expect(r.kind).toBe('council_decisions');
    expect(r.sections).toEqual([{ number: '2023-05-05', title: 'Протокол заседания комиссии от 5 мая 2023 года' }]);
    expect(r.items[0]).toMatchObject({ section: '2023-05-05', protocolItem: 'пункт 1.2', status: 'done' });
  });

  it('reads «Раздел N» rows as sections, and a plan with an empty execution column stays a plan', () => {
    const r = interpret(
      doc(
        t(
          ['№ п/п', 'Мероприятие', 'Срок', 'Исполнитель', 'Отметка об исполнении'],
          ['Раздел 1', 'Нормативное обеспечение', '', '', ''],
          ['1', 'Порядок предоставления субсидий', 'март 2025', 'Минфин', ''],
        ),
      ),
    );
    expect(r.sections).toEqual([{ number: '1', title: 'Нормативное обеспечение' }]);
    expect(r.items[0]).toMatchObject({ number: '1', section: '1' });
    expect(r.kind).toBe('plan');
  });

  it('takes a council report from its title when protocols are not marked', () => {
    const r = interpret(
      doc(
        p('Информация об исполнении поручений Координационного совета по делам НКО'),
        t(
          ['№', 'Поручение', 'Исполнитель', 'Информация об исполнении'],
          ['1', 'Подготовить доклад', 'Минтруд', 'Выполнено'],
        ),
      ),
    );
    expect(r.kind).toBe('council_decisions');
  });

  it('reads one table per section, each under its own heading, with the same header', () => {
    const header = ['№', 'Мероприятие', 'Срок', 'Исполнитель'];
    const r = interpret(
      doc(
        p('План мероприятий на 2025 год'),
        p('1. Организационные мероприятия'),
        t(header, ['1.1', 'Рабочая группа', 'март', 'Минтруд']),
        p('2. Информирование'),
        t(header, ['2.1', 'Публикации', 'постоянно', 'Минтруд']),
      ),
    );
    expect(r.sections).toEqual([
      { number: '1', title: 'Организационные мероприятия' },
      { number: '2', title: 'Информирование' },
    ]);
    expect(r.items.map((i) => i.section)).toEqual(['1', '2']);
  });

  it('does not glue rows of an unnumbered table, nor a total row onto an indicator', () => {
    const r = interpret(
      doc(
        t(
          ['№', 'Мероприятие', 'Исполнитель'],
          ['', 'Совещание', 'Минтруд'],
          ['', 'Семинар', 'Минздрав'],
          ['', '', 'и Минобр'],
        ),
        t(['№', 'Наименование показателя', '2024', '2025'], ['1', 'Число НКО', '10', '12'], ['', 'Итого', '10', '12']),
      ),
    );
    expect(r.items.map((i) => [i.number, i.title, i.executorsText])).toEqual([
      ['1', 'Совещание', 'Минтруд'],
      ['2', 'Семинар', 'Минздрав и Минобр'],
    ]);
    expect(r.indicators.map((i) => i.name)).toEqual(['Число НКО', 'Итого']);
  });

  it('reads a status cell with a note after the status', () => {
    const r = interpret(
      doc(
        t(
          ['№', 'Мероприятие', 'Исполнитель', 'Статус'],
          ['1', 'Совещание', 'Минтруд', 'Выполнено 12.03.2024'],
          ['2', 'Семинар', 'Минтруд', 'Не выполнено (перенос срока)'],
        ),
      ),
    );
    expect(r.items.map((i) => i.status)).toEqual(['done', 'not_done']);
  });

  it('warns about numbering that jumps, but not about a range or a new level', () => {
    const r = interpret(
      doc(
        t(
          ['№', 'Мероприятие', 'Исполнитель'],
          ['3', 'Оценка', 'Минтруд'],
          ['3.1', 'Перечень', 'Минтруд'],
          ['4.2', 'Задание', 'Минтруд'],
          ['4.3–4.8', 'Анализ', 'Минтруд'],
          ['4.9', 'Отчет', 'Минтруд'],
          ['5', 'Итоги', 'Минтруд'],
        ),
      ),
    );
    expect(r.warnings.filter((w) => w.startsWith('Нумерация'))).toEqual(['Нумерация: после 3.1 идёт 4.2']);
  });

  it('leaves an «Приложение … к распоряжению … от … №» reference out of the title', () => {
    const r = interpret(
      doc(
        p('Приложение № 2'),
        p('к распоряжению Правительства'),
        p('Тихоморского края'),
        p('от 12.03.2024 № 45-рп'),
        p('ПЛАН'),
        p('мероприятий на 2024-2025 годы'),
        t(['№', 'Мероприятие', 'Исполнитель'], ['1', 'Конкурс', 'Минтруд']),
      ),
    );
    expect(r.title).toBe('ПЛАН мероприятий на 2024-2025 годы');
    expect(r.period).toEqual(['2024-01-01', '2025-12-31']);
  });

  it('warns about an empty title', () => {
    const r = interpret(doc(t(['№', 'Мероприятие', 'Исполнитель'], ['1', 'Конкурс', 'Минтруд'])));
    expect(r.warnings).toContain('Не найден заголовок документа');
  });
});
