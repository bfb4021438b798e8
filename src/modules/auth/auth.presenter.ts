import { authorize } from '../../domain/policy/authorize.js';
import type { SessionUser } from './auth.service.js';

export function presentSessionUser(u: SessionUser) {
  const region = { regionId: u.regionId };
  return {
    id: u.userId,
    login: u.login,
    fullName: u.fullName,
    email: u.email,
    role: u.role,
    organisation: u.organisation,
    mustChangePassword: u.mustChangePassword,
    abilities: {
      manageDirectory: authorize(u, { action: 'directory.manage', subject: region }),
      manageUsers: authorize(u, { action: 'users.manage', subject: region }),
      // Plans of one's own organisation (an administrator: of any).
      createPlans: authorize(u, {
        action: 'plan.create',
        subject: { regionId: u.regionId, ownerOrganisationId: u.organisationId },
      }),
      viewAudit: authorize(u, { action: 'audit.read', subject: region }),
    },
  };
}
