/**
 * НОК campaigns, the public questionnaire, the operator's checklists, the scores and the
 * improvement plans (issue 14). Every write is one transaction, conditional on the version the
 * writer saw (409 when stale), and audited. Scores are not stored: they are computed from the
 * counted answers and the checklists by the engine in domain/nok on every read, so a corrected
 * answer or checklist is reflected at once.
 */
import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../../db/database.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import type { Actor } from '../../domain/policy/authorize.js';
import {
  CHECKLIST_LISTS,
  EDITION_344N_2018,
  SECTOR_NAMES,
  answerProblems,
  checklistProblems,
  explainShortfalls,
  findEdition,
  findQuestionnaire,
  improvementMeasures,
  managesCampaign,
  mayCreateCampaign,
  operatesCampaign,
  organisationInput,
  readsCampaign,
  readsWholeCampaign,
  scoreOrganisation,
  skipTarget,
  surveyFromAnswers,
  type Answers,
  type CampaignSubject,
  type Checklist,
  type QuestionnaireEdition,
  type Sector,
} from '../../domain/nok/index.js';
import { recordAudit } from '../audit/index.js';
import { createPlan } from '../plans/index.js';
import { createMeasures } from '../measures/index.js';

export interface CampaignInput {
  year: number;
  sector: Sector;
  title: string;
  ownerOrganisationId: number;
  operatorOrganisationId: number;
  staffUserIds: number[];
  startsOn: string;
  endsOn: string;
  standItems: string[];
  siteItems: string[];
  organisations: { organisationId: number; plannedRespondents: number }[];
}

export type CampaignPatch = Partial<CampaignInput> & { version: number; status?: 'open' | 'closed' };

interface CampaignRow {
  id: number;
  region_id: number;
  year: number;
  sector: Sector;
  title: string;
  owner_organisation_id: number;
  owner_name: string;
  operator_organisation_id: number;
  operator_name: string;
  starts_on: string;
  ends_on: string;
  edition: string;
  questionnaire_edition: string;
  stand_items: string[];
  site_items: string[];
  status: 'open' | 'closed';
  published_at: unknown;
  version: number;
  staff: number[];
  assessed: number[];
}

const CAMPAIGN_SELECT = `
  SELECT c.id, c.region_id, c.year, c.sector, c.title, c.owner_organisation_id, ow.short_name AS owner_name,
         c.operator_organisation_id, op.short_name AS operator_name, c.starts_on::text AS starts_on, c.ends_on::text AS ends_on,
         c.edition, c.questionnaire_edition, c.stand_items, c.site_items, c.status, c.published_at, c.version,
         coalesce((SELECT array_agg(s.user_id ORDER BY s.user_id) FROM nok_campaign_staff s WHERE s.campaign_id = c.id), '{}') AS staff,
         coalesce((SELECT array_agg(a.organisation_id ORDER BY a.id) FROM nok_assessments a WHERE a.campaign_id = c.id), '{}') AS assessed
  FROM nok_campaigns c
  JOIN organisations ow ON ow.id = c.owner_organisation_id
  JOIN organisations op ON op.id = c.operator_organisation_id`;

/** A timestamptz as the drivers give it (Date) → ISO 8601, as the contract has it. */
const toIso = (v: unknown): string | null => (v == null ? null : new Date(v as string | Date).toISOString());

/** A row as the drivers give it: counts and ids may come as strings (int8), arrays of them too. */
type CampaignWire = {
  [K in keyof CampaignRow]: K extends 'staff' | 'assessed'
    ? unknown[]
    : K extends NumericCampaignField
      ? number | string
      : CampaignRow[K];
};
type NumericCampaignField =
  'id' | 'region_id' | 'year' | 'owner_organisation_id' | 'operator_organisation_id' | 'version';

const normalise = (r: CampaignWire): CampaignRow => ({
  ...r,
  id: Number(r.id),
  region_id: Number(r.region_id),
  year: Number(r.year),
  owner_organisation_id: Number(r.owner_organisation_id),
  operator_organisation_id: Number(r.operator_organisation_id),
  version: Number(r.version),
  staff: r.staff.map(Number),
  assessed: r.assessed.map(Number),
});

const subjectOf = (c: CampaignRow): CampaignSubject => ({
  regionId: c.region_id,
  ownerOrganisationId: c.owner_organisation_id,
  staffUserIds: c.staff,
  published: c.published_at != null,
  assessedOrganisationIds: c.assessed,
});

async function loadCampaign(db: Queryable, actor: Actor, id: number, lock = false): Promise<CampaignRow> {
  if (lock) await db.query(`SELECT id FROM nok_campaigns WHERE id = $1 FOR UPDATE`, [id]);
  const r = await db.one<CampaignWire>(`${CAMPAIGN_SELECT} WHERE c.id = $1 AND c.region_id = $2`, [id, actor.regionId]);
  if (!r) throw notFound('Кампания независимой оценки не найдена', `nok campaign ${id} not found`);
  const c = normalise(r);
  if (!readsCampaign(actor, subjectOf(c))) throw forbidden();
  return c;
}

const stale = (what: string, detail: string) =>
  new DomainError(
    'conflict',
    'nok.stale',
    `${what} уже изменил другой пользователь. Обновите страницу, чтобы увидеть изменения.`,
    detail,
  );

function questionnaireOf(c: Pick<CampaignRow, 'questionnaire_edition' | 'sector'>): QuestionnaireEdition {
  const q = findQuestionnaire(c.questionnaire_edition, c.sector);
  if (!q)
    throw new DomainError(
      'unavailable',
      'nok.questionnaire_unknown',
      'Анкета этой кампании недоступна',
      `questionnaire ${c.questionnaire_edition}/${c.sector} not built in`,
    );
  return q;
}

const methodologyOf = (c: Pick<CampaignRow, 'edition'>) => findEdition(c.edition) ?? EDITION_344N_2018;

function presentCampaign(c: CampaignRow, actor: Actor) {
  return {
    id: c.id,
    year: c.year,
    sector: c.sector,
    sectorName: SECTOR_NAMES[c.sector],
    title: c.title,
    owner: { id: c.owner_organisation_id, name: c.owner_name },
    operator: { id: c.operator_organisation_id, name: c.operator_name },
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    edition: c.edition,
    questionnaireEdition: c.questionnaire_edition,
    standItems: c.stand_items,
    siteItems: c.site_items,
    status: c.status,
    publishedAt: toIso(c.published_at),
    version: c.version,
    staffUserIds: c.staff,
    abilities: {
      manage: managesCampaign(actor, subjectOf(c)),
      operate: operatesCampaign(actor, subjectOf(c)),
    },
  };
}

// ---------------------------------------------------------------------------
// Campaigns

export async function listCampaigns(db: Queryable, actor: Actor) {
  const rows = await db.query<CampaignWire>(
    `${CAMPAIGN_SELECT} WHERE c.region_id = $1 ORDER BY c.year DESC, c.id DESC LIMIT 500`,
    [actor.regionId],
  );
  return rows
    .map(normalise)
    .filter((c) => readsCampaign(actor, subjectOf(c)))
    .map((c) => presentCampaign(c, actor));
}

/** A short code for /q/<code>: no look-alike letters, 32^8 ≈ 10^12 codes. */
const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const newCode = () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

async function assertParties(tx: Queryable, actor: Actor, input: Partial<CampaignInput>) {
  const orgIds = [
    input.ownerOrganisationId,
    input.operatorOrganisationId,
    ...(input.organisations ?? []).map((o) => o.organisationId),
  ].filter((x): x is number => x !== undefined);
  if (orgIds.length) {
    const found = await tx.query(
      `SELECT id FROM organisations WHERE id = ANY($1::int[]) AND region_id = $2 AND archived_at IS NULL`,
      [orgIds, actor.regionId],
    );
    if (found.length !== new Set(orgIds).size)
      throw new DomainError(
        'validation',
        'nok.organisation_unknown',
        'Организация не найдена в справочнике',
        `unknown organisation among ${orgIds.join(',')}`,
      );
  }
  const ids = input.organisations?.map((o) => o.organisationId) ?? [];
  if (new Set(ids).size !== ids.length)
    throw new DomainError(
      'validation',
      'nok.organisation_twice',
      'Организация указана в кампании дважды',
      'duplicate organisation in campaign',
    );
}

async function assertStaff(tx: Queryable, actor: Actor, operatorId: number, userIds: number[]) {
  if (!userIds.length) return;
  const found = await tx.query(
    `SELECT id FROM users WHERE id = ANY($1::int[]) AND region_id = $2 AND organisation_id = $3 AND active`,
    [userIds, actor.regionId, operatorId],
  );
  if (found.length !== new Set(userIds).size)
    throw new DomainError(
      'validation',
      'nok.staff_not_operator',
      'Сотрудники оператора должны быть пользователями организации-оператора',
      `staff ${userIds.join(',')} not all active users of operator ${operatorId}`,
    );
}

function assertDates(startsOn: string, endsOn: string) {
  if (endsOn < startsOn)
    throw new DomainError(
      'validation',
      'nok.dates',
      'Дата окончания сбора раньше даты начала',
      `ends ${endsOn} before ${startsOn}`,
    );
}

async function replaceOrganisations(tx: Queryable, campaignId: number, orgs: CampaignInput['organisations']) {
  const ids = orgs.map((o) => o.organisationId);
  // An organisation with answers or a checklist stays: removing it would drop collected data.
  const kept = await tx.query<{ organisation_id: number }>(
    `SELECT a.organisation_id FROM nok_assessments a
     WHERE a.campaign_id = $1 AND NOT (a.organisation_id = ANY($2::int[]))
       AND (a.checklist IS NOT NULL OR EXISTS (SELECT 1 FROM nok_answers x WHERE x.assessment_id = a.id))`,
    [campaignId, ids],
  );
  if (kept.length)
    throw new DomainError(
      'validation',
      'nok.organisation_has_data',
      'Нельзя исключить организацию, по которой уже собраны анкеты или заполнен чек-лист',
      `organisations ${kept.map((k) => k.organisation_id).join(',')} have data`,
    );
  await tx.query(`DELETE FROM nok_assessments WHERE campaign_id = $1 AND NOT (organisation_id = ANY($2::int[]))`, [
    campaignId,
    ids,
  ]);
  for (const o of orgs) {
    await tx.query(
      `INSERT INTO nok_assessments (campaign_id, organisation_id, code, planned_respondents) VALUES ($1, $2, $3, $4)
       ON CONFLICT (campaign_id, organisation_id) DO UPDATE SET planned_respondents = EXCLUDED.planned_respondents`,
      [campaignId, o.organisationId, newCode(), o.plannedRespondents],
    );
  }
}

export async function createCampaign(db: Database, actor: Actor, input: CampaignInput) {
  if (!mayCreateCampaign(actor, input.ownerOrganisationId)) throw forbidden();
  assertDates(input.startsOn, input.endsOn);
  return db.transaction(async (tx) => {
    await assertParties(tx, actor, input);
    await assertStaff(tx, actor, input.operatorOrganisationId, input.staffUserIds);
    const r = await tx.one<{ id: number }>(
      `INSERT INTO nok_campaigns (region_id, year, sector, title, owner_organisation_id, operator_organisation_id, starts_on, ends_on,
                                  edition, questionnaire_edition, stand_items, site_items, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11::jsonb,$12::jsonb,$13) RETURNING id`,
      [
        actor.regionId,
        input.year,
        input.sector,
        input.title.trim(),
        input.ownerOrganisationId,
        input.operatorOrganisationId,
        input.startsOn,
        input.endsOn,
        EDITION_344N_2018.edition,
        '675n-2018',
        JSON.stringify(input.standItems),
        JSON.stringify(input.siteItems),
        actor.userId,
      ],
    );
    const id = Number(r!.id);
    for (const u of new Set(input.staffUserIds))
      await tx.query(`INSERT INTO nok_campaign_staff (campaign_id, user_id) VALUES ($1, $2)`, [id, u]);
    await replaceOrganisations(tx, id, input.organisations);
    const c = await loadCampaign(tx, actor, id);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'nok.campaign.create',
      entityType: 'nok_campaign',
      entityId: id,
      after: { title: c.title, year: c.year, sector: c.sector, organisations: c.assessed },
    });
    return getCampaignDetail(tx, actor, id);
  });
}

export async function updateCampaign(db: Database, actor: Actor, id: number, patch: CampaignPatch) {
  return db.transaction(async (tx) => {
    const c = await loadCampaign(tx, actor, id, true);
    if (!managesCampaign(actor, subjectOf(c))) throw forbidden();
    if (c.version !== patch.version)
      throw stale('Кампанию', `nok campaign ${id}: version ${patch.version} is stale (now ${c.version})`);
    const operatorId = patch.operatorOrganisationId ?? c.operator_organisation_id;
    if (patch.ownerOrganisationId !== undefined && !mayCreateCampaign(actor, patch.ownerOrganisationId))
      throw forbidden();
    assertDates(patch.startsOn ?? c.starts_on, patch.endsOn ?? c.ends_on);
    await assertParties(tx, actor, patch);
    const staff = patch.staffUserIds ?? (patch.operatorOrganisationId !== undefined ? [] : null);
    if (staff) await assertStaff(tx, actor, operatorId, staff);
    if (patch.standItems && patch.standItems.length !== c.stand_items.length)
      await tx.query(`UPDATE nok_assessments SET checklist = NULL, version = version + 1 WHERE campaign_id = $1`, [id]);
    const updated = await tx.query(
      `UPDATE nok_campaigns SET year = $3, sector = $4, title = $5, owner_organisation_id = $6, operator_organisation_id = $7,
              starts_on = $8, ends_on = $9, stand_items = $10::jsonb, site_items = $11::jsonb, status = $12,
              version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2 RETURNING id`,
      [
        id,
        patch.version,
        patch.year ?? c.year,
        patch.sector ?? c.sector,
        patch.title?.trim() ?? c.title,
        patch.ownerOrganisationId ?? c.owner_organisation_id,
        operatorId,
        patch.startsOn ?? c.starts_on,
        patch.endsOn ?? c.ends_on,
        JSON.stringify(patch.standItems ?? c.stand_items),
        JSON.stringify(patch.siteItems ?? c.site_items),
        patch.status ?? c.status,
      ],
    );
    if (updated.length !== 1) throw stale('Кампанию', `nok campaign ${id}: lost the conditional update`);
    if (staff) {
      await tx.query(`DELETE FROM nok_campaign_staff WHERE campaign_id = $1`, [id]);
      for (const u of new Set(staff))
        await tx.query(`INSERT INTO nok_campaign_staff (campaign_id, user_id) VALUES ($1, $2)`, [id, u]);
    }
    if (patch.organisations) await replaceOrganisations(tx, id, patch.organisations);
    const { version: _v, ...changed } = patch;
    await recordAudit(tx, actor, actor.regionId, {
      action: 'nok.campaign.update',
      entityType: 'nok_campaign',
      entityId: id,
      before: Object.fromEntries(Object.keys(changed).map((k) => [k, campaignField(c, k)])),
      after: changed,
    });
    return getCampaignDetail(tx, actor, id);
  });
}

function campaignField(c: CampaignRow, key: string): unknown {
  const map: Record<string, unknown> = {
    year: c.year,
    sector: c.sector,
    title: c.title,
    ownerOrganisationId: c.owner_organisation_id,
    operatorOrganisationId: c.operator_organisation_id,
    staffUserIds: c.staff,
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    standItems: c.stand_items,
    siteItems: c.site_items,
    status: c.status,
    organisations: c.assessed,
  };
  return map[key];
}

export async function publishCampaign(
  db: Database,
  actor: Actor,
  id: number,
  input: { version: number; published: boolean },
) {
  return db.transaction(async (tx) => {
    const c = await loadCampaign(tx, actor, id, true);
    if (!managesCampaign(actor, subjectOf(c))) throw forbidden();
    const updated = await tx.query(
      `UPDATE nok_campaigns SET published_at = CASE WHEN $3 THEN now() ELSE NULL END, published_by = CASE WHEN $3 THEN $4::int END,
              version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2 RETURNING id`,
      [id, input.version, input.published, actor.userId],
    );
    if (updated.length !== 1)
      throw stale('Кампанию', `nok campaign ${id}: version ${input.version} is stale (now ${c.version})`);
    await recordAudit(tx, actor, actor.regionId, {
      action: input.published ? 'nok.campaign.publish' : 'nok.campaign.unpublish',
      entityType: 'nok_campaign',
      entityId: id,
      before: { published: c.published_at != null },
      after: { published: input.published },
    });
    return getCampaignDetail(tx, actor, id);
  });
}

export async function getCampaignDetail(db: Queryable, actor: Actor, id: number) {
  const c = await loadCampaign(db, actor, id);
  const whole = readsWholeCampaign(actor, subjectOf(c));
  const rows = await db.query<Record<string, unknown>>(
    `SELECT a.id, a.organisation_id, o.short_name, o.full_name, a.code, a.planned_respondents, a.checked_at,
            a.plan_id, a.version, a.checklist IS NOT NULL AS checked,
            (SELECT count(*) FROM nok_answers x WHERE x.assessment_id = a.id AND x.suspicious_reason IS NULL)::int AS counted,
            (SELECT count(*) FROM nok_answers x WHERE x.assessment_id = a.id AND x.suspicious_reason IS NOT NULL)::int AS suspicious
     FROM nok_assessments a JOIN organisations o ON o.id = a.organisation_id
     WHERE a.campaign_id = $1 AND ($2 OR a.organisation_id = $3)
     ORDER BY o.short_name, a.id`,
    [id, whole, actor.organisationId],
  );
  const staff = c.staff.length
    ? await db.query<{ id: number; full_name: string }>(
        `SELECT id, full_name FROM users WHERE id = ANY($1::int[]) ORDER BY full_name`,
        [c.staff],
      )
    : [];
  return {
    ...presentCampaign(c, actor),
    staff: whole ? staff.map((s) => ({ id: Number(s.id), fullName: String(s.full_name) })) : [],
    assessments: rows.map((r) => ({
      id: Number(r.id),
      organisation: { id: Number(r.organisation_id), name: String(r.short_name), fullName: String(r.full_name) },
      code: whole ? String(r.code) : null,
      plannedRespondents: Number(r.planned_respondents),
      counted: Number(r.counted),
      suspicious: Number(r.suspicious),
      checked: r.checked === true,
      checkedAt: toIso(r.checked_at),
      planId: r.plan_id == null ? null : Number(r.plan_id),
      version: Number(r.version),
    })),
  };
}

// ---------------------------------------------------------------------------
// One assessed organisation: the operator's view

interface AssessmentRow {
  id: number;
  campaign_id: number;
  organisation_id: number;
  org_name: string;
  code: string;
  checklist: Checklist | null;
  checked_by_name: string | null;
  checked_at: unknown;
  plan_id: number | null;
  version: number;
}

/** The assessment row as the drivers give it (ids of int8 columns may come as strings). */
type AssessmentWire = Omit<AssessmentRow, 'id' | 'campaign_id' | 'organisation_id' | 'plan_id' | 'version'> & {
  id: number | string;
  campaign_id: number | string;
  organisation_id: number | string;
  plan_id: number | string | null;
  version: number | string;
};

async function loadAssessment(db: Queryable, actor: Actor, id: number, lock = false) {
  const r = await db.one<AssessmentWire>(
    `SELECT a.id, a.campaign_id, a.organisation_id, o.short_name AS org_name, a.code, a.checklist, u.full_name AS checked_by_name,
            a.checked_at, a.plan_id, a.version
     FROM nok_assessments a JOIN organisations o ON o.id = a.organisation_id
     JOIN nok_campaigns c ON c.id = a.campaign_id
     LEFT JOIN users u ON u.id = a.checked_by
     WHERE a.id = $1 AND c.region_id = $2 ${lock ? 'FOR UPDATE OF a' : ''}`,
    [id, actor.regionId],
  );
  if (!r) throw notFound('Организация кампании не найдена', `nok assessment ${id} not found`);
  const a: AssessmentRow = {
    ...r,
    id: Number(r.id),
    campaign_id: Number(r.campaign_id),
    organisation_id: Number(r.organisation_id),
    plan_id: r.plan_id == null ? null : Number(r.plan_id),
    version: Number(r.version),
  };
  const c = await loadCampaign(db, actor, a.campaign_id);
  return { a, c };
}

export async function getAssessment(db: Queryable, actor: Actor, id: number) {
  const { a, c } = await loadAssessment(db, actor, id);
  if (!readsWholeCampaign(actor, subjectOf(c))) throw forbidden();
  const answers = await db.query<Record<string, unknown>>(
    `SELECT id, source, suspicious_reason, created_at, answers FROM nok_answers
     WHERE assessment_id = $1 ORDER BY id DESC LIMIT 1000`,
    [id],
  );
  const q = questionnaireOf(c);
  return {
    id: a.id,
    campaign: presentCampaign(c, actor),
    organisation: { id: a.organisation_id, name: a.org_name },
    code: a.code,
    checklist: a.checklist,
    checkedBy: a.checked_by_name,
    checkedAt: toIso(a.checked_at),
    planId: a.plan_id,
    version: a.version,
    lists: CHECKLIST_LISTS.map((l) => ({
      key: l.key,
      indicator: l.indicator,
      title: l.title,
      items: l.items,
      tier: l.confidence.tier,
    })),
    questions: q.questions.map((x) => ({ id: x.id, number: x.number, text: x.text, askedIf: x.askedIf ?? null })),
    answers: answers.map((r) => ({
      id: Number(r.id),
      source: r.source as 'online' | 'paper',
      suspiciousReason: (r.suspicious_reason as string | null) ?? null,
      createdAt: toIso(r.created_at)!,
      answered: Object.keys(r.answers as Answers).length,
    })),
  };
}

export async function saveChecklist(
  db: Database,
  actor: Actor,
  id: number,
  input: { version: number; checklist: Checklist },
) {
  return db.transaction(async (tx) => {
    const { a, c } = await loadAssessment(tx, actor, id, true);
    if (!operatesCampaign(actor, subjectOf(c))) throw forbidden();
    const problems = checklistProblems(input.checklist, { stand: c.stand_items.length, site: c.site_items.length });
    if (problems.length)
      throw new DomainError('validation', 'nok.checklist', problems.join('; '), `checklist: ${problems.join('; ')}`);
    const updated = await tx.query(
      `UPDATE nok_assessments SET checklist = $3::jsonb, checked_by = $4, checked_at = now(), version = version + 1
       WHERE id = $1 AND version = $2 RETURNING id`,
      [id, input.version, JSON.stringify(input.checklist), actor.userId],
    );
    if (updated.length !== 1)
      throw stale('Чек-лист', `nok assessment ${id}: version ${input.version} is stale (now ${a.version})`);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'nok.checklist.save',
      entityType: 'nok_assessment',
      entityId: id,
      before: a.checklist,
      after: input.checklist,
    });
    return getAssessment(tx, actor, id);
  });
}

/** A paper questionnaire typed in by the operator. */
export async function enterPaperForm(
  db: Database,
  actor: Actor,
  id: number,
  input: { answers: Answers; submissionId?: string },
) {
  return db.transaction(async (tx) => {
    const { c } = await loadAssessment(tx, actor, id);
    if (!operatesCampaign(actor, subjectOf(c))) throw forbidden();
    assertAnswers(questionnaireOf(c), input.answers);
    const r = await tx.one<{ id: string }>(
      `INSERT INTO nok_answers (assessment_id, submission_id, answers, source, entered_by)
       VALUES ($1, $2, $3::jsonb, 'paper', $4) ON CONFLICT (submission_id) DO NOTHING RETURNING id`,
      [id, input.submissionId ?? randomUUID(), JSON.stringify(input.answers), actor.userId],
    );
    if (r)
      await recordAudit(tx, actor, actor.regionId, {
        action: 'nok.answer.paper',
        entityType: 'nok_answer',
        entityId: Number(r.id),
        after: input.answers,
      });
    return { accepted: true, duplicate: !r };
  });
}

/** Marks an answer suspicious (excluded from the scores, with the reason) or counts it again. */
export async function markAnswer(db: Database, actor: Actor, answerId: number, reason: string | null) {
  return db.transaction(async (tx) => {
    const row = await tx.one<{ assessment_id: number; suspicious_reason: string | null }>(
      `SELECT assessment_id, suspicious_reason FROM nok_answers WHERE id = $1 FOR UPDATE`,
      [answerId],
    );
    if (!row) throw notFound('Анкета не найдена', `nok answer ${answerId} not found`);
    const { c } = await loadAssessment(tx, actor, Number(row.assessment_id));
    if (!operatesCampaign(actor, subjectOf(c))) throw forbidden();
    await tx.query(`UPDATE nok_answers SET suspicious_reason = $2 WHERE id = $1`, [answerId, reason]);
    await recordAudit(tx, actor, actor.regionId, {
      action: reason ? 'nok.answer.exclude' : 'nok.answer.include',
      entityType: 'nok_answer',
      entityId: answerId,
      before: { suspiciousReason: row.suspicious_reason },
      after: { suspiciousReason: reason },
    });
    return { id: answerId, suspiciousReason: reason };
  });
}

function assertAnswers(q: QuestionnaireEdition, answers: Answers) {
  const issues = answerProblems(q, answers);
  if (issues.length)
    throw new DomainError(
      'validation',
      'nok.answers',
      issues.map((i) => i.ru).join('; '),
      issues.map((i) => i.en).join('; '),
    );
}

// ---------------------------------------------------------------------------
// Scores

async function campaignScores(db: Queryable, c: CampaignRow, onlyOrganisation: number | null) {
  const m = methodologyOf(c);
  const q = questionnaireOf(c);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT a.id, a.organisation_id, o.short_name, a.checklist, a.plan_id,
            coalesce((SELECT jsonb_agg(x.answers) FROM nok_answers x WHERE x.assessment_id = a.id AND x.suspicious_reason IS NULL), '[]') AS forms
     FROM nok_assessments a JOIN organisations o ON o.id = a.organisation_id
     WHERE a.campaign_id = $1 ORDER BY o.short_name, a.id`,
    [c.id],
  );
  const out = rows.map((r) => {
    const forms = r.forms as Answers[];
    const org = { id: Number(r.organisation_id), name: String(r.short_name), sector: c.sector };
    const base = {
      assessmentId: Number(r.id),
      organisation: { id: org.id, name: org.name },
      respondents: forms.length,
      planId: r.plan_id == null ? null : Number(r.plan_id),
    };
    if (!r.checklist) return { ...base, scored: false as const, missing: 'Чек-лист оператора не заполнен' };
    if (forms.length === 0) return { ...base, scored: false as const, missing: 'Нет ни одной учтенной анкеты' };
    const input = organisationInput(org, r.checklist as Checklist, surveyFromAnswers(q, forms));
    const score = scoreOrganisation(m, input);
    return { ...base, scored: true as const, score, shortfalls: explainShortfalls(m, input, score) };
  });
  const ranked = out
    .filter((x) => x.scored)
    .map((x) => (x.scored ? x.score.total : 0))
    .sort((a, b) => b - a);
  return out
    .filter((x) => onlyOrganisation === null || x.organisation.id === onlyOrganisation)
    .map((x) => ({ ...x, rank: x.scored ? ranked.indexOf(x.score.total) + 1 : null }));
}

export async function campaignResults(db: Queryable, actor: Actor, id: number) {
  const c = await loadCampaign(db, actor, id);
  const whole = readsWholeCampaign(actor, subjectOf(c));
  const current = await campaignScores(db, c, whole ? null : actor.organisationId);
  // Last year's campaign of the same sector, for the comparison.
  const prev = await db.one<CampaignWire>(
    `${CAMPAIGN_SELECT} WHERE c.region_id = $1 AND c.sector = $2 AND c.year = $3 ORDER BY c.id DESC LIMIT 1`,
    [c.region_id, c.sector, c.year - 1],
  );
  const previous = prev ? await campaignScores(db, normalise(prev), null) : [];
  const prevTotal = new Map(previous.flatMap((p) => (p.scored ? [[p.organisation.id, p.score.total]] : [])));
  const scored = current.filter((x) => x.scored);
  const mean = scored.length ? scored.reduce((s, x) => s + (x.scored ? x.score.total : 0), 0) / scored.length : null;
  return {
    campaign: presentCampaign(c, actor),
    mean: whole ? mean : null,
    items: current.map((x) =>
      x.scored
        ? {
            assessmentId: x.assessmentId,
            organisation: x.organisation,
            respondents: x.respondents,
            planId: x.planId,
            scored: true,
            missing: null,
            indicators: x.score.indicators,
            criteria: x.score.K,
            total: x.score.total,
            rank: x.rank,
            previousTotal: prevTotal.get(x.organisation.id) ?? null,
            shortfalls: x.shortfalls.map((s) => ({
              indicator: s.indicator,
              points: s.points,
              lostInTotal: s.lostInTotal,
              text: s.text,
            })),
          }
        : {
            assessmentId: x.assessmentId,
            organisation: x.organisation,
            respondents: x.respondents,
            planId: x.planId,
            scored: false,
            missing: x.missing,
            indicators: {},
            criteria: null,
            total: null,
            rank: null,
            previousTotal: prevTotal.get(x.organisation.id) ?? null,
            shortfalls: [],
          },
    ),
  };
}

// ---------------------------------------------------------------------------
// Improvement plan

export async function createImprovementPlan(db: Database, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const { a, c } = await loadAssessment(tx, actor, id, true);
    if (!managesCampaign(actor, subjectOf(c))) throw forbidden();
    if (a.plan_id !== null)
      throw new DomainError(
        'conflict',
        'nok.plan_exists',
        'План по устранению недостатков для этой организации уже создан',
        `assessment ${id} has plan ${a.plan_id}`,
      );
    const [result] = await campaignScores(tx, c, a.organisation_id);
    if (!result?.scored)
      throw new DomainError(
        'validation',
        'nok.not_scored',
        `Оценка организации еще не рассчитана: ${result?.missing ?? 'нет данных'}`,
        `assessment ${id} not scored`,
      );
    const next = c.year + 1;
    const plan = await createPlan(
      db,
      actor,
      {
        kind: 'plan',
        title: `План по устранению недостатков, выявленных в ходе независимой оценки качества условий оказания услуг в ${c.year} году: ${a.org_name}`,
        ownerOrganisationId: c.owner_organisation_id,
        periodFrom: `${next}-01-01`,
        periodTo: `${next}-12-31`,
        controlFrom: `${next}-01-01`,
      },
      { status: 'draft', tx, source: `nok:${id}` },
    );
    const measures = improvementMeasures(result.shortfalls, c.year).map((m) => ({
      sectionId: null,
      number: m.number,
      title: m.title,
      expectedResult: m.expectedResult,
      deadlineText: m.deadlineText,
      leadExecutorId: a.organisation_id,
    }));
    await createMeasures(tx, actor, plan.id, measures, { source: `nok:${id}` });
    const linked = await tx.query(
      `UPDATE nok_assessments SET plan_id = $2, version = version + 1 WHERE id = $1 AND plan_id IS NULL RETURNING id`,
      [id, plan.id],
    );
    if (linked.length !== 1) throw stale('План организации', `assessment ${id} got a plan meanwhile`);
    await recordAudit(tx, actor, actor.regionId, {
      action: 'nok.plan.create',
      entityType: 'nok_assessment',
      entityId: id,
      planId: plan.id,
      after: { planId: plan.id, measures: measures.length },
    });
    return { planId: plan.id, measures: measures.length };
  });
}

// ---------------------------------------------------------------------------
// The public questionnaire

async function assessmentByCode(db: Queryable, code: string) {
  const r = await db.one<Record<string, unknown>>(
    `SELECT a.id, o.short_name, o.full_name, c.id AS campaign_id, c.title, c.year, c.sector, c.questionnaire_edition, c.status,
            c.starts_on::text AS starts_on, c.ends_on::text AS ends_on, current_date::text AS today
     FROM nok_assessments a JOIN nok_campaigns c ON c.id = a.campaign_id JOIN organisations o ON o.id = a.organisation_id
     WHERE a.code = $1`,
    [code],
  );
  if (!r) throw notFound('Анкета не найдена. Проверьте адрес ссылки.', `nok code ${code} not found`);
  const today = String(r.today);
  const state: 'open' | 'not_started' | 'closed' =
    r.status === 'closed' || today > String(r.ends_on)
      ? 'closed'
      : today < String(r.starts_on)
        ? 'not_started'
        : 'open';
  return { row: r, state };
}

const STATE_MESSAGES = {
  open: null,
  not_started: (from: string) => `Опрос начнется ${from}. Спасибо, что готовы принять участие!`,
  closed: () => 'Опрос завершен. Благодарим за интерес — ответы больше не принимаются.',
};

export async function publicQuestionnaire(db: Queryable, code: string) {
  const { row, state } = await assessmentByCode(db, code);
  const q = questionnaireOf({ questionnaire_edition: String(row.questionnaire_edition), sector: row.sector as Sector });
  return {
    organisation: { name: String(row.short_name), fullName: String(row.full_name) },
    campaign: { title: String(row.title), year: Number(row.year), sectorName: SECTOR_NAMES[row.sector as Sector] },
    state,
    message:
      state === 'open'
        ? null
        : state === 'closed'
          ? STATE_MESSAGES.closed()
          : STATE_MESSAGES.not_started(String(row.starts_on)),
    startsOn: String(row.starts_on),
    endsOn: String(row.ends_on),
    questionnaire: {
      edition: q.edition,
      title: q.title,
      intro: q.intro,
      questions: q.questions.map((x) => ({
        id: x.id,
        number: x.number,
        text: x.text,
        askedIf: x.askedIf ?? null,
        noSkipsTo: skipTarget(q, x),
      })),
    },
  };
}

const hashDevice = (deviceId: string) => createHash('sha256').update(`nok-device:${deviceId}`).digest('hex');

/**
 * One citizen's form. A resend of the same submission (the page retries on a weak connection)
 * is acknowledged and not stored twice; a second form from the same device for the same
 * organisation is kept but marked suspicious and left out of the scores, with the reason.
 */
export async function submitPublicForm(
  db: Database,
  code: string,
  input: { submissionId: string; deviceId: string; answers: Answers },
) {
  const { row, state } = await assessmentByCode(db, code);
  if (state !== 'open')
    throw new DomainError(
      'conflict',
      'nok.closed',
      state === 'closed' ? STATE_MESSAGES.closed() : STATE_MESSAGES.not_started(String(row.starts_on)),
      `nok ${code}: campaign ${state}`,
    );
  const q = questionnaireOf({ questionnaire_edition: String(row.questionnaire_edition), sector: row.sector as Sector });
  assertAnswers(q, input.answers);
  const assessmentId = Number(row.id);
  const device = hashDevice(input.deviceId);
  return db.transaction(async (tx) => {
    // One device's forms are decided one at a time, so two at once cannot both look first.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`nok:${assessmentId}:${device}`]);
    const r = await tx.one<{ id: string; suspicious_reason: string | null }>(
      `INSERT INTO nok_answers (assessment_id, submission_id, answers, source, device_hash, suspicious_reason)
       SELECT $1, $2, $3::jsonb, 'online', $4,
              CASE WHEN EXISTS (SELECT 1 FROM nok_answers WHERE assessment_id = $1 AND device_hash = $4)
                   THEN 'Повторная анкета с того же устройства' END
       ON CONFLICT (submission_id) DO NOTHING RETURNING id, suspicious_reason`,
      [assessmentId, input.submissionId, JSON.stringify(input.answers), device],
    );
    if (!r) {
      const same = await tx.one(`SELECT 1 FROM nok_answers WHERE submission_id = $1 AND assessment_id = $2`, [
        input.submissionId,
        assessmentId,
      ]);
      if (!same)
        throw new DomainError(
          'validation',
          'nok.submission_reused',
          'Эта анкета уже отправлена для другой организации',
          `submission ${input.submissionId} belongs to another assessment`,
        );
    }
    return { accepted: true, duplicate: !r };
  });
}

export async function assessmentLinks(db: Queryable, actor: Actor, id: number, publicUrl: string) {
  const { a, c } = await loadAssessment(db, actor, id);
  if (!readsWholeCampaign(actor, subjectOf(c))) throw forbidden();
  const base = publicUrl.replace(/\/+$/, '');
  return {
    organisation: a.org_name,
    campaign: c.title,
    code: a.code,
    url: `${base}/q/${a.code}`,
    embedUrl: `${base}/embed/nok/${a.code}`,
  };
}

/** The published results of a campaign, for the public page: totals and criteria per organisation. */
export async function publicResults(db: Queryable, id: number) {
  const r = await db.one<CampaignWire>(`${CAMPAIGN_SELECT} WHERE c.id = $1 AND c.published_at IS NOT NULL`, [id]);
  if (!r) throw notFound('Результаты независимой оценки не опубликованы', `nok campaign ${id} not published`);
  const c = normalise(r);
  const scores = await campaignScores(db, c, null);
  return {
    title: c.title,
    year: c.year,
    sectorName: SECTOR_NAMES[c.sector],
    owner: c.owner_name,
    publishedAt: toIso(c.published_at)!,
    items: scores
      .filter((x) => x.scored)
      .map((x) => ({
        organisation: x.organisation.name,
        rank: x.rank!,
        criteria: x.scored ? x.score.K : {},
        total: x.scored ? x.score.total : 0,
      }))
      .sort((a, b) => a.rank - b.rank),
  };
}
