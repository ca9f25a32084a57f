import { HttpException, HttpStatus, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { hashPassword, verifyPassword } from '../common/crypto/password';
import { AppUser } from '../users/app-user.entity';
import { STAFF_ROLES } from './auth-user';
import { Clock } from '../common/clock';
import type { LoginResponse } from './dto/auth.responses';
import { SessionService } from './session.service';
import { loginResponse } from './views';

export const STAFF_MAX_FAILURES = 5;
export const STAFF_LOCK_MS = 15 * 60 * 1000;
const MAX_TRACKED_UNKNOWN = 10_000;

const WRONG = '用户名或密码错误';

/**
 * Staff password sign-in. Five wrong passwords in a row lock the account for 15 minutes. An unknown
 * username goes through the same steps (a password hash is checked, failures are counted in memory and
 * "lock" the same way), so the answers do not tell which usernames exist.
 */
@Injectable()
export class StaffLoginService {
  private readonly logger = new Logger('StaffLogin');
  /** Failures for usernames that do not exist, so they lock like real ones. */
  private readonly unknown = new Map<string, { failures: number; lockedUntil: number | null }>();
  private dummyHash: Promise<string> | null = null;

  constructor(
    @InjectRepository(AppUser) private readonly users: Repository<AppUser>,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async login(username: string, password: string): Promise<LoginResponse> {
    const now = this.clock.now().getTime();
    const user = await this.users.findOneBy({ username });
    if (!user || !STAFF_ROLES.includes(user.role) || !user.active || !user.passwordHash) {
      return this.unknownUser(username, password, now);
    }
    if (user.lockedUntil && user.lockedUntil.getTime() > now) throw this.locked(user.lockedUntil.getTime() - now);

    const ok = await verifyPassword(password, user.passwordHash);
    if (!ok) {
      const failures = (user.lockedUntil ? 0 : user.failedLogins) + 1; // a lock that has run out starts the count again
      if (failures >= STAFF_MAX_FAILURES) {
        await this.users.update({ id: user.id }, { failedLogins: failures, lockedUntil: new Date(now + STAFF_LOCK_MS) });
        await this.audit.record({ actorUserId: user.id, action: 'auth.staff_locked', entity: 'app_user', entityId: user.id, detail: { failures } });
        this.logger.warn(`user ${user.id} locked for ${STAFF_LOCK_MS / 60000} min after ${failures} failed logins`);
        throw this.locked(STAFF_LOCK_MS);
      }
      await this.users.update({ id: user.id }, { failedLogins: failures, lockedUntil: null });
      throw new UnauthorizedException({ code: 'BAD_CREDENTIALS', message: WRONG });
    }
    if (user.failedLogins !== 0 || user.lockedUntil) await this.users.update({ id: user.id }, { failedLogins: 0, lockedUntil: null });
    const tokens = await this.sessions.open(user, 'password');
    return loginResponse(tokens, user, null);
  }

  private async unknownUser(username: string, password: string, now: number): Promise<never> {
    let state = this.unknown.get(username);
    if (state?.lockedUntil && state.lockedUntil > now) throw this.locked(state.lockedUntil - now);
    if (state?.lockedUntil) state = undefined;
    await verifyPassword(password, await this.getDummyHash()); // same cost as a real check
    const failures = (state?.failures ?? 0) + 1;
    if (this.unknown.size >= MAX_TRACKED_UNKNOWN) this.unknown.clear();
    if (failures >= STAFF_MAX_FAILURES) {
      this.unknown.set(username, { failures, lockedUntil: now + STAFF_LOCK_MS });
      throw this.locked(STAFF_LOCK_MS);
    }
    this.unknown.set(username, { failures, lockedUntil: null });
    throw new UnauthorizedException({ code: 'BAD_CREDENTIALS', message: WRONG });
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= hashPassword('not-a-real-password');
    return this.dummyHash;
  }

  private locked(remainingMs: number): HttpException {
    const minutes = Math.max(1, Math.ceil(remainingMs / 60000));
    return new HttpException(
      { code: 'ACCOUNT_LOCKED', message: `密码错误次数太多，账号已暂时锁定，请 ${minutes} 分钟后再试`, retryAfterSeconds: Math.ceil(remainingMs / 1000) },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
