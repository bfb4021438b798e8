/**
 * НОК end to end over HTTP (issue 14): a campaign with its operator, the public questionnaire
 * (skip logic, resend on a weak connection, a second form from one device, a closed campaign),
 * the operator's checklist and paper forms, scores equal to the engine's on the same data,
 * publication and who sees what, the improvement plan as a regular plan, the embed's frame policy.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EDITION_344N_2018,
  findQuestionnaire,
  organisationInput,
  scoreOrganisation,
  surveyFromAnswers,
  type Answers,
} from '../../src/domain/nok/index';
import { createTestApp, orgIdsByShortName, type Client, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const thisYear = new Date().getUTCFullYear();

const yes = (ids: string[]): Answers => Object.fromEntries(ids.map((id) => [id, 'yes']));

describe.each(engines)('НОК on %s', (engine) => {
  let t: TestApp;
  let admin: Client;
  let coord: Client;
  let operator: Client;
  let outsider: Client;
  let institutionUser: Client;
  let orgs: Record<string, number>;
  let campaign: {
    id: number;
    version: number;
    assessments: { id: number; code: string; organisation: { id: number } }[];
  };
  const checklist = {
    stand: [true, true, false],
    site: [true, false],
    remoteChannels: ['phone', 'email', 'faq'],
    comfortConditions: ['water', 'navigation', 'rest_zone'],
    accessOrg: ['ramps'],
    accessServices: ['assistance', 'remote_service'],
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.as('admin');
    coord = await t.as('coordinator');
    for (const [fullName, shortName] of [
      ['ГБУ «Комплексный центр социального обслуживания населения «Рассвет»', 'КЦСОН «Рассвет»'],
      ['ГБУ «Дом-интернат для престарелых «Сосны»', 'ДИ «Сосны»'],
      ['ООО «Социологический центр «Мнение»', 'Оператор «Мнение»'],
    ])
      await admin.post('/api/organisations', { fullName, shortName, kind: 'institution' });
    orgs = await orgIdsByShortName(admin);
    await admin.post('/api/users', {
      login: 'nok-operator',
      fullName: 'Оператор Анкетова',
      role: 'executor',
      organisationId: orgs['Оператор «Мнение»'],
      password: 'nok-operator-pass-1',
    });
    await admin.post('/api/users', {
      login: 'rassvet',
      fullName: 'Директор Рассвета',
      role: 'executor',
      organisationId: orgs['КЦСОН «Рассвет»'],
      password: 'rassvet-pass-123',
    });
    operator = await t.as('nok-operator', 'nok-operator-pass-1');
    institutionUser = await t.as('rassvet', 'rassvet-pass-123');
    outsider = await t.as('executor');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('creates a campaign with its organisations, operator and staff; only managers may', async () => {
    const operatorStaff = (await coord.get(`/api/nok/operator-staff?organisationId=${orgs['Оператор «Мнение»']}`)).body
      .items;
    expect(operatorStaff.map((u: { fullName: string }) => u.fullName)).toEqual(['Оператор Анкетова']);
    const body = {
      year: thisYear,
      sector: 'social',
      title: `Независимая оценка качества ${thisYear}: социальное обслуживание`,
      ownerOrganisationId: orgs['Минсоцзащиты'],
      operatorOrganisationId: orgs['Оператор «Мнение»'],
      staffUserIds: [operatorStaff[0].id],
      startsOn: day(-30),
      endsOn: day(30),
      standItems: ['Устав', 'Лицензия', 'Режим работы'],
      siteItems: ['Структура', 'Тарифы'],
      organisations: [
        { organisationId: orgs['КЦСОН «Рассвет»'], plannedRespondents: 40 },
        { organisationId: orgs['ДИ «Сосны»'], plannedRespondents: 25 },
      ],
    };
    expect((await outsider.post('/api/nok/campaigns', body)).status).toBe(403);
    expect((await operator.post('/api/nok/campaigns', body)).status).toBe(403);
    const bad = await coord.post('/api/nok/campaigns', { ...body, staffUserIds: [1] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/пользователями организации-оператора/);
    const r = await coord.post('/api/nok/campaigns', body);
    expect(r.status).toBe(201);
    campaign = r.body;
    expect(campaign.assessments).toHaveLength(2);
    expect(campaign.assessments.every((a) => /^[a-z0-9]{8}$/.test(a.code))).toBe(true);
    // The operator sees its campaign; an executor elsewhere sees none.
    expect((await operator.get('/api/nok/campaigns')).body.items.map((c: { id: number }) => c.id)).toEqual([
      campaign.id,
    ]);
    expect((await outsider.get('/api/nok/campaigns')).body.items).toEqual([]);
    expect((await outsider.get(`/api/nok/campaigns/${campaign.id}`)).status).toBe(403);
    // A stale edit is refused.
    const renamed = await coord.patch(`/api/nok/campaigns/${campaign.id}`, { version: campaign.version, title: 'НОК' });
    expect(renamed.status).toBe(200);
    const stale = await coord.patch(`/api/nok/campaigns/${campaign.id}`, {
      version: campaign.version,
      title: 'Другое',
    });
    expect(stale.status).toBe(409);
    campaign = renamed.body;
  });

  const rassvet = () => campaign.assessments.find((a) => a.organisation.id === orgs['КЦСОН «Рассвет»'])!;

  it('serves the questionnaire without login and takes forms: skip logic, resend, same device, bad input', async () => {
    const anon = t.anonymous();
    const q = await anon.get(`/api/nok/q/${rassvet().code}`);
    expect(q.status).toBe(200);
    expect(q.body.state).toBe('open');
    expect(q.body.organisation.name).toBe('КЦСОН «Рассвет»');
    expect(q.body.questionnaire.questions[0]).toMatchObject({ number: 1, noSkipsTo: 3 });
    expect(q.body.questionnaire.questions[1]).toMatchObject({ number: 2, askedIf: 'stand_used' });

    const form = { stand_used: 'yes', stand_satisfied: 'yes', comfort: 'yes', overall: 'no', disability: 'no' };
    const first = { submissionId: randomUUID(), deviceId: 'device-aaaaaaaa', answers: form };
    expect((await anon.post(`/api/nok/q/${rassvet().code}/answers`, first)).body).toEqual({
      accepted: true,
      duplicate: false,
    });
    // The page resends after a dropped connection: acknowledged, not stored twice.
    expect((await anon.post(`/api/nok/q/${rassvet().code}/answers`, first)).body.duplicate).toBe(true);
    // A second form from the same device: kept, marked suspicious, not counted.
    const again = await anon.post(`/api/nok/q/${rassvet().code}/answers`, { ...first, submissionId: randomUUID() });
    expect(again.status).toBe(201);
    for (let i = 0; i < 3; i++)
      await anon.post(`/api/nok/q/${rassvet().code}/answers`, {
        submissionId: randomUUID(),
        deviceId: `device-${i}-bbbbbbbb`,
        answers: yes(['stand_used', 'stand_satisfied', 'site_used', 'timely', 'comfort', 'recommend', 'overall']),
      });
    // Skip logic broken, unknown question, nothing answered: 400 saying what to fix.
    const skipped = await anon.post(`/api/nok/q/${rassvet().code}/answers`, {
      submissionId: randomUUID(),
      deviceId: 'device-cccccccc',
      answers: { stand_used: 'no', stand_satisfied: 'yes' },
    });
    expect(skipped.status).toBe(400);
    expect(skipped.body.message).toBe('Вопрос 2 задаётся только при ответе «Да» на вопрос 1');
    const oversized = await anon.post(`/api/nok/q/${rassvet().code}/answers`, {
      submissionId: randomUUID(),
      deviceId: 'device-dddddddd',
      answers: Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`q${i}`, 'yes'])),
    });
    expect(oversized.status).toBe(400);
    expect((await anon.get('/api/nok/q/zzzzzzzz')).status).toBe(404);

    const detail = (await coord.get(`/api/nok/campaigns/${campaign.id}`)).body;
    const line = detail.assessments.find((a: { id: number }) => a.id === rassvet().id);
    expect(line).toMatchObject({ counted: 4, suspicious: 1 });
    const assessment = (await operator.get(`/api/nok/assessments/${rassvet().id}`)).body;
    expect(assessment.answers.find((a: { suspiciousReason: string | null }) => a.suspiciousReason)).toMatchObject({
      suspiciousReason: 'Повторная анкета с того же устройства',
      source: 'online',
    });
  });

  it('lets the operator enter the checklist and paper forms; scores equal the engine on the same data', async () => {
    const a = (await operator.get(`/api/nok/assessments/${rassvet().id}`)).body;
    expect(
      (await outsider.put(`/api/nok/assessments/${rassvet().id}/checklist`, { version: a.version, checklist })).status,
    ).toBe(403);
    const wrong = await operator.put(`/api/nok/assessments/${rassvet().id}/checklist`, {
      version: a.version,
      checklist: { ...checklist, stand: [true] },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/в перечне кампании их 3/);
    const saved = await operator.put(`/api/nok/assessments/${rassvet().id}/checklist`, {
      version: a.version,
      checklist,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.checkedBy).toBe('Оператор Анкетова');
    expect(
      (await operator.put(`/api/nok/assessments/${rassvet().id}/checklist`, { version: a.version, checklist })).status,
    ).toBe(409);

    const paper = yes(['stand_used', 'stand_satisfied', 'disability', 'access_satisfied', 'polite_first', 'overall']);
    expect((await operator.post(`/api/nok/assessments/${rassvet().id}/answers`, { answers: paper })).status).toBe(201);

    const results = (await coord.get(`/api/nok/campaigns/${campaign.id}/results`)).body;
    const line = results.items.find((i: { assessmentId: number }) => i.assessmentId === rassvet().id);
    const other = results.items.find((i: { assessmentId: number }) => i.assessmentId !== rassvet().id);
    expect(other).toMatchObject({ scored: false, missing: 'Чек-лист оператора не заполнен', rank: null });

    // The same data straight through the engine.
    const q = findQuestionnaire('675n-2018', 'social')!;
    const forms: Answers[] = [
      { stand_used: 'yes', stand_satisfied: 'yes', comfort: 'yes', overall: 'no', disability: 'no' },
      ...Array.from({ length: 3 }, () =>
        yes(['stand_used', 'stand_satisfied', 'site_used', 'timely', 'comfort', 'recommend', 'overall']),
      ),
      paper,
    ];
    const expected = scoreOrganisation(
      EDITION_344N_2018,
      organisationInput({ id: 1, name: 'x', sector: 'social' }, checklist, surveyFromAnswers(q, forms)),
    );
    expect(line.scored).toBe(true);
    expect(line.respondents).toBe(5);
    expect(line.total).toBeCloseTo(expected.total, 9);
    expect(line.indicators['1.1']).toBeCloseTo(0.5 * (2 / 3 + 1 / 2) * 100, 9);
    expect(line.indicators['1.2']).toBe(90);
    expect(line.rank).toBe(1);
    expect(line.shortfalls[0].text).toMatch(/^\d\.\d — /);
    expect(results.mean).toBeCloseTo(expected.total, 9);

    // Excluding an answer with a reason changes the counted forms.
    const paperId = (await operator.get(`/api/nok/assessments/${rassvet().id}`)).body.answers.find(
      (x: { source: string }) => x.source === 'paper',
    ).id;
    expect(
      (await operator.patch(`/api/nok/answers/${paperId}`, { suspiciousReason: 'Анкета заполнена не полностью' }))
        .status,
    ).toBe(200);
    const after = (await coord.get(`/api/nok/campaigns/${campaign.id}/results`)).body.items.find(
      (i: { assessmentId: number }) => i.assessmentId === rassvet().id,
    );
    expect(after.respondents).toBe(4);
    await operator.patch(`/api/nok/answers/${paperId}`, { suspiciousReason: null });
  });

  it('shows an organisation its own results only once published', async () => {
    expect((await institutionUser.get(`/api/nok/campaigns/${campaign.id}/results`)).status).toBe(403);
    expect((await t.anonymous().get(`/api/nok/public/campaigns/${campaign.id}`)).status).toBe(404);
    const current = (await coord.get(`/api/nok/campaigns/${campaign.id}`)).body;
    expect(
      (await operator.post(`/api/nok/campaigns/${campaign.id}/publish`, { version: current.version, published: true }))
        .status,
    ).toBe(403);
    const pub = await coord.post(`/api/nok/campaigns/${campaign.id}/publish`, {
      version: current.version,
      published: true,
    });
    expect(pub.status).toBe(200);
    expect(pub.body.publishedAt).not.toBeNull();
    const open = (await t.anonymous().get(`/api/nok/public/campaigns/${campaign.id}`)).body;
    expect(open.items.map((i: { organisation: string; rank: number }) => [i.organisation, i.rank])).toEqual([
      ['КЦСОН «Рассвет»', 1],
    ]);
    const own = (await institutionUser.get(`/api/nok/campaigns/${campaign.id}/results`)).body;
    expect(own.items.map((i: { organisation: { name: string } }) => i.organisation.name)).toEqual(['КЦСОН «Рассвет»']);
    expect(own.mean).toBeNull();
    const detail = (await institutionUser.get(`/api/nok/campaigns/${campaign.id}`)).body;
    expect(detail.assessments).toHaveLength(1);
    expect(detail.assessments[0].code).toBeNull();
    expect((await institutionUser.get(`/api/nok/assessments/${rassvet().id}`)).status).toBe(403);
  });

  it('drafts the improvement plan from the shortfalls as a regular plan, once', async () => {
    expect((await operator.post(`/api/nok/assessments/${rassvet().id}/plan`, {})).status).toBe(403);
    const r = await coord.post(`/api/nok/assessments/${rassvet().id}/plan`, {});
    expect(r.status).toBe(201);
    expect(r.body.measures).toBeGreaterThan(3);
    const plan = (await coord.get(`/api/plans/${r.body.planId}?include=measures`)).body;
    expect(plan.status).toBe('draft');
    expect(plan.title).toMatch(/^План по устранению недостатков/);
    expect(plan.measures).toHaveLength(r.body.measures);
    expect(plan.measures[0].leadExecutor.id).toBe(orgs['КЦСОН «Рассвет»']);
    expect(plan.measures[0].expectedResult).toMatch(/^Недостаток устранён: \d\.\d — /);
    expect((await coord.post(`/api/nok/assessments/${rassvet().id}/plan`, {})).status).toBe(409);
    // Not scored yet: told why.
    const sosny = campaign.assessments.find((a) => a.id !== rassvet().id)!;
    const notYet = await coord.post(`/api/nok/assessments/${sosny.id}/plan`, {});
    expect(notYet.status).toBe(400);
    expect(notYet.body.message).toMatch(/Чек-лист оператора не заполнен/);
  });

  it('gives the short link, a QR code and the embed; only the embed may be framed, by https sites', async () => {
    const links = (await coord.get(`/api/nok/assessments/${rassvet().id}/links`)).body;
    expect(links.url).toBe(`http://localhost:3000/q/${rassvet().code}`);
    expect(links.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(links.embedHtml).toContain(`src="http://localhost:3000/embed/nok/${rassvet().code}"`);
    const embed = await t.app.inject({ method: 'GET', url: `/embed/nok/${rassvet().code}` });
    expect(embed.headers['content-security-policy']).toContain("frame-ancestors 'self' https:");
    expect(embed.headers['x-frame-options']).toBeUndefined();
    const other = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(other.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(other.headers['x-frame-options']).toBe('DENY');
  });

  it('says politely that a closed campaign takes no more answers', async () => {
    const current = (await coord.get(`/api/nok/campaigns/${campaign.id}`)).body;
    await coord.patch(`/api/nok/campaigns/${campaign.id}`, { version: current.version, status: 'closed' });
    const anon = t.anonymous();
    const q = (await anon.get(`/api/nok/q/${rassvet().code}`)).body;
    expect(q.state).toBe('closed');
    expect(q.message).toMatch(/Опрос завершен/);
    const r = await anon.post(`/api/nok/q/${rassvet().code}/answers`, {
      submissionId: randomUUID(),
      deviceId: 'device-eeeeeeee',
      answers: { overall: 'yes' },
    });
    expect(r.status).toBe(409);
    expect(r.body.message).toMatch(/ответы больше не принимаются/);
  });
});
