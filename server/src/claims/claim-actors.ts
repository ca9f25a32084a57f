import type { ClaimActor } from '@huimin/shared';
import type { AuthUser } from '../auth/auth-user';

/** The engine's actor for a role; admins look but do not decide claims. */
export function actorOf(user: AuthUser): ClaimActor | null {
  switch (user.role) {
    case 'beneficiary':
      return 'beneficiary';
    case 'caseworker':
    case 'adjuster':
      return 'staff';
    case 'finance':
      return 'finance';
    default:
      return null;
  }
}

/** How a person appears in the history: beneficiary, proxy (acting for them), or the staff role. */
export function actorRoleOf(user: AuthUser): string {
  if (user.role === 'beneficiary' && user.actingForPersonId != null && user.actingForPersonId !== user.personId) return 'proxy';
  return user.role;
}
