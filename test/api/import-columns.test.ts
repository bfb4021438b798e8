/**
 * Issue 18: a document no reading places is kept unread with what the reader found; a
 * coordinator points at the header row and says which column is which; the document is
 * read that way, and the organisation's next document of the same shape reads by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';
import { uploadImport } from '../helpers/multipart';

/** Column names nobody's reader knows («Что делаем», «Когда», «Кто»). */
const tasks = (rows: string[][]) =>
  Buffer.from(
    [
      'Перечень задач отдела поддержки НКО на 2026 год',
      '',
      'Шаг\tЧто делаем\tКогда\tКто\tЧто получим',
      ...rows.map((r) => r.join('\t')),
    ].join('\n'),
  );
const FIRST = tasks([
  ['1', 'Собрать заявки от НКО на субсидии', 'январь 2026 г.', 'Минсоцзащиты', 'Реестр заявок'],
  ['2', 'Провести конкурс социальных проектов', 'март 2026 г.', 'Минсоцзащиты, Минэкономразвития', 'Протокол комиссии'],
]);
const SECOND = tasks([['1', 'Подготовить отчет о субсидиях', 'до 1 февраля 2027 г.', 'Минсоцзащиты', 'Отчет']]);
const COLUMNS = ['number', 'title', 'deadline', 'executors', 'expectedResult'];

const upload = uploadImport;

describe.each(engines)('reading a document with the columns a person points at, on %s', (engine) => {
  let t: TestApp;
  let coord: Client;
  beforeAll(async () => {
    t = await createTestApp(engine);
    coord = await t.as('coordinator');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('keeps a document no reading places unread, names the renderings tried, and shows what was found', async () => {
    const res = await upload(coord, t, 'Задачи.txt', FIRST);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'unread', document: null });
    expect(res.body.unread.message).toMatch(
      /не найдена таблица мероприятий.*Проверены варианты: .*строки таблицы с табуляцией/,
    );
    const table = res.body.unread.layout.blocks.find((b: { type: string }) => b.type === 'table');
    expect(table.rows[0]).toEqual(['Шаг', 'Что делаем', 'Когда', 'Кто', 'Что получим']);
    // The same from GET, and nothing can be saved or applied from it yet.
    const again = await coord.get(`/api/imports/${res.body.importId}`);
    expect(again.body).toMatchObject({ status: 'unread', unread: { layout: res.body.unread.layout } });
    const commit = await coord.post(`/api/imports/${res.body.importId}/commit`, {
      plan: { kind: 'plan', title: 'x', ownerOrganisationId: 1, periodFrom: '2026-01-01', periodTo: '2026-12-31' },
      sections: [],
      items: [],
      executorMap: {},
    });
    expect(commit.status).toBe(400);
    expect(commit.body.message).toMatch(/ещё не прочитан/);
  });

  it('refuses columns without a title, and a header row outside the table', async () => {
    const { body } = await upload(coord, t, 'Задачи.txt', FIRST);
    const block = body.unread.layout.blocks.findIndex((b: { type: string }) => b.type === 'table');
    const noTitle = await coord.post(`/api/imports/${body.importId}/columns`, {
      block,
      headerRow: 0,
      columns: ['number', 'skip', 'deadline', 'executors', 'skip'],
      remember: false,
    });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body).toMatchObject({ message: 'Укажите, в каком столбце наименование мероприятия.' });
    const outside = await coord.post(`/api/imports/${body.importId}/columns`, {
      block,
      headerRow: 50,
      columns: COLUMNS,
      remember: false,
    });
    expect(outside.status).toBe(400);
    const unknownRole = await coord.post(`/api/imports/${body.importId}/columns`, {
      block,
      headerRow: 0,
      columns: ['number', 'deadlineMaybe'],
      remember: false,
    });
    expect(unknownRole.status).toBe(400);
    const executor = await t.as('executor');
    expect(
      (await executor.post(`/api/imports/${body.importId}/columns`, { block, headerRow: 0, columns: COLUMNS })).status,
    ).toBe(403);
  });

  it('reads the document with the columns given, saves it, and reads the next one of the same shape by itself', async () => {
    const { body } = await upload(coord, t, 'Задачи.txt', FIRST);
    const block = body.unread.layout.blocks.findIndex((b: { type: string }) => b.type === 'table');
    const read = await coord.post(`/api/imports/${body.importId}/columns`, {
      block,
      headerRow: 0,
      columns: COLUMNS,
      remember: true,
    });
    expect(read.status).toBe(200);
    const doc = read.body.document;
    expect(doc).toMatchObject({ kind: 'plan', period: ['2026-01-01', '2026-12-31'] });
    expect(
      doc.items.map((i: { number: string; title: string; deadlineText: string; executors: string[] }) => [
        i.number,
        i.title,
        i.deadlineText,
        i.executors,
      ]),
    ).toEqual([
      ['1', 'Собрать заявки от НКО на субсидии', 'январь 2026 г.', ['Минсоцзащиты']],
      ['2', 'Провести конкурс социальных проектов', 'март 2026 г.', ['Минсоцзащиты', 'Минэкономразвития']],
    ]);
    expect(read.body.executors.every((e: { match: unknown }) => e.match)).toBe(true);
    // The reading is kept: GET gives it back; the audit names the remembered layout.
    expect((await coord.get(`/api/imports/${body.importId}`)).body.document.items).toHaveLength(2);
    const audit = (await (await t.as('admin')).get('/api/audit?entityType=import_layout')).body.items;
    expect(audit.some((e: { action: string }) => e.action === 'import_layout.saved')).toBe(true);
    // Saved as a plan like any other preview; then it takes no other columns.
    const orgs = (await coord.get('/api/organisations')).body.items as { id: number; shortName: string }[];
    const saved = await coord.post(`/api/imports/${body.importId}/commit`, {
      plan: {
        kind: 'plan',
        title: doc.title,
        ownerOrganisationId: orgs.find((o) => o.shortName === 'Минсоцзащиты')!.id,
        periodFrom: '2026-01-01',
        periodTo: '2026-12-31',
      },
      sections: doc.sections,
      items: doc.items,
      executorMap: {},
      rememberAliases: false,
    });
    expect(saved.status).toBe(201);
    expect(
      (await coord.post(`/api/imports/${body.importId}/columns`, { block, headerRow: 0, columns: COLUMNS })).status,
    ).toBe(409);

    // The next document laid out the same way, from the same organisation: read at once.
    const next = await upload(coord, t, 'Задачи 2027.txt', SECOND);
    expect(next.status).toBe(201);
    expect(next.body.status).not.toBe('unread');
    expect(
      next.body.document.items.map((i: { title: string; deadlineText: string }) => [i.title, i.deadlineText]),
    ).toEqual([['Подготовить отчет о субсидиях', 'до 1 февраля 2027 г.']]);
    expect(next.body.document.warnings[0]).toMatch(/сохранённой вашей организацией/);
  });

  it('remembers the columns for the organisation that pointed at them, not for another', async () => {
    const admin = await t.as('admin');
    const orgs = (await admin.get('/api/organisations')).body.items as { id: number; shortName: string }[];
    const login = `coord-kult-${engine}`;
    await admin.post('/api/users', {
      login,
      fullName: 'Координатор Минкультуры',
      role: 'coordinator',
      organisationId: orgs.find((o) => o.shortName === 'Минкультуры')!.id,
      password: 'coord-kult-pass-1',
    });
    const other = await t.as(login, 'coord-kult-pass-1');
    const res = await upload(other, t, 'Задачи.txt', SECOND);
    expect(res.body.status).toBe('unread');
  });

  it('reads text whose cells are lines, with the header lines pointed at', async () => {
    const lines = Buffer.from(
      [
        'Задачи на 2026 год',
        '',
        'Шаг',
        '',
        'Что делаем',
        '',
        'Когда',
        '',
        'Кто',
        '',
        '1',
        '',
        'Собрать заявки',
        '',
        'январь',
        '',
        'Минсоцзащиты',
        '',
        '2',
        '',
        'Провести конкурс',
        '',
        'март',
        '',
        'Минэкономразвития',
        '',
      ].join('\n'),
    );
    const { body } = await upload(coord, t, 'Задачи строками.txt', lines);
    expect(body.status).toBe('unread');
    const block = body.unread.layout.blocks.findIndex((b: { type: string }) => b.type === 'lines');
    const headerRow = body.unread.layout.blocks[block].lines.indexOf('Шаг');
    const read = await coord.post(`/api/imports/${body.importId}/columns`, {
      block,
      headerRow,
      columns: ['number', 'title', 'deadline', 'executors'],
      remember: true,
    });
    expect(read.status).toBe(200);
    expect(
      read.body.document.items.map((i: { title: string; executorsText: string }) => [i.title, i.executorsText]),
    ).toEqual([
      ['Собрать заявки', 'Минсоцзащиты'],
      ['Провести конкурс', 'Минэкономразвития'],
    ]);
  });
});
