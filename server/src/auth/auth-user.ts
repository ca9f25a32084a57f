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
  /**
   * Set by the guard when the request carries `X-Act-For: <personId>` and the caller holds an active proxy
   * grant from that person: the caller acts for them. Services use subjectPersonId() for whose data it is,
   * and AuditService.recordAct() records both the caller and this person.
   */
  actingForPersonId?: number | null;
  /** The proxy grant that allows it (for the audit trail). */
  proxyGrantId?: number | null;
}

/** Whose records a beneficiary-side request is about: the person acted for, else the caller's own person. */
export function subjectPersonId(u: AuthUser): number | null {
  return u.actingForPersonId ?? u.personId;
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
