/**
 * The one permission entry point: `authorize(actor, action, subject)`.
 * Plain policy functions per entity, no engine (pattern from Outline's server/policies).
 * List queries apply the same rules in SQL (see modules/*.queries.ts); these functions
 * decide single-object actions and compute the abilities the UI receives.
 */
export type Role = 'admin' | 'coordinator' | 'executor' | 'observer';

export interface Actor {
  userId: number;
  regionId: number;
  organisationId: number;
  role: Role;
}

export interface PlanSubject {
  regionId: number;
  ownerOrganisationId: number;
  status: 'draft' | 'active' | 'archived';
}

export interface MeasureSubject {
  regionId: number;
  plan: PlanSubject;
  /** Lead and co-executor organisation ids. */
  executorOrganisationIds: number[];
}

export type Action =
  | { action: 'plan.create'; subject: { regionId: number; ownerOrganisationId: number } }
  | { action: 'plan.read' | 'plan.update' | 'plan.archive'; subject: PlanSubject & { hasOwnMeasures?: boolean } }
  | { action: 'measure.read' | 'measure.update' | 'measure.archive'; subject: MeasureSubject }
  | { action: 'measure.create'; subject: PlanSubject }
  | { action: 'extension.request' | 'extension.decide'; subject: MeasureSubject }
  | { action: 'directory.manage' | 'users.manage' | 'audit.read'; subject: { regionId: number } }
  | { action: 'directory.read'; subject: { regionId: number } }
  | { action: 'import.create'; subject: { regionId: number } }
  | { action: 'import.read'; subject: ImportSubject }
  | { action: 'file.read'; subject: FileSubject }
  | { action: 'report.write' | 'report.review'; subject: ReportSubject }
  | { action: 'review.queue' | 'api_token.manage_all'; subject: { regionId: number } }
  | { action: 'api_token.revoke'; subject: { regionId: number; userId: number } }
  | { action: 'council.create'; subject: { regionId: number; ownerOrganisationId: number } }
  | { action: 'council.read' | 'council.manage'; subject: CouncilSubject }
  | { action: 'indicator.read'; subject: IndicatorSubject }
  | { action: 'indicator.manage' | 'indicator.review'; subject: PlanSubject }
  | { action: 'indicator.report'; subject: IndicatorSubject & { unitOrganisationId: number | null } }
  | { action: 'rating.manage' | 'rating.read'; subject: { regionId: number } }
  | {
      action: 'rating.enter';
      subject: { regionId: number; municipalityId: number; state: 'collecting' | 'frozen' | 'approved' | 'published' };
    };

/** A target indicator of a plan, and who answers for it. */
export interface IndicatorSubject {
  regionId: number;
  plan: PlanSubject & { hasOwnMeasures?: boolean };
  responsibleOrganisationIds: number[];
  /** The actor's organisation is one of the units the indicator is broken down by (a municipality). */
  actorIsUnit?: boolean;
}

/** An execution report: one organisation's, for one measure of a plan. */
export interface ReportSubject {
  regionId: number;
  plan: PlanSubject;
  /** The organisation that writes the report. */
  organisationId: number;
  /** The lead executor's report gathers the co-executors' parts and is the one reviewed. */
  role: 'lead' | 'co';
}

/** Report states in which the report is still being written. */
export const REPORT_OPEN_STATES = ['expected', 'draft', 'returned'] as const;

/** What the UI may offer on a report in the given state (the same rules the services check). */
export function reportAbilities(actor: Actor, report: ReportSubject & { state: string }) {
  const s = report.state;
  const open = (REPORT_OPEN_STATES as readonly string[]).includes(s);
  const write = authorize(actor, { action: 'report.write', subject: report });
  const review = authorize(actor, { action: 'report.review', subject: report });
  return {
    edit: write && open,
    submit: write && open,
    accept: review && s === 'submitted',
    return: review && (s === 'submitted' || s === 'accepted'),
  };
}

/**
 * The scope of lists (plans, measures, reports, dashboards, search): executors see only what
 * concerns their own organisation; every other role sees the whole region. List queries turn
 * this into SQL predicates (modules/plans/plans.queries.ts).
 */
export const seesOwnOrganisationOnly = (actor: Actor): boolean => actor.role === 'executor';

/**
 * A council (issue 12). Its secretary's work — composition, meetings, protocols, decisions on
 * instructions — is done by a coordinator of the owning organisation; everyone in the region
 * reads the council and its meetings (executors see only their own instructions: those are
 * measures of the council's plan, scoped like any other).
 */
export interface CouncilSubject {
  regionId: number;
  ownerOrganisationId: number;
  archived: boolean;
}

/** An uploaded document and what became of it. */
export interface ImportSubject {
  regionId: number;
  /** The user who uploaded it. */
  createdBy: number;
  /** 'preview' until saved as a plan ('saved') or applied to one ('applied'). */
  status: 'preview' | 'saved' | 'applied';
}

/** A stored file, with the uses that make it readable. */
export interface FileSubject {
  regionId: number;
  createdBy: number;
  /** The import it was uploaded as, if any. */
  import?: ImportSubject | null;
  /** The actor may read a plan the file is the source of (or was applied to). */
  sourceOfReadablePlan: boolean;
  /** The actor may read a report the file is attached to. */
  attachedToReadableReport: boolean;
}

const sameRegion = (a: Actor, s: { regionId: number }) => a.regionId === s.regionId;

/** A coordinator manages the plans their own organisation owns; an admin manages all. */
function managesPlan(actor: Actor, plan: PlanSubject): boolean {
  if (!sameRegion(actor, plan)) return false;
  if (actor.role === 'admin') return true;
  return actor.role === 'coordinator' && actor.organisationId === plan.ownerOrganisationId;
}

function readsPlan(actor: Actor, plan: PlanSubject & { hasOwnMeasures?: boolean }): boolean {
  if (!sameRegion(actor, plan)) return false;
  if (actor.role === 'executor')
    return plan.hasOwnMeasures === true || actor.organisationId === plan.ownerOrganisationId;
  return true;
}

/**
 * Imports are the managers' tool; a document not yet saved is a draft of its uploader's:
 * other coordinators neither read, re-read nor save it until it is committed.
 */
function readsImport(actor: Actor, imp: ImportSubject): boolean {
  if (!sameRegion(actor, imp)) return false;
  if (actor.role === 'admin') return true;
  if (actor.role !== 'coordinator') return false;
  return imp.status !== 'preview' || imp.createdBy === actor.userId;
}

function isExecutorOf(actor: Actor, m: MeasureSubject): boolean {
  return m.executorOrganisationIds.includes(actor.organisationId);
}

/**
 * @example authorize(actor, { action: 'measure.update', subject: measure }) // true | false
 */
export function authorize(actor: Actor, request: Action): boolean {
  switch (request.action) {
    case 'plan.create':
      if (!sameRegion(actor, request.subject)) return false;
      return (
        actor.role === 'admin' ||
        (actor.role === 'coordinator' && actor.organisationId === request.subject.ownerOrganisationId)
      );
    case 'plan.read':
      return readsPlan(actor, request.subject);
    case 'plan.update':
    case 'plan.archive':
      return request.subject.status !== 'archived' && managesPlan(actor, request.subject);
    case 'measure.create':
      return request.subject.status !== 'archived' && managesPlan(actor, request.subject);
    case 'measure.read':
      if (!sameRegion(actor, request.subject)) return false;
      return (
        actor.role !== 'executor' ||
        isExecutorOf(actor, request.subject) ||
        actor.organisationId === request.subject.plan.ownerOrganisationId
      );
    case 'measure.update':
    case 'measure.archive':
      // Executors change their measures through reports (execution), never the plan itself.
      return request.subject.plan.status !== 'archived' && managesPlan(actor, request.subject.plan);
    case 'extension.request':
      // Executors ask for more time on their own measures of a plan in force (what they may
      // move is their own part: domain/reporting/extensions.ts); observers and managers never.
      return (
        request.subject.plan.status === 'active' &&
        actor.role === 'executor' &&
        sameRegion(actor, request.subject) &&
        isExecutorOf(actor, request.subject)
      );
    case 'extension.decide':
      return request.subject.plan.status !== 'archived' && managesPlan(actor, request.subject.plan);
    case 'directory.read':
      return sameRegion(actor, request.subject);
    case 'import.create':
      return sameRegion(actor, request.subject) && (actor.role === 'admin' || actor.role === 'coordinator');
    case 'import.read':
      return readsImport(actor, request.subject);
    case 'file.read': {
      const f = request.subject;
      if (!sameRegion(actor, f)) return false;
      if (actor.role === 'admin' || f.createdBy === actor.userId) return true;
      // An uncommitted import's file is its uploader's alone (and the administrators').
      if (f.import && f.import.status === 'preview') return false;
      if (f.attachedToReadableReport) return true;
      // A source document shows the whole plan: not for executors, who see their own measures only.
      return actor.role !== 'executor' && f.sourceOfReadablePlan;
    }
    case 'council.create':
      return (
        sameRegion(actor, request.subject) &&
        (actor.role === 'admin' ||
          (actor.role === 'coordinator' && actor.organisationId === request.subject.ownerOrganisationId))
      );
    case 'council.read':
      return sameRegion(actor, request.subject);
    case 'council.manage':
      return (
        !request.subject.archived &&
        sameRegion(actor, request.subject) &&
        (actor.role === 'admin' ||
          (actor.role === 'coordinator' && actor.organisationId === request.subject.ownerOrganisationId))
      );
    case 'report.write':
      // The executor organisation's own people (and administrators), while the plan is not archived.
      if (request.subject.plan.status === 'archived' || !sameRegion(actor, request.subject)) return false;
      if (actor.role === 'admin') return true;
      return (
        (actor.role === 'executor' || actor.role === 'coordinator') &&
        actor.organisationId === request.subject.organisationId
      );
    case 'report.review':
      // A lead report, by whoever manages the plan.
      return (
        request.subject.role === 'lead' &&
        request.subject.plan.status !== 'archived' &&
        managesPlan(actor, request.subject.plan)
      );
    case 'review.queue':
      // Has a queue of reports and extension requests to decide: the plans' managers.
      return sameRegion(actor, request.subject) && (actor.role === 'admin' || actor.role === 'coordinator');
    case 'api_token.revoke':
      return sameRegion(actor, request.subject) && (actor.role === 'admin' || request.subject.userId === actor.userId);
    case 'indicator.read':
      return (
        readsPlan(actor, request.subject.plan) ||
        (sameRegion(actor, request.subject) &&
          (request.subject.responsibleOrganisationIds.includes(actor.organisationId) ||
            request.subject.actorIsUnit === true))
      );
    case 'indicator.manage':
    case 'indicator.review':
      return request.subject.status !== 'archived' && managesPlan(actor, request.subject);
    case 'indicator.report': {
      // The executor answering for the indicator enters every figure of it; a breakdown unit
      // (a municipality, an organisation) enters its own row. Observers never.
      const s = request.subject;
      if (!sameRegion(actor, s) || s.plan.status === 'archived' || actor.role === 'observer') return false;
      if (actor.role === 'admin') return true;
      return (
        s.responsibleOrganisationIds.includes(actor.organisationId) || s.unitOrganisationId === actor.organisationId
      );
    }
    case 'rating.read':
      return sameRegion(actor, request.subject);
    case 'rating.manage':
      return sameRegion(actor, request.subject) && (actor.role === 'admin' || actor.role === 'coordinator');
    case 'rating.enter': {
      // A municipality enters its own values while the campaign collects; the coordinators
      // correct any (with a reason) until they freeze the data.
      const s = request.subject;
      if (!sameRegion(actor, s) || s.state !== 'collecting') return false;
      if (actor.role === 'admin' || actor.role === 'coordinator') return true;
      return actor.role === 'executor' && actor.organisationId === s.municipalityId;
    }
    case 'directory.manage':
    case 'users.manage':
    case 'audit.read':
    case 'api_token.manage_all':
      return sameRegion(actor, request.subject) && actor.role === 'admin';
  }
}
