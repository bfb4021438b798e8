import { describe, expect, it } from 'vitest';
import { authorize, type Actor, type PlanSubject } from './authorize';

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
