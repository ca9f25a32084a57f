/**
 * A city's year from the database: Zhumadian 2019 (一元民生), N enrolled people in its 11 counties and C claims.
 *
 *   npm run bench:oversight -w @huimin/server            # N=1,000,000 people, C=10,000 claims
 *   N=8000000 npm run bench:oversight -w @huimin/server  # the full city
 *   BENCH_DATABASE_URL=mysql://… (a MariaDB user that may create databases) to reuse a running server
 *
 * 1. starts a throwaway MariaDB (scripts/mariadb.mjs) and the real app in this process (migrations, reference seed);
 * 2. loads N people and their enrolments server-side with INSERT … SELECT over MariaDB's sequence engine (no ORM,
 *    no rows through Node), households of three, and C claims in every state with report, decision and payment
 *    dates and due dates over the insurance year (2019-07-01 .. 2020-06-30);
 * 3. times what the oversight routes compute for the whole city as finance sees it (premiums, claims money,
 *    settlement statements, KPIs), cold and then warm, and prints the plans of the two big GROUP BYs.
 * Prints figures; asserts nothing. Goal: the city's year in ≤ 2 s without loading every row.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { NestFactory } from '@nestjs/core';
import { createConnection, type Connection } from 'mysql2/promise';
import { AppModule } from '../src/app.module';
import type { AuthUser } from '../src/auth/auth-user';
import { Clock } from '../src/common/clock';
import { loadConfig } from '../src/config/config';
import { ClaimsMoneyService } from '../src/oversight/claims-money.service';
import { KpisService } from '../src/oversight/kpis.service';
import { OversightScopes } from '../src/oversight/oversight-scope';
import { PremiumsService } from '../src/oversight/premiums.service';
import { SettlementsService } from '../src/oversight/settlements.service';

const N = Number(process.env.N ?? 1_000_000);
const C = Number(process.env.C ?? 10_000);
const CHUNK = 500_000;

function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  const r = await f();
  log(`${label}: ${((Date.now() - t0) / 1000).toFixed(2)} s`);
  return r;
}

async function load(root: Connection, db: string): Promise<void> {
  await root.query(`USE \`${db}\``);
  await root.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
  const [districts] = (await root.query(`SELECT id, insurer_id FROM district WHERE scheme_id = 'zmd-yymsh' AND insurer_id IS NOT NULL ORDER BY id`)) as unknown as [{ id: number; insurer_id: number }[]];
  const ids = districts.map((d) => d.id).join(',');
  const k = districts.length;
  const insurer = districts[0].insurer_id;
  const enc = `v1:${randomBytes(46).toString('base64')}`;
  const households = Math.ceil(N / 3);
  for (let from = 1; from <= households; from += CHUNK) {
    const to = Math.min(households, from + CHUNK - 1);
    await timed(`households ${from.toLocaleString('en')}..${to.toLocaleString('en')}`, () =>
      root.query(`INSERT INTO household (id, household_no, district_id) SELECT seq, NULL, ELT(1 + seq % ${k}, ${ids}) FROM seq_${from}_to_${to}`),
    );
  }
  for (let from = 1; from <= N; from += CHUNK) {
    const to = Math.min(N, from + CHUNK - 1);
    await timed(`people + enrolments ${from.toLocaleString('en')}..${to.toLocaleString('en')}`, async () => {
      await root.query(
        `INSERT INTO person (id, name, id_number_enc, id_number_hash, id_number_masked, birth_date, sex, district_id, household_id, phone_enc, phone_masked, flags)
         SELECT seq, CONCAT('测试', seq), ?, LPAD(HEX(seq), 64, '0'), '411***********1234', DATE_ADD('1940-01-01', INTERVAL seq % 30000 DAY),
                IF(seq % 2 = 1, 'M', 'F'), ELT(1 + CEIL(seq / 3) % ${k}, ${ids}), CEIL(seq / 3), NULL, NULL, NULL
           FROM seq_${from}_to_${to}`,
        [enc],
      );
      await root.query(
        `INSERT INTO enrolment (person_id, scheme_id, insurance_year, cover_start, cover_end, insurer_id, premium)
         SELECT seq, 'zmd-yymsh', 2019, '2019-07-01', '2020-06-30', ${insurer}, 1.00 FROM seq_${from}_to_${to}`,
      );
    });
  }
  const [ins] = (await root.query(`INSERT INTO app_user (role, username, active) VALUES ('caseworker', 'bench-reporter', 1)`)) as unknown as [{ insertId: number }];
  const reporter = ins.insertId;
  // Claims: person 1 + (seq − 1) × (N / C); state by seq % 20; reported over 2019-07 .. 2020-06, decided 3 days later,
  // paid 0–4 days after that against a due date 5 days after the report (some late); every tenth a special-hardship claim.
  const state = `ELT(1 + seq % 20, 'paid','paid','paid','paid','paid','paid','paid','paid','paid','paid','approved','approved','under_review','under_review','accepted','reported','waiting_documents','rejected','rejected','withdrawn')`;
  const step = Math.max(1, Math.floor(N / C));
  await timed(`${C.toLocaleString('en')} claims`, () =>
    root.query(
      `INSERT INTO claim (claim_no, person_id, household_id, district_id, scheme_id, version_id, benefit_id, insurance_year, incident_date, description, facts,
                          state, source, estimated_payout, approved_amount, documents_complete_on, due_date, reported_by_user_id, decided_at, paid_at, created_at, updated_at)
       SELECT CONCAT('B', q.seq), p.id, NULL, p.district_id, 'zmd-yymsh', 'zmd-2019', IF(q.seq % 10 = 0, 'hardship_major_illness', 'heroic_act'), 2019,
              DATE_ADD('2019-07-01', INTERVAL q.seq % 360 DAY), '测试', '{}', q.state, 'staff',
              ROUND(50 + (q.seq % 997) * 1.53, 2), IF(q.state IN ('paid', 'approved'), ROUND(50 + (q.seq % 997) * 1.53, 2), NULL),
              IF(q.state IN ('paid', 'approved', 'under_review'), DATE_ADD('2019-07-02', INTERVAL q.seq % 360 DAY), NULL),
              IF(q.state IN ('paid', 'approved', 'under_review'), DATE_ADD('2019-07-06', INTERVAL q.seq % 360 DAY), NULL),
              ${reporter},
              IF(q.state IN ('paid', 'approved', 'rejected'), DATE_ADD('2019-07-04 10:00:00', INTERVAL q.seq % 360 DAY), NULL),
              IF(q.state = 'paid', DATE_ADD('2019-07-04 10:00:00', INTERVAL (q.seq % 360) + (q.seq % 5) DAY), NULL),
              DATE_ADD('2019-07-01 09:00:00', INTERVAL q.seq % 360 DAY), NOW(6)
         FROM (SELECT seq, ${state} AS state FROM seq_1_to_${C}) q INNER JOIN person p ON p.id = 1 + (q.seq - 1) * ${step}`,
    ),
  );
  await timed('ANALYZE', () => root.query('ANALYZE TABLE person, enrolment, claim, household'));
}

async function main(): Promise<void> {
  let stopDb: (() => Promise<void>) | null = null;
  let url = process.env.BENCH_DATABASE_URL;
  let socket: string | undefined;
  if (!url) {
    const { startMariaDb } = (await import(join(__dirname, '..', '..', '..', 'scripts', 'mariadb.mjs'))) as {
      startMariaDb: () => Promise<{ url: string; socket: string; stop: () => Promise<void> }>;
    };
    const m = await timed('start MariaDB', () => startMariaDb());
    url = m.url;
    socket = m.socket;
    stopDb = m.stop;
  }
  const u = new URL(url);
  const dbName = `huimin_test_bench_${randomBytes(3).toString('hex')}`;
  const root = socket
    ? await createConnection({ socketPath: socket, user: 'root' })
    : await createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) });
  try {
    if (socket) {
      await root.query('SET GLOBAL innodb_buffer_pool_size = 4294967296').catch((e: Error) => log(`buffer pool not resized: ${e.message}`));
      await root.query('SET GLOBAL innodb_flush_log_at_trx_commit = 2');
    }
    await root.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    u.pathname = `/${dbName}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'huimin-oversight-bench-'));
    const config = loadConfig(
      { NODE_ENV: 'test', DB_TYPE: 'mariadb', DATABASE_URL: u.toString(), PII_KEY: randomBytes(32).toString('base64'), JWT_SECRET: randomBytes(32).toString('hex'), SEED_DEMO: 'false', HUIMIN_TODAY: '2020-08-01', DATA_DIR: dataDir },
      () => undefined,
    );
    const app = await timed('start app (migrations, reference seed)', () => NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] }));
    try {
      await timed(`load N=${N.toLocaleString('en')} people, C=${C.toLocaleString('en')} claims`, () => load(root, dbName));
      app.get(Clock).setToday('2020-08-01');
      const finance: AuthUser = { userId: 1, role: 'finance', personId: null, districtIds: [], sessionId: 'bench' };
      const scopes = app.get(OversightScopes);
      const premiums = app.get(PremiumsService);
      const money = app.get(ClaimsMoneyService);
      const settlements = app.get(SettlementsService);
      const kpis = app.get(KpisService);
      const ds = app.get(ClaimsMoneyService)['ds'] as import('typeorm').DataSource;
      const ids = (await scopes.resolve(finance, { schemeId: 'zmd-yymsh', year: 2019 })).districts.map((d) => d.id);
      for (const [label, sql] of [
        ['premium cells', `EXPLAIN SELECT p.district_id, e.cover_start, e.cover_end, COUNT(*) FROM enrolment e INNER JOIN person p ON p.id = e.person_id WHERE e.scheme_id = 'zmd-yymsh' AND e.insurance_year = 2019 AND p.district_id IN (${ids}) GROUP BY p.district_id, e.cover_start, e.cover_end`],
        ['claims', `EXPLAIN SELECT c.district_id, c.state, COUNT(*) FROM claim c WHERE c.scheme_id = 'zmd-yymsh' AND c.insurance_year = 2019 AND c.district_id IN (${ids}) GROUP BY c.district_id, c.state`],
      ]) {
        const rows = (await ds.query(sql)) as { table: string; type: string; key: string | null; rows: number; Extra: string }[];
        log(`plan ${label}: ${rows.map((r) => `${r.table} ${r.type} ${r.key ?? '-'} rows=${r.rows} ${r.Extra ?? ''}`).join('; ')}`);
      }
      // The enrolments grouped once (what the first request after a roster apply waits for).
      const snap = await timed('group the enrolments (premium snapshot build: 2 GROUP BYs over enrolment ⋈ person)', () => premiums.rebuild('zmd-yymsh', 2019));
      const results: string[] = [`snapshot build ${(snap.buildMs / 1000).toFixed(2)} s`];
      for (const run of ['first', 'again', 'again']) {
        const t0 = Date.now();
        const scope = await scopes.resolve(finance, { schemeId: 'zmd-yymsh', year: 2019 });
        const p = await timed(`${run}: premiums (${scope.districts.length} counties)`, () => premiums.view(scope));
        const m = await timed(`${run}: claims money + monthly series`, () => money.view(scope, p));
        const s = await timed(`${run}: settlement statements`, () => settlements.view(scope, { premiums: p, money: m }));
        const k = await timed(`${run}: KPIs`, () => kpis.view(finance, scope));
        const total = (Date.now() - t0) / 1000;
        results.push(`${run} ${total.toFixed(2)} s`);
        log(`${run}: the city's year in ${total.toFixed(2)} s — ${p.total.persons.toLocaleString('en')} people, premium ${p.total.premiumDue}, paid ${m.total.paid.amount} (${m.total.paid.count} claims), loss ratio ${m.total.lossRatioPercent}%, insurer bears ${s.total.insurerBears}, filing ${k.kpis[0].percent}%`);
      }
      console.log(`oversight bench: N=${N} people, C=${C} claims, Zhumadian 2019, finance (city): ${results.join(', ')}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    } finally {
      await app.close();
    }
  } finally {
    await root.query(`DROP DATABASE IF EXISTS \`${dbName}\``).catch(() => undefined);
    await root.end();
    if (stopDb) await stopDb();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
