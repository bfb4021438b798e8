import { describe, expect, it } from 'vitest';
import {
  authorize,
  reportAbilities,
  seesOwnOrganisationOnly,
  type Action,
  type Actor,
  type FileSubject,
  type PlanSubject,
} from './authorize';

const plan: PlanSubject = { regionId: 1, ownerOrganisationId: 10, status: 'active' };
const measure = { regionId: 1, plan, executorOrganisationIds: [20, 21] };
const actor = (role: Actor['role'], organisationId: number, regionId = 1): Actor => ({
  userId: 1,
  role,
  organisationId,
  regionId,
});

describe('authorize', () => {
  it('lets the owning coordinator and admins change a plan, nobody else', () => {
    expect(authorize(actor('coordinator', 10), { action: 'plan.update', subject: plan })).toBe(true);
    expect(authorize(actor('admin', 99), { action: 'plan.update', subject: plan })).toBe(true);
    expect(authorize(actor('coordinator', 11), { action: 'plan.update', subject: plan })).toBe(false);
    expect(authorize(actor('executor', 20), { action: 'plan.update', subject: plan })).toBe(false);
    expect(authorize(actor('observer', 10), { action: 'plan.update', subject: plan })).toBe(false);
  });

  it('never crosses regions, even for admins', () => {
    expect(authorize(actor('admin', 10, 2), { action: 'plan.read', subject: plan })).toBe(false);
    expect(authorize(actor('admin', 10, 2), { action: 'directory.manage', subject: { regionId: 1 } })).toBe(false);
  });

  it('shows an executor only the measures of its organisation', () => {
    expect(authorize(actor('executor', 20), { action: 'measure.read', subject: measure })).toBe(true);
    expect(authorize(actor('executor', 30), { action: 'measure.read', subject: measure })).toBe(false);
    expect(authorize(actor('executor', 20), { action: 'measure.update', subject: measure })).toBe(false);
    expect(authorize(actor('observer', 30), { action: 'measure.read', subject: measure })).toBe(true);
  });

  it("lets only the measure's executors ask for more time, in a plan in force; the plan's manager decides", () => {
    expect(authorize(actor('executor', 21), { action: 'extension.request', subject: measure })).toBe(true);
    expect(authorize(actor('executor', 30), { action: 'extension.request', subject: measure })).toBe(false);
    expect(authorize(actor('observer', 20), { action: 'extension.request', subject: measure })).toBe(false);
    expect(authorize(actor('coordinator', 20), { action: 'extension.request', subject: measure })).toBe(false);
    expect(
      authorize(actor('executor', 20), {
        action: 'extension.request',
        subject: { ...measure, plan: { ...plan, status: 'draft' } },
      }),
    ).toBe(false);
    expect(authorize(actor('coordinator', 10), { action: 'extension.decide', subject: measure })).toBe(true);
    expect(authorize(actor('executor', 20), { action: 'extension.decide', subject: measure })).toBe(false);
  });

  it('freezes archived plans', () => {
    const archived = { ...plan, status: 'archived' as const };
    expect(authorize(actor('admin', 10), { action: 'plan.update', subject: archived })).toBe(false);
    expect(authorize(actor('coordinator', 10), { action: 'measure.create', subject: archived })).toBe(false);
  });
});

/**
 * Every action × role × relation, as a table. The relations: `own` — the subject concerns the
 * actor's organisation (the plan's owner, the measure's executor, the report's writer, the
 * actor's own upload or token); `other` — another organisation's (or user's), same region;
 * `region` — another region. Columns: admin, coordinator, executor, observer.
 */
describe('authorize: the whole table', () => {
  const ORG = 10;
  const OTHER = 30;
  type Relation = 'own' | 'other' | 'region';
  const orgOf = (rel: Relation) => (rel === 'own' ? ORG : OTHER);
  const regionOf = (rel: Relation) => (rel === 'region' ? 2 : 1);
  const planOf = (rel: Relation, status: PlanSubject['status'] = 'active'): PlanSubject => ({
    regionId: regionOf(rel),
    ownerOrganisationId: orgOf(rel),
    status,
  });
  const measureOf = (rel: Relation) => ({
    regionId: regionOf(rel),
    // The plan is someone else's: the relation is the executor's place on the measure.
    plan: { ...planOf('other'), regionId: regionOf(rel) },
    executorOrganisationIds: [orgOf(rel)],
  });
  const reportOf = (rel: Relation, role: 'lead' | 'co' = 'lead') => ({
    regionId: regionOf(rel),
    plan: planOf(rel),
    organisationId: orgOf(rel),
    role,
  });
  const importOf = (rel: Relation, status: 'preview' | 'saved' = 'preview') => ({
    regionId: regionOf(rel),
    createdBy: rel === 'own' ? 1 : 2,
    status,
  });
  const fileOf = (rel: Relation, extra: Partial<FileSubject> = {}): FileSubject => ({
    regionId: regionOf(rel),
    createdBy: rel === 'own' ? 1 : 2,
    import: null,
    sourceOfReadablePlan: false,
    attachedToReadableReport: false,
    ...extra,
  });

  // [name, build the request for a relation, expected by relation: [admin, coordinator, executor, observer]]
  const T = true;
  const F = false;
  type Row = [string, (rel: Relation) => Action, Record<Relation, [boolean, boolean, boolean, boolean]>];
  const rows: Row[] = [
    [
      'plan.create',
      (rel) => ({ action: 'plan.create', subject: { regionId: regionOf(rel), ownerOrganisationId: orgOf(rel) } }),
      { own: [T, T, F, F], other: [T, F, F, F], region: [F, F, F, F] },
    ],
    [
      'plan.read',
      (rel) => ({ action: 'plan.read', subject: planOf(rel) }),
      { own: [T, T, T, T], other: [T, T, F, T], region: [F, F, F, F] },
    ],
    [
      'plan.read (executes a measure)',
      (rel) => ({ action: 'plan.read', subject: { ...planOf(rel === 'own' ? 'other' : rel), hasOwnMeasures: true } }),
      { own: [T, T, T, T], other: [T, T, T, T], region: [F, F, F, F] },
    ],
    [
      'plan.update',
      (rel) => ({ action: 'plan.update', subject: planOf(rel) }),
      { own: [T, T, F, F], other: [T, F, F, F], region: [F, F, F, F] },
    ],
    [
      'plan.update (archived)',
      (rel) => ({ action: 'plan.update', subject: planOf(rel, 'archived') }),
      { own: [F, F, F, F], other: [F, F, F, F], region: [F, F, F, F] },
    ],
    [
      'plan.archive',
      (rel) => ({ action: 'plan.archive', subject: planOf(rel) }),
      { own: [T, T, F, F], other: [T, F, F, F], region: [F, F, F, F] },
    ],
    [
      'measure.create',
      (rel) => ({ action: 'measure.create', subject: planOf(rel) }),
      { own: [T, T, F, F], other: [T, F, F, F], region: [F, F, F, F] },
    ],
    [
      'measure.read',
      (rel) => ({ action: 'measure.read', subject: measureOf(rel) }),
      { own: [T, T, T, T], other: [T, T, F, T], region: [F, F, F, F] },
    ],
    [
      'measure.update',
      (rel) => ({ action: 'measure.update', subject: measureOf(rel) }),
      { own: [T, F, F, F], other: [T, F, F, F], region: [F, F, F, F] },
    ],
    [
      'measure.archive',
      (rel) => ({ action: 'measure.archive', subject: { ...measureOf(rel), plan: planOf(rel) } }),
      { own: [T, T, F, F], other: [T, F, F, F], region: [F, F, F, F] },
    ],
    [
      'extension.request',
      (rel) => ({ action: 'extension.request', subject: measureOf(rel) }),
      { own: [F, F, T, F], other: [F, F, F, F], region: [F, F, F, F] },
    ],
    [
      'extension.decide',
      (rel) => ({ action: 'extension.decide', subject: { ...measureOf(rel), plan: planOf(rel) } }),
      { own: [T, T, F, F], other: [T, F, F, F], region: [F, F, F, F] },
    ],
    [
      'report.write',
      (rel) => ({ action: 'report.write', subject: reportOf(rel) }),
      { own: [T, T, T, F], other: [T, F, F, F], region: [F, F, F, F] },
    ],
    [
      'report.write (archived plan)',
      (rel) => ({ action: 'report.write', subject: { ...reportOf(rel), plan: planOf(rel, 'archived') } }),
      { own: [F, F, F, F], other: [F, F, F, F], region: [F, F, F, F] },
    ],
    [
      'report.review (lead report, plan the actor manages if own)',
      (rel) => ({ action: 'report.review', subject: reportOf(rel) }),
      { own: [T, T, F, F], other: [T, F, F, F], region: [F, F, F, F] },
    ],
    [
      "report.review (a co-executor's part)",
      (rel) => ({ action: 'report.review', subject: reportOf(rel, 'co') }),
      { own: [F, F, F, F], other: [F, F, F, F], region: [F, F, F, F] },
    ],
    [
      'review.queue',
      (rel) => ({ action: 'review.queue', subject: { regionId: regionOf(rel) } }),
      { own: [T, T, F, F], other: [T, T, F, F], region: [F, F, F, F] },
    ],
    [
      'import.create',
      (rel) => ({ action: 'import.create', subject: { regionId: regionOf(rel) } }),
      { own: [T, T, F, F], other: [T, T, F, F], region: [F, F, F, F] },
    ],
    [
      'import.read (not yet saved)',
      (rel) => ({ action: 'import.read', subject: importOf(rel) }),
      { own: [T, T, F, F], other: [T, F, F, F], region: [F, F, F, F] },
    ],
    [
      'import.read (saved)',
      (rel) => ({ action: 'import.read', subject: importOf(rel, 'saved') }),
      { own: [T, T, F, F], other: [T, T, F, F], region: [F, F, F, F] },
    ],
    [
      'file.read (nothing readable uses it)',
      (rel) => ({ action: 'file.read', subject: fileOf(rel) }),
      { own: [T, T, T, T], other: [T, F, F, F], region: [F, F, F, F] },
    ],
    [
      'file.read (attached to a readable report)',
      (rel) => ({ action: 'file.read', subject: fileOf(rel, { attachedToReadableReport: true }) }),
      { own: [T, T, T, T], other: [T, T, T, T], region: [F, F, F, F] },
    ],
    [
      'file.read (source of a readable plan)',
      (rel) => ({ action: 'file.read', subject: fileOf(rel, { sourceOfReadablePlan: true }) }),
      { own: [T, T, T, T], other: [T, T, F, T], region: [F, F, F, F] },
    ],
    [
      "file.read (another's import not yet saved)",
      (rel) => ({
        action: 'file.read',
        subject: fileOf(rel, { import: importOf(rel), sourceOfReadablePlan: true, attachedToReadableReport: true }),
      }),
      { own: [T, T, T, T], other: [T, F, F, F], region: [F, F, F, F] },
    ],
    [
      'council.create',
      (rel) => ({
        action: 'council.create',
        subject: { regionId: regionOf(rel), ownerOrganisationId: orgOf(rel) },
      }),
      { own: [T, T, F, F], other: [T, F, F, F], region: [F, F, F, F] },
    ],
    [
      'council.read',
      (rel) => ({
        action: 'council.read',
        subject: { regionId: regionOf(rel), ownerOrganisationId: orgOf(rel), archived: false },
      }),
      { own: [T, T, T, T], other: [T, T, T, T], region: [F, F, F, F] },
    ],
    [
      'council.manage (the secretary: a coordinator of the owning organisation)',
      (rel) => ({
        action: 'council.manage',
        subject: { regionId: regionOf(rel), ownerOrganisationId: orgOf(rel), archived: false },
      }),
      { own: [T, T, F, F], other: [T, F, F, F], region: [F, F, F, F] },
    ],
    [
      'council.manage (archived council)',
      (rel) => ({
        action: 'council.manage',
        subject: { regionId: regionOf(rel), ownerOrganisationId: orgOf(rel), archived: true },
      }),
      { own: [F, F, F, F], other: [F, F, F, F], region: [F, F, F, F] },
    ],
    [
      'directory.read',
      (rel) => ({ action: 'directory.read', subject: { regionId: regionOf(rel) } }),
      { own: [T, T, T, T], other: [T, T, T, T], region: [F, F, F, F] },
    ],
    ...(['directory.manage', 'users.manage', 'audit.read', 'api_token.manage_all'] as const).map((action): Row => [
      action,
      (rel) => ({ action, subject: { regionId: regionOf(rel) } }),
      { own: [T, F, F, F], other: [T, F, F, F], region: [F, F, F, F] },
    ]),
    [
      'indicator.read',
      (rel) => ({
        action: 'indicator.read',
        subject: { regionId: regionOf(rel), plan: planOf(rel), responsibleOrganisationIds: [orgOf(rel)] },
      }),
      { own: [T, T, T, T], other: [T, T, F, T], region: [F, F, F, F] },
    ],
    ...(['indicator.manage', 'indicator.review'] as const).map((action): Row => [
      action,
      (rel) => ({ action, subject: planOf(rel) }),
      { own: [T, T, F, F], other: [T, F, F, F], region: [F, F, F, F] },
    ]),
    [
      'indicator.report',
      (rel) => ({
        action: 'indicator.report',
        subject: {
          regionId: regionOf(rel),
          plan: planOf(rel),
          responsibleOrganisationIds: [orgOf(rel)],
          unitOrganisationId: null,
        },
      }),
      { own: [T, T, T, F], other: [T, F, F, F], region: [F, F, F, F] },
    ],
    [
      'rating.read',
      (rel) => ({ action: 'rating.read', subject: { regionId: regionOf(rel) } }),
      { own: [T, T, T, T], other: [T, T, T, T], region: [F, F, F, F] },
    ],
    [
      'rating.manage',
      (rel) => ({ action: 'rating.manage', subject: { regionId: regionOf(rel) } }),
      { own: [T, T, F, F], other: [T, T, F, F], region: [F, F, F, F] },
    ],
    [
      'rating.enter',
      (rel) => ({
        action: 'rating.enter',
        subject: { regionId: regionOf(rel), municipalityId: orgOf(rel), state: 'collecting' },
      }),
      { own: [T, T, T, F], other: [T, T, F, F], region: [F, F, F, F] },
    ],
    [
      'api_token.revoke',
      (rel) => ({ action: 'api_token.revoke', subject: { regionId: regionOf(rel), userId: rel === 'own' ? 1 : 2 } }),
      { own: [T, T, T, T], other: [T, F, F, F], region: [F, F, F, F] },
    ],
  ];
  const roles: Actor['role'][] = ['admin', 'coordinator', 'executor', 'observer'];
  const cases = rows.flatMap(([name, build, expected]) =>
    (['own', 'other', 'region'] as Relation[]).flatMap((rel) =>
      roles.map((role, i) => ({ name, rel, role, build, allowed: expected[rel][i] })),
    ),
  );

  it.each(cases)('$name, $rel, $role → $allowed', ({ rel, role, build, allowed }) => {
    expect(authorize(actor(role, ORG), build(rel))).toBe(allowed);
  });

  it('covers every action', () => {
    const covered = new Set(rows.map(([, build]) => build('own').action));
    // A Record over the Action union: a new action fails typecheck here until the table has rows for it.
    const every: Record<Action['action'], true> = {
      'plan.create': true,
      'plan.read': true,
      'plan.update': true,
      'plan.archive': true,
      'measure.read': true,
      'measure.update': true,
      'measure.archive': true,
      'measure.create': true,
      'extension.request': true,
      'extension.decide': true,
      'directory.manage': true,
      'users.manage': true,
      'audit.read': true,
      'directory.read': true,
      'import.create': true,
      'import.read': true,
      'file.read': true,
      'report.write': true,
      'report.review': true,
      'review.queue': true,
      'api_token.manage_all': true,
      'api_token.revoke': true,
      'council.create': true,
      'council.read': true,
      'council.manage': true,
      'indicator.read': true,
      'indicator.manage': true,
      'indicator.review': true,
      'indicator.report': true,
      'rating.read': true,
      'rating.manage': true,
      'rating.enter': true,
    };
    const all = Object.keys(every);
    expect([...covered].sort()).toEqual([...all].sort());
  });

  it('gives the UI the abilities the services check', () => {
    const r = { ...reportOf('own'), state: 'submitted' };
    expect(reportAbilities(actor('coordinator', ORG), r)).toEqual({
      edit: false,
      submit: false,
      accept: true,
      return: true,
    });
    expect(reportAbilities(actor('executor', ORG), { ...r, state: 'returned' })).toEqual({
      edit: true,
      submit: true,
      accept: false,
      return: false,
    });
  });

  it('scopes lists to their own organisation for executors only', () => {
    expect(roles.filter((role) => seesOwnOrganisationOnly(actor(role, ORG)))).toEqual(['executor']);
  });
});
