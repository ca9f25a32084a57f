import { createHash, randomBytes } from 'node:crypto';
import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { SessionCheck } from '../auth/session-check';
import { TokenService } from '../auth/token.service';
import type { Role } from '../users/app-user.entity';
import { Clock } from '../common/clock';
import { StreamTicket } from './stream-ticket.entity';

/** Who may open the staff event stream. Beneficiaries have their own notifications (GET /api/me/notifications). */
export const STREAM_ROLES: Role[] = ['caseworker', 'adjuster', 'finance', 'admin'];
export const TICKET_TTL_SECONDS = 60;

/** The caller of a stream and how long it may stay open (until the access token behind it expires). */
export interface StreamCaller {
  user: AuthUser;
  /** ms since epoch */
  authExpiresAt: number;
  via: 'header' | 'ticket';
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The `exp` of a token TokenService has already verified (seconds → ms). */
function expiryOf(token: string): number {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp?: number };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : Date.now();
  } catch {
    return Date.now();
  }
}

function unauthenticated(message = '请先登录'): UnauthorizedException {
  return new UnauthorizedException({ code: 'UNAUTHENTICATED', message });
}

/**
 * Sign-in for the event stream, which the global guard leaves to this service (the route is @Public):
 * an `Authorization: Bearer` header (fetch-based clients: the H5 console, wx.request with enableChunked),
 * or a ticket from POST /api/staff/events/ticket for a browser EventSource, which cannot send headers.
 * A ticket is random (256 bits), stored hashed, valid 60 s and used once, so a URL that ends up in a log or
 * a proxy's history is worthless; the long-lived access token is never put in a URL.
 */
@Injectable()
export class StreamAuthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tokens: TokenService,
    private readonly sessions: SessionCheck,
    private readonly clock: Clock,
  ) {}

  private bearerOf(header: string | undefined): string {
    return header?.startsWith('Bearer ') ? header.slice(7) : '';
  }

  async issueTicket(user: AuthUser, authorization: string | undefined): Promise<{ ticket: string; expiresIn: number }> {
    const now = this.clock.now();
    const ticket = randomBytes(32).toString('base64url');
    const repo = this.ds.getRepository(StreamTicket);
    await repo.insert({
      id: sha256(ticket),
      userId: user.userId,
      role: user.role,
      districtIds: JSON.stringify(user.districtIds ?? []),
      sessionId: user.sessionId,
      expiresAt: new Date(now.getTime() + TICKET_TTL_SECONDS * 1000),
      authExpiresAt: new Date(expiryOf(this.bearerOf(authorization))),
      usedAt: null,
    });
    // Sweep tickets that expired over an hour ago (used or not): the table stays tiny.
    await repo.delete({ expiresAt: LessThan(new Date(now.getTime() - 3600_000)) });
    return { ticket, expiresIn: TICKET_TTL_SECONDS };
  }

  /** 401 without a valid header or ticket; 403 for a role that has no stream. */
  async callerOf(authorization: string | undefined, ticket: string | undefined): Promise<StreamCaller> {
    const token = this.bearerOf(authorization);
    let caller: StreamCaller;
    if (token) {
      const user = this.tokens.verify(token);
      if (!user || !(await this.sessions.isActive(user.sessionId))) throw unauthenticated();
      caller = { user, authExpiresAt: expiryOf(token), via: 'header' };
    } else if (ticket) {
      caller = await this.redeem(ticket);
    } else {
      throw unauthenticated();
    }
    if (!STREAM_ROLES.includes(caller.user.role)) {
      throw new ForbiddenException({ code: 'FORBIDDEN', message: '实时动态只提供给工作人员；参保人请查看“消息”' });
    }
    return caller;
  }

  private async redeem(ticket: string): Promise<StreamCaller> {
    const invalid = () => unauthenticated('连接凭证无效、已用过或已过期，请重新获取');
    if (!/^[A-Za-z0-9_-]{43}$/.test(ticket)) throw invalid();
    const id = sha256(ticket);
    const repo = this.ds.getRepository(StreamTicket);
    const row = await repo.findOneBy({ id });
    const now = this.clock.now();
    if (!row || row.usedAt || row.expiresAt.getTime() <= now.getTime()) throw invalid();
    // Single use: only one redeemer can flip used_at from NULL.
    const res = await repo.createQueryBuilder().update(StreamTicket).set({ usedAt: now }).where('id = :id AND used_at IS NULL', { id }).execute();
    if (res.affected !== 1) throw invalid();
    if (!(await this.sessions.isActive(row.sessionId))) throw unauthenticated();
    const user: AuthUser = {
      userId: row.userId,
      role: row.role as Role,
      personId: null,
      districtIds: JSON.parse(row.districtIds) as number[],
      sessionId: row.sessionId,
    };
    return { user, authExpiresAt: row.authExpiresAt.getTime(), via: 'ticket' };
  }

  isSessionActive(sessionId: string): Promise<boolean> {
    return this.sessions.isActive(sessionId);
  }
}
