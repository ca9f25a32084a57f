import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { AuthSession } from './entities/auth-session.entity';
import { SessionCheck } from './session-check';

const MAX_CACHED_REVOKED = 10_000;

/**
 * Sessions as the database knows them: active while not revoked, not expired and the user is active.
 * Unknown sessions are refused. Each request looks its session up by primary key; only "revoked" is
 * cached in-process, because a revocation is final (a cached "active" could outlive a logout done by
 * another server process).
 */
@Injectable()
export class DbSessionCheck extends SessionCheck {
  private readonly revoked = new Set<string>();

  constructor(
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
    private readonly clock: Clock,
  ) {
    super();
  }

  override async isActive(sessionId: string): Promise<boolean> {
    if (typeof sessionId !== 'string' || sessionId.length !== 36) return false;
    if (this.revoked.has(sessionId)) return false;
    // One query (findOne with a relation sends two: a DISTINCT id lookup, then the row).
    const s = await this.sessions
      .createQueryBuilder('s')
      .leftJoin('s.user', 'u')
      .select(['s.id', 's.revokedAt', 's.expiresAt', 'u.id', 'u.active'])
      .where('s.id = :id', { id: sessionId })
      .getOne();
    if (!s) return false;
    if (s.revokedAt) {
      this.markRevoked(sessionId);
      return false;
    }
    return s.expiresAt.getTime() > this.clock.now().getTime() && !!s.user?.active;
  }

  /** Called by the session service when this process revokes a session. */
  markRevoked(sessionId: string): void {
    if (this.revoked.size >= MAX_CACHED_REVOKED) this.revoked.clear();
    this.revoked.add(sessionId);
  }
}
