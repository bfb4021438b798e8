/**
 * The audit log and the measure history as a person reads them (issue 9, defects 4 and 5):
 * every field any audited change records has a Russian label (or is deliberately hidden
 * as bookkeeping) and a formatted value — no `closed`, no `openDue 2025-10-01`, no JSON of
 * periods — and every event names what it is about by plan, measure number and title,
 * executor and period, never by database id. The scenario walks the writes the product
 * makes; a new audited field without a label fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, orgIdsByShortName, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';
import { multipart } from '../helpers/multipart';
import { auditedFieldProblems, formatFieldValue, valueContextOf } from '../../web/src/audit-format';

describe.each(engines)('audit labels on %s', (engine) => {
  let t: TestApp;
  let admin: Client;
  let coord: Client;
  let exec: Client;
  let planId: number;
  let measureId: number;
  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.as('admin');
    coord = await t.as('coordinator');
    exec = await t.as('executor');
    const orgs = await orgIdsByShortName(coord);
    // Plans, sections, measures: every kind of write.
    planId = (
      await coord.post('/api/plans', {
        kind: 'plan',
        title:
          'План мероприятий по развитию добровольчества в Северо-Озёрской области на 2025–2027 годы (далее – План)',
        ownerOrganisationId: orgs['Минсоцзащиты'],
        periodFrom: '2025-01-01',
        periodTo: '2027-12-31',
        controlFrom: '2025-01-01',
      })
    ).body.id;
    await coord.edit(`/api/plans/${planId}`, {
      approvedByName: 'Н.В. Морозова',
      approvedOn: '2024-12-26',
      reportDay: 15,
      controlFrom: '2025-02-01',
    });
    const s1 = (
      await coord.post(`/api/plans/${planId}/sections`, { number: '1', title: 'Организационные мероприятия' })
    ).body;
    const s2 = (await coord.post(`/api/plans/${planId}/sections`, { number: '2', title: 'Информационная поддержка' }))
      .body;
    await coord.patch(`/api/sections/${s2.id}`, { title: 'Информационная и консультационная поддержка' });
    const m = (
      await coord.post(`/api/plans/${planId}/measures`, {
        sectionId: s1.id,
        number: '1.1',
        title: 'Доклад о развитии добровольчества',
        deadlineText: 'ежегодно до 1 октября',
        leadExecutorId: orgs['Минкультуры'],
        coExecutorIds: [orgs['Минздрав']],
        controlFrom: null,
      })
    ).body;
    measureId = m.id;
    const m2 = (
      await coord.post(`/api/plans/${planId}/measures`, {
        sectionId: s1.id,
        number: '1.2',
        title: 'Форум добровольцев',
        deadlineText: 'по согласованию',
        leadExecutorId: orgs['Минкультуры'],
      })
    ).body;
    let cur = (
      await coord.patch(`/api/measures/${m.id}`, {
        version: m.version,
        sectionId: s2.id,
        number: '2.1',
        expectedResult: 'Доклад',
        form: 'доклад',
        status: 'partial',
        executionText: 'Готовится',
        anchorDate: '2025-03-01',
        coExecutorIds: [orgs['Минздрав'], orgs['Минспорт']],
      })
    ).body;
    cur = (
      await coord.patch(`/api/measures/${m.id}`, {
        version: cur.version,
        deadlineOverride: { due: ['2025-10-01', '2026-10-01', '2027-10-01'], reports: [] },
      })
    ).body;
    await coord.patch(`/api/measures/${m.id}`, {
      version: cur.version,
      deadlineOverride: null,
      controlFrom: '2025-03-01',
    });
    await coord.post(`/api/plans/${planId}/reorder`, { sectionId: s1.id, measureIds: [m2.id] });
    await coord.put(`/api/plans/${planId}/periods`, {
      items: [
        { label: '2025 г.', startsOn: '2025-01-01', endsOn: '2025-12-31', reportDue: '2026-01-15' },
        { label: '2026 г.', startsOn: '2026-01-01', endsOn: '2026-12-31', reportDue: '2027-01-15' },
        { label: '2027 г.', startsOn: '2027-01-01', endsOn: '2027-12-31', reportDue: '2028-01-17' },
      ],
    });
    // Reports: save, attach, detach, submit, return, resubmit, accept.
    const r = (await exec.get('/api/my/reports')).body.items.find(
      (x: { measureId: number; role: string }) => x.measureId === measureId && x.role === 'lead',
    );
    let rep = (
      await exec.patch(`/api/reports/${r.id}`, {
        version: r.version,
        text: 'Доклад готовится',
        resultStatus: 'partial',
        figures: { 'Число добровольцев': 120 },
        links: ['https://example.ru/doklad'],
      })
    ).body;
    const pdf = multipart('справка.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/pdf');
    const att = JSON.parse(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/reports/${r.id}/attachments`,
          headers: { cookie: exec.cookie, 'x-csrf-token': exec.csrf, 'content-type': pdf.contentType },
          payload: pdf.body,
        })
      ).body,
    );
    await exec.delete(`/api/reports/${r.id}/attachments/${att.id}`);
    rep = (
      await exec.post(`/api/reports/${r.id}/submit`, {
        version: rep.version,
        text: 'Доклад подготовлен',
        resultStatus: 'done',
      })
    ).body;
    rep = (await coord.post(`/api/reports/${r.id}/return`, { version: rep.version, comment: 'Приложите доклад' })).body;
    rep = (
      await exec.post(`/api/reports/${r.id}/submit`, {
        version: rep.version,
        text: 'Доклад подготовлен и направлен',
        resultStatus: 'done',
      })
    ).body;
    await coord.post(`/api/reports/${r.id}/accept`, { version: rep.version });
    // Extensions: approved and rejected; closing and reopening.
    const e1 = (
      await exec.post(`/api/measures/${measureId}/extensions`, {
        reason: 'Данные запаздывают',
        requestedDue: '2026-11-01',
        target: { kind: 'due', date: '2026-10-01' },
      })
    ).body;
    await coord.post(`/api/extensions/${e1.id}/decide`, { approve: true, comment: 'Согласовано' });
    const e2 = (
      await exec.post(`/api/measures/${measureId}/extensions`, {
        reason: 'Ещё месяц',
        requestedDue: '2027-11-01',
        target: { kind: 'due', date: '2027-10-01' },
      })
    ).body;
    await coord.post(`/api/extensions/${e2.id}/decide`, { approve: false, comment: 'Оснований нет' });
    await coord.post(`/api/measures/${m2.id}/close`, { comment: 'Исполнено' });
    await coord.post(`/api/measures/${m2.id}/reopen`);
    await coord.post(`/api/measures/${m2.id}/archive`);
    // Directory, users, settings.
    const org = (
      await admin.post('/api/organisations', {
        kind: 'ngo',
        fullName: 'АНО «Добровольцы Озёрска»',
        shortName: 'АНО «Добровольцы»',
        aliases: ['Добровольцы Озёрска'],
        parentId: null,
        external: true,
      })
    ).body;
    await admin.edit(`/api/organisations/${org.id}`, { shortName: 'АНО «Добровольцы Озёрска»', aliases: [] });
    const user = (
      await admin.post('/api/users', {
        login: 'volunteer',
        fullName: 'Волкова Анна Петровна',
        email: 'volkova@example.ru',
        role: 'executor',
        organisationId: org.id,
        password: 'volunteer-pass-2025',
      })
    ).body;
    if (user?.id) await admin.edit(`/api/users/${user.id}`, { role: 'observer', active: false });
    await exec.patch('/api/auth/settings', { notifyEnabled: false, notifyDaysBefore: 5 });
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it('labels and formats every field any audited change records', async () => {
    const events = (await admin.get('/api/audit?limit=500')).body.items;
    expect(events.length).toBeGreaterThan(30);
    const problems = auditedFieldProblems(events);
    expect(problems.join('\n')).toBe('');
  });

  it('names every event by what it is about, never by a database id', async () => {
    const events = (await admin.get('/api/audit?limit=500')).body.items;
    const mine = events.filter((e: { planId: number | null }) => e.planId === planId);
    for (const e of mine) {
      expect(e.subject.label, e.action).not.toMatch(/(?:№|#)\s*\d+|(?:Мероприятие|Файл|Отчёт|Раздел)\s+\d+$/);
      // The short title keeps the opening words and the period, without «(далее – План)».
      expect(e.subject.plan?.shortTitle, e.action).toBe(
        'План мероприятий по развитию добровольчества… на 2025–2027 годы',
      );
    }
    const labels = new Set(mine.map((e: { subject: { label: string } }) => e.subject.label));
    expect(labels).toContain('Мероприятие 2.1 «Доклад о развитии добровольчества»');
    expect(labels).toContain('Отчёт Минкультуры за 2025 г.');
    expect(labels).toContain('Отчёт Минкультуры за 2025 г.: файл «справка.pdf»');
    expect(labels).toContain('Раздел 2. Информационная и консультационная поддержка');
    expect(labels).toContain('Мероприятие 2.1 «Доклад о развитии добровольчества»: перенос срока');
    // The measure history carries the same names, and the ids in its diffs are named too.
    const history = (await coord.get(`/api/measures/${measureId}/history`)).body.items;
    const moved = history.find(
      (e: { action: string; before: { sectionId?: number } | null; after: { sectionId?: number } | null }) =>
        e.action === 'measure.update' && e.before?.sectionId !== e.after?.sectionId,
    );
    const ctx = valueContextOf(moved, () => '?');
    expect(formatFieldValue('sectionId', moved.before.sectionId, ctx)).toBe('1. Организационные мероприятия');
    expect(formatFieldValue('sectionId', moved.after.sectionId, ctx)).toBe(
      '2. Информационная и консультационная поддержка',
    );
    const reorder = events.find((e: { action: string }) => e.action === 'measure.reorder');
    expect(
      formatFieldValue(
        'measureOrder',
        reorder.after,
        valueContextOf(reorder, () => '?'),
      ),
    ).toBe('1.2');
  });
});
