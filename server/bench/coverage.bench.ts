/**
 * Load test of GET /api/me/coverage on a throwaway MariaDB.
 *
 *   npm run bench -w @huimin/server                 # N=200000 people (quick)
 *   N=8000000 npm run bench -w @huimin/server       # the full run
 *
 * 1. starts a MariaDB (scripts/mariadb.mjs) and the real app on it in a child process (migrations +
 *    reference seed), plus a bare @Public endpoint in the same app;
 * 2. loads N enrolled people server-side with INSERT … SELECT over MariaDB's sequence engine (no ORM):
 *    households of three, everyone in Jincheng 2026 (in force), every third also in Chongqing 2025
 *    (ended within 12 months), a yearly ledger row for one person in ten and one household in ten;
 * 3. autocannon: coverage with tokens of random people at a fixed RATE (default 3,000 req/s): p50/p99 and
 *    achieved req/s; then, unthrottled, coverage and the bare endpoint the same way: max req/s and their ratio.
 * Prints figures; asserts nothing (goal: p99 ≤ 20 ms at 3,000 req/s, coverage ≥ 0.5 × bare).
 * The app runs in its own process (bench/app-server.ts) so autocannon does not share its event loop.
 * Options: RATE, DURATION (s), CONNECTIONS; BENCH_RAW=1 also times the three SQL queries alone through
 * mysql2; BENCH_PROFILE=<dir> writes a V8 CPU profile of the app. Figures are only meaningful on an
 * otherwise idle machine (load generator, app and MariaDB share the cores).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { JwtService } from '@nestjs/jwt';
import { createConnection, type Connection } from 'mysql2/promise';
import type { AccessTokenPayload } from '../src/auth/auth-user';

// autocannon has no types of its own here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; p90: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}

const N = Number(process.env.N ?? 200_000);
const RATE = Number(process.env.RATE ?? 3000);
const DURATION = Number(process.env.DURATION ?? 20);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
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

async function load(root: Connection, db: string): Promise<void> {
  await root.query(`USE \`${db}\``);
  await root.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
  const [districts] = (await root.query(`SELECT id, insurer_id FROM district WHERE scheme_id = 'jc-fpzhbx' ORDER BY id`)) as unknown as [{ id: number; insurer_id: number }[]];
  const [[cq]] = (await root.query(`SELECT insurer_id FROM district WHERE scheme_id = 'cq-hmjkb' AND name = '渝中区'`)) as unknown as [{ insurer_id: number }[]];
  const jcInsurer = districts[0].insurer_id;
  const dIds = districts.map((d) => d.id).join(',');
  // A placeholder ciphertext for everyone: the coverage read never decrypts, and encrypting 8M values would only time AES.
  const enc = `v1:${randomBytes(46).toString('base64')}`;
  const households = Math.ceil(N / 3);
  for (let from = 1; from <= households; from += CHUNK) {
    const to = Math.min(households, from + CHUNK - 1);
    await timed(`households ${from}..${to}`, () =>
      root.query(`INSERT INTO household (id, household_no, district_id) SELECT seq, NULL, ELT(1 + seq % ${districts.length}, ${dIds}) FROM seq_${from}_to_${to}`),
    );
  }
  const flags = JSON.stringify({ medical_insurance_years: [2026], monitoring_system: true, monitoring_system_since: '2025-06-20' });
  for (let from = 1; from <= N; from += CHUNK) {
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
  await timed('household ledgers', () =>
    root.query(
      `INSERT INTO annual_usage (subject_key, person_id, household_id, scheme_id, benefit_code, year, base_used, paid, version)
       SELECT CONCAT('h:', seq), NULL, seq, 'jc-fpzhbx', 'property', 2026, 3000.00, 3000.00, 1 FROM seq_1_to_${households} WHERE seq % 10 = 0`,
    ),
  );
  await timed('ANALYZE', () => root.query('ANALYZE TABLE person, enrolment, annual_usage, household'));
}

/** The database alone: the three coverage queries for random people through a mysql2 pool of 10, 50 in flight. */
async function rawDb(url: string): Promise<void> {
  const { createPool } = await import('mysql2/promise');
  const pool = createPool({ uri: url, connectionLimit: 10, dateStrings: ['DATE'] });
  let done = 0;
  const until = Date.now() + 5000;
  const worker = async () => {
    while (Date.now() < until) {
      const pid = 1 + Math.floor(Math.random() * N);
      await pool.query('SELECT p.id, d.name FROM person p INNER JOIN district d ON d.id = p.district_id WHERE p.id = ?', [pid]);
      await pool.query(
        'SELECT e.id, i.name FROM enrolment e INNER JOIN insurer i ON i.id = e.insurer_id WHERE e.person_id = ? AND e.cover_start <= ? AND e.cover_end >= ? ORDER BY e.cover_end DESC, e.id ASC',
        [pid, TODAY, '2025-03-01'],
      );
      await pool.query('SELECT u.paid FROM annual_usage u WHERE u.subject_key IN (?, ?) AND u.year IN (?, ?)', [`p:${pid}`, `h:${Math.ceil(pid / 3)}`, 2026, 2025]);
      done++;
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
  await pool.end();
  log(`raw mysql2, 3 queries per person: ${(done / 5).toFixed(0)} people/s`);
}

async function cannon(url: string, opts: { rate?: number; tokens?: string[]; duration: number }): Promise<AutocannonResult> {
  const tokens = opts.tokens;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: opts.duration,
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    ...(tokens
      ? {
          requests: [
            {
              setupRequest: (req: { headers?: Record<string, string> }) => {
                req.headers = { ...(req.headers ?? {}), authorization: `Bearer ${tokens[Math.floor(Math.random() * tokens.length)]}` };
                return req;
              },
            },
          ],
        }
      : {}),
  });
}

function line(label: string, r: AutocannonResult): string {
  return `${label.padEnd(34)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   max ${r.latency.max} ms   non-2xx ${r.non2xx}  errors ${r.errors}`;
}

async function main(): Promise<void> {
  const { startMariaDb } = (await import(join(__dirname, '..', '..', '..', 'scripts', 'mariadb.mjs'))) as {
    startMariaDb: () => Promise<{ url: string; socket: string; database: string; stop: () => Promise<void> }>;
  };
  const mariadb = await timed('start MariaDB', () => startMariaDb());
  let app: ChildProcess | undefined;
  try {
    const root = await createConnection({ socketPath: mariadb.socket, user: 'root', multipleStatements: false });
    await root.query('SET GLOBAL innodb_buffer_pool_size = 4294967296').catch((e: Error) => log(`buffer pool not resized: ${e.message}`));
    await root.query('SET GLOBAL innodb_flush_log_at_trx_commit = 2');
    const jwtSecret = randomBytes(32).toString('hex');
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      DB_TYPE: 'mariadb',
      DATABASE_URL: mariadb.url,
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

    await timed(`load N=${N.toLocaleString('en')} people`, () => load(root, mariadb.database));
    // The plans of the three coverage queries (each must use an index, no scan).
    const pid = Math.ceil(N / 2);
    for (const [label, sql] of [
      ['person', `EXPLAIN SELECT p.id FROM person p INNER JOIN district d ON d.id = p.district_id WHERE p.id = ${pid}`],
      ['enrolment', `EXPLAIN SELECT e.id FROM enrolment e INNER JOIN insurer i ON i.id = e.insurer_id WHERE e.person_id = ${pid} AND e.cover_start <= '${TODAY}' AND e.cover_end >= '2025-03-01' ORDER BY e.cover_end DESC, e.id ASC`],
      ['annual_usage', `EXPLAIN SELECT u.paid FROM annual_usage u WHERE u.subject_key IN ('p:${pid}', 'h:${Math.ceil(pid / 3)}') AND u.year IN (2026, 2025)`],
    ]) {
      const [rows] = (await root.query(sql)) as unknown as [{ table: string; type: string; key: string | null; rows: number }[]];
      log(`plan ${label}: ${rows.map((r) => `${r.table} ${r.type} ${r.key ?? '-'} rows=${r.rows}`).join('; ')}`);
    }
    await root.end();
    if (process.env.BENCH_RAW) await rawDb(mariadb.url);

    const jwt = new JwtService({ secret: jwtSecret, signOptions: { algorithm: 'HS256' } });
    const tokens = Array.from({ length: 20_000 }, (_, i) => {
      const payload: AccessTokenPayload = { sub: i + 1, role: 'beneficiary', pid: 1 + Math.floor(Math.random() * N), dst: [], sid: `bench-${i}` };
      return jwt.sign(payload, { expiresIn: 3600 });
    });
    const coverageUrl = `http://127.0.0.1:${port}/api/me/coverage`;
    const bareUrl = `http://127.0.0.1:${port}/api/bench-bare`;
    // sanity: a real answer
    const probe = await fetch(coverageUrl, { headers: { authorization: `Bearer ${tokens[0]}` } });
    const body = (await probe.json()) as { enrolments?: { schemeId: string; status: string }[] };
    log(`probe: ${probe.status} ${JSON.stringify(body.enrolments?.map((e) => `${e.schemeId}:${e.status}`))}`);

    await cannon(coverageUrl, { tokens, duration: 5 }); // warm-up
    const fixed = await cannon(coverageUrl, { tokens, rate: RATE, duration: DURATION });
    const maxCoverage = await cannon(coverageUrl, { tokens, duration: DURATION });
    const maxBare = await cannon(bareUrl, { duration: DURATION });
    const out = [
      '',
      `GET /api/me/coverage, N = ${N.toLocaleString('en')} enrolled people, ${CONNECTIONS} connections, ${DURATION} s each, MariaDB 10.11, ${require('node:os').cpus().length} cores`,
      line(`coverage at fixed ${RATE} req/s`, fixed),
      line('coverage, unthrottled', maxCoverage),
      line('bare Nest endpoint, unthrottled', maxBare),
      `coverage / bare (unthrottled req/s): ${(maxCoverage.requests.average / maxBare.requests.average).toFixed(2)}`,
      `goal: p99 ≤ 20 ms at ${RATE} req/s → ${fixed.latency.p99 <= 20 && fixed.requests.average >= RATE * 0.98 ? 'met' : 'NOT met'}; ≥ 0.5 of bare → ${maxCoverage.requests.average >= 0.5 * maxBare.requests.average ? 'met' : 'NOT met'}`,
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    if (app && app.exitCode === null) {
      app.send('stop');
      await new Promise((r) => app!.once('exit', r));
    }
    await mariadb.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`[bench] failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
