/**
 * Load test of GET /api/me/coverage on MariaDB.
 *
 *   npm run bench -w @huimin/server                 # N=200000 people (quick)
 *   N=8000000 npm run bench -w @huimin/server       # the full run
 *
 * 1. starts a MariaDB (scripts/mariadb.mjs; or reuses BENCH_DATABASE_URL, see below) and the real app on it
 *    in a child process (migrations + reference seed), plus a bare @Public endpoint in the same app;
 * 2. loads N enrolled people server-side with INSERT … SELECT over MariaDB's sequence engine (no ORM):
 *    households of three, everyone in Jincheng 2026 (in force), every third also in Chongqing 2025
 *    (ended within 12 months), a yearly ledger row for one person in ten and one household in ten;
 *    people already there (ids 1..k) are kept and only k+1..N are added, so one database serves two sizes;
 * 3. SESSIONS (20,000) beneficiaries sampled at random across the N people get an app_user row and a live
 *    auth_session, and an access token signed as TokenService signs it (same secret as the app);
 * 4. checks before measuring (exits non-zero if one fails): 300 sampled tokens answer 200 with the body of
 *    their own person (id, enrolments Jincheng 2026 active + Chongqing 2025 ended for every third person,
 *    benefits with usage); a logged-out session (POST /api/auth/logout) and a token whose session does not
 *    exist answer 401;
 * 5. autocannon, the same harness for both routes (CONNECTIONS keep-alive connections, DURATION s, the same
 *    Authorization header of a random sampled beneficiary on every request): coverage at a fixed RATE
 *    (3,000 req/s), then unthrottled coverage and unthrottled bare endpoint, REPEAT (1) times alternately.
 *    Every run must be all 2xx, no errors or timeouts, and (coverage) the mean response at least the size
 *    of the smallest probed coverage body, else the bench fails after printing its figures.
 * Prints p50/p99/req/s, app CPU per request, and the load average (1 min) before and after each run.
 * Goal (issue 3): p99 ≤ 20 ms at 3,000 req/s, coverage ≥ 0.5 × bare; reported, not asserted.
 * The app runs in its own process (bench/app-server.ts) so autocannon does not share its event loop.
 * FLOOR=1 also starts bench/floor-server.ts (plain node:http + mysql2, no NestJS/TypeORM/validation) on the same
 * database and measures, alternately with the app's runs and with the same harness: the floor's coverage (the
 * app's COVERAGE_SQL with its session arm, JWT checked with node:crypto, a body at least the app's size) at the fixed
 * RATE and unthrottled; the cheapest data design that still reads the database per request (/floor/coverage-doc:
 * each sampled person's coverage body, as the app answered it, stored beforehand in one row keyed by person, read by
 * primary key together with the session row, sent as stored) at the fixed RATE and unthrottled; the same statement
 * answered with a small JSON (/floor/coverage-rows), `SELECT 1` through its pool (/floor/select1) and no database at
 * all (/floor/bare). FLOOR_PROFILE=<dir>: a V8 CPU profile of it.
 * Options: N, SESSIONS, RATE, DURATION (s), CONNECTIONS, REPEAT; BENCH_LOAD_ONLY=1 stops after loading; BENCH_RAW=1 also times the
 * coverage query alone through mysql2; BENCH_PROFILE=<dir> writes a V8 CPU profile of the app;
 * BENCH_DATABASE_URL=mysql://… reuses a running MariaDB (e.g. `node scripts/mariadb.mjs &`) and keeps it
 * (BENCH_MARIADB_PID=<pid of mariadbd> adds its CPU per request); SET GLOBAL (buffer pool 4 GB) needs root:
 * without it do it yourself. Figures are only meaningful with the machine's load average beside them.
 */
import 'reflect-metadata';
import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { JwtService } from '@nestjs/jwt';
import { createConnection, type Connection } from 'mysql2/promise';
import type { AccessTokenPayload } from '../src/auth/auth-user';
import { COVERAGE_SQL } from '../src/coverage/coverage.service';

// autocannon has no types of its own here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; p90: number; max: number };
  throughput: { total: number };
  non2xx: number;
  '2xx': number;
  errors: number;
  timeouts: number;
  duration: number;
}

const N = Number(process.env.N ?? 200_000);
const SESSIONS = Number(process.env.SESSIONS ?? 20_000);
const RATE = Number(process.env.RATE ?? 3000);
const DURATION = Number(process.env.DURATION ?? 20);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const REPEAT = Number(process.env.REPEAT ?? 1);
const FLOOR = process.env.FLOOR === '1';
const CHUNK = 500_000;
const TODAY = '2026-03-01';

function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  const r = await f();
  log(`${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return r;
}

/** user + system CPU seconds of a process so far (Linux /proc), NaN when unknown. */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

const load1 = () => loadavg()[0].toFixed(2);

/** Loads people maxId+1..N (and their households, enrolments, ledgers); nothing when N are there already. */
async function load(root: Connection): Promise<void> {
  const [[{ have }]] = (await root.query('SELECT COALESCE(MAX(id), 0) AS have FROM person')) as unknown as [{ have: number }[]];
  const first = Number(have) + 1;
  if (first > N) {
    log(`${Number(have).toLocaleString('en')} people already loaded`);
    return;
  }
  await root.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
  const [districts] = (await root.query(`SELECT id, insurer_id FROM district WHERE scheme_id = 'jc-fpzhbx' ORDER BY id`)) as unknown as [{ id: number; insurer_id: number }[]];
  const [[cq]] = (await root.query(`SELECT insurer_id FROM district WHERE scheme_id = 'cq-hmjkb' AND name = '渝中区'`)) as unknown as [{ insurer_id: number }[]];
  const jcInsurer = districts[0].insurer_id;
  const dIds = districts.map((d) => d.id).join(',');
  // A placeholder ciphertext for everyone: the coverage read never decrypts, and encrypting 8M values would only time AES.
  const enc = `v1:${randomBytes(46).toString('base64')}`;
  const households = Math.ceil(N / 3);
  const firstHousehold = Math.ceil(Number(have) / 3) + 1;
  for (let from = firstHousehold; from <= households; from += CHUNK) {
    const to = Math.min(households, from + CHUNK - 1);
    await timed(`households ${from}..${to}`, () =>
      root.query(`INSERT INTO household (id, household_no, district_id) SELECT seq, NULL, ELT(1 + seq % ${districts.length}, ${dIds}) FROM seq_${from}_to_${to}`),
    );
  }
  const flags = JSON.stringify({ medical_insurance_years: [2026], monitoring_system: true, monitoring_system_since: '2025-06-20' });
  for (let from = first; from <= N; from += CHUNK) {
    const to = Math.min(N, from + CHUNK - 1);
    await timed(`people + enrolments ${from}..${to}`, async () => {
      await root.query(
        `INSERT INTO person (id, name, id_number_enc, id_number_hash, id_number_masked, birth_date, sex, district_id, household_id, phone_enc, phone_masked, flags)
         SELECT seq, CONCAT('测试', seq), ?, LPAD(HEX(seq), 64, '0'), '140***********1234',
                DATE_ADD('1940-01-01', INTERVAL seq % 30000 DAY), IF(seq % 2 = 1, 'M', 'F'),
                ELT(1 + CEIL(seq / 3) % ${districts.length}, ${dIds}), CEIL(seq / 3), NULL, '138****5678', ?
         FROM seq_${from}_to_${to}`,
        [enc, flags],
      );
      await root.query(
        `INSERT INTO enrolment (person_id, scheme_id, insurance_year, cover_start, cover_end, insurer_id, premium)
         SELECT seq, 'jc-fpzhbx', 2026, '2026-01-01', '2026-12-31', ${jcInsurer}, 100.00 FROM seq_${from}_to_${to}`,
      );
      await root.query(
        `INSERT INTO enrolment (person_id, scheme_id, insurance_year, cover_start, cover_end, insurer_id, premium)
         SELECT seq, 'cq-hmjkb', 2025, '2025-01-01', '2025-12-31', ${cq.insurer_id}, 120.00 FROM seq_${from}_to_${to} WHERE seq % 3 = 0`,
      );
      await root.query(
        `INSERT INTO annual_usage (subject_key, person_id, household_id, scheme_id, benefit_code, year, base_used, paid, version)
         SELECT CONCAT('p:', seq), seq, NULL, 'jc-fpzhbx', 'inpatient', 2026, 1200.00, 0.00, 1 FROM seq_${from}_to_${to} WHERE seq % 10 = 0`,
      );
    });
  }
  if (firstHousehold <= households) {
    await timed('household ledgers', () =>
      root.query(
        `INSERT INTO annual_usage (subject_key, person_id, household_id, scheme_id, benefit_code, year, base_used, paid, version)
         SELECT CONCAT('h:', seq), NULL, seq, 'jc-fpzhbx', 'property', 2026, 3000.00, 3000.00, 1 FROM seq_${firstHousehold}_to_${households} WHERE seq % 10 = 0`,
      ),
    );
  }
  await timed('ANALYZE', () => root.query('ANALYZE TABLE person, enrolment, annual_usage, household'));
}

interface Beneficiary {
  personId: number;
  sessionId: string;
  token: string;
}

/**
 * SESSIONS distinct people sampled uniformly from 1..N, each with a beneficiary app_user and a live
 * auth_session (as a WeChat sign-in leaves them), and an access token signed as TokenService signs it.
 */
async function sessions(root: Connection, jwtSecret: string): Promise<Beneficiary[]> {
  // A person has one account at most (uq_app_user_person): skip those bound by an earlier run on this database.
  const [bound] = (await root.query('SELECT person_id AS pid FROM app_user WHERE person_id IS NOT NULL')) as unknown as [{ pid: number }[]];
  const taken = new Set(bound.map((b) => Number(b.pid)));
  const picked = new Set<number>();
  const want = Math.min(SESSIONS, N - taken.size);
  while (picked.size < want) {
    const pid = 1 + Math.floor(Math.random() * N);
    if (!taken.has(pid)) picked.add(pid);
  }
  const pids = [...picked];
  const [[{ top }]] = (await root.query('SELECT COALESCE(MAX(id), 0) AS top FROM app_user')) as unknown as [{ top: number }[]];
  const jwt = new JwtService({ secret: createSecretKey(Buffer.from(jwtSecret, 'utf8')), signOptions: { algorithm: 'HS256' } });
  const tag = randomBytes(4).toString('hex');
  const expires = new Date(Date.now() + 24 * 3600_000);
  const out: Beneficiary[] = [];
  for (let from = 0; from < pids.length; from += 1000) {
    const part = pids.slice(from, from + 1000).map((personId, k) => ({ personId, userId: Number(top) + from + k + 1, sessionId: randomUUID() }));
    await root.query('INSERT INTO app_user (id, role, wechat_openid, person_id, active) VALUES ?', [
      part.map((b) => [b.userId, 'beneficiary', `bench-${tag}-${b.personId}`, b.personId, 1]),
    ]);
    await root.query('INSERT INTO auth_session (id, user_id, method, expires_at) VALUES ?', [part.map((b) => [b.sessionId, b.userId, 'wechat', expires])]);
    for (const b of part) {
      const payload: AccessTokenPayload = { sub: b.userId, role: 'beneficiary', pid: b.personId, dst: [], sid: b.sessionId };
      out.push({ personId: b.personId, sessionId: b.sessionId, token: jwt.sign(payload, { expiresIn: 3 * 3600 }) });
    }
  }
  return out;
}

interface CoverageBody {
  today?: string;
  person?: { id: number; name: string; idNumberMasked: string; district: { id: number } };
  enrolments?: { schemeId: string; insuranceYear: string; status: string; benefits: { id: string; usage: { baseUsed: string; paid: string } }[] }[];
}

/** The answer a sampled person must get (see load()): what is wrong with it, or null. */
function wrongBody(pid: number, b: CoverageBody): string | null {
  if (b.today !== TODAY) return `today ${b.today}`;
  if (b.person?.id !== pid) return `person ${b.person?.id} instead of ${pid}`;
  if (!b.person.idNumberMasked || !b.person.district?.id) return 'person without masked ID number or district';
  const got = (b.enrolments ?? []).map((e) => `${e.schemeId}:${e.insuranceYear}:${e.status}`).join(',');
  const want = pid % 3 === 0 ? 'jc-fpzhbx:2026:active,cq-hmjkb:2025:ended' : 'jc-fpzhbx:2026:active';
  if (got !== want) return `enrolments ${got} instead of ${want}`;
  for (const e of b.enrolments!) {
    if (!e.benefits?.length || e.benefits.some((x) => !x.usage || typeof x.usage.paid !== 'string')) return `${e.schemeId} benefits without usage`;
  }
  const inpatient = b.enrolments![0].benefits.find((x) => x.id === 'inpatient');
  if (pid % 10 === 0 && inpatient?.usage.baseUsed !== '1200.00') return `inpatient baseUsed ${inpatient?.usage.baseUsed} instead of 1200.00`;
  return null;
}

/** Correctness before speed: sampled tokens get their own person's coverage; revoked and unknown sessions 401. */
async function checks(port: number, bs: Beneficiary[], jwtSecret: string): Promise<{ failures: string[]; minBytes: number }> {
  const base = `http://127.0.0.1:${port}/api`;
  const failures: string[] = [];
  let minBytes = Infinity;
  for (const b of bs.slice(0, 300)) {
    const r = await fetch(`${base}/me/coverage`, { headers: { authorization: `Bearer ${b.token}` } });
    const text = await r.text();
    if (r.status !== 200) {
      failures.push(`person ${b.personId}: ${r.status} ${text.slice(0, 200)}`);
      continue;
    }
    minBytes = Math.min(minBytes, Buffer.byteLength(text));
    const wrong = wrongBody(b.personId, JSON.parse(text) as CoverageBody);
    if (wrong) failures.push(`person ${b.personId}: ${wrong}`);
  }
  // Logout revokes the session: the same, unexpired token is refused from the next request on.
  const victim = bs[bs.length - 1];
  const before = await fetch(`${base}/me/coverage`, { headers: { authorization: `Bearer ${victim.token}` } });
  const out = await fetch(`${base}/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${victim.token}` } });
  const after = await fetch(`${base}/me/coverage`, { headers: { authorization: `Bearer ${victim.token}` } });
  if (before.status !== 200 || out.status !== 204 || after.status !== 401) {
    failures.push(`logout: coverage ${before.status}, logout ${out.status}, coverage after logout ${after.status} (want 200, 204, 401)`);
  }
  bs.pop();
  // A correctly signed token whose session the database does not know.
  const jwt = new JwtService({ secret: createSecretKey(Buffer.from(jwtSecret, 'utf8')), signOptions: { algorithm: 'HS256' } });
  const ghost: AccessTokenPayload = { sub: 1, role: 'beneficiary', pid: bs[0].personId, dst: [], sid: randomUUID() };
  const g = await fetch(`${base}/me/coverage`, { headers: { authorization: `Bearer ${jwt.sign(ghost, { expiresIn: 600 })}` } });
  if (g.status !== 401) failures.push(`unknown session: ${g.status} (want 401)`);
  log(`checks: ${Math.min(300, bs.length)} sampled beneficiaries, logout, unknown session: ${failures.length ? `${failures.length} FAILED` : 'all passed'}; smallest coverage body ${minBytes} bytes`);
  return { failures, minBytes };
}

/** The database alone: the coverage query for random people through a mysql2 pool of 10, 50 in flight. */
async function rawDb(url: string): Promise<void> {
  const { createPool } = await import('mysql2/promise');
  const pool = createPool({ uri: url, connectionLimit: 10, dateStrings: ['DATE'] });
  let done = 0;
  const until = Date.now() + 5000;
  const worker = async () => {
    while (Date.now() < until) {
      const pid = 1 + Math.floor(Math.random() * N);
      await pool.execute(COVERAGE_SQL, [TODAY, '2025-03-01', pid, pid, 2024, randomUUID()]);
      done++;
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
  await pool.end();
  log(`raw mysql2, the coverage query: ${(done / 5).toFixed(0)} people/s`);
}

interface Run {
  label: string;
  r: AutocannonResult;
  loadBefore: string;
  loadAfter: string;
  appCpuMs: number;
  dbCpuMs: number;
  /** this process's CPU per request: autocannon, the load generator */
  genCpuMs: number;
  minBytes?: number;
}

/** One autocannon run; every request carries the Authorization header of a random sampled beneficiary. */
async function cannon(
  label: string,
  url: string,
  tokens: string[],
  pids: { app?: number; db?: number },
  opts: { rate?: number; duration: number; minBytes?: number },
): Promise<Run> {
  const loadBefore = load1();
  const app0 = cpuSeconds(pids.app);
  const gen0 = process.cpuUsage();
  const db0 = cpuSeconds(pids.db);
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: opts.duration,
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    requests: [
      {
        setupRequest: (req: { headers?: Record<string, string> }) => {
          req.headers = { ...(req.headers ?? {}), authorization: `Bearer ${tokens[Math.floor(Math.random() * tokens.length)]}` };
          return req;
        },
      },
    ],
  });
  const n = Math.max(1, r.requests.total);
  return {
    label,
    r,
    loadBefore,
    loadAfter: load1(),
    appCpuMs: ((cpuSeconds(pids.app) - app0) * 1000) / n,
    genCpuMs: (() => {
      const g = process.cpuUsage(gen0);
      return (g.user + g.system) / 1000 / n;
    })(),
    dbCpuMs: ((cpuSeconds(pids.db) - db0) * 1000) / n,
    minBytes: opts.minBytes,
  };
}

/** What is wrong with a run (non-2xx, errors, timeouts, replies too small to be coverage bodies), or null. */
function runProblem(x: Run): string | null {
  const { r } = x;
  const problems: string[] = [];
  if (r.non2xx) problems.push(`${r.non2xx} non-2xx`);
  if (r.errors) problems.push(`${r.errors} errors`);
  if (r.timeouts) problems.push(`${r.timeouts} timeouts`);
  if (!r['2xx']) problems.push('no 2xx at all');
  const perReply = r.throughput.total / Math.max(1, r.requests.total);
  if (x.minBytes !== undefined && perReply < x.minBytes) problems.push(`${perReply.toFixed(0)} bytes a reply, smaller than a coverage body (${x.minBytes})`);
  return problems.length ? `${x.label}: ${problems.join(', ')}` : null;
}

/**
 * What the goal leaves per request: at RATE req/s the machine's cores give cores/RATE of CPU to each request, for the
 * app, the database and the load generator together; beside it what the app and the database used (measured).
 */
function budgetLine(x: Run): string {
  const budget = (cpus().length * 1000) / RATE;
  const used = x.appCpuMs + (Number.isNaN(x.dbCpuMs) ? 0 : x.dbCpuMs);
  return `CPU budget at ${RATE} req/s: ${cpus().length} cores give ${budget.toFixed(2)} ms per request (app, database and load generator together); measured app${Number.isNaN(x.dbCpuMs) ? '' : ' + db'} ${used.toFixed(2)} ms (${x.label}), ${(used / budget).toFixed(1)}× the budget`;
}

function line(x: Run): string {
  const { r } = x;
  const cpu = `srv ${x.appCpuMs.toFixed(2)}${Number.isNaN(x.dbCpuMs) ? '' : ` db ${x.dbCpuMs.toFixed(2)}`} gen ${x.genCpuMs.toFixed(2)} ms CPU/req`;
  return (
    `${x.label.padEnd(38)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   ` +
    `max ${r.latency.max} ms   2xx ${r['2xx']}  non-2xx ${r.non2xx}  errors ${r.errors}  ${(r.throughput.total / Math.max(1, r.requests.total)).toFixed(0)} B/reply  ${cpu}  load ${x.loadBefore}→${x.loadAfter}`
  );
}

/** The floor server answers as the app does: the sampled people's own coverage (at least the app's size), 401 after logout and for an unknown session. */
async function floorChecks(port: number, bs: Beneficiary[], victim: Beneficiary, jwtSecret: string, minBytes: number): Promise<string[]> {
  const url = `http://127.0.0.1:${port}/api/me/coverage`;
  const failures: string[] = [];
  let min = Infinity;
  for (const b of bs.slice(0, 300)) {
    const r = await fetch(url, { headers: { authorization: `Bearer ${b.token}` } });
    const text = await r.text();
    if (r.status !== 200) {
      failures.push(`floor, person ${b.personId}: ${r.status} ${text.slice(0, 200)}`);
      continue;
    }
    min = Math.min(min, Buffer.byteLength(text));
    const wrong = wrongBody(b.personId, JSON.parse(text) as CoverageBody);
    if (wrong) failures.push(`floor, person ${b.personId}: ${wrong}`);
  }
  const after = await fetch(url, { headers: { authorization: `Bearer ${victim.token}` } });
  if (after.status !== 401) failures.push(`floor: coverage after logout ${after.status} (want 401)`);
  const jwt = new JwtService({ secret: createSecretKey(Buffer.from(jwtSecret, 'utf8')), signOptions: { algorithm: 'HS256' } });
  const ghost: AccessTokenPayload = { sub: 1, role: 'beneficiary', pid: bs[0].personId, dst: [], sid: randomUUID() };
  const g = await fetch(url, { headers: { authorization: `Bearer ${jwt.sign(ghost, { expiresIn: 600 })}` } });
  if (g.status !== 401) failures.push(`floor: unknown session ${g.status} (want 401)`);
  const forged = `${victim.token.slice(0, -4)}AAAA`;
  const f = await fetch(url, { headers: { authorization: `Bearer ${forged}` } });
  if (f.status !== 401) failures.push(`floor: forged token ${f.status} (want 401)`);
  log(`floor checks: 300 sampled beneficiaries, after logout, unknown session, forged signature: ${failures.length ? `${failures.length} FAILED` : 'all passed'}; smallest floor body ${min} bytes (app's smallest ${minBytes})`);
  return failures;
}

/**
 * Fills floor_coverage_doc with the app's own coverage body of every sampled beneficiary (fetched from the app, 16 at
 * a time), then checks the floor's /floor/coverage-doc: the same bytes as the app for 300 of them, 401 after logout.
 */
async function fillDocs(db: Connection, appPort: number, floorPort: number, bs: Beneficiary[], victim: Beneficiary): Promise<string[]> {
  await db.query('DROP TABLE IF EXISTS floor_coverage_doc');
  await db.query('CREATE TABLE floor_coverage_doc (person_id INT UNSIGNED NOT NULL PRIMARY KEY, body MEDIUMTEXT NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci');
  const bodies = new Map<number, string>();
  const live = bs.filter((b) => b !== victim);
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < live.length) {
        const b = live[next++];
        const r = await fetch(`http://127.0.0.1:${appPort}/api/me/coverage`, { headers: { authorization: `Bearer ${b.token}` } });
        if (r.status === 200) bodies.set(b.personId, await r.text());
      }
    }),
  );
  // The victim (logged out) still gets a row, so that only the session decides its 401.
  bodies.set(victim.personId, bodies.get(live[0].personId)!);
  const all = [...bodies];
  for (let i = 0; i < all.length; i += 500) {
    const chunk = all.slice(i, i + 500);
    await db.query(`INSERT INTO floor_coverage_doc (person_id, body) VALUES ${chunk.map(() => '(?, ?)').join(', ')}`, chunk.flat());
  }
  const failures: string[] = [];
  if (bodies.size !== live.length + 1) failures.push(`floor docs: ${bodies.size} bodies for ${live.length} beneficiaries and the logged-out one`);
  for (const b of live.slice(0, 300)) {
    const r = await fetch(`http://127.0.0.1:${floorPort}/floor/coverage-doc`, { headers: { authorization: `Bearer ${b.token}` } });
    const text = await r.text();
    if (r.status !== 200 || text !== bodies.get(b.personId)) failures.push(`floor doc, person ${b.personId}: ${r.status}, ${text === bodies.get(b.personId) ? 'same' : 'different'} body`);
  }
  const after = await fetch(`http://127.0.0.1:${floorPort}/floor/coverage-doc`, { headers: { authorization: `Bearer ${victim.token}` } });
  if (after.status !== 401) failures.push(`floor doc: after logout ${after.status} (want 401)`);
  log(`floor docs: ${all.length.toLocaleString('en')} pre-built coverage bodies stored; 300 read back byte-identical to the app's, after logout 401: ${failures.length ? `${failures.length} FAILED` : 'all passed'}`);
  return failures;
}

/** The floor beside the app: best unthrottled figures, the ratios, and the goal as the floor would meet it. */
function floorSummary(runs: Run[], maxCoverage: Run, maxBare: Run): string[] {
  const of = (label: string) => runs.filter((x) => x.label === label);
  const best = (xs: Run[]) => xs.reduce((a, b) => (b.r.requests.average > a.r.requests.average ? b : a));
  const fc = best(of('FLOOR coverage, unthrottled'));
  const fixed = of(`FLOOR coverage at fixed ${RATE} req/s`);
  const worst = fixed.reduce((a, b) => (b.r.latency.p99 > a.r.latency.p99 ? b : a));
  return [
    `FLOOR coverage / bare Nest (unthrottled req/s): ${(fc.r.requests.average / maxBare.r.requests.average).toFixed(2)}; FLOOR coverage / app coverage: ${(fc.r.requests.average / maxCoverage.r.requests.average).toFixed(2)}`,
    budgetLine(fc),
    `FLOOR against the goal: p99 ≤ 20 ms at ${RATE} req/s → ${worst.r.latency.p99 <= 20 && worst.r.requests.average >= RATE * 0.98 ? 'met' : 'NOT met'} (worst p99 ${worst.r.latency.p99} ms at ${worst.r.requests.average.toFixed(0)} req/s); ≥ 0.5 of bare Nest → ${fc.r.requests.average >= 0.5 * maxBare.r.requests.average ? 'met' : 'NOT met'}`,
    ...(() => {
      const docs = of('FLOOR coverage-doc, unthrottled');
      const docFixed = of(`FLOOR coverage-doc at fixed ${RATE} req/s`);
      if (!docs.length || !docFixed.length) return [];
      const d = best(docs);
      const w = docFixed.reduce((a, b) => (b.r.latency.p99 > a.r.latency.p99 ? b : a));
      return [
        `FLOOR coverage-doc (one pre-built row per person, read by primary key with the session) / bare Nest: ${(d.r.requests.average / maxBare.r.requests.average).toFixed(2)}`,
        budgetLine(d),
        `FLOOR coverage-doc against the goal: p99 ≤ 20 ms at ${RATE} req/s → ${w.r.latency.p99 <= 20 && w.r.requests.average >= RATE * 0.98 ? 'met' : 'NOT met'} (worst p99 ${w.r.latency.p99} ms at ${w.r.requests.average.toFixed(0)} req/s); ≥ 0.5 of bare Nest → ${d.r.requests.average >= 0.5 * maxBare.r.requests.average ? 'met' : 'NOT met'}`,
      ];
    })(),
  ];
}

async function main(): Promise<void> {
  const reuse = process.env.BENCH_DATABASE_URL;
  let stop = async () => {};
  let url: string;
  let root: Connection;
  let dbPid: number | undefined;
  if (reuse) {
    url = reuse;
    root = await createConnection({ uri: reuse });
    dbPid = process.env.BENCH_MARIADB_PID ? Number(process.env.BENCH_MARIADB_PID) : undefined;
    log(`reusing ${reuse.replace(/:[^:@/]*@/, ':***@')} (kept afterwards)`);
  } else {
    const { startMariaDb } = (await import(join(__dirname, '..', '..', '..', 'scripts', 'mariadb.mjs'))) as {
      startMariaDb: () => Promise<{ url: string; pid: number; socket: string; database: string; stop: () => Promise<void> }>;
    };
    const mariadb = await timed('start MariaDB', () => startMariaDb());
    stop = () => mariadb.stop();
    url = mariadb.url;
    dbPid = mariadb.pid;
    root = await createConnection({ socketPath: mariadb.socket, user: 'root', database: mariadb.database });
  }
  let app: ChildProcess | undefined;
  let floor: ChildProcess | undefined;
  let failed = false;
  try {
    await root.query('SET GLOBAL innodb_buffer_pool_size = 4294967296').catch((e: Error) => log(`buffer pool not resized: ${e.message}`));
    await root.query('SET GLOBAL innodb_flush_log_at_trx_commit = 2').catch((e: Error) => log(`flush_log_at_trx_commit not set: ${e.message}`));
    const jwtSecret = randomBytes(32).toString('hex');
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      DB_TYPE: 'mariadb',
      DATABASE_URL: url,
      PII_KEY: randomBytes(32).toString('base64'),
      JWT_SECRET: jwtSecret,
      SEED_DEMO: 'false',
      HUIMIN_TODAY: TODAY,
      DATA_DIR: join(__dirname, '..', '..', 'data', 'bench'),
    };
    // BENCH_PROFILE=<dir>: a V8 CPU profile of the app process (open it in Chrome DevTools).
    const execArgv = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
    const child = fork(join(__dirname, 'app-server.js'), [], { env, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    app = child;
    const port = await timed('start app (migrations, reference seed)', () =>
      new Promise<number>((resolve, reject) => {
        child.once('message', (m: { port: number }) => resolve(m.port));
        child.once('exit', (code) => reject(new Error(`app exited with ${code}`)));
      }),
    );

    let floorPort: number | undefined;
    if (FLOOR) {
      const floorArgv = process.env.FLOOR_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.FLOOR_PROFILE}`] : [];
      const f = fork(join(__dirname, 'floor-server.js'), [], { env, execArgv: floorArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      floor = f;
      floorPort = await timed('start floor server', () =>
        new Promise<number>((resolve, reject) => {
          f.once('message', (m: { port: number }) => resolve(m.port));
          f.once('exit', (code) => reject(new Error(`floor server exited with ${code}`)));
        }),
      );
    }

    await timed(`load N=${N.toLocaleString('en')} people`, () => load(root));
    const [[counts]] = (await root.query(
      'SELECT (SELECT COUNT(*) FROM person) AS people, (SELECT COUNT(*) FROM enrolment) AS enrolments, (SELECT COUNT(*) FROM annual_usage) AS ledgers',
    )) as unknown as [{ people: number; enrolments: number; ledgers: number }[]];
    log(`database: ${Number(counts.people).toLocaleString('en')} people, ${Number(counts.enrolments).toLocaleString('en')} enrolments, ${Number(counts.ledgers).toLocaleString('en')} ledger rows`);
    if (process.env.BENCH_LOAD_ONLY) return;
    // The plan of the coverage query (every step by an index, no scan).
    {
      const pid = Math.ceil(N / 2);
      const [rows] = (await root.query(`EXPLAIN ${COVERAGE_SQL}`, [TODAY, '2025-03-01', pid, pid, 2024, randomUUID()])) as unknown as [
        { table: string; type: string; key: string | null; rows: number }[],
      ];
      log(`plan coverage: ${rows.map((r) => `${r.table} ${r.type} ${r.key ?? '-'} rows=${r.rows}`).join('; ')}`);
    }
    const bs = await timed(`${SESSIONS.toLocaleString('en')} beneficiaries with sessions`, () => sessions(root, jwtSecret));
    {
      const [rows] = (await root.query(`EXPLAIN SELECT s.id, u.active FROM auth_session s LEFT JOIN app_user u ON u.id = s.user_id WHERE s.id = ?`, [bs[0].sessionId])) as unknown as [
        { table: string; type: string; key: string | null; rows: number }[],
      ];
      log(`plan auth_session: ${rows.map((r) => `${r.table} ${r.type} ${r.key ?? '-'} rows=${r.rows}`).join('; ')}`);
    }
    await root.end();
    if (process.env.BENCH_RAW) await rawDb(url);

    const victim = bs[bs.length - 1];
    const { failures, minBytes } = await checks(port, bs, jwtSecret);
    if (floorPort !== undefined) failures.push(...(await floorChecks(floorPort, bs, victim, jwtSecret, minBytes)));
    if (floorPort !== undefined && !failures.length) {
      const db = await createConnection({ uri: url });
      try {
        failures.push(...(await fillDocs(db, port, floorPort, bs, victim)));
      } finally {
        await db.end();
      }
    }
    if (failures.length) {
      for (const f of failures.slice(0, 20)) log(`FAIL ${f}`);
      throw new Error(`${failures.length} correctness checks failed; not measuring`);
    }
    const tokens = bs.map((b) => b.token);
    const coverageUrl = `http://127.0.0.1:${port}/api/me/coverage`;
    const bareUrl = `http://127.0.0.1:${port}/api/bench-bare`;
    const pids = { app: child.pid, db: dbPid };
    const floorPids = { app: floor?.pid, db: dbPid };
    const floorUrl = (path: string) => `http://127.0.0.1:${floorPort}${path}`;

    const warm = await cannon('warm-up', coverageUrl, tokens, pids, { duration: 5, minBytes });
    const runs: Run[] = [];
    const warmups: Run[] = [];
    for (let i = 0; i < REPEAT; i++) {
      runs.push(await cannon(`coverage at fixed ${RATE} req/s`, coverageUrl, tokens, pids, { rate: RATE, duration: DURATION, minBytes }));
      runs.push(await cannon('coverage, unthrottled', coverageUrl, tokens, pids, { duration: DURATION, minBytes }));
      runs.push(await cannon('bare Nest endpoint, unthrottled', bareUrl, tokens, pids, { duration: DURATION }));
      if (floorPort !== undefined) {
        if (i === 0) warmups.push(await cannon('floor warm-up', floorUrl('/api/me/coverage'), tokens, floorPids, { duration: 5, minBytes }));
        runs.push(await cannon(`FLOOR coverage at fixed ${RATE} req/s`, floorUrl('/api/me/coverage'), tokens, floorPids, { rate: RATE, duration: DURATION, minBytes }));
        runs.push(await cannon('FLOOR coverage, unthrottled', floorUrl('/api/me/coverage'), tokens, floorPids, { duration: DURATION, minBytes }));
        runs.push(await cannon(`FLOOR coverage-doc at fixed ${RATE} req/s`, floorUrl('/floor/coverage-doc'), tokens, floorPids, { rate: RATE, duration: DURATION, minBytes }));
        runs.push(await cannon('FLOOR coverage-doc, unthrottled', floorUrl('/floor/coverage-doc'), tokens, floorPids, { duration: DURATION, minBytes }));
        runs.push(await cannon('FLOOR coverage rows, small reply', floorUrl('/floor/coverage-rows'), tokens, floorPids, { duration: DURATION }));
        runs.push(await cannon('FLOOR select1 (1 round trip)', floorUrl('/floor/select1'), tokens, floorPids, { duration: DURATION }));
        runs.push(await cannon('FLOOR bare (no DB)', floorUrl('/floor/bare'), tokens, floorPids, { duration: DURATION }));
      }
    }
    const of = (label: string) => runs.filter((x) => x.label === label);
    const best = (xs: Run[]) => xs.reduce((a, b) => (b.r.requests.average > a.r.requests.average ? b : a));
    const fixed = of(`coverage at fixed ${RATE} req/s`);
    const maxCoverage = best(of('coverage, unthrottled'));
    const maxBare = best(of('bare Nest endpoint, unthrottled'));
    const worstFixed = fixed.reduce((a, b) => (b.r.latency.p99 > a.r.latency.p99 ? b : a));
    const problems = [warm, ...warmups, ...runs].map(runProblem).filter((p): p is string => p !== null);
    const out = [
      '',
      `GET /api/me/coverage, N = ${N.toLocaleString('en')} enrolled people, ${bs.length.toLocaleString('en')} signed-in beneficiaries, ${CONNECTIONS} connections, ${DURATION} s each, MariaDB, ${cpus().length} cores`,
      ...runs.map(line),
      `coverage / bare (unthrottled req/s): ${(maxCoverage.r.requests.average / maxBare.r.requests.average).toFixed(2)}`,
      budgetLine(maxCoverage),
      `goal: p99 ≤ 20 ms at ${RATE} req/s → ${worstFixed.r.latency.p99 <= 20 && worstFixed.r.requests.average >= RATE * 0.98 ? 'met' : 'NOT met'}; ≥ 0.5 of bare → ${maxCoverage.r.requests.average >= 0.5 * maxBare.r.requests.average ? 'met' : 'NOT met'}`,
      ...(floorPort !== undefined ? floorSummary(runs, maxCoverage, maxBare) : []),
      problems.length ? `INVALID RUNS: ${problems.join('; ')}` : 'every reply 2xx, no errors or timeouts, coverage replies the size of coverage bodies',
    ];
    process.stdout.write(`${out.join('\n')}\n`);
    failed = problems.length > 0;
  } finally {
    if (floor && floor.exitCode === null) {
      floor.send('stop');
      await new Promise((r) => floor!.once('exit', r));
    }
    if (app && app.exitCode === null) {
      app.send('stop');
      await new Promise((r) => app!.once('exit', r));
    }
    await stop();
  }
  if (failed) process.exit(1);
}

main().catch((e) => {
  process.stderr.write(`[bench] failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
