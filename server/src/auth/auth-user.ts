import type { Role } from '../users/app-user.entity';

/**
 * Who is calling, as the JWT guard puts it on the request. Every service that reads a record checks it
 * against this (own data for beneficiaries; their districts for caseworkers; their insurer's districts for
 * adjusters) and answers "not found" when the record is not theirs.
 */
export interface AuthUser {
  userId: number;
  role: Role;
  /** The beneficiary's own person row (null for staff, and for a WeChat user not yet bound). */
  personId: number | null;
  /** Districts a caseworker serves (adjusters: their insurer's districts). Empty for beneficiaries. */
  districtIds: number[];
  /** The login session, revoked at logout. */
  sessionId: string;
}

/** Payload of the access token (HS256, JWT_SECRET, short-lived). */
export interface AccessTokenPayload {
  sub: number;
  role: Role;
  pid: number | null;
  dst: number[];
  sid: string;
}

export const STAFF_ROLES: readonly Role[] = ['caseworker', 'adjuster', 'finance', 'admin'];
