import { type AuthUser, subjectPersonId } from '../auth/auth-user';
import { notFound } from '../auth/access.service';

export type ActingUser = AuthUser;

/** The person whose data a "my …" route shows: the one acted for, else the caller's own; 404 when neither. */
export function effectivePersonId(user: AuthUser): number {
  const id = subjectPersonId(user);
  if (id == null) throw notFound('person');
  return id;
}
