import { HttpException, HttpStatus, Injectable, Logger, OnApplicationShutdown, BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { AccessService, notFound } from '../auth/access.service';
import type { AuthUser } from '../auth/auth-user';
import { ClaimEventMessage, ClaimEventsBus } from '../claims/claim-events.bus';
import { OversightEventsBus, type LossRatioWarningMessage } from '../oversight/oversight-events.bus';
import { feedQuery, toMessage, type FeedRow } from './claim-event-feed';
import { StreamAuthService, type StreamCaller } from './stream-auth.service';

export interface StreamOptions {
  /** Replay events after this claim_event id (Last-Event-ID or ?after=), or null: live only. */
  after: number | null;
  /** false: replay what was missed, then end (a catch-up poll); true: stay open. */
  live: boolean;
  /** Narrow to one district (must be one of the caller's). */
  districtId: number | null;
}

/** Which events a caller's stream carries: their districts (caseworkers, adjusters), or all (finance, admin). */
export interface Scope {
  districtIds: number[] | null;
}

interface OpenStream {
  userId: number;
  close(reason: string): void;
}

/**
 * The staff live feed over Server-Sent Events. One process, in-memory fan-out: every open stream
 * subscribes to ClaimEventsBus and writes the events of its scope. With several server processes, put
 * Redis pub/sub behind ClaimEventsBus (publish to a channel after commit; each process feeds its streams).
 *
 * Resuming without gaps or duplicates: subscribe to the bus first and buffer, then read the missed events
 * from claim_event (the durable outbox; district-scoped, at most REPLAY_CAP, oldest first), write them,
 * then the buffer, then go live, skipping any id already written.
 */
@Injectable()
export class StaffEventsStream implements BeforeApplicationShutdown, OnApplicationShutdown {
  static readonly REPLAY_CAP = 500;
  static readonly MAX_PER_USER = 5;
  /** A client that does not read (buffered output over this) is dropped; it reconnects with Last-Event-ID. */
  static readonly MAX_BUFFERED_BYTES = 1 << 20;
  /** Comment line every so often so proxies keep the connection and clients notice a dead one. Tests lower it. */
  heartbeatMs = 20_000;

  private readonly logger = new Logger('StaffEvents');
  private readonly streams = new Set<OpenStream>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly bus: ClaimEventsBus,
    private readonly auth: StreamAuthService,
    private readonly oversight: OversightEventsBus,
  ) {}

  /**
   * Whether a loss-ratio warning goes to this caller: the officers of that county (caseworkers whose
   * districts include it), the insurer's staff of that county when the level tells the insurer, and the city
   * level (finance, admin). Never to anyone else. Narrowed with ?districtId= like the claim events.
   */
  static warningFor(user: AuthUser, scope: Scope, m: LossRatioWarningMessage): boolean {
    if (scope.districtIds !== null && !scope.districtIds.includes(m.districtId)) return false;
    if (user.role === 'finance' || user.role === 'admin') return true;
    if (user.role === 'caseworker') return user.districtIds.includes(m.districtId);
    if (user.role === 'adjuster') return m.notify.includes('insurer') && user.districtIds.includes(m.districtId);
    return false;
  }

  /** Streams open now (tests check that a disconnect cleans up). */
  get openCount(): number {
    return this.streams.size;
  }

  scopeOf(user: AuthUser, districtId: number | null): Scope {
    const all = user.role === 'finance' || user.role === 'admin';
    if (!all && !AccessService.isDistrictScoped(user)) throw new HttpException({ code: 'FORBIDDEN', message: '没有权限' }, HttpStatus.FORBIDDEN);
    if (districtId !== null) {
      if (!all && !user.districtIds.includes(districtId)) throw notFound('district');
      return { districtIds: [districtId] };
    }
    return { districtIds: all ? null : [...user.districtIds] };
  }

  /** Writes the stream until the client goes, the access token behind it expires, its session ends, or the app stops. */
  async serve(request: FastifyRequest, reply: FastifyReply, caller: StreamCaller, opts: StreamOptions): Promise<void> {
    const scope = this.scopeOf(caller.user, opts.districtId);
    const mine = [...this.streams].filter((s) => s.userId === caller.user.userId).length;
    if (opts.live && mine >= StaffEventsStream.MAX_PER_USER) {
      throw new HttpException({ code: 'TOO_MANY_STREAMS', message: `同一账号最多同时打开 ${StaffEventsStream.MAX_PER_USER} 个实时动态，请关闭不用的页面` }, HttpStatus.TOO_MANY_REQUESTS);
    }
    const inScope = scope.districtIds === null ? () => true : ((ids: Set<number>) => (m: ClaimEventMessage) => ids.has(m.districtId))(new Set(scope.districtIds));

    // From here on the stream is written to the Node response; Fastify must not send a reply of its own.
    // (The checks above still answer through the exception filter.)
    reply.hijack();
    const req = request.raw;
    const res = reply.raw;
    for (const [k, v] of Object.entries(reply.getHeaders())) if (v !== undefined) res.setHeader(k, v);
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no'); // nginx: do not buffer
    res.flushHeaders();
    req.socket.setNoDelay(true);
    req.socket.setKeepAlive(true);

    let closed = false;
    let replaying = opts.after !== null;
    const buffered: ClaimEventMessage[] = [];
    // Ids written during the replay and shortly after: an event committed before the replay query but
    // published after we went live must not be written twice. Tracking stops after a minute.
    const written = new Set<number>();
    let tracking = true;
    let heartbeat: NodeJS.Timeout | undefined;
    let lifetime: NodeJS.Timeout | undefined;
    let sub: Subscription | undefined;
    let warningSub: Subscription | undefined;
    let beats = 0;

    const stream: OpenStream = {
      userId: caller.user.userId,
      close: (reason: string) => {
        if (closed) return;
        if (reason) write(`event: ${reason}\ndata: {}\n\n`);
        res.end();
        cleanup();
      },
    };
    const cleanup = () => {
      if (closed) return;
      closed = true;
      sub?.unsubscribe();
      warningSub?.unsubscribe();
      clearInterval(heartbeat);
      clearTimeout(lifetime);
      this.streams.delete(stream);
    };
    const write = (chunk: string) => {
      if (closed || res.writableEnded) return;
      res.write(chunk);
      if (res.writableLength > StaffEventsStream.MAX_BUFFERED_BYTES) {
        this.logger.warn(`user ${caller.user.userId}: client not reading, dropping the stream`);
        res.destroy();
        cleanup();
      }
    };
    const send = (m: ClaimEventMessage) => {
      if (written.has(m.id)) return;
      if (tracking) written.add(m.id);
      write(`id: ${m.id}\nevent: claim\ndata: ${JSON.stringify(m)}\n\n`);
    };

    req.on('close', cleanup);
    res.on('close', cleanup);
    this.streams.add(stream);
    // 1. Subscribe first, so that nothing committed from now on is missed.
    sub = this.bus.events$.subscribe((m) => {
      if (!inScope(m)) return;
      if (replaying) buffered.push(m);
      else send(m);
    });
    // Loss-ratio warnings (Jincheng: >80% / >100%) as `event: warning`, without an `id:` line so that the
    // client's Last-Event-ID stays a claim_event id. They are durable in loss_ratio_warning: a client that
    // (re)connects reloads GET /api/oversight/warnings, which lists every recorded crossing.
    warningSub = this.oversight.events$.subscribe((m) => {
      if (StaffEventsStream.warningFor(caller.user, scope, m)) write(`event: warning\ndata: ${JSON.stringify(m)}\n\n`);
    });
    write(`retry: 3000\n: connected\n\n`);

    if (opts.after !== null) {
      try {
        // 2. What was missed, from the durable history.
        const { rows, truncated } = await this.missed(scope, opts.after);
        if (closed) return;
        if (truncated) {
          // More was missed than we replay: the client should reload its list; the newest REPLAY_CAP follow.
          write(`event: resync\ndata: ${JSON.stringify({ reason: 'too_many_missed', replayed: rows.length })}\n\n`);
        }
        for (const r of rows) send(r);
      } catch (e) {
        this.logger.error(`replay failed: ${(e as Error).message}`);
        stream.close('error');
        return;
      }
      // 3. What arrived meanwhile, in id order, without what the replay already wrote; then live.
      buffered.sort((a, b) => a.id - b.id).forEach(send);
      buffered.length = 0;
      replaying = false;
    }
    if (!opts.live) {
      stream.close('');
      return;
    }
    setTimeout(() => {
      tracking = false;
      written.clear();
    }, 60_000).unref();

    heartbeat = setInterval(() => {
      write(`: ping ${Date.now()}\n\n`);
      // A logout or a disabled account ends the stream within a few heartbeats.
      if (++beats % 3 === 0) {
        void this.auth.isSessionActive(caller.user.sessionId).then(
          (ok) => ok || stream.close('reauth'),
          () => undefined,
        );
      }
    }, this.heartbeatMs);
    heartbeat.unref();
    // The stream lives no longer than the access token behind it; the client signs in again (or gets a ticket) and resumes with Last-Event-ID.
    const left = Math.max(0, caller.authExpiresAt - Date.now());
    lifetime = setTimeout(() => stream.close('reauth'), Math.min(left, 2 ** 31 - 1));
    lifetime.unref();
  }

  private async missed(scope: Scope, after: number): Promise<{ rows: ClaimEventMessage[]; truncated: boolean }> {
    if (scope.districtIds && !scope.districtIds.length) return { rows: [], truncated: false };
    const qb = feedQuery(this.ds).where('e.id > :after', { after });
    if (scope.districtIds) qb.andWhere('e.district_id IN (:...districtIds)', { districtIds: scope.districtIds });
    const rows = (await qb.orderBy('e.id', 'DESC').limit(StaffEventsStream.REPLAY_CAP + 1).getMany()) as FeedRow[];
    const truncated = rows.length > StaffEventsStream.REPLAY_CAP;
    return { rows: rows.slice(0, StaffEventsStream.REPLAY_CAP).reverse().map(toMessage), truncated };
  }

  beforeApplicationShutdown(): void {
    for (const s of [...this.streams]) s.close('shutdown');
  }

  onApplicationShutdown(): void {
    this.streams.clear();
  }
}
