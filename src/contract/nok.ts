/** НОК — the independent assessment of service quality (issue 14): what its routes answer. */
import { z } from 'zod';
import { IsoDate, Timestamp } from './common.js';

const Id = z.number().int();
const OrgLine = z.strictObject({ id: Id, name: z.string() });

export const NokSector = z.enum(['social', 'culture', 'education', 'health']);

export const NokCampaign = z.strictObject({
  id: Id,
  year: z.number().int(),
  sector: NokSector,
  sectorName: z.string(),
  title: z.string(),
  owner: OrgLine,
  operator: OrgLine,
  startsOn: IsoDate,
  endsOn: IsoDate,
  edition: z.string(),
  questionnaireEdition: z.string(),
  standItems: z.array(z.string()),
  siteItems: z.array(z.string()),
  status: z.enum(['open', 'closed']),
  publishedAt: Timestamp.nullable(),
  version: z.number().int(),
  staffUserIds: z.array(Id),
  abilities: z.strictObject({ manage: z.boolean(), operate: z.boolean() }),
});

export const NokAssessmentLine = z.strictObject({
  id: Id,
  organisation: z.strictObject({ id: Id, name: z.string(), fullName: z.string() }),
  /** The short code of the public questionnaire; null for those who see only their own results. */
  code: z.string().nullable(),
  plannedRespondents: z.number().int(),
  counted: z.number().int(),
  suspicious: z.number().int(),
  checked: z.boolean(),
  checkedAt: Timestamp.nullable(),
  planId: Id.nullable(),
  version: z.number().int(),
});

export const NokCampaignDetail = NokCampaign.extend({
  staff: z.array(z.strictObject({ id: Id, fullName: z.string() })),
  assessments: z.array(NokAssessmentLine),
});

export const NokChecklist = z.strictObject({
  stand: z.array(z.boolean()),
  site: z.array(z.boolean()),
  remoteChannels: z.array(z.string()),
  comfortConditions: z.array(z.string()),
  accessOrg: z.array(z.string()),
  accessServices: z.array(z.string()),
});

const QuestionView = z.strictObject({
  id: z.string(),
  number: z.number().int(),
  text: z.string(),
  askedIf: z.string().nullable(),
});

export const NokAssessment = z.strictObject({
  id: Id,
  campaign: NokCampaign,
  organisation: OrgLine,
  code: z.string(),
  checklist: NokChecklist.nullable(),
  checkedBy: z.string().nullable(),
  checkedAt: Timestamp.nullable(),
  planId: Id.nullable(),
  version: z.number().int(),
  lists: z.array(
    z.strictObject({
      key: z.enum(['remoteChannels', 'comfortConditions', 'accessOrg', 'accessServices']),
      indicator: z.string(),
      title: z.string(),
      items: z.array(z.strictObject({ id: z.string(), text: z.string() })),
      tier: z.enum(['A', 'B', 'C', 'U']),
    }),
  ),
  questions: z.array(QuestionView),
  answers: z.array(
    z.strictObject({
      id: Id,
      source: z.enum(['online', 'paper']),
      suspiciousReason: z.string().nullable(),
      createdAt: Timestamp,
      answered: z.number().int(),
    }),
  ),
});

export const NokFormAccepted = z.strictObject({ accepted: z.literal(true), duplicate: z.boolean() });

export const NokAnswerMark = z.strictObject({ id: Id, suspiciousReason: z.string().nullable() });

export const NokResults = z.strictObject({
  campaign: NokCampaign,
  /** The mean total of the scored organisations (for those who see the whole campaign). */
  mean: z.number().nullable(),
  items: z.array(
    z.strictObject({
      assessmentId: Id,
      organisation: OrgLine,
      respondents: z.number().int(),
      planId: Id.nullable(),
      scored: z.boolean(),
      /** Why not scored yet. */
      missing: z.string().nullable(),
      indicators: z.record(z.string(), z.number()),
      criteria: z.record(z.string(), z.number()).nullable(),
      total: z.number().nullable(),
      rank: z.number().int().nullable(),
      previousTotal: z.number().nullable(),
      shortfalls: z.array(
        z.strictObject({ indicator: z.string(), points: z.number(), lostInTotal: z.number(), text: z.string() }),
      ),
    }),
  ),
});

export const NokPlanCreated = z.strictObject({ planId: Id, measures: z.number().int() });

export const NokLinks = z.strictObject({
  organisation: z.string(),
  campaign: z.string(),
  code: z.string(),
  url: z.string(),
  embedUrl: z.string(),
  qrSvg: z.string(),
  embedHtml: z.string(),
});

export const NokStaffUser = z.strictObject({ id: Id, fullName: z.string() });

export const NokPublicQuestionnaire = z.strictObject({
  organisation: z.strictObject({ name: z.string(), fullName: z.string() }),
  campaign: z.strictObject({ title: z.string(), year: z.number().int(), sectorName: z.string() }),
  state: z.enum(['open', 'not_started', 'closed']),
  message: z.string().nullable(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  questionnaire: z.strictObject({
    edition: z.string(),
    title: z.string(),
    intro: z.string(),
    questions: z.array(QuestionView.extend({ noSkipsTo: z.number().int().nullable() })),
  }),
});

export const NokPublicResults = z.strictObject({
  title: z.string(),
  year: z.number().int(),
  sectorName: z.string(),
  owner: z.string(),
  publishedAt: Timestamp,
  items: z.array(
    z.strictObject({
      organisation: z.string(),
      rank: z.number().int(),
      criteria: z.record(z.string(), z.number()),
      total: z.number(),
    }),
  ),
});

export type NokPublicResults = z.infer<typeof NokPublicResults>;
export type NokCampaign = z.infer<typeof NokCampaign>;
export type NokCampaignDetail = z.infer<typeof NokCampaignDetail>;
export type NokAssessment = z.infer<typeof NokAssessment>;
export type NokChecklist = z.infer<typeof NokChecklist>;
export type NokResults = z.infer<typeof NokResults>;
export type NokLinks = z.infer<typeof NokLinks>;
export type NokPublicQuestionnaire = z.infer<typeof NokPublicQuestionnaire>;
export type NokSector = z.infer<typeof NokSector>;
