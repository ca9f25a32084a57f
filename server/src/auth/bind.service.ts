import { ConflictException, ForbiddenException, HttpException, HttpStatus, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan, Not, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PiiCryptoService } from '../common/crypto/pii-crypto.service';
import { Person } from '../people/person.entity';
import { AppUser } from '../users/app-user.entity';
import type { AuthUser } from './auth-user';
import { Clock } from '../common/clock';
import type { BindDto } from './dto/auth.dto';
import type { LoginResponse } from './dto/auth.responses';
import { BindAttempt, BindOutcome } from './entities/bind-attempt.entity';
import { maskName } from './mask-name';
import { SessionService } from './session.service';
import { beijingTime, loginResponse } from './views';

/** Failed attempts a WeChat user gets per 24 hours. */
export const BIND_MAX_FAILURES_PER_USER = 5;
/** Failed attempts on one ID number per 24 hours, whoever makes them (someone trying names for a known ID). */
export const BIND_MAX_FAILURES_PER_TARGET = 10;
export const BIND_WINDOW_MS = 24 * 3600 * 1000;

const NO_MATCH_MESSAGE = '姓名、身份证号或手机号与登记信息不一致，请核对后再试';

function sameName(a: string, b: string): boolean {
  return a.trim().normalize('NFC') === b.trim().normalize('NFC');
}

/**
 * Binding a WeChat user to their roster person: by the ID number's keyed hash, the exact name, and the
 * phone when one is on file. "No such person" and "wrong name/phone" answer identically. Failures are
 * counted in bind_attempt and limited per user and per ID number over 24 hours.
 */
@Injectable()
export class BindService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly pii: PiiCryptoService,
    private readonly clock: Clock,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  async bind(caller: AuthUser, dto: BindDto): Promise<LoginResponse> {
    if (caller.actingForPersonId) throw new ForbiddenException({ code: 'NOT_WHILE_ACTING', message: '代办时不能绑定身份' });
    const users = this.ds.getRepository(AppUser);
    const user = await users.findOneByOrFail({ id: caller.userId });
    if (user.personId != null) {
      throw new ConflictException({ code: 'ALREADY_BOUND', message: '您已绑定身份。如需更换，请联系社区工作人员' });
    }
    const now = this.clock.now();
    const since = new Date(now.getTime() - BIND_WINDOW_MS);
    const targetHash = this.pii.hashIdNumber(dto.idNumber);

    const userFailures = await this.recentFailures({ userId: user.id }, since);
    if (userFailures.length >= BIND_MAX_FAILURES_PER_USER) throw this.lockedOut(userFailures[0].attemptedAt);
    const targetFailures = await this.recentFailures({ targetHash }, since);
    if (targetFailures.length >= BIND_MAX_FAILURES_PER_TARGET) throw this.lockedOut(targetFailures[0].attemptedAt);

    const person = await this.ds.getRepository(Person).findOneBy({ idNumberHash: targetHash });
    const matches = !!person && sameName(person.name, dto.name) && this.phoneMatches(person, dto.phone);
    if (!person || !matches) {
      await this.recordAttempt(user.id, targetHash, 'no_match', now);
      const left = BIND_MAX_FAILURES_PER_USER - userFailures.length - 1;
      if (left <= 0) throw this.lockedOut(userFailures[0]?.attemptedAt ?? now);
      throw new UnprocessableEntityException({ code: 'BIND_NO_MATCH', message: `${NO_MATCH_MESSAGE}（今天还可以尝试 ${left} 次）`, attemptsLeft: left });
    }

    const holder = await users.findOneBy({ personId: person.id });
    if (holder) {
      await this.recordAttempt(user.id, targetHash, 'already_bound', now);
      throw this.alreadyBound();
    }
    try {
      await this.ds.transaction(async (m) => {
        const res = await m.getRepository(AppUser).update({ id: user.id, personId: IsNull() }, { personId: person.id });
        if (!res.affected) throw new ConflictException({ code: 'ALREADY_BOUND', message: '您已绑定身份。如需更换，请联系社区工作人员' });
        await m.getRepository(BindAttempt).insert({ userId: user.id, targetHash, outcome: 'ok', attemptedAt: now });
        await this.audit.record(
          {
            actorUserId: user.id,
            action: 'auth.bind',
            entity: 'person',
            entityId: person.id,
            detail: { name: maskName(person.name), idNumber: person.idNumberMasked },
          },
          m,
        );
      });
    } catch (e) {
      // Someone else bound this person between our check and our update (unique person_id).
      if (e instanceof QueryFailedError) {
        await this.recordAttempt(user.id, targetHash, 'already_bound', now);
        throw this.alreadyBound();
      }
      throw e;
    }
    user.personId = person.id;
    // The old session's tokens say "not bound": end it and start one that carries the person.
    await this.sessions.revoke(caller.sessionId, 'rebind');
    const tokens = await this.sessions.open(user, 'wechat');
    return loginResponse(tokens, user, person);
  }

  private phoneMatches(person: Person, phone: string | undefined): boolean {
    if (!person.phoneEnc) return true;
    if (!phone) return false;
    const onFile = this.pii.decrypt(person.phoneEnc, 'person.phone').replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
    return onFile === phone;
  }

  /** Failures since `since`, oldest first. */
  private recentFailures(where: { userId: number } | { targetHash: string }, since: Date): Promise<BindAttempt[]> {
    return this.ds.getRepository(BindAttempt).find({
      where: { ...where, outcome: Not<BindOutcome>('ok'), attemptedAt: MoreThan(since) },
      order: { attemptedAt: 'ASC' },
      take: 50,
    });
  }

  private async recordAttempt(userId: number, targetHash: string, outcome: BindOutcome, at: Date): Promise<void> {
    await this.ds.getRepository(BindAttempt).insert({ userId, targetHash, outcome, attemptedAt: at });
  }

  private lockedOut(oldestFailure: Date): HttpException {
    const retryAt = new Date(oldestFailure.getTime() + BIND_WINDOW_MS);
    return new HttpException(
      {
        code: 'BIND_LOCKED',
        message: `核对失败次数太多，请在 ${beijingTime(retryAt)} 以后再试，或带身份证到社区请工作人员帮助绑定`,
        retryAt: retryAt.toISOString(),
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  private alreadyBound(): ConflictException {
    return new ConflictException({
      code: 'PERSON_ALREADY_BOUND',
      message: '此身份已被另一个微信账号绑定。如不是您本人或家人操作，请联系社区工作人员',
    });
  }
}
