import { describe, expect, it } from 'vitest';
import {
  STATUS_LABELS,
  cleanText,
  councilExecutionText,
  councilTitleText,
  footerText,
  formatRussianDate,
  layoutReport,
  reportColumns,
  sectionHeading,
  splitParagraphs,
  type ReportRow,
} from './report-model.js';
import { edgeCouncilModel, edgePlanModel } from './edge-models.js';
import { sampleCouncilModel, samplePlanModel } from './sample-models.js';

const row = (over: Partial<ReportRow>): ReportRow => ({
  number: '1',
  title: 'Т',
  responsible: 'Минсоц',
  deadline: '',
  execution: '',
  status: null,
  ...over,
});

describe('report layout', () => {
  it('has the columns of the official forms', () => {
    expect(reportColumns('plan').map((c) => c.header)).toEqual([
      '№ п/п',
      'Наименование мероприятия',
      'Ответственный',
      'Сроки исполнения',
      'Информация об исполнении',
      'Статус',
    ]);
    expect(reportColumns('council').map((c) => c.header)).toEqual([
      '№ п/п',
      'Пункт протокола',
      'Содержание поручения',
      'Ответственные',
      'Информация об исполнении',
    ]);
  });

  it('labels statuses in Russian, «Х» for not due', () => {
    expect(STATUS_LABELS).toEqual({
      done: 'Выполнено',
      partial: 'Частично выполнено',
      not_done: 'Не выполнено',
      not_due: 'Х',
    });
  });

  it('lays a plan out as section rows followed by their items', () => {
    const layout = layoutReport(samplePlanModel());
    expect(layout.rows.slice(0, 3)).toEqual([
      { kind: 'section', text: '1. Стратегия развития социальной сферы' },
      expect.objectContaining({ kind: 'item', status: 'done' }),
      expect.objectContaining({ kind: 'item', status: 'partial' }),
    ]);
    const first = layout.rows[1];
    expect(first.kind === 'item' && first.cells[5]).toBe('Выполнено');
    expect(first.kind === 'item' && first.cells[3]).toBe(
      'постоянно,\nдоклад Губернатору Заречной области ежегодно до 1 октября',
    );
  });

  it('puts rows without a section first, so that no section heading claims them on import', () => {
    const layout = layoutReport(edgePlanModel());
    expect(layout.rows[0]).toMatchObject({ kind: 'item', cells: expect.arrayContaining(['1']) });
    expect(layout.rows[1]).toEqual({ kind: 'section', text: 'I. Организационные мероприятия' });
  });

  it('does not repeat a section number the title already carries', () => {
    expect(sectionHeading('plan', { number: 'II', title: 'II. Мониторинг и контроль' })).toBe(
      'II. Мониторинг и контроль',
    );
    expect(sectionHeading('plan', { number: '3', title: 'Поддержка  СО НКО' })).toBe('3. Поддержка СО НКО');
    expect(sectionHeading('plan', { number: '', title: 'Прочие мероприятия' })).toBe('Прочие мероприятия');
    expect(
      sectionHeading('council', { number: '2021-06-30', title: 'Протокол заседания совета от 30 июня 2021 года' }),
    ).toBe('Протокол заседания совета от 30 июня 2021 года');
  });

  it('opens a council execution text with its status, once', () => {
    expect(councilExecutionText('Вопрос включен в повестку', 'done')).toBe('Выполнено.\nВопрос включен в повестку');
    expect(councilExecutionText('Выполнено. Вопрос включен в повестку', 'done')).toBe(
      'Выполнено. Вопрос включен в повестку',
    );
    expect(councilExecutionText('', 'partial')).toBe('Частично выполнено.');
    expect(councilExecutionText('', 'not_due')).toBe('Х');
    expect(councilExecutionText('Работа продолжается', null)).toBe('Работа продолжается');
  });

  it('adds the deadline to a council instruction unless the text states it', () => {
    expect(councilTitleText(row({ title: 'Направить предложения', deadline: 'до 1 мая 2025 года' }))).toBe(
      'Направить предложения\nСрок исполнения: до 1 мая 2025 года',
    );
    expect(
      councilTitleText(
        row({ title: 'Направить предложения (в срок до 1 мая 2025 года)', deadline: 'до 1 мая 2025 года' }),
      ),
    ).toBe('Направить предложения (в срок до 1 мая 2025 года)');
  });

  it('names the protocol of an instruction that stands outside a protocol row', () => {
    const layout = layoutReport(edgeCouncilModel());
    const outside = layout.rows[0];
    const inside = layout.rows[2];
    const stray = layout.rows[3];
    expect(outside.kind === 'item' && outside.cells[1]).toBe('пункт 1\n(протокол от 20.12.2024)');
    expect(inside.kind === 'item' && inside.cells[1]).toBe('подпункт 1\nпункта 2');
    expect(stray.kind === 'item' && stray.cells[1]).toBe('пункт 3\n(протокол от 20.12.2024)');
  });

  it('writes the council sample with protocols as sections', () => {
    const layout = layoutReport(sampleCouncilModel());
    expect(layout.rows.filter((r) => r.kind === 'section')).toEqual([
      { kind: 'section', text: 'Протокол заседания Координационного совета от 30 июня 2024 года' },
      { kind: 'section', text: 'Протокол заседания Координационного совета от 30 марта 2025 года' },
    ]);
  });
});

describe('text helpers', () => {
  it('formats dates the Russian way without shifting time zones', () => {
    expect(formatRussianDate('2025-04-12')).toBe('12 апреля 2025 г.');
    expect(formatRussianDate('2025-07-03T23:30:00-05:00')).toBe('3 июля 2025 г.');
    expect(formatRussianDate('вчера')).toBe('вчера');
  });

  it('keeps paragraphs, drops blank lines and what XML cannot carry', () => {
    expect(splitParagraphs('Минсоц:  выполнено.\r\n\r\n Минобр: \u0007 да\u000bнет')).toEqual([
      'Минсоц: выполнено.',
      'Минобр: да',
      'нет',
    ]);
    expect(cleanText('a\ud800b\ufffe😀')).toBe('ab😀');
  });

  it('prints the period and the generation date in the footer', () => {
    expect(footerText(samplePlanModel())).toBe('I квартал 2025 г. · сформировано 12 апреля 2025 г.');
    expect(footerText({ ...samplePlanModel(), periodLabel: undefined })).toBe('сформировано 12 апреля 2025 г.');
  });
});
