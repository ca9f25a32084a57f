import type { Person } from '../people/person.entity';
import type { AppUser } from '../users/app-user.entity';
import type { AuthUser } from './auth-user';
import type { LoginResponse, MaskedPerson, ProxyGrantView, UserView } from './dto/auth.responses';
import type { ProxyGrant } from './entities/proxy-grant.entity';
import { maskName } from './mask-name';
import type { IssuedTokens } from './session.service';

/** Entity → response mappings for sign-in and proxies. Personal data leaves masked, always. */
export function maskedPerson(p: Pick<Person, 'id' | 'name' | 'idNumberMasked'>): MaskedPerson {
  return { personId: p.id, name: maskName(p.name), idNumber: p.idNumberMasked };
}

export function userView(user: AppUser, principal: Pick<AuthUser, 'districtIds'>, person: Person | null): UserView {
  const v: UserView = { userId: user.id, role: user.role, bound: user.personId != null, districtIds: principal.districtIds };
  if (person) v.person = maskedPerson(person);
  if (user.role !== 'beneficiary' && user.username) v.username = user.username;
  return v;
}

export function loginResponse(t: IssuedTokens, user: AppUser, person: Person | null): LoginResponse {
  return { accessToken: t.accessToken, refreshToken: t.refreshToken, expiresIn: t.expiresIn, user: userView(user, t.principal, person) };
}

export function grantView(g: ProxyGrant): ProxyGrantView {
  return {
    id: g.id,
    personId: g.personId,
    personName: maskName(g.person?.name),
    granteeUserId: g.granteeUserId,
    granteeRole: g.grantee!.role,
    granteeName: g.grantee?.person ? maskName(g.grantee.person.name) : null,
    relation: g.relation,
    consentMethod: g.consentMethod,
    consentedAt: g.consentedAt.toISOString(),
    createdAt: g.createdAt.toISOString(),
    revokedAt: g.revokedAt ? g.revokedAt.toISOString() : null,
    active: !g.revokedAt,
  };
}

/** '3月5日 14:30' in Beijing time, for "try again after …" messages. */
export function beijingTime(d: Date): string {
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('month')}月${get('day')}日 ${get('hour')}:${get('minute')}`;
}
