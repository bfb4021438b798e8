/**
 * Councils end to end through the API (issue 12): a council with its composition history,
 * a meeting with attendance and quorum, the protocol imported into instructions bound to the
 * meeting, the executor's report through the plans' cycle, a later meeting's decisions
 * (off control, extended) and the council's execution report — on both engines.
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, orgIdsByShortName, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';
import { uploadImport } from '../helpers/multipart';
import { auditedFieldProblems } from '../../web/src/audit-format';

const protocol = readFileSync(
  new URL('../fixtures/protocol/older-generation-council.ozersk.plain.txt', import.meta.url),
);

/** Executors of the fixture as the directory knows them. */
const EXECUTORS: [RegExp, string][] = [
  [/культуры/, 'Минкультуры'],
  [/Город Озёрск/, 'Администрация г. Озёрска'],
  [/^Минздрав$/, 'Минздрав'],
  [/Берег/, 'ГБУ «КЦСОН «Берег»»'],
  [/социальной защиты/, 'Минсоцзащиты'],
];

describe.each(engines)('councils on %s', (engine) => {
  let t: TestApp;
  let coord: Client;
  let exec: Client;
  let exec2: Client;
  let observer: Client;
  let orgs: Record<string, number>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    coord = await t.as('coordinator');
    exec = await t.as('executor');
    exec2 = await t.as('executor2');
    observer = await t.as('observer');
    orgs = await orgIdsByShortName(coord);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  let councilId: number;
  let meetingId: number;

  it('the demo region has a council with its composition, a held meeting with instructions and a planned one', async () => {
    const list = (await observer.get('/api/councils')).body.items;
    expect(list).toHaveLength(1);
    const demo = (await observer.get(`/api/councils/${list[0].id}`)).body;
    expect(demo.members.length).toBeGreaterThanOrEqual(6);
    expect(demo.meetings.map((m: { status: string }) => m.status)).toEqual(['held', 'planned']);
    const held = (await observer.get(`/api/meetings/${demo.meetings[0].id}`)).body;
    expect(held.quorum).toMatchObject({ members: 6, present: 5, reached: true });
    const instructions = (await observer.get(`/api/councils/${demo.id}/instructions`)).body.items;
    expect(instructions).toHaveLength(4);
    expect(instructions[0]).toMatchObject({
      protocolItem: 'пункт 2 вопроса № 1',
      questionNumber: '1',
      state: 'on_control',
    });
    // The executor of Минкультуры sees its own instruction only.
    const mine = (await exec.get(`/api/councils/${demo.id}/instructions`)).body.items;
    expect(mine.map((i: { number: string }) => i.number)).toEqual(['4']);
  });

  it('creates a council with its control plan; only the owning organisation manages it', async () => {
    const body = {
      fullName: 'Совет по делам старшего поколения при Правительстве Северо-Озёрской области',
      shortName: 'Совет старшего поколения',
      kind: 'interdepartmental',
      ownerOrganisationId: orgs['Минсоцзащиты'],
      actTitle: 'постановление Правительства Северо-Озёрской области',
      actNumber: '45-п',
      actDate: '2024-02-01',
      meetingRule: '1 раз в квартал',
    };
    expect((await exec.post('/api/councils', body)).status).toBe(403);
    expect((await coord.post('/api/councils', { ...body, ownerOrganisationId: orgs['Минздрав'] })).status).toBe(403);
    const res = await coord.post('/api/councils', body);
    expect(res.status).toBe(201);
    councilId = res.body.id;
    expect(res.body.abilities.manage).toBe(true);
    const plan = await coord.get(`/api/plans/${res.body.planId}`);
    expect(plan.body.kind).toBe('council_decisions');
    expect((await coord.post('/api/councils', body)).status).toBe(409);
    const seen = await observer.get(`/api/councils/${councilId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.abilities.manage).toBe(false);
    expect((await observer.patch(`/api/councils/${councilId}`, { version: 1, meetingRule: 'ежемесячно' })).status).toBe(
      403,
    );
    expect((await coord.patch(`/api/councils/${councilId}`, { version: 99, meetingRule: 'ежемесячно' })).status).toBe(
      409,
    );
  });

  it('keeps the composition with its history and counts the quorum on the meeting date', async () => {
    const add = (m: object) => coord.post(`/api/councils/${councilId}/members`, m);
    const chair = await add({ personName: 'Морозова Н.В.', role: 'chair', fromDate: '2024-02-01' });
    expect(chair.status).toBe(201);
    const secretary = await add({
      personName: 'Лебедева О.А.',
      role: 'secretary',
      organisationId: orgs['Минсоцзащиты'],
      fromDate: '2024-02-01',
    });
    const grishin = await add({
      personName: 'Гришин П.С.',
      role: 'member',
      organisationId: orgs['Минкультуры'],
      fromDate: '2024-02-01',
    });
    const left = await add({ personName: 'Орлов В.В.', role: 'member', fromDate: '2024-02-01' });
    const saveleva = await add({
      personName: 'Савельева И.Н.',
      role: 'member',
      organisationId: orgs['Минздрав'],
      fromDate: '2025-01-15',
    });
    expect(
      (
        await exec.post(`/api/councils/${councilId}/members`, {
          personName: 'X',
          role: 'member',
          fromDate: '2025-01-01',
        })
      ).status,
    ).toBe(403);
    // Орлов left before Савельева came: the history keeps both.
    const ended = await coord.post(`/api/council-members/${left.body.id}/end`, { toDate: '2025-01-14' });
    expect(ended.status).toBe(200);
    expect(ended.body.toDate).toBe('2025-01-14');
    expect((await coord.post(`/api/council-members/${left.body.id}/end`, { toDate: '2025-01-20' })).status).toBe(409);
    const council = (await coord.get(`/api/councils/${councilId}`)).body;
    expect(council.members).toHaveLength(5);

    const meeting = await coord.post(`/api/councils/${councilId}/meetings`, {
      number: '4',
      heldOn: '2025-03-14',
      startTime: '15:00',
      format: 'in_person',
      place: 'Дом Правительства, зал № 2',
    });
    expect(meeting.status).toBe(201);
    meetingId = meeting.body.id;
    expect(
      (await coord.post(`/api/councils/${councilId}/meetings`, { number: '4', heldOn: '2025-06-01' })).status,
    ).toBe(409);
    // A former member cannot be marked present.
    const wrong = await coord.put(`/api/meetings/${meetingId}/attendance`, {
      version: meeting.body.version,
      memberIds: [left.body.id],
    });
    expect(wrong.status).toBe(400);
    const att = await coord.put(`/api/meetings/${meetingId}/attendance`, {
      version: meeting.body.version,
      memberIds: [chair.body.id, secretary.body.id, grishin.body.id],
    });
    expect(att.status).toBe(200);
    expect(att.body.quorum).toEqual({ members: 4, present: 3, needed: 3, reached: true });
    expect(
      (await observer.put(`/api/meetings/${meetingId}/attendance`, { version: att.body.version, memberIds: [] }))
        .status,
    ).toBe(403);
    const stale = await coord.put(`/api/meetings/${meetingId}/attendance`, {
      version: meeting.body.version,
      memberIds: [chair.body.id],
    });
    expect(stale.status).toBe(409);
    const fewer = await coord.put(`/api/meetings/${meetingId}/attendance`, {
      version: att.body.version,
      memberIds: [chair.body.id, saveleva.body.id],
    });
    expect(fewer.body.quorum.reached).toBe(false);
    await coord.put(`/api/meetings/${meetingId}/attendance`, {
      version: fewer.body.version,
      memberIds: [chair.body.id, secretary.body.id, grishin.body.id, saveleva.body.id],
    });
  });

  it('imports the protocol into instructions bound to the meeting; executors see only theirs', async () => {
    const preview = await uploadImport(coord, t, 'Протокол № 4.txt', protocol);
    expect(preview.status).toBe(201);
    const doc = preview.body.document;
    expect(doc.kind).toBe('protocol');
    expect(doc.meeting).toMatchObject({ number: '4', date: '2025-03-14' });
    const executorMap = Object.fromEntries(
      preview.body.executors.map((e: { name: string }) => {
        const hit = EXECUTORS.find(([re]) => re.test(e.name));
        return [e.name, hit ? { organisationId: orgs[hit[1]] } : { text: true }];
      }),
    );
    const meeting = (await coord.get(`/api/meetings/${meetingId}`)).body;
    // The secretary fixes a decision on the preview screen before saving.
    const items = doc.items.map((i: { number: string; title: string }) =>
      i.number === '1.2' ? { ...i, title: i.title.replace('на 2025 год', 'на 2025–2026 годы') } : i,
    );
    const body = {
      version: meeting.version,
      importId: preview.body.importId,
      questions: doc.sections.map((s: { number: string; title: string }) => ({ number: s.number, title: s.title })),
      items,
      executorMap,
    };
    expect((await exec.post(`/api/meetings/${meetingId}/protocol`, body)).status).toBe(403);
    const saved = await coord.post(`/api/meetings/${meetingId}/protocol`, body);
    expect(saved.status).toBe(201);
    expect(saved.body.instructions).toBe(5);
    expect(
      (await coord.post(`/api/meetings/${meetingId}/protocol`, { ...body, version: meeting.version + 1 })).status,
    ).toBe(409);

    const held = (await coord.get(`/api/meetings/${meetingId}`)).body;
    expect(held.status).toBe('held');
    expect(held.protocolFileId).toBeGreaterThan(0);
    expect(held.questions.map((q: { number: string }) => q.number)).toEqual(['I', 'II']);

    const all = (await coord.get(`/api/councils/${councilId}/instructions`)).body.items;
    expect(all.map((i: { number: string }) => i.number)).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2']);
    const byNo = Object.fromEntries(all.map((i: { number: string }) => [i.number, i]));
    expect(byNo['1.2']).toMatchObject({
      title: expect.stringContaining('на 2025–2026 годы'),
      protocolItem: 'пункт 1.2 вопроса № I',
      executors: ['Минкультуры'],
      state: 'on_control',
      openDue: '2025-04-30',
    });
    // «в течение месяца» counts from the meeting: 14 April 2025.
    expect(byNo['1.3'].openDue).toBe('2025-04-14');
    expect(byNo['2.1'].executors).toEqual(['Минздрав', 'ГБУ «КЦСОН «Берег»»']);

    const mine = (await exec.get(`/api/councils/${councilId}/instructions`)).body.items;
    expect(mine.map((i: { number: string }) => i.number)).toEqual(['1.2']);
    const mine2 = (await exec2.get(`/api/councils/${councilId}/instructions`)).body.items;
    expect(mine2.map((i: { number: string }) => i.number)).toEqual(['2.1']);
    expect((await observer.get(`/api/councils/${councilId}/instructions`)).body.items).toHaveLength(5);
  });

  it('an unreadable protocol is refused in Russian and nothing is saved', async () => {
    const bad = await uploadImport(coord, t, 'протокол.txt', Buffer.from('\u0000\u0001\u0002 мусор'));
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    expect(bad.body.message).toMatch(/[А-Яа-я]/);
  });

  it('the executor reports through the plans cycle; a later meeting takes off control and extends, audited', async () => {
    const all = (await coord.get(`/api/councils/${councilId}/instructions`)).body.items;
    const i12 = all.find((i: { number: string }) => i.number === '1.2');
    const i13 = all.find((i: { number: string }) => i.number === '1.3');
    const reports = (await exec.get(`/api/measures/${i12.measureId}/reports`)).body.items;
    const lead = reports.find((r: { role: string; state: string }) => r.role === 'lead');
    const sub = await exec.post(`/api/reports/${lead.id}/submit`, {
      version: lead.version,
      text: 'План клубных мероприятий разработан и утверждён приказом Минкультуры от 25.04.2025 № 112, мероприятия проводятся в 14 домах культуры.',
      resultStatus: 'done',
    });
    expect(sub.status).toBe(200);
    const acc = await coord.post(`/api/reports/${lead.id}/accept`, { version: sub.body.version });
    expect(acc.status).toBe(200);

    const next = await coord.post(`/api/councils/${councilId}/meetings`, { number: '5', heldOn: '2025-06-20' });
    // «к следующему заседанию Совета» is now the date of meeting 5.
    const bound = (await coord.get(`/api/councils/${councilId}/instructions`)).body.items.find(
      (i: { number: string }) => i.number === '2.2',
    );
    expect(bound.openDue).toBe('2025-06-20');
    const prep = await coord.get(`/api/meetings/${next.body.id}/prepare`);
    expect(prep.status).toBe(200);
    const due = Object.fromEntries(prep.body.due.map((i: { number: string }) => [i.number, i]));
    expect(due['1.2'].proposal).toBe('done');
    expect(due['1.3'].proposal).toBe('extend');
    expect(due['1.2'].lastReport).toMatchObject({ state: 'accepted', resultStatus: 'done' });

    const decide = (version: number, items: object[]) =>
      coord.post(`/api/meetings/${next.body.id}/decisions`, { version, items });
    expect(
      (await exec.post(`/api/meetings/${next.body.id}/decisions`, { version: next.body.version, items: [] })).status,
    ).toBe(403);
    // A date before the meeting is no extension.
    const early = await decide(next.body.version, [
      { measureId: i13.measureId, version: i13.version, decision: 'extend', newDeadline: '2025-05-01' },
    ]);
    expect(early.status).toBe(400);
    const res = await decide(next.body.version, [
      { measureId: i12.measureId, version: i12.version, decision: 'off_control', point: 'пункт 1.1 вопроса № I' },
      {
        measureId: i13.measureId,
        version: i13.version,
        decision: 'extend',
        newDeadline: '2025-09-01',
        point: 'пункт 1.2 вопроса № I',
      },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.decided).toBe(2);
    const after = Object.fromEntries(
      (await coord.get(`/api/councils/${councilId}/instructions`)).body.items.map((i: { number: string }) => [
        i.number,
        i,
      ]),
    );
    expect(after['1.2']).toMatchObject({
      state: 'off_control',
      decidedBy: { number: '5', point: 'пункт 1.1 вопроса № I' },
    });
    expect(after['1.3']).toMatchObject({ state: 'extended', newDeadline: '2025-09-01', openDue: '2025-09-01' });
    // The same decision again is stale: one of two simultaneous secretaries wins.
    const again = await decide(res.body.decided ? next.body.version + 1 : 0, [
      { measureId: i12.measureId, version: i12.version, decision: 'done' },
    ]);
    expect(again.status).toBe(409);
    const history = (await coord.get(`/api/measures/${i13.measureId}/history`)).body.items;
    expect(history.some((e: { action: string }) => e.action === 'instruction.extended')).toBe(true);

    const list = (await coord.get('/api/councils')).body.items.find((c: { id: number }) => c.id === councilId);
    expect(list.figures).toMatchObject({ meetings: 2, onControl: 4 });
  });

  it('exports «Информация об исполнении решений …» in the official table form', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/councils/${councilId}/export?format=docx&meetingId=${meetingId}`,
      headers: { cookie: coord.cookie },
    });
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('Информация об исполнении решений Совета по делам старшего поколения');
    expect(text).toContain('пункт 1.2 вопроса № I');
    expect(text).toContain('План клубных мероприятий разработан');
    expect(text).toContain('14 марта 2025');
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/councils/${councilId}/export?format=xlsx`,
      headers: { cookie: observer.cookie },
    });
    expect(xlsx.statusCode).toBe(200);
  });

  it('labels every field the council writes record in the audit log', async () => {
    const admin = await t.as('admin');
    const events = (await admin.get('/api/audit?limit=500')).body.items.filter((e: { action: string }) =>
      /^(council|meeting|instruction)\./.test(e.action),
    );
    expect(events.length).toBeGreaterThan(10);
    expect(auditedFieldProblems(events).join('\n')).toBe('');
  });

  it('postpones a meeting to a new date and holds it then', async () => {
    const m = await coord.post(`/api/councils/${councilId}/meetings`, { number: '6', heldOn: '2025-09-15' });
    const noDate = await coord.patch(`/api/meetings/${m.body.id}`, { version: m.body.version, status: 'postponed' });
    expect(noDate.status).toBe(400);
    const p = await coord.patch(`/api/meetings/${m.body.id}`, {
      version: m.body.version,
      status: 'postponed',
      postponedTo: '2025-09-29',
    });
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ status: 'postponed', date: '2025-09-29', heldOn: '2025-09-15' });
    const h = await coord.patch(`/api/meetings/${m.body.id}`, { version: p.body.version, status: 'held' });
    expect(h.body).toMatchObject({ status: 'held', heldOn: '2025-09-29', postponedTo: null });
  });
});
