import type { AuthUser } from '../auth/auth-user';
import { notFound } from '../auth/access.service';

/**
 * The caller, possibly acting for someone. `actingForPersonId` is set by the sign-in work from the
 * X-Act-For header once the proxy grant has been checked; until then it is always absent.
 */
export type ActingUser = AuthUser & { actingForPersonId?: number | null };

/** The person whose data a "my …" route shows: the one acted for, else the caller's own; 404 when neither. */
export function effectivePersonId(user: ActingUser): number {
  const id = user.actingForPersonId ?? user.personId;
  if (id == null) throw notFound('person');
  return id;
}
