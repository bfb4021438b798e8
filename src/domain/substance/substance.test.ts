/**
 * Rules of the substance check on short texts of the genre (one rule per case). The morphology is
 * the real one (Az.js dictionaries), loaded once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMorphology } from '../../modules/substance/morphology.js';
import { checkSubstance } from './check.js';
import { resolveExecutor } from './parts.js';
import type { Morphology, SubstanceInput } from './types.js';

let morphology: Morphology;
beforeAll(async () => {
  morphology = await loadMorphology();
});

const Y2024 = ['2024-01-01', '2024-12-31'] as const;
const check = (text: string, more: Partial<SubstanceInput> = {}) =>
  checkSubstance({ text, period: Y2024, status: 'done', ...more }, morphology);
const label = (text: string, more: Partial<SubstanceInput> = {}) => check(text, more).label;

describe('formal texts', () => {
  it.each([
    'Работа ведется на постоянной основе.',
    'Осуществляется в установленном порядке.',
    'Информация актуализируется на официальном сайте министерства.',
    'Мероприятие исполнено.',
  ])('%s', (text) => {
    const v = check(text);
    expect(v.label).toBe('formal');
    expect(v.evidence).toEqual([]);
    expect(v.reasons[0]).toBe('В тексте нет ни цифр, ни дат, ни реквизитов документов — отчёт может быть возвращён');
  });

  it('treats «Х» alone as a placeholder', () => {
    const v = check('Х', { status: 'not_due' });
    expect(v).toMatchObject({ label: 'formal', statusConflict: null });
    expect(v.reasons[0]).toMatch(/только «Х»/);
  });
});

describe('documents', () => {
  it('counts an act of the period with number and date, and says so', () => {
    const v = check('Приказом министерства от 14.03.2024 № 112-од утвержден порядок взаимодействия.');
    expect(v.label).toBe('substantive');
    expect(v.evidence[0]).toMatchObject({ kind: 'document' });
    expect(v.evidence[0].text).toContain('от 14.03.2024 № 112-од');
    expect(v.reasons[0]).toMatch(/реквизиты документа/);
  });
  it('counts a bare outgoing letter', () => expect(label('Исх. № А-20-12606 от 21.08.2024')).toBe('substantive'));
  it('does not count an act adopted before the period', () => {
    const v = check('Порядок утвержден постановлением Правительства края от 14.11.2019 № 512-П.');
    expect(v.label).toBe('formal');
    expect(v.rejected.map((r) => r.kind)).toContain('before-period');
  });
  it('does not count an act without number or date', () =>
    expect(label('Приказом министерства утвержден медиа-план.')).toBe('formal'));
  it('does not count an undated legal-basis citation', () =>
    expect(label('В соответствии с распоряжением № 3054-р проведена работа.')).toBe('formal'));
  it('does not read a hospital number as a document number', () =>
    expect(label('Решение принято в ГБУЗ «Городская больница № 11».')).toBe('formal'));
});

describe('dates of events', () => {
  it('counts a date of an event that took place', () =>
    expect(label('Проведение конкурса состоялось 17 декабря 2024 года.')).toBe('substantive'));
  it('counts a month for an event that happened', () =>
    expect(label('Последняя встреча прошла в декабре 2024 года.')).toBe('substantive'));
  it('does not count a planned date', () => {
    const v = check('Открытие центра запланировано на 15 сентября 2024 года.');
    expect(v.label).toBe('formal');
    expect(v.rejected.map((r) => r.kind)).toContain('planned');
  });
  it('does not count a deadline', () => expect(label('Доклад будет направлен до 1 октября 2024 года.')).toBe('formal'));
  it('does not count an event before the period', () =>
    expect(label('Проведено заседание 12 марта 2023 года.')).toBe('formal'));
  it('does not count a year alone (the title restated with the year)', () =>
    expect(label('В 2024 году проведен мониторинг качества услуг.')).toBe('formal'));
  it('does not count a meeting without a date', () =>
    expect(label('Вопрос рассмотрен на заседании межведомственной комиссии.')).toBe('formal'));
  it('gives a year to a date written without one from a one-year period', () =>
    expect(label('27 ноября министерство получило сертификат.')).toBe('substantive'));
});

describe('figures', () => {
  it.each([
    'Проведено 3 семинара, обучение прошли 48 человек.',
    'По состоянию на 1 декабря 2024 года численность волонтеров составляет 38 921 человек.',
    'Количество получателей услуг за 9 месяцев 2024 года – 2 318 человек.',
    '80 % получателей услуг удовлетворены качеством.',
    'В 2024 году субсидии получили 8 организаций на сумму 710 тыс. руб.',
    'Количество волонтеров увеличилось с 820 до 1 105 человек.',
    'Функционирует отделение ранней помощи на 15 мест.',
    'Обеспечено участие граждан в голосовании в количестве\n32 895 человек.',
  ])('counts «%s»', (text) => {
    const v = check(text);
    expect(v.label).toBe('substantive');
    expect(v.evidence.some((e) => e.kind === 'figure' || e.kind === 'date')).toBe(true);
    for (const e of v.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
  });
  it.each([
    ['Грант предоставляется в размере до 500 тыс. рублей на срок до 12 месяцев.', 'parameter'],
    ['Поручительство – от 0,5 % до 1,5 % годовых.', 'parameter'],
    ['В городе проживает 1493 человека с инвалидностью.', 'context'],
    ['Семинары проводятся ежеквартально, в каждом участвуют 30 специалистов.', 'habitual'],
    ['В 2023 году услуги получили 83 ребенка.', 'before-period'],
    ['В 2025 году планируется обучить 120 человек.', 'planned'],
    ['Показатель на 2025 год – 75 %.', 'planned'],
    ['Определено 7 жизненных ситуаций.', 'parameter'],
  ])('does not count «%s» (%s)', (text, kind) => {
    const v = check(text);
    expect(v.label).toBe('formal');
    expect(v.rejected.map((r) => r.kind)).toContain(kind);
  });
  it('ignores numbers in names, list numbers, phone numbers and ages', () => {
    expect(label('Проект «Айдентика 11 кадров» реализуется.')).toBe('formal');
    expect(label('1) Минэконом: поддержка оказывается.')).toBe('formal');
    expect(label('Телефон горячей линии 8 (8512) 52-49-30 работает с 9 до 18 часов.')).toBe('formal');
  });
  it('reads the time a figure is about from its own clause', () => {
    const v = check(
      'Количество волонтёров на конец декабря 2023 года составляло 9 000 человек, на 1 декабря 2024 года численность составляет 38 921 человек.',
    );
    expect(v.label).toBe('substantive');
    expect(v.evidence.map((e) => e.text).join(' ')).toContain('38 921');
    expect(v.evidence.map((e) => e.text).join(' ')).not.toContain('9 000');
  });
  it('lets a paragraph carry its time to the next sentence', () => {
    expect(label('В течение 2023 года реализован проект. Участниками проекта стали более 200 студентов.')).toBe(
      'formal',
    );
  });
});

describe('objects and named events', () => {
  it('counts a thing made at a named institution', () =>
    expect(label('В ГУЗ «ДКМЦ г. Читы» установлено электронное информационное табло.')).toBe('substantive'));
  it('does not count the performer restating the title', () => {
    expect(
      label('КГУ «Краевой центр занятости» осуществил внедрение принципов бережливого производства.', {
        title: 'Внедрение принципов бережливого производства',
      }),
    ).toBe('formal');
  });
  it('counts a named event of the period', () =>
    expect(label('В 2024 году проведен первый Дальневосточный форум волонтеров.')).toBe('substantive'));
  it('does not count a named event that only restates the title', () => {
    expect(
      label('В 2024 году проведен конкурс «Лучший социальный проект».', {
        title: 'Проведение конкурса «Лучший социальный проект»',
      }),
    ).toBe('formal');
  });
});

describe("executors' parts", () => {
  const executors = ['Минсоц', 'Минздрав', 'Минобр'];
  it('marks the formal parts of a multi-executor text', () => {
    const v = check(
      'Минсоц: в 2024 году проведено 6 приемов, принято 214 обращений.\nМинздрав: работа ведется на постоянной основе.\nМинобр: информация размещена на сайте.',
      { executors },
    );
    expect(v.label).toBe('partial');
    expect(v.formalExecutors).toEqual(['Минздрав', 'Минобр']);
    expect(v.reasons[0]).toMatch(/Минздрав, Минобр/);
  });
  it('attributes the unlabelled lead to the first executor without a part of its own', () => {
    const v = check(
      'Работа осуществляется в постоянном режиме.\nМинздрав: проведено 38 выездов, осмотрено 1 540 жителей.',
      { executors },
    );
    expect(v.parts.map((p) => p.executor)).toEqual(['Минсоц', 'Минздрав']);
    expect(v.formalExecutors).toEqual(['Минсоц']);
  });
  it('ignores silent executors and is formal when every part is formal', () => {
    expect(label('Минсоц: ведется работа.\nМинобр: осуществляется в установленном порядке.', { executors })).toBe(
      'formal',
    );
  });
  it('never calls a single-executor row partial', () => {
    expect(
      label('Осуществляется на постоянной основе.\nМинобр:\nЗарегистрировано более 1,1 тыс. учреждений.', {
        executors: ['Минобр'],
      }),
    ).toBe('substantive');
  });
  it('ignores a part written by a body that is not an executor', () => {
    expect(
      label('Минсоц: проведено 2 заседания (12.03.2024, 10.10.2024).\nМинкульт: информация размещается на портале.', {
        executors: ['Минсоц', 'Минздрав'],
      }),
    ).toBe('substantive');
  });
  it('recognises actor paragraphs («Минздрав предлагает …»)', () => {
    const v = check('Минздрав предлагает создать единую базу данных.\nМинобр: в 2024 году 42 педагога прошли курсы.', {
      executors: ['Минздрав', 'Минобр'],
    });
    expect(v.formalExecutors).toEqual(['Минздрав']);
  });
  it('matches ministry names the way the genre shortens them', () => {
    expect(resolveExecutor('Минкульт', ['Минсоц', 'Минкультуры'])).toBe('Минкультуры');
    expect(resolveExecutor('Министерство социальной защиты населения', ['Минсоцзащиты', 'Минобразования'])).toBe(
      'Минсоцзащиты',
    );
    expect(
      resolveExecutor('МинЖКХ', ['Минсоц', 'Министерство жилищно-коммунального хозяйства и энергетики края']),
    ).toBe('Министерство жилищно-коммунального хозяйства и энергетики края');
    expect(
      resolveExecutor('Минобразования', [
        'Министерство образования Омской области (далее – Минобразования)',
        'Минтруд',
      ]),
    ).toBe('Министерство образования Омской области (далее – Минобразования)');
    expect(resolveExecutor('Минспорт', ['Минсоц', 'Минобр'])).toBeNull();
  });
});

describe('status conflicts', () => {
  const conflict = (text: string, status: SubstanceInput['status']) =>
    check(text, { status }).statusConflict?.kind ?? null;
  it('«Выполнено» but postponed, cancelled or not held', () => {
    expect(conflict('Заседание совета перенесено на I квартал 2025 года.', 'done')).toBe('done-but-not-held');
    expect(conflict('Фестиваль отменен в связи с эпидемиологической обстановкой.', 'done')).toBe('done-but-not-held');
    expect(conflict('Мероприятие не проведено в связи с отсутствием финансирования.', 'done')).toBe(
      'done-but-not-held',
    );
  });
  it('«Выполнено» with only a part of the plan', () => {
    expect(conflict('Проведено 3 из 5 запланированных семинаров.', 'done')).toBe('done-but-partly');
    expect(conflict('Плановое значение – 120 человек, фактически обучено 87 человек.', 'done')).toBe('done-but-partly');
    expect(conflict('Выполнено частично: паспорта актуализированы в 9 учреждениях из 15.', 'done')).toBe(
      'done-but-partly',
    );
    expect(conflict('Проведено 2 из 4 заседаний, остальные перенесены на 2025 год.', 'done')).toBe('done-but-partly');
    expect(conflict('Ресурсные центры работают в 12 из 18 районов.', 'done')).toBeNull();
  });
  it('«Не выполнено» while the text reports completion', () => {
    expect(conflict('Мероприятие выполнено в полном объеме: 12 марта 2024 года проведен семинар.', 'not_done')).toBe(
      'not-done-but-completed',
    );
  });
  it('an empty mark next to a result', () => {
    const v = check('В 2024 году проведено 7 рейдов, выявлено 19 семей.', { status: null });
    expect(v.statusConflict?.kind).toBe('empty-status-with-result');
    expect(v.reasons.at(-1)).toMatch(/Статус не отмечен/);
  });
  it('no conflict where the text explains or does not contradict the mark', () => {
    expect(conflict('Работа ведется на постоянной основе.', 'done')).toBeNull();
    expect(
      conflict('На 16 января 2025 года работы не проведены, т. к. ожидается принятие акта.', 'not_done'),
    ).toBeNull();
    expect(
      conflict('Минсоц: заседание перенесено на 2025 год.\nМинкульт: мероприятие выполнено в полном объеме.', 'done'),
    ).toBeNull();
    expect(conflict('Сведения перенесены в информационную систему, загружено 48 312 записей.', 'done')).toBeNull();
    expect(conflict('Работа ведется.', null)).toBeNull();
    expect(conflict('Планируется в 2025 году.', 'not_due')).toBeNull();
  });
});

describe('forms of the genre', () => {
  it('reads counts written in words', () => {
    expect(label('Проведено два заседания Совета, обучено пять специалистов.')).toBe('substantive');
    expect(label('Проведено несколько заседаний Совета.')).toBe('formal');
  });
  it('reads «"15" марта 2024 г.», a month without a year and «N» for «№»', () => {
    expect(label('Заседание состоялось «15» марта 2024 г.')).toBe('substantive');
    expect(label('Акция прошла в декабре во всех районах.')).toBe('substantive');
    expect(label('Ежегодно в декабре проводится акция.')).toBe('formal');
    expect(check('Порядок утвержден приказом министерства N 45-од.').evidence[0]?.kind).toBe('document');
  });
  it('reads a part headed with a dash («Минздрав – …»)', () => {
    const v = check('Минсоц – проведено 4 семинара, обучено 96 человек.\nМинздрав – работа ведется.', {
      executors: ['Минсоц', 'Минздрав'],
    });
    expect(v).toMatchObject({ label: 'partial', formalExecutors: ['Минздрав'] });
  });
});

describe('robustness', () => {
  it('never throws on odd input and keeps evidence inside the text', () => {
    const odd = [
      '',
      '   ',
      '.',
      '№',
      '«',
      '1.2.3.4',
      'до 5 до 6 до',
      'Минсоц:',
      ':\n:\n:',
      '(((',
      '2024 2025 2026',
      'x'.repeat(5000),
      'Проведено 3 заседания. '.repeat(300),
    ];
    for (const text of odd) {
      const v = check(text, { executors: ['Минсоц', 'Минобр'], period: null, status: null });
      for (const e of v.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
    }
  });
});
