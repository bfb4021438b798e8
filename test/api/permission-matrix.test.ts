/**
 * The permission matrix over the whole route table (issue 10, quality bar): every API route
 * × every role × the relation of the caller to the object the route names. The table below
 * says, for each route, who may get a 2xx; the routes come from the app itself, so a route
 * added without an entry here fails the suite. A 2xx to anyone not listed fails; so does a
 * refusal to anyone listed (with the route's `also` answers allowed, e.g. 409 for a state
 * the world does not offer), so the table cannot pass by every call being malformed.
 *
 * Callers, and their relation to the world (test/helpers/world.ts: a plan of Минсоцзащиты,
 * its measure led by Минкультуры and co-executed by Минздрав, an import the coordinator
 * uploaded and has not saved):
 * - admin; coordinator — the plan's owner and the import's uploader;
 * - otherCoordinator — a coordinator of Минздрав: another organisation's manager, and
 *   another user than the import's uploader;
 * - lead — executor of Минкультуры (own organisation's measure);
 * - co — executor of Минздрав (co-executor of the measure);
 * - outsider — executor of Минобрнауки (no measure in the plan);
 * - observer; anonymous.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createTestApp, type Client, type Response, type TestApp } from '../helpers/test-app';
import { engines } from '../helpers/test-db';
import { multipart } from '../helpers/multipart';
import { WORLD_METHOD, buildWorld, fillPath, paramsFor, sampleOf, type World } from '../helpers/world';
import { randomUUID } from 'node:crypto';

const ROLES = ['admin', 'coordinator', 'otherCoordinator', 'lead', 'co', 'outsider', 'observer', 'anonymous'] as const;
type Role = (typeof ROLES)[number];

const SIGNED_IN: Role[] = ['admin', 'coordinator', 'otherCoordinator', 'lead', 'co', 'outsider', 'observer'];
/** Whoever may read the world's plan and its measure. */
const PLAN_READERS: Role[] = ['admin', 'coordinator', 'otherCoordinator', 'lead', 'co', 'observer'];
const MANAGERS: Role[] = ['admin', 'coordinator'];
const ADMIN: Role[] = ['admin'];

interface Entry {
  allow: Role[];
  /** Answers that also count as "allowed, but the world's state says no" (for anyone). */
  also?: number[];
  /** Refusals other than 403 that the domain gives refused callers (e.g. 400 naming why). */
  refused?: number[];
  path?: (w: World) => string;
  query?: (w: World) => string;
  body?: (w: World) => unknown;
  /** Prepares the world (as the admin or a given client) before the call. */
  setup?: (w: World, c: Record<Role, Client>) => Promise<unknown>;
  /** A multipart upload instead of a JSON body. */
  upload?: { name: string; content: Buffer; mime: string };
  /** The call ends the session: made with a fresh login. */
  fresh?: boolean;
}

const planText = Buffer.from(
  'План мероприятий\n№ | Наименование мероприятия | Срок | Исполнитель\n1 | Проведение выставок | ежеквартально | Минкультуры\n2 | Организация семинаров | до 1 декабря | Минздрав\n',
);
const submitLead = (w: World, c: Record<Role, Client>) =>
  c.lead
    .post(`/api/reports/${w.reportId}/submit`, {
      version: w.reportVersion,
      text: 'Проведено 3 выставки',
      resultStatus: 'done',
    })
    .then((r) => {
      w.reportVersion = r.body.version;
    });

/** НОК readers of the whole campaign: its managers and operator staff, coordinators and observers. */
const NOK_READERS: Role[] = ['admin', 'coordinator', 'otherCoordinator', 'outsider', 'observer'];
const NOK_OPERATORS: Role[] = ['admin', 'coordinator', 'outsider'];
const NOK_CHECKLIST = {
  stand: [true],
  site: [false],
  remoteChannels: ['phone'],
  comfortConditions: ['water'],
  accessOrg: [],
  accessServices: ['assistance'],
};
type NokWorld = World & { nok?: { campaign: number; assessment: number; code: string; answer?: number } };

function nokCampaignBody(w: World, staffUserIds: number[] = []) {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return {
    year: new Date().getUTCFullYear(),
    sector: 'social',
    title: 'Независимая оценка качества',
    ownerOrganisationId: w.orgs['Минсоцзащиты'],
    operatorOrganisationId: w.orgs['Минобрнауки'],
    staffUserIds,
    startsOn: day(-10),
    endsOn: day(10),
    standItems: ['Устав'],
    siteItems: ['Структура'],
    organisations: [{ organisationId: w.orgId, plannedRespondents: 10 }],
  };
}

/** A campaign in the world (once per world); `scored`: with a checklist and a counted form. */
async function nokCampaign(w: World, c: Record<Role, Client>, opts: { scored?: boolean } = {}) {
  const nw = w as NokWorld;
  const staff = (await c.admin.get('/api/users')).body.items.find((u: { login: string }) => u.login === 'exec-obr');
  const created = await c.coordinator.post('/api/nok/campaigns', nokCampaignBody(w, [staff.id]));
  const a = created.body.assessments[0];
  nw.nok = { campaign: created.body.id, assessment: a.id, code: a.code };
  if (opts.scored) {
    await c.admin.put(`/api/nok/assessments/${a.id}/checklist`, { version: 1, checklist: NOK_CHECKLIST });
    await c.admin.post(`/api/nok/assessments/${a.id}/answers`, { answers: { overall: 'yes' } });
    nw.nok.answer = (await c.admin.get(`/api/nok/assessments/${a.id}`)).body.answers[0].id;
  }
}

function nokPath(w: World, what: 'campaign' | 'assessment' | 'answer' | 'code'): string {
  const n = (w as NokWorld).nok!;
  if (what === 'campaign') return `/api/nok/campaigns/${n.campaign}`;
  if (what === 'assessment') return `/api/nok/assessments/${n.assessment}`;
  if (what === 'answer') return `/api/nok/answers/${n.answer}`;
  return `/api/nok/q/${n.code}`;
}
/** Issue 15: a second plan of Минсоцзащиты whose measure (led by Минкультуры) is linked with the world's measure. */
interface Linked {
  linkId: number;
  linkedMeasureId: number;
  targetId: number;
  targetVersion: number;
}
const linked = (w: World) => w as unknown as World & Linked;
const linkWorld = async (w: World, c: Record<Role, Client>, opts: { link: boolean }) => {
  const plan = (
    await c.coordinator.post('/api/plans', {
      kind: 'plan',
      title: 'Второй план для проверки маршрутов',
      ownerOrganisationId: w.orgs['Минсоцзащиты'],
      periodFrom: '2025-01-01',
      periodTo: '2027-12-31',
      controlFrom: '2025-01-01',
    })
  ).body;
  const m = (
    await c.coordinator.post(`/api/plans/${plan.id}/measures`, {
      sectionId: null,
      number: '7',
      title: 'Мероприятие Минкультуры',
      deadlineText: 'ежегодно до 1 октября',
      leadExecutorId: w.orgs['Минкультуры'],
      controlFrom: null,
    })
  ).body;
  const l = linked(w);
  l.linkedMeasureId = m.id;
  if (!opts.link) return;
  const link = await c.coordinator.post('/api/measure-links', { measureId: w.measureId, otherMeasureId: m.id });
  if (link.status !== 201) throw new Error(`link: ${link.status} ${JSON.stringify(link.body)}`);
  l.linkId = link.body.id;
  const source = (await c.admin.get(`/api/reports/${w.reportId}`)).body;
  const target = (await c.admin.get(`/api/measures/${m.id}/reports`)).body.items.find(
    (r: { role: string; period: { label: string } }) => r.role === 'lead' && r.period.label === source.period.label,
  );
  l.targetId = target.id;
  l.targetVersion = target.version;
};

const TABLE: Record<string, Entry> = {
  'POST /api/auth/login': {
    allow: [...SIGNED_IN, 'anonymous'],
    body: () => ({ login: 'observer', password: 'demo-observer-2025' }),
    fresh: true,
  },
  'POST /api/auth/logout': { allow: SIGNED_IN, fresh: true },
  'GET /api/auth/me': { allow: SIGNED_IN },
  // A wrong current password: nobody gets a 2xx, but no signed-in user is refused the route.
  'POST /api/auth/password': {
    allow: [],
    also: [400, 401, 403],
    body: () => ({ currentPassword: 'not-the-password', newPassword: 'another-long-password-1' }),
    fresh: true,
  },
  'GET /api/auth/settings': { allow: SIGNED_IN },
  'GET /api/openapi.json': { allow: [...SIGNED_IN, 'anonymous'] },
  'GET /api/auth/tokens': { allow: SIGNED_IN },
  'POST /api/auth/tokens': { allow: SIGNED_IN, body: () => ({ name: 'Интеграция', scope: 'read' }) },
  // The administrator's token: only an administrator may revoke another's; others are told it is not found.
  'DELETE /api/auth/tokens/:id': {
    allow: ADMIN,
    refused: [404],
    setup: async (w, c) => {
      (w as unknown as { tokenId: number }).tokenId = (
        await c.admin.post('/api/auth/tokens', { name: 'Чужой токен', scope: 'read' })
      ).body.id;
    },
    path: (w) => `/api/auth/tokens/${(w as unknown as { tokenId: number }).tokenId}`,
  },
  'PATCH /api/auth/settings': { allow: SIGNED_IN, body: () => ({ notifyDaysBefore: 5 }) },
  'GET /api/organisations': { allow: SIGNED_IN },
  'GET /api/organisations/resolve': { allow: SIGNED_IN, query: () => 'name=Минздрав' },
  'POST /api/organisations': { allow: ADMIN, body: () => ({ fullName: `Организация ${Math.random()}`, kind: 'ngo' }) },
  'POST /api/organisations/merge': { allow: ADMIN, body: (w) => ({ survivorId: w.orgId, mergedId: w.orgId2 }) },
  'PATCH /api/organisations/:id': { allow: ADMIN, body: (w) => ({ version: w.orgVersion, aliases: ['Проверка'] }) },
  'DELETE /api/organisations/:id': { allow: ADMIN },
  'GET /api/users': { allow: ADMIN },
  'POST /api/users': {
    allow: ADMIN,
    body: (w) => ({
      login: `u${Math.floor(Math.random() * 1e9)}`,
      fullName: 'Новый пользователь',
      role: 'executor',
      organisationId: w.orgs['Минздрав'],
      password: 'long-enough-password-1',
    }),
  },
  'PATCH /api/users/:id': { allow: ADMIN, body: (w) => ({ version: w.userVersion, fullName: 'Переименован' }) },
  'GET /api/plans': { allow: SIGNED_IN },
  'POST /api/plans': {
    allow: MANAGERS,
    body: (w) => ({
      kind: 'plan',
      title: 'План',
      ownerOrganisationId: w.orgs['Минсоцзащиты'],
      periodFrom: '2026-01-01',
      periodTo: '2026-12-31',
    }),
  },
  'GET /api/plans/:id': { allow: PLAN_READERS },
  'PATCH /api/plans/:id': { allow: MANAGERS, body: (w) => ({ version: w.planVersion, title: 'Изменённый план' }) },
  'GET /api/plans/:id/periods': { allow: PLAN_READERS },
  // The world's reports hold written work in its periods: a replacement dropping them is refused (409).
  'PUT /api/plans/:id/periods': {
    allow: MANAGERS,
    also: [409],
    body: () => ({
      items: [{ label: '2025–2027 годы', startsOn: '2025-01-01', endsOn: '2027-12-31', reportDue: '2028-01-20' }],
    }),
  },
  'POST /api/plans/:id/archive': { allow: MANAGERS },
  'POST /api/plans/:id/sections': { allow: MANAGERS, body: () => ({ number: '9', title: 'Новый раздел' }) },
  'PATCH /api/sections/:id': { allow: MANAGERS, body: () => ({ title: 'Другое название' }) },
  // The world's section holds measures: refused to everyone (409 for its managers).
  'DELETE /api/sections/:id': { allow: [], also: [409] },
  'POST /api/plans/:id/measures': {
    allow: MANAGERS,
    body: (w) => ({ sectionId: w.sectionId, number: '1.9', title: 'Новое мероприятие' }),
  },
  'POST /api/plans/:id/reorder': {
    allow: MANAGERS,
    body: (w) => ({ sectionId: w.sectionId, measureIds: [w.otherMeasureId, w.measureId] }),
  },
  // Councils (issue 12): everyone in the region reads; the owning organisation's coordinator (the secretary) manages.
  'GET /api/councils': { allow: SIGNED_IN },
  'POST /api/councils': {
    allow: MANAGERS,
    body: (w) => ({
      fullName: `Совет ${Math.random()}`,
      kind: 'public',
      ownerOrganisationId: w.orgs['Минсоцзащиты'],
    }),
  },
  'GET /api/councils/:id': { allow: SIGNED_IN },
  'PATCH /api/councils/:id': {
    allow: MANAGERS,
    body: (w) => ({ version: w.councilVersion, meetingRule: '1 раз в квартал' }),
  },
  'POST /api/councils/:id/members': {
    allow: MANAGERS,
    body: () => ({ personName: 'Петров П.П.', role: 'member', fromDate: '2025-06-01' }),
  },
  'POST /api/council-members/:id/end': { allow: MANAGERS, body: () => ({ toDate: '2026-06-30' }) },
  'POST /api/councils/:id/meetings': {
    allow: MANAGERS,
    body: () => ({ number: `${Math.floor(Math.random() * 1e6) + 2}`, heldOn: '2026-06-01' }),
  },
  'GET /api/councils/:id/instructions': { allow: SIGNED_IN },
  // Like the plan's report: an executor with no instruction of the council gets none.
  'GET /api/councils/:id/export': {
    allow: ['admin', 'coordinator', 'otherCoordinator', 'observer'],
    query: () => 'format=xlsx',
  },
  'GET /api/meetings/:id': { allow: SIGNED_IN },
  'PATCH /api/meetings/:id': { allow: MANAGERS, body: (w) => ({ version: w.meetingVersion, place: 'Малый зал' }) },
  'PUT /api/meetings/:id/agenda': {
    allow: MANAGERS,
    body: (w) => ({ version: w.meetingVersion, questions: [{ number: 'I', title: 'О плане работы', speakers: '' }] }),
  },
  'PUT /api/meetings/:id/attendance': {
    allow: MANAGERS,
    body: (w) => ({ version: w.meetingVersion, memberIds: [w.memberId] }),
  },
  // The world's import is the coordinator's (an administrator may save it too).
  'POST /api/meetings/:id/protocol': {
    allow: MANAGERS,
    body: (w) => ({
      version: w.meetingVersion,
      importId: w.importId,
      questions: [{ number: 'I', title: 'О плане работы' }],
      items: [{ number: '1', section: 'I', title: 'Утвердить план работы', executors: [], deadlineText: '' }],
      executorMap: {},
    }),
  },
  'GET /api/meetings/:id/prepare': { allow: SIGNED_IN },
  'POST /api/meetings/:id/decisions': { allow: MANAGERS, body: (w) => ({ version: w.meetingVersion, items: [] }) },
  'GET /api/measures/:id': { allow: PLAN_READERS },
  'PATCH /api/measures/:id': { allow: MANAGERS, body: (w) => ({ version: w.measureVersion, title: 'Правка' }) },
  'POST /api/measures/:id/archive': { allow: MANAGERS },
  'GET /api/measures/:id/history': { allow: PLAN_READERS },
  'GET /api/my/measures': { allow: SIGNED_IN },
  // One plan's measure list: whoever may read the plan (the outsider is refused the plan).
  'GET /api/measures': { allow: PLAN_READERS, query: (w) => `planId=${w.planId}&sort=deadline&limit=5` },
  'GET /api/audit': { allow: ADMIN },
  'POST /api/imports': {
    allow: [...MANAGERS, 'otherCoordinator'],
    upload: { name: 'План.txt', content: planText, mime: 'text/plain' },
  },
  // The import is the coordinator's and not yet saved: no other coordinator sees or saves it.
  'GET /api/imports/:id': { allow: MANAGERS },
  'GET /api/imports/:id/layout': { allow: MANAGERS },
  'POST /api/imports/:id/columns': {
    allow: MANAGERS,
    also: [400],
    body: () => ({ block: 0, headerRow: 0, columns: ['number', 'title', 'deadline', 'executors'], remember: false }),
  },
  'POST /api/imports/:id/commit': {
    allow: MANAGERS,
    body: (w) => ({
      plan: {
        kind: 'plan',
        title: 'План из документа',
        ownerOrganisationId: w.orgs['Минсоцзащиты'],
        periodFrom: '2026-01-01',
        periodTo: '2026-12-31',
      },
      sections: [],
      items: [],
      executorMap: {},
    }),
  },
  'POST /api/imports/:id/apply-report': {
    allow: MANAGERS,
    body: (w) => ({ planId: w.planId, period: 'I квартал 2025 г.', dryRun: true }),
  },
  'GET /api/files/:id': { allow: MANAGERS },
  'GET /api/deadlines/interpret': {
    allow: PLAN_READERS,
    query: (w) => `text=${encodeURIComponent('ежеквартально')}&planId=${w.planId}`,
  },
  'GET /api/plans/:id/calendar': { allow: PLAN_READERS },
  'GET /api/plans/:id/unclear-deadlines': { allow: PLAN_READERS },
  'GET /api/measures/:id/reports': { allow: PLAN_READERS },
  'GET /api/my/reports': { allow: SIGNED_IN },
  'GET /api/review/reports': { allow: SIGNED_IN },
  'GET /api/reports/:id': { allow: PLAN_READERS },
  'PATCH /api/reports/:id': { allow: ['admin', 'lead'], body: (w) => ({ version: w.reportVersion, text: 'Черновик' }) },
  'POST /api/reports/:id/submit': {
    allow: ['admin', 'lead'],
    body: (w) => ({ version: w.reportVersion, text: 'Выполнено', resultStatus: 'done' }),
  },
  'POST /api/reports/:id/accept': { allow: MANAGERS, setup: submitLead, body: (w) => ({ version: w.reportVersion }) },
  'POST /api/reports/:id/return': {
    allow: MANAGERS,
    setup: submitLead,
    body: (w) => ({ version: w.reportVersion, comment: 'Доработайте' }),
  },
  'POST /api/reports/:id/attachments': {
    allow: ['admin', 'lead'],
    upload: { name: 'акт.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n'), mime: 'application/pdf' },
  },
  'DELETE /api/reports/:id/attachments/:attachmentId': { allow: ['admin', 'lead'] },
  // Issue 15: the live check reads like the report; reuse in linked plans is the writer's; links are the managers'.
  'POST /api/reports/:id/check': {
    allow: PLAN_READERS,
    body: () => ({ text: 'Проведено 3 выставки 12 марта 2025 г.' }),
  },
  'GET /api/reports/:id/share-targets': { allow: PLAN_READERS },
  'POST /api/reports/:id/share': {
    allow: ['admin', 'lead'],
    setup: async (w, c) => {
      await linkWorld(w, c, { link: true });
      await submitLead(w, c);
    },
    body: (w) => ({ targets: [{ reportId: linked(w).targetId, version: linked(w).targetVersion }] }),
  },
  'GET /api/measures/:id/links': { allow: PLAN_READERS },
  'GET /api/measures/:id/link-candidates': { allow: [...MANAGERS, 'otherCoordinator'] },
  'POST /api/measure-links': {
    allow: MANAGERS,
    setup: (w, c) => linkWorld(w, c, { link: false }),
    body: (w) => ({ measureId: w.measureId, otherMeasureId: linked(w).linkedMeasureId }),
  },
  'DELETE /api/measure-links/:id': {
    allow: MANAGERS,
    setup: (w, c) => linkWorld(w, c, { link: true }),
    path: (w) => `/api/measure-links/${linked(w).linkId}`,
  },
  'GET /api/dashboard/substance': { allow: PLAN_READERS, query: (w) => `planId=${w.planId}` },
  'GET /api/measures/:id/extensions': { allow: PLAN_READERS },
  'GET /api/measures/:id/extension-targets': { allow: PLAN_READERS },
  // The lead moves the measure's control date (a pending request for 2026-10-01 exists: 2027's is free).
  // A co-executor may ask to move its own report only, not the measure's date: told why (400).
  'POST /api/measures/:id/extensions': {
    allow: ['lead'],
    refused: [400],
    body: () => ({
      reason: 'Нужно больше времени',
      requestedDue: '2027-11-01',
      target: { kind: 'due', date: '2027-10-01' },
    }),
  },
  'GET /api/extensions/pending': { allow: SIGNED_IN },
  'POST /api/extensions/:id/decide': { allow: MANAGERS, body: () => ({ approve: true }) },
  'POST /api/measures/:id/close': { allow: MANAGERS, body: () => ({}) },
  'POST /api/measures/:id/reopen': {
    allow: MANAGERS,
    setup: (w, c) => c.admin.post(`/api/measures/${w.measureId}/close`, {}),
  },
  'GET /api/plans/:id/export': { allow: PLAN_READERS, query: () => 'format=xlsx' },
  'GET /api/dashboard': { allow: PLAN_READERS, query: (w) => `planId=${w.planId}` },
  'GET /api/search': { allow: PLAN_READERS, query: (w) => `q=${encodeURIComponent('выставки')}&planId=${w.planId}` },
  'GET /api/notifications': { allow: SIGNED_IN },
  'GET /api/notifications/unread-count': { allow: SIGNED_IN },
  'POST /api/notifications/read': { allow: SIGNED_IN, body: () => ({ all: true }) },
  'GET /api/home': { allow: SIGNED_IN },
  'GET /api/reports': { allow: SIGNED_IN },
  'GET /api/reports/period-labels': { allow: PLAN_READERS, query: (w) => `planId=${w.planId}` },
  // A batch answer lists what each item came to; only reviewers of the plan get one at all.
  'POST /api/reports/accept-many': {
    allow: [...MANAGERS, 'otherCoordinator'],
    setup: submitLead,
    body: (w) => ({ items: [{ id: w.reportId, version: w.reportVersion }] }),
  },
  'POST /api/measures/:id/remind': { allow: MANAGERS, body: () => ({}) },

  // НОК (issue 14): a campaign of Минсоцзащиты (the coordinator's), its operator Минобрнауки
  // with the outsider as its staff, the spare organisation assessed.
  'GET /api/nok/campaigns': { allow: SIGNED_IN },
  'POST /api/nok/campaigns': { allow: MANAGERS, body: (w) => nokCampaignBody(w) },
  'GET /api/nok/campaigns/:id': { allow: NOK_READERS, setup: nokCampaign, path: (w) => nokPath(w, 'campaign') },
  'PATCH /api/nok/campaigns/:id': {
    allow: MANAGERS,
    setup: nokCampaign,
    path: (w) => nokPath(w, 'campaign'),
    body: () => ({ version: 1, title: 'НОК: уточнённое название' }),
  },
  'POST /api/nok/campaigns/:id/publish': {
    allow: MANAGERS,
    setup: nokCampaign,
    path: (w) => `${nokPath(w, 'campaign')}/publish`,
    body: () => ({ version: 1, published: true }),
  },
  'GET /api/nok/campaigns/:id/results': {
    allow: NOK_READERS,
    setup: nokCampaign,
    path: (w) => `${nokPath(w, 'campaign')}/results`,
  },
  'GET /api/nok/operator-staff': {
    allow: [...MANAGERS, 'otherCoordinator'],
    query: (w) => `organisationId=${w.orgs['Минобрнауки']}`,
  },
  'GET /api/nok/assessments/:id': { allow: NOK_READERS, setup: nokCampaign, path: (w) => nokPath(w, 'assessment') },
  'PUT /api/nok/assessments/:id/checklist': {
    allow: NOK_OPERATORS,
    setup: nokCampaign,
    path: (w) => `${nokPath(w, 'assessment')}/checklist`,
    body: () => ({ version: 1, checklist: NOK_CHECKLIST }),
  },
  'POST /api/nok/assessments/:id/answers': {
    allow: NOK_OPERATORS,
    setup: nokCampaign,
    path: (w) => `${nokPath(w, 'assessment')}/answers`,
    body: () => ({ answers: { overall: 'yes' } }),
  },
  'PATCH /api/nok/answers/:id': {
    allow: NOK_OPERATORS,
    setup: (w, c) => nokCampaign(w, c, { scored: true }),
    path: (w) => nokPath(w, 'answer'),
    body: () => ({ suspiciousReason: 'Проверка' }),
  },
  'POST /api/nok/assessments/:id/plan': {
    allow: MANAGERS,
    setup: (w, c) => nokCampaign(w, c, { scored: true }),
    path: (w) => `${nokPath(w, 'assessment')}/plan`,
    body: () => ({}),
  },
  'GET /api/nok/assessments/:id/links': {
    allow: NOK_READERS,
    setup: nokCampaign,
    path: (w) => `${nokPath(w, 'assessment')}/links`,
  },
  // Published results are public; before publication nobody gets them here (404).
  'GET /api/nok/public/campaigns/:id': {
    allow: [...SIGNED_IN, 'anonymous'],
    setup: async (w, c) => {
      await nokCampaign(w, c, { scored: true });
      const n = (w as NokWorld).nok!;
      await c.coordinator.post(`/api/nok/campaigns/${n.campaign}/publish`, { version: 1, published: true });
    },
    path: (w) => `/api/nok/public/campaigns/${(w as NokWorld).nok!.campaign}`,
  },
  'GET /api/nok/q/:code': { allow: [...SIGNED_IN, 'anonymous'], setup: nokCampaign, path: (w) => nokPath(w, 'code') },
  'POST /api/nok/q/:code/answers': {
    allow: [...SIGNED_IN, 'anonymous'],
    setup: nokCampaign,
    path: (w) => `${nokPath(w, 'code')}/answers`,
    body: () => ({ submissionId: randomUUID(), deviceId: `device-${randomUUID()}`, answers: { overall: 'yes' } }),
  },
  'GET /api/plans/:id/indicators': { allow: PLAN_READERS },
  'POST /api/plans/:id/indicators': {
    allow: MANAGERS,
    body: (w) => ({ number: '2', name: 'Количество СО НКО', unit: 'ед.', responsibleIds: [w.orgs['Минкультуры']] }),
  },
  // Минкультуры answers for the world's indicator: its executor reads it like the plan's readers.
  'GET /api/indicators/:id': { allow: PLAN_READERS },
  'PATCH /api/indicators/:id': { allow: MANAGERS, body: (w) => ({ version: w.indicatorVersion, unit: 'тыс. чел.' }) },
  'DELETE /api/indicators/:id': { allow: MANAGERS },
  // Only the responsible executor (and the administrator) enters figures; the world's Q1 figure needs its version.
  'PUT /api/indicators/:id/facts': {
    allow: ['admin', 'lead'],
    body: (w) => ({ year: 2026, quarter: 1, unitOrganisationId: null, value: 25, version: w.factVersion }),
  },
  'POST /api/indicator-facts/:id/accept': { allow: MANAGERS, body: (w) => ({ version: w.factVersion }) },
  'POST /api/indicator-facts/:id/return': {
    allow: MANAGERS,
    body: (w) => ({ version: w.factVersion, comment: 'Уточните источник' }),
  },
  'GET /api/my/indicators': { allow: SIGNED_IN },
  'GET /api/rating-methodologies': { allow: SIGNED_IN },
  // Any coordinator of the region (and the administrator) runs ratings of municipalities.
  'POST /api/rating-methodologies': {
    allow: [...MANAGERS, 'otherCoordinator'],
    body: () => ({ methodology: { ...WORLD_METHOD, title: `Методика ${Math.random()}` } }),
  },
  'GET /api/ratings': { allow: SIGNED_IN },
  'POST /api/ratings': {
    allow: [...MANAGERS, 'otherCoordinator'],
    body: (w) => ({ methodologyId: w.methodologyId, year: 2027, title: 'Рейтинг 2027' }),
  },
  'GET /api/ratings/:id': { allow: SIGNED_IN },
  // The world's executors are ministries, not municipalities: they enter nothing.
  'PUT /api/ratings/:id/values': {
    allow: [...MANAGERS, 'otherCoordinator'],
    body: (w) => ({ items: [{ municipalityId: w.orgs['Администрация г. Озёрска'], indicator: 'A1', value: 5 }] }),
  },
  'POST /api/ratings/:id/values-csv': {
    allow: [...MANAGERS, 'otherCoordinator'],
    body: () => ({ csv: 'municipality,indicator,value\nАдминистрация г. Озёрска,A2,1\n' }),
  },
  'POST /api/ratings/:id/state': {
    allow: [...MANAGERS, 'otherCoordinator'],
    body: (w) => ({ to: 'frozen', version: w.ratingVersion }),
  },
  // Published: open to anyone, without a session.
  'GET /api/public/ratings/:id': {
    allow: [...SIGNED_IN, 'anonymous'],
    setup: async (w, c) => {
      let version = w.ratingVersion;
      for (const to of ['frozen', 'approved', 'published'])
        version = (await c.admin.post(`/api/ratings/${w.ratingId}/state`, { to, version })).body.version;
    },
  },
};

/** What an otherwise-allowed call must have achieved (a 2xx alone can hide a refusal). */
const CHECKS: Record<string, (role: Role, r: Response) => void> = {
  'POST /api/reports/accept-many': (role, r) => expect(r.body.accepted, role).toBe(role === 'otherCoordinator' ? 0 : 1),
};

describe.each(engines)('permission matrix over the route table on %s', (engine) => {
  let t: TestApp;
  const c = {} as Record<Role, Client>;
  const logins: Partial<Record<Role, [string, string]>> = {
    admin: ['admin', 'demo-admin-2025'],
    coordinator: ['coordinator', 'demo-coord-2025'],
    otherCoordinator: ['coord-zdrav', 'coord-zdrav-password-1'],
    lead: ['executor', 'demo-exec-2025'],
    co: ['executor2', 'demo-exec-2025'],
    outsider: ['exec-obr', 'exec-obr-password-1'],
    observer: ['observer', 'demo-observer-2025'],
  };
  const login = (role: Role) => (role === 'anonymous' ? Promise.resolve(t.anonymous()) : t.as(...logins[role]!));
  beforeAll(async () => {
    // The matrix builds a fresh world (an import among it) for every route × caller: far more
    // uploads than a person makes, so the upload limits are lifted here (rate-limits.test.ts
    // holds them).
    t = await createTestApp(engine, { env: { RATE_LIMIT_SCALE: '1000' } });
    const admin = await t.as('admin');
    const orgs = Object.fromEntries(
      (await admin.get('/api/organisations')).body.items.map((o: { shortName: string; id: number }) => [
        o.shortName,
        o.id,
      ]),
    );
    await admin.post('/api/users', {
      login: 'coord-zdrav',
      fullName: 'Координатор Минздрава',
      role: 'coordinator',
      organisationId: orgs['Минздрав'],
      password: 'coord-zdrav-password-1',
    });
    await admin.post('/api/users', {
      login: 'exec-obr',
      fullName: 'Исполнитель Минобрнауки',
      role: 'executor',
      organisationId: orgs['Минобрнауки'],
      password: 'exec-obr-password-1',
    });
    for (const role of ROLES) c[role] = await login(role);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const routes = () =>
    t.app.routeTable.filter(
      (r) =>
        r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD' && r.url !== '/api/health',
    );

  it('has an entry for every route, and no entry for a route that is gone', () => {
    const keys = routes().map((r) => `${r.method} ${r.url}`);
    expect(
      keys.filter((k) => !TABLE[k]),
      'routes without an entry in the permission table',
    ).toEqual([]);
    expect(
      Object.keys(TABLE).filter((k) => !keys.includes(k)),
      'entries for routes that do not exist',
    ).toEqual([]);
  });

  async function call(key: string, role: Role, w: World): Promise<Response> {
    const route = routes().find((r) => `${r.method} ${r.url}` === key)!;
    const e = TABLE[key];
    const client = e.fresh ? await login(role) : c[role];
    const url = (e.path ? e.path(w) : fillPath(route.url, paramsFor(route.url, w))) + (e.query ? `?${e.query(w)}` : '');
    if (e.upload) {
      const m = multipart(e.upload.name, e.upload.content, e.upload.mime);
      const res = await t.app.inject({
        method: route.method as 'POST',
        url,
        headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': m.contentType },
        payload: m.body,
      });
      let body: unknown = res.body;
      try {
        body = JSON.parse(res.body);
      } catch {
        /* not JSON */
      }
      return { status: res.statusCode, body, headers: res.headers };
    }
    const schema = route.schema?.body as z.ZodType | undefined;
    const body = e.body
      ? e.body(w)
      : schema
        ? sampleOf(schema, w)
        : route.method === 'GET' || route.method === 'DELETE'
          ? undefined
          : {};
    return client.request(route.method, url, body);
  }

  const world = async () => buildWorld(t, c.admin, c.coordinator, c.lead);

  for (const key of Object.keys(TABLE)) {
    it(
      key,
      async () => {
        const e = TABLE[key];
        const wrong: string[] = [];
        // Refused callers share one world: a refusal changes nothing.
        const shared = await world();
        if (e.setup) await e.setup(shared, c);
        for (const role of ROLES.filter((r) => !e.allow.includes(r))) {
          const r = await call(key, role, shared);
          if (r.status < 300) wrong.push(`${role}: ${r.status} (should be refused)`);
          else if (role === 'anonymous' && r.status !== 401 && key !== 'POST /api/auth/login')
            wrong.push(`anonymous: ${r.status} (should be 401)`);
          else if (r.status >= 500) wrong.push(`${role}: ${r.status}`);
          else if (
            r.status !== 403 &&
            r.status !== 401 &&
            ![...(e.also ?? []), ...(e.refused ?? [])].includes(r.status)
          )
            wrong.push(`${role}: ${r.status} ${JSON.stringify(r.body).slice(0, 160)} (expected 403)`);
        }
        // Each allowed caller acts on a world of its own: an allowed write may change it.
        for (const role of e.allow) {
          const w = await world();
          if (e.setup) await e.setup(w, c);
          const r = await call(key, role, w);
          if (r.status >= 300 && !(e.also ?? []).includes(r.status))
            wrong.push(`${role}: ${r.status} ${JSON.stringify(r.body).slice(0, 160)} (should be allowed)`);
          else CHECKS[key]?.(role, r);
        }
        expect(wrong, key).toEqual([]);
      },
      120_000,
    );
  }
});
