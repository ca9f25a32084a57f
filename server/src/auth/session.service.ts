import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { HttpStatus, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { District } from '../geo/district.entity';
import { AppUser } from '../users/app-user.entity';
import { UserDistrict } from '../users/user-district.entity';
import type { AuthUser } from './auth-user';
import { Clock } from '../common/clock';
import { DbSessionCheck } from './db-session-check';
import { AuthSession, SessionRevokeReason } from './entities/auth-session.entity';
import { AuthRefreshToken } from './entities/refresh-token.entity';
import { ACCESS_TOKEN_TTL_SECONDS, TokenService } from './token.service';

/** Beneficiaries stay signed in while they use the app at least once a month (sliding). */
export const BENEFICIARY_SESSION_MS = 30 * 24 * 3600 * 1000;
/** Staff sessions end 12 hours after sign-in, refresh or not. */
export const STAFF_SESSION_MS = 12 * 3600 * 1000;

export type SignInMethod = 'wechat' | 'password' | 'dev';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  principal: AuthUser;
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

function sessionExpired(): UnauthorizedException {
  return new UnauthorizedException({ code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录' });
}

/**
 * Sessions and their tokens: opening one at sign-in, rotating refresh tokens (a reused one revokes the
 * whole session), revoking at logout. Who the caller is (role, person, districts) is read afresh from the
 * database each time tokens are issued.
 */
@Injectable()
export class SessionService {
  private readonly logger = new Logger('Sessions');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
    private readonly sessionCheck: DbSessionCheck,
    private readonly audit: AuditService,
  ) {}

  /** Districts a user may see: a caseworker's own; an adjuster's insurer's; none for the others. */
  async districtIdsOf(user: AppUser, manager: EntityManager = this.ds.manager): Promise<number[]> {
    if (user.role === 'caseworker') {
      const rows = await manager.getRepository(UserDistrict).find({ where: { userId: user.id }, select: { districtId: true } });
      return rows.map((r) => r.districtId).sort((a, b) => a - b);
    }
    if (user.role === 'adjuster') {
      if (user.insurerId == null) return [];
      const rows = await manager.getRepository(District).find({ where: { insurerId: user.insurerId }, select: { id: true } });
      return rows.map((r) => r.id).sort((a, b) => a - b);
    }
    return [];
  }

  async principalFor(user: AppUser, sessionId: string, manager?: EntityManager): Promise<AuthUser> {
    return {
      userId: user.id,
      role: user.role,
      personId: user.personId ?? null,
      districtIds: await this.districtIdsOf(user, manager),
      sessionId,
    };
  }

  /** A new session for a user who has just proved who they are. */
  async open(user: AppUser, method: SignInMethod): Promise<IssuedTokens> {
    const now = this.clock.now();
    const id = randomUUID();
    return this.ds.transaction(async (m) => {
      await m.getRepository(AuthSession).insert({
        id,
        userId: user.id,
        method,
        expiresAt: new Date(now.getTime() + (user.role === 'beneficiary' ? BENEFICIARY_SESSION_MS : STAFF_SESSION_MS)),
        revokedAt: null,
        revokeReason: null,
      });
      const refreshToken = await this.newRefreshToken(m, id, now);
      const principal = await this.principalFor(user, id, m);
      return { accessToken: this.tokens.issueAccessToken(principal), refreshToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, principal };
    });
  }

  /**
   * Trade a refresh token for new tokens. Each refresh token works once; presenting one that was already
   * used means someone kept a copy, so the session is revoked for everyone holding it.
   */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const now = this.clock.now();
    const repo = this.ds.getRepository(AuthRefreshToken);
    const row = await repo.findOne({ where: { tokenHash: sha256Hex(refreshToken) }, relations: { session: { user: true } } });
    if (!row?.session?.user) throw sessionExpired();
    const session = row.session;
    const user = session.user!;
    if (session.revokedAt || session.expiresAt.getTime() <= now.getTime() || !user.active) throw sessionExpired();

    const claimed = row.usedAt ? 0 : ((await repo.update({ id: row.id, usedAt: IsNull() }, { usedAt: now })).affected ?? 0);
    if (claimed === 0) {
      await this.revoke(session.id, 'refresh_reuse');
      await this.audit.record({ actorUserId: user.id, action: 'auth.refresh_reuse', entity: 'auth_session', entityId: session.id });
      this.logger.warn(`refresh token reused: session ${session.id} of user ${user.id} revoked`);
      throw new UnauthorizedException({
        statusCode: HttpStatus.UNAUTHORIZED,
        code: 'SESSION_REVOKED',
        message: '检测到登录凭证被重复使用，为了您的安全已退出登录，请重新登录',
      });
    }
    return this.ds.transaction(async (m) => {
      if (user.role === 'beneficiary') {
        await m.getRepository(AuthSession).update({ id: session.id }, { expiresAt: new Date(now.getTime() + BENEFICIARY_SESSION_MS) });
      }
      const next = await this.newRefreshToken(m, session.id, now);
      const principal = await this.principalFor(user, session.id, m);
      return { accessToken: this.tokens.issueAccessToken(principal), refreshToken: next, expiresIn: ACCESS_TOKEN_TTL_SECONDS, principal };
    });
  }

  /** End a session: its access tokens are refused from the next request on, its refresh tokens too. */
  async revoke(sessionId: string, reason: SessionRevokeReason): Promise<void> {
    await this.ds.getRepository(AuthSession).update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: this.clock.now(), revokeReason: reason });
    this.sessionCheck.markRevoked(sessionId);
  }

  private async newRefreshToken(m: EntityManager, sessionId: string, now: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await m.getRepository(AuthRefreshToken).insert({ sessionId, tokenHash: sha256Hex(token), issuedAt: now, usedAt: null });
    return token;
  }
}
