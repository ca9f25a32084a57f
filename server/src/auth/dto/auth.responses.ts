import type { Role } from '../../users/app-user.entity';
import type { ConsentMethod, ProxyRelation } from '../entities/proxy-grant.entity';

/** A person as a WeChat user may see them: masked. */
export interface MaskedPerson {
  personId: number;
  name: string;
  idNumber: string;
}

export interface UserView {
  userId: number;
  role: Role;
  /** Beneficiaries: bound to a roster person. */
  bound: boolean;
  person?: MaskedPerson;
  /** Staff only. */
  username?: string;
  districtIds: number[];
}

export interface LoginResponse {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: UserView;
}

export interface MeResponse extends UserView {
  /** Present when the request carries X-Act-For and the caller may act for that person. */
  actingFor?: MaskedPerson & { proxyGrantId: number | null };
}

export interface ProxyGrantView {
  id: number;
  personId: number;
  personName: string;
  granteeUserId: number;
  granteeRole: Role;
  /** The grantee's own name (masked), when they are a bound beneficiary. */
  granteeName: string | null;
  relation: ProxyRelation;
  consentMethod: ConsentMethod;
  consentedAt: string;
  createdAt: string;
  revokedAt: string | null;
  active: boolean;
}

export interface ProxyInviteView {
  code: string;
  relation: ProxyRelation;
  expiresAt: string;
  redeemed: boolean;
}

export interface MyProxiesResponse {
  /** People who may act for me. */
  grantedByMe: ProxyGrantView[];
  /** People I may act for. */
  heldByMe: ProxyGrantView[];
}
