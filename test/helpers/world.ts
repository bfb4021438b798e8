/**
 * A small world of objects for tests that walk the whole route table (input fuzz,
 * permission matrix): a plan owned by Минсоцзащиты (the demo coordinator's organisation)
 * with a measure led by Минкультуры (the demo executor's) and co-executed by Минздрав, a
 * measure of Минздрав alone, their reports, an extension request, an attachment, an import
 * still in preview, and a spare organisation and user. `paramsFor` fills a route's path
 * parameters with these ids.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { orgIdsByShortName, type Client, type TestApp } from './test-app';
import { multipart, uploadImport } from './multipart';

const planText = readFileSync(new URL('../fixtures/api/volunteer-plan.txt', import.meta.url));

export interface World {
  orgs: Record<string, number>;
  planId: number;
  sectionId: number;
  /** Led by Минкультуры, Минздрав co-executes. */
  measureId: number;
  /** Минздрав alone. */
  otherMeasureId: number;
  /** Минкультуры's lead report on `measureId`, and Минздрав's part. */
  reportId: number;
  coReportId: number;
  /** Минздрав's report on `otherMeasureId`. */
  otherReportId: number;
  extensionId: number;
  attachmentId: number;
  attachmentFileId: number;
  /** Uploaded by the demo coordinator, not committed. */
  importId: number;
  importFileId: number;
  /** Spare organisations (no measures, no users): `orgId` merges `orgId2` away. */
  orgId: number;
  orgId2: number;
  userId: number;
  measureVersion: number;
  reportVersion: number;
  /** A council of Минсоцзащиты with one member and a planned meeting. */
  councilId: number;
  councilVersion: number;
  memberId: number;
  meetingId: number;
  meetingVersion: number;
  /** Versions of the plan, `orgId` and `userId` (their PATCH names them). */
  planVersion: number;
  orgVersion: number;
  userVersion: number;
  /** An indicator of the plan Минкультуры answers for, with a figure it entered (submitted). */
  indicatorId: number;
  indicatorVersion: number;
  factId: number;
  factVersion: number;
  /** A rating campaign (collecting) under a two-indicator methodology, by the coordinator. */
  methodologyId: number;
  ratingId: number;
  ratingVersion: number;
}

/** A small methodology in the exchange format (src/domain/ratings/README.md). */
export const WORLD_METHOD = {
  title: 'Рейтинг поддержки СО НКО',
  missing: 'zero',
  groups: [{ id: 'A', title: 'Поддержка', weight: 1 }],
  indicators: [
    {
      id: 'A1',
      group: 'A',
      title: 'Субсидии СО НКО',
      unit: 'ед.',
      direction: 'up',
      normalisation: 'minmax',
      weight: 1,
    },
    {
      id: 'A2',
      group: 'A',
      title: 'Программа поддержки',
      unit: 'ед.',
      direction: 'up',
      normalisation: 'binary',
      weight: 1,
    },
  ],
  bands: [
    { from: 50, label: 'лидеры' },
    { from: 0, label: 'первые шаги' },
  ],
};

export async function buildWorld(t: TestApp, admin: Client, coord: Client, exec: Client): Promise<World> {
  const orgs = await orgIdsByShortName(admin);
  const plan = (
    await coord.post('/api/plans', {
      kind: 'plan',
      title: 'План для проверки маршрутов',
      ownerOrganisationId: orgs['Минсоцзащиты'],
      periodFrom: '2025-01-01',
      periodTo: '2027-12-31',
      controlFrom: '2025-01-01',
    })
  ).body;
  const section = (await coord.post(`/api/plans/${plan.id}/sections`, { number: '1', title: 'Раздел' })).body;
  const m1 = (
    await coord.post(`/api/plans/${plan.id}/measures`, {
      sectionId: section.id,
      number: '1.1',
      title: 'Мероприятие Минкультуры',
      deadlineText: 'ежегодно до 1 октября',
      leadExecutorId: orgs['Минкультуры'],
      coExecutorIds: [orgs['Минздрав']],
      controlFrom: null,
    })
  ).body;
  if (!m1.id) throw new Error(`world: ${JSON.stringify(plan)} ${JSON.stringify(section)} ${JSON.stringify(m1)}`);
  const m2 = (
    await coord.post(`/api/plans/${plan.id}/measures`, {
      sectionId: section.id,
      number: '1.2',
      title: 'Мероприятие Минздрава',
      deadlineText: 'ежеквартально',
      leadExecutorId: orgs['Минздрав'],
      controlFrom: null,
    })
  ).body;
  const reports = (await coord.get(`/api/measures/${m1.id}/reports`)).body.items as {
    id: number;
    role: string;
    organisation: { id: number };
  }[];
  const lead = reports.find((r) => r.role === 'lead')!;
  const co = reports.find((r) => r.role === 'co')!;
  const other = (await coord.get(`/api/measures/${m2.id}/reports`)).body.items[0];
  const ext = await exec.post(`/api/measures/${m1.id}/extensions`, {
    reason: 'Нужно больше времени',
    requestedDue: '2026-11-01',
    target: { kind: 'due', date: '2026-10-01' },
  });
  if (ext.status !== 201) throw new Error(`extension: ${ext.status} ${JSON.stringify(ext.body)}`);
  const pdf = multipart(
    'акт.pdf',
    Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'),
    'application/pdf',
  );
  const att = await t.app.inject({
    method: 'POST',
    url: `/api/reports/${lead.id}/attachments`,
    headers: { cookie: exec.cookie, 'x-csrf-token': exec.csrf, 'content-type': pdf.contentType },
    payload: pdf.body,
  });
  if (att.statusCode !== 201) throw new Error(`attachment: ${att.statusCode} ${att.body}`);
  const imp = await uploadImport(coord, t, 'План добровольчества.txt', planText);
  if (imp.status !== 201) throw new Error(`import: ${imp.status}`);
  const tag = Math.random().toString(36).slice(2, 8);
  const org = (
    await admin.post('/api/organisations', {
      fullName: `Автономная некоммерческая организация «Проверка маршрутов ${tag}»`,
      kind: 'ngo',
    })
  ).body;
  const org2 = (
    await admin.post('/api/organisations', {
      fullName: `Автономная некоммерческая организация «Слияние ${tag}»`,
      kind: 'ngo',
    })
  ).body;
  const user = (
    await admin.post('/api/users', {
      login: `probe${Date.now()}${tag}`,
      fullName: 'Проверочный пользователь',
      role: 'observer',
      organisationId: orgs['Минздрав'],
      password: 'probe-password-1',
    })
  ).body;
  const council = (
    await coord.post('/api/councils', {
      fullName: `Совет для проверки маршрутов ${tag}`,
      kind: 'coordination',
      ownerOrganisationId: orgs['Минсоцзащиты'],
    })
  ).body;
  if (!council.id) throw new Error(`world council: ${JSON.stringify(council)}`);
  const member = (
    await coord.post(`/api/councils/${council.id}/members`, {
      personName: 'Иванова И.И.',
      role: 'chair',
      organisationId: orgs['Минсоцзащиты'],
      fromDate: '2025-01-01',
    })
  ).body;
  const meeting = (await coord.post(`/api/councils/${council.id}/meetings`, { number: '1', heldOn: '2026-03-01' }))
    .body;
  const indicator = await coord.post(`/api/plans/${plan.id}/indicators`, {
    number: '1',
    name: 'Численность добровольцев',
    unit: 'чел.',
    targets: [{ year: 2026, quarter: 0, value: 100 }],
    responsibleIds: [orgs['Минкультуры']],
  });
  if (indicator.status !== 201) throw new Error(`indicator: ${indicator.status} ${JSON.stringify(indicator.body)}`);
  const fact = await exec.put(`/api/indicators/${indicator.body.id}/facts`, {
    year: 2026,
    quarter: 1,
    unitOrganisationId: null,
    value: 20,
  });
  if (fact.status !== 200) throw new Error(`fact: ${fact.status} ${JSON.stringify(fact.body)}`);
  const method = await coord.post('/api/rating-methodologies', { methodology: WORLD_METHOD });
  if (method.status !== 201) throw new Error(`methodology: ${method.status} ${JSON.stringify(method.body)}`);
  const rating = await coord.post('/api/ratings', { methodologyId: method.body.id, year: 2026, title: 'Рейтинг 2026' });
  if (rating.status !== 201) throw new Error(`rating: ${rating.status} ${JSON.stringify(rating.body)}`);
  return {
    methodologyId: method.body.id,
    ratingId: rating.body.id,
    ratingVersion: rating.body.version,
    indicatorId: indicator.body.id,
    indicatorVersion: indicator.body.version,
    factId: fact.body.id,
    factVersion: fact.body.version,
    orgs,
    councilId: council.id,
    councilVersion: (await coord.get(`/api/councils/${council.id}`)).body.version,
    memberId: member.id,
    meetingId: meeting.id,
    meetingVersion: meeting.version,
    planId: plan.id,
    sectionId: section.id,
    measureId: m1.id,
    otherMeasureId: m2.id,
    reportId: lead.id,
    coReportId: co.id,
    otherReportId: other.id,
    extensionId: ext.body.id,
    attachmentId: JSON.parse(att.body).id,
    attachmentFileId: JSON.parse(att.body).fileId,
    importId: imp.body.importId,
    importFileId: imp.body.fileId,
    orgId: org.id,
    orgId2: org2.id,
    userId: user.id,
    measureVersion: (await admin.get(`/api/measures/${m1.id}`)).body.version,
    reportVersion: (await admin.get(`/api/reports/${lead.id}`)).body.version,
    planVersion: (await admin.get(`/api/plans/${plan.id}`)).body.version,
    orgVersion: org.version,
    userVersion: user.version,
  };
}

/** Ids for a route's path parameters, by the resource the path names. */
export function paramsFor(url: string, w: World): Record<string, number> {
  const resource = url.split('/')[2];
  const byResource: Record<string, number> = {
    plans: w.planId,
    sections: w.sectionId,
    measures: w.measureId,
    reports: w.reportId,
    extensions: w.extensionId,
    imports: w.importId,
    files: w.importFileId,
    organisations: w.orgId,
    users: w.userId,
    councils: w.councilId,
    'council-members': w.memberId,
    meetings: w.meetingId,
    indicators: w.indicatorId,
    'indicator-facts': w.factId,
    ratings: w.ratingId,
    public: w.ratingId,
  };
  const out: Record<string, number> = {};
  for (const m of url.matchAll(/:(\w+)/g))
    out[m[1]] = m[1] === 'attachmentId' ? w.attachmentId : (byResource[resource] ?? 1);
  return out;
}

export const fillPath = (url: string, params: Record<string, string | number>) =>
  url.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(String(params[k])));

type Def = {
  type: string;
  format?: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
  values?: unknown[];
  valueType?: z.ZodType;
  in?: z.ZodType;
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Plausible values for fields named like ids of the world's objects. */
function idFor(key: string, w: World): number {
  if (/organisation|executor|owner|survivor|parent/i.test(key)) return w.orgs['Минкультуры'];
  if (/merged/i.test(key)) return w.orgId;
  if (/plan/i.test(key)) return w.planId;
  if (/section/i.test(key)) return w.sectionId;
  if (/measure/i.test(key)) return w.measureId;
  if (/report/i.test(key)) return w.reportId;
  if (/numerator|denominator/i.test(key)) return w.indicatorId;
  return 1;
}

/**
 * A valid-looking value for a zod schema, and the paths of its leaves (strings, numbers,
 * dates) that a fuzzer replaces one at a time. Written by hand: no library derives sample
 * data from zod 4 schemas, and the values must point at the world's objects.
 */
export function sampleOf(
  schema: z.ZodType,
  w: World,
  key = '',
  path: (string | number)[] = [],
  leaves: (string | number)[][] = [],
): unknown {
  const d = defOf(schema);
  switch (d.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(d.shape ?? {})) out[k] = sampleOf(v, w, k, [...path, k], leaves);
      return out;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'nonoptional':
      return sampleOf(d.innerType!, w, key, path, leaves);
    case 'pipe':
      return sampleOf(d.in!, w, key, path, leaves);
    case 'array':
      return [sampleOf(d.element!, w, key, [...path, 0], leaves)];
    case 'union':
      return sampleOf(d.options![0], w, key, path, leaves);
    case 'record':
      return { Название: sampleOf(d.valueType!, w, key, [...path, 'Название'], leaves) };
    case 'enum':
      return Object.values(d.entries ?? {})[0];
    case 'literal':
      return d.values?.[0];
    case 'boolean':
      leaves.push(path);
      return false;
    case 'number':
      leaves.push(path);
      return /id$|Id$|Ids$/.test(key) ? idFor(key, w) : 1;
    case 'string':
      leaves.push(path);
      if (d.format === 'date') return '2026-03-01';
      if (d.format === 'email') return 'probe@example.ru';
      if (d.format === 'url') return 'https://example.ru/report';
      return key === 'login' ? 'probe_user' : key === 'q' ? 'выставка' : 'Текст для проверки';
    default:
      return undefined;
  }
}

/** Sets the value at `path` in a copy of `obj`. */
export function withValue(obj: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: any = Array.isArray(obj) ? [...obj] : { ...(obj as object) };
  copy[path[0]] = withValue(copy[path[0]], path.slice(1), value);
  return copy;
}
