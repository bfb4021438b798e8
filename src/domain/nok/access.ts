/**
 * Who may do what with a НОК campaign (issue 14, «Permissions»), in the style of
 * ../policy/authorize.ts: plain functions over the actor and the campaign.
 * - The ministry holding the campaign (its coordinators) and administrators manage it:
 *   organisations, operator, dates, publication, improvement plans.
 * - The operator's named staff enter checklists and paper questionnaires of that campaign
 *   only, and see its results (the operator sees only its campaign).
 * - Coordinators and observers of the region read every campaign.
 * - An assessed organisation's users see their own organisation's results once published.
 */
import type { Actor } from '../policy/authorize.js';

export interface CampaignSubject {
  regionId: number;
  ownerOrganisationId: number;
  staffUserIds: readonly number[];
  published: boolean;
  assessedOrganisationIds: readonly number[];
}

const sameRegion = (a: Actor, c: { regionId: number }) => a.regionId === c.regionId;

export function mayCreateCampaign(actor: Actor, ownerOrganisationId: number): boolean {
  return actor.role === 'admin' || (actor.role === 'coordinator' && actor.organisationId === ownerOrganisationId);
}

export function managesCampaign(actor: Actor, c: CampaignSubject): boolean {
  if (!sameRegion(actor, c)) return false;
  return actor.role === 'admin' || (actor.role === 'coordinator' && actor.organisationId === c.ownerOrganisationId);
}

/** Enters checklists and paper questionnaires. */
export function operatesCampaign(actor: Actor, c: CampaignSubject): boolean {
  return managesCampaign(actor, c) || (sameRegion(actor, c) && c.staffUserIds.includes(actor.userId));
}

/** Sees the whole campaign: its organisations, answers counted, everyone's results. */
export function readsWholeCampaign(actor: Actor, c: CampaignSubject): boolean {
  if (!sameRegion(actor, c)) return false;
  return operatesCampaign(actor, c) || actor.role === 'coordinator' || actor.role === 'observer';
}

/** Sees the campaign at all (an assessed organisation: its own line, once published). */
export function readsCampaign(actor: Actor, c: CampaignSubject): boolean {
  return (
    readsWholeCampaign(actor, c) ||
    (sameRegion(actor, c) && c.published && c.assessedOrganisationIds.includes(actor.organisationId))
  );
}
