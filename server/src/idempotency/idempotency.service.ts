import { createHash } from 'node:crypto';
import { BadRequestException, ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isRetryableLockError } from '../common/db-errors';
import { dialectOf } from '../database/dialect';
import { runStatements, type Statement } from '../database/sql-batch';
import { IdempotencyRecord } from './idempotency-record.entity';

export interface IdempotentCall {
  userId: number;
  /** The operation, e.g. 'claims.report'; a key is unique per user and scope. */
  scope: string;
  /** The Idempotency-Key header. */
  key: string | undefined;
  /** Everything that makes the request what it is (body and path parameters). */
  request: unknown;
}

export interface IdempotentResult<T> {
  /** True when this is a replay: nothing new was created, `body` is the first response. */
  replayed: boolean;
  status: number;
  body: T;
}

/**
 * Thrown inside a transaction whose reads went stale (a version-checked UPDATE found someone else's
 * change): the whole transaction runs again from the start, with fresh reads.
 */
export class RetryTransaction extends Error {}

const MAX_ATTEMPTS = 25;

/** Reads the work starts with, sent with the check for an earlier answer (see run()). */
export interface Prefetch<P> {
  statements: Statement[];
  /** From the statements' results, each already through its statement's `read` (may throw, e.g. 404: as the work would have). */
  read: (raws: unknown[]) => P;
}

type StoredResponse = Pick<IdempotencyRecord, 'requestHash' | 'responseStatus' | 'responseBody'>;

const KEY_PATTERN = /^[A-Za-z0-9_\-:.]{8,100}$/;

/** Stable JSON: object keys sorted, so {a,b} and {b,a} are the same request. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

/** Checks the header before any work: present, 8–100 characters of [A-Za-z0-9_-:.]. */
export function requireIdempotencyKey(key: string | undefined): string {
  if (!key || !KEY_PATTERN.test(key)) {
    throw new BadRequestException({
      statusCode: 400,
      code: 'IDEMPOTENCY_KEY_REQUIRED',
      message: '请求缺少有效的防重复编号（Idempotency-Key），请刷新页面后重新提交',
      errors: [{ field: 'Idempotency-Key', message: '应为 8–100 位字母、数字或 - _ : .' }],
    });
  }
  return key;
}

/**
 * Runs `work` in one transaction together with recording its response under the caller's key.
 * A second request with the same key — sent again after a lost reply, or at the same moment — gets the
 * first response and creates nothing; the same key with a different request is refused (422).
 * If `work` throws, nothing is recorded and the key may be used again.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async run<T, P = never>(
    call: IdempotentCall,
    work: (manager: EntityManager, prefetched: P | undefined) => Promise<{ status?: number; body: T }>,
    prefetch?: Prefetch<P>,
  ): Promise<IdempotentResult<T>> {
    const key = requireIdempotencyKey(call.key);
    const requestHash = createHash('sha256').update(canonicalJson(call.request)).digest('hex');
    const where = { userId: call.userId, scope: call.scope, idemKey: key };

    // The check for an earlier answer, and with it in the same round trip the work's first reads (plain
    // consistent reads, as they would be at the start of the transaction; a retried attempt reads again).
    const [earlier, ...results] = await runStatements(this.ds.manager, [this.findStatement(where), ...(prefetch?.statements ?? [])]);
    if (earlier) return this.replay<T>(earlier, requestHash);
    let prefetched = prefetch ? prefetch.read(results) : undefined;

    for (let attempt = 0; ; attempt++) {
      try {
        return await this.transaction(async (m) => {
          const { status = 201, body } = await work(m, prefetched);
          // The key goes in last, with the response, in the same transaction as the effect (one statement, not an
          // insert first and an update at the end). Only one transaction per key can commit this row: a concurrent
          // twin that did the same work meanwhile blocks here on the unique key until we commit, then fails as a
          // duplicate and its whole transaction (its claim too) rolls back; if we roll back instead, it goes on.
          return {
            result: { replayed: false, status, body },
            last: {
              sql: 'INSERT INTO `idempotency_record` (user_id, scope, idem_key, request_hash, response_status, response_body) VALUES (?, ?, ?, ?, ?, ?)',
              params: [call.userId, call.scope, key, requestHash, status, JSON.stringify(body)],
            },
          };
        });
      } catch (e) {
        prefetched = undefined;
        // A twin committed first: whatever stopped us (the duplicate key, or the work finding what the twin did,
        // e.g. a claim already moved: 409), this request is that one again and gets its response.
        if (!(e instanceof RetryTransaction)) {
          const twin = await this.find(where).catch(() => null);
          if (twin) return this.replay<T>(twin, requestHash);
        }
        if ((isRetryableLockError(e) || e instanceof RetryTransaction) && attempt < MAX_ATTEMPTS) {
          await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 5 * (attempt + 1))));
          continue;
        }
        if (e instanceof RetryTransaction) {
          throw new ConflictException({ statusCode: 409, code: 'BUSY_RETRY', message: '同时办理的人太多，请稍后再试' });
        }
        throw e;
      }
    }
  }

  /**
   * ds.transaction(), except that the last statement goes with COMMIT: on MariaDB in one round trip (the
   * pool allows multiple statements, see database/sql-batch.ts). If the statement fails, MariaDB does not run
   * the COMMIT after it and the transaction is rolled back here.
   */
  private async transaction<R>(fn: (m: EntityManager) => Promise<{ result: R; last: Statement }>): Promise<R> {
    const qr = this.ds.createQueryRunner();
    try {
      await qr.startTransaction();
      const { result, last } = await fn(qr.manager);
      if (dialectOf(qr.manager) === 'mariadb') {
        await qr.query(`${last.sql}; COMMIT`, last.params);
        // What commitTransaction() would have set (no subscribers listen for transaction events in this app).
        const state = qr as unknown as { isTransactionActive: boolean; transactionDepth: number };
        state.isTransactionActive = false;
        state.transactionDepth = 0;
      } else {
        await qr.query(last.sql, last.params);
        await qr.commitTransaction();
      }
      return result;
    } catch (e) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      throw e;
    } finally {
      await qr.release();
    }
  }

  private async find(where: Pick<IdempotencyRecord, 'userId' | 'scope' | 'idemKey'>): Promise<StoredResponse | null> {
    const [found] = await runStatements(this.ds.manager, [this.findStatement(where)]);
    return found;
  }

  /** Plain SQL on both dialects (backticks, `?`): this runs before every idempotent POST. */
  private findStatement(where: Pick<IdempotencyRecord, 'userId' | 'scope' | 'idemKey'>): Statement<StoredResponse | null> {
    return {
      sql: 'SELECT request_hash AS requestHash, response_status AS responseStatus, response_body AS responseBody FROM `idempotency_record` WHERE user_id = ? AND scope = ? AND idem_key = ?',
      params: [where.userId, where.scope, where.idemKey],
      read: (raw) => (raw as StoredResponse[])[0] ?? null,
    };
  }

  private replay<T>(rec: StoredResponse, requestHash: string): IdempotentResult<T> {
    if (rec.requestHash !== requestHash) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        code: 'IDEMPOTENCY_KEY_REUSED',
        message: '这个防重复编号已用于另一份不同的提交，请刷新页面后重新提交',
      });
    }
    return { replayed: true, status: Number(rec.responseStatus), body: JSON.parse(rec.responseBody) as T };
  }
}
