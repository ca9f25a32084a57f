/**
 * Push latency: N SSE clients of one district (GET /api/staff/events), claims approved over HTTP one after
 * another, time from (a) the approval's HTTP response and (b) the commit (the moment ClaimEventsBus
 * publishes, i.e. right after the transaction committed) to the event's arrival at each client.
 *
 *   npm run bench -w @huimin/server                      # runs this after the other benches
 *   node dist-bench/bench/push.bench.js                  # this one only (after tsc -p tsconfig.bench.json)
 *   BENCH_DB=mariadb node dist-bench/bench/push.bench.js # a throwaway MariaDB (scripts/mariadb.mjs)
 *
 * Options: CLIENTS (default 50), CLAIMS (approvals, default 100), GAP_MS between approvals (default 20),
 * BURST (approvals sent together per round, default 1). Prints p50/p99/max; goal p99 ≤ 200 ms.
 * The app and the HTTP driver run in this process; the SSE clients in a child process (this file with the
 * argument `clients`), so a busy server loop does not delay the clients' reading and vice versa. Times are
 * compared as performance.timeOrigin + performance.now() (same machine clock, sub-millisecond). The
 * database, the app and the clients share the machine's cores.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { fork, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureApp, createHttpAdapter } from '../src/app.setup';
import { ClaimEventsBus } from '../src/claims/claim-events.bus';
import { Clock } from '../src/common/clock';
import { PiiCryptoService } from '../src/common/crypto/pii-crypto.service';
import { hashPassword } from '../src/common/crypto/password';
import { loadConfig } from '../src/config/config';
import { District } from '../src/geo/district.entity';
import { AppUser } from '../src/users/app-user.entity';
import { UserDistrict } from '../src/users/user-district.entity';
import { enrol, person } from '../test/support/fixtures';
import { SseClient } from '../test/support/sse-client';

const CLIENTS = Number(process.env.CLIENTS ?? 50);
const CLAIMS = Number(process.env.CLAIMS ?? 100);
const GAP_MS = Number(process.env.GAP_MS ?? 20);
const BURST = Math.max(1, Number(process.env.BURST ?? 1));
const PASSWORD = `Bench-${randomUUID()}`;
const DB = process.env.BENCH_DB === 'mariadb' ? 'mariadb' : 'sqlite';

function log(msg: string): void {
  process.stderr.write(`[push-bench] ${msg}\n`);
}

/** Milliseconds since the epoch, with sub-millisecond precision, comparable across processes. */
const epochMs = () => performance.timeOrigin + performance.now();

type FromClients = { ready: true } | { refused: number } | { all: number } | { arrivals: [number, number][] };

/** Child: CLIENTS streams, one per token; tells the parent when every client has an event; reports arrival times. */
async function clientsMain(): Promise<void> {
  const init = await new Promise<{ base: string; tokens: string[] }>((r) => process.once('message', (m) => r(m as { base: string; tokens: string[] })));
  const send = (m: FromClients): void => void process.send!(m);
  const count = new Map<number, number>();
  const arrivals: [number, number][] = [];
  const clients: SseClient[] = [];
  for (const token of init.tokens) {
    const c = await SseClient.open(`${init.base}/api/staff/events`, { Authorization: `Bearer ${token}` });
    clients.push(c);
    if (c.status !== 200) {
      send({ refused: c.status });
      return;
    }
  }
  for (const c of clients) {
    let seen = 0;
    const check = () => {
      for (; seen < c.frames.length; seen++) {
        const f = c.frames[seen];
        if (f.event !== 'claim' || !f.id) continue;
        const id = Number(f.id);
        arrivals.push([id, performance.timeOrigin + f.receivedAt]);
        const n = (count.get(id) ?? 0) + 1;
        count.set(id, n);
        if (n === clients.length) send({ all: id });
      }
    };
    void (async () => {
      while (!c.ended) await c.waitFor((x) => x.frames.length > seen, 3_600_000, 'frames').then(check, () => undefined);
    })();
  }
  send({ ready: true });
  process.on('message', (m) => {
    if (m !== 'report') return;
    send({ arrivals });
    for (const c of clients) c.close();
    setTimeout(() => process.exit(0), 50);
  });
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms  p99 ${pct(xs, 99).toFixed(1)} ms  max ${Math.max(...xs).toFixed(1)} ms  (n=${xs.length})`;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'huimin-push-bench-'));
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    PII_KEY: randomBytes(32).toString('base64'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    SEED_DEMO: 'false',
  };
  let stopDb = async () => {};
  if (DB === 'mariadb') {
    const { startMariaDb } = (await import(join(__dirname, '..', '..', '..', 'scripts', 'mariadb.mjs'))) as {
      startMariaDb: () => Promise<{ url: string; stop: () => Promise<void> }>;
    };
    const m = await startMariaDb();
    stopDb = () => m.stop();
    Object.assign(env, { DB_TYPE: 'mariadb', DATABASE_URL: m.url });
  } else {
    Object.assign(env, { DB_TYPE: 'sqlite', SQLITE_PATH: join(dataDir, 'bench.sqlite') });
  }
  const config = loadConfig(env, () => undefined);
  config.rateLimits.staffLogin = { ttlSeconds: 60, perIp: 10_000, perUser: 10_000 }; // CLIENTS logins from one address
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), createHttpAdapter(), { logger: ['error', 'warn'] });
  configureApp(app, { swagger: false });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  let child: ChildProcess | null = null;
  try {
    const ds = app.get(DataSource);
    app.get(Clock).setToday('2026-05-20');
    const pii = app.get(PiiCryptoService);
    const d = await ds.getRepository(District).findOneByOrFail({ schemeId: 'jc-fpzhbx', name: '高平市' });

    // CLIENTS caseworkers of the district (one stream each, as in an office), signed in through the real route (real session rows).
    const passwordHash = await hashPassword(PASSWORD);
    const tokens: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const username = `push-bench-cw-${i}`;
      const cw = await ds.getRepository(AppUser).save(ds.getRepository(AppUser).create({ role: 'caseworker', username, passwordHash, active: true }));
      await ds.getRepository(UserDistrict).insert({ userId: cw.id, districtId: d.id });
      const login = await fetch(`${base}/api/auth/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
      if (!login.ok) throw new Error(`staff login: ${login.status} ${await login.text()}`);
      tokens.push(((await login.json()) as { accessToken: string }).accessToken);
    }
    const token = tokens[0]; // the first caseworker also drives the approvals
    const H = { Authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const post = async (path: string, body: object) => {
      const r = await fetch(`${base}${path}`, { method: 'POST', headers: { ...H, 'Idempotency-Key': `b-${randomUUID()}` }, body: JSON.stringify(body) });
      if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      return r.json() as Promise<{ id: number; timeline: { id: number; toState: string }[] }>;
    };

    // CLAIMS people, each with a claim taken to review (not timed).
    const t0 = Date.now();
    const claimIds: number[] = [];
    for (let i = 0; i < CLAIMS; i++) {
      const p = await person(ds, pii, { name: `推送测试${i}`, birthDate: '1960-01-01', districtId: d.id, flags: { medical_insurance_years: [2026] }, identities: [{ code: 'tuopin', validFrom: '2020-12-31' }] });
      await enrol(ds, { personId: p.id, schemeId: 'jc-fpzhbx', year: 2026, coverStart: '2026-01-01', coverEnd: '2026-12-31', insurerId: d.insurerId!, premium: '100.00' });
      const c = await post('/api/claims', { schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: '2026-05-10', description: '住院', facts: { selfPayAfterOthers: '3800.00' }, personId: p.id });
      await post(`/api/claims/${c.id}/transitions`, { to: 'accepted' });
      await post(`/api/claims/${c.id}/transitions`, { to: 'under_review' });
      claimIds.push(c.id);
    }
    log(`${DB}: ${CLAIMS} claims ready for approval in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    child = fork(__filename, ['clients'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const allReceived = new Map<number, () => void>();
    const early = new Set<number>();
    let arrivals: [number, number][] = [];
    const ready = new Promise<void>((resolve, reject) => {
      child!.on('message', (m: FromClients) => {
        if ('ready' in m) resolve();
        else if ('refused' in m) reject(new Error(`SSE: a client was refused (${m.refused})`));
        else if ('all' in m) (allReceived.get(m.all) ?? (() => early.add(m.all)))();
        else if ('arrivals' in m) arrivals = m.arrivals;
      });
    });
    child.send({ base, tokens });
    await ready;
    log(`${CLIENTS} SSE clients connected (in a child process)`);
    const everyone = (eventId: number) =>
      early.has(eventId)
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const t = setTimeout(() => reject(new Error(`event ${eventId} not received by every client within 10 s`)), 10_000);
            allReceived.set(eventId, () => {
              clearTimeout(t);
              resolve();
            });
          });

    const publishedAt = new Map<number, number>();
    app.get(ClaimEventsBus).events$.subscribe((m) => publishedAt.set(m.id, epochMs()));

    const respondedAt = new Map<number, number>();
    const requestMs: number[] = [];
    for (let i = 0; i < claimIds.length; i += BURST) {
      const round = claimIds.slice(i, i + BURST);
      const done = await Promise.all(
        round.map(async (id) => {
          const sent = epochMs();
          const r = await post(`/api/claims/${id}/transitions`, { to: 'approved' });
          const at = epochMs();
          requestMs.push(at - sent);
          const eventId = r.timeline.filter((e) => e.toState === 'approved').at(-1)!.id;
          respondedAt.set(eventId, at);
          return eventId;
        }),
      );
      await Promise.all(done.map(everyone));
      if (GAP_MS) await new Promise((r) => setTimeout(r, GAP_MS));
    }
    const report = new Promise<void>((resolve) => child!.on('exit', () => resolve()));
    child.send('report');
    await report;
    child = null;
    const fromCommit: number[] = [];
    const fromResponse: number[] = [];
    for (const [eventId, at] of arrivals) {
      if (!publishedAt.has(eventId) || !respondedAt.has(eventId)) continue;
      fromCommit.push(at - publishedAt.get(eventId)!);
      fromResponse.push(at - respondedAt.get(eventId)!);
    }

    const line = '-'.repeat(78);
    console.log(line);
    console.log(`push bench (${DB}): ${CLIENTS} SSE clients of one district, ${CLAIMS} approvals${BURST > 1 ? ` in bursts of ${BURST}` : ' one at a time'}`);
    console.log(`  approval request (HTTP round trip)     ${fmt(requestMs)}`);
    console.log(`  commit → client   (per client × event)  ${fmt(fromCommit)}`);
    console.log(`  response → client (negative: before it) ${fmt(fromResponse)}`);
    const p99 = pct(fromCommit, 99);
    console.log(`  goal p99 ≤ 200 ms from commit: ${p99 <= 200 ? 'met' : 'NOT met'} (${p99.toFixed(1)} ms)`);
    console.log(line);
  } finally {
    child?.kill();
    await app.close();
    await stopDb();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

(process.argv[2] === 'clients' ? clientsMain() : main()).catch((e) => {
  console.error(e);
  process.exit(1);
});
