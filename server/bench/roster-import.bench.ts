/**
 * npm run bench -w @huimin/server   (N=100000 for a quicker run)
 *
 * Roster import speed on a throwaway MariaDB: N generated rows (Zhumadian 驿城区, the whole-population
 * scheme) imported through the real RostersService — encrypted upload store, streaming validation with
 * the engine, apply in one transaction — beside MariaDB's own LOAD DATA LOCAL INFILE of the same file
 * into a plain table with the same columns, in the same run. Prints rows/s for both, their ratio
 * (goal ≥ 0.5) and peak memory (goal ≤ 512 MB). Then a floor: the rows the import stored (households,
 * people, identities, enrolments) copied by MariaDB itself into empty tables of the same shape, with their
 * indexes and with primary keys alone: the least time any import that stores those rows could take here.
 * Figures only; nothing is asserted.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NestFactory } from '@nestjs/core';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import type { AuthUser } from '../src/auth/auth-user';
import { loadConfig } from '../src/config/config';
import { District } from '../src/geo/district.entity';
import { Insurer } from '../src/geo/insurer.entity';
import { generateRoster } from '../src/rosters/generator';
import { RosterFileStore } from '../src/rosters/roster-file-store';
import { RosterImport } from '../src/rosters/roster-import.entity';
import { ROSTER_FILE_STORE, RostersService } from '../src/rosters/rosters.service';
import { AppUser } from '../src/users/app-user.entity';

const N = Number(process.env.N ?? 1_000_000);
const SCHEME = 'zmd-yymsh';
const AREA = '驿城区';
const MONTH = '2019-07';
const mb = (b: number) => Math.round(b / 1024 / 1024);

async function main(): Promise<void> {
  const scripts = resolve(__dirname, '../../../scripts/mariadb.mjs');
  const { startMariaDb } = (await import(pathToFileURL(scripts).href)) as { startMariaDb: (o?: object) => Promise<{ url: string; host: string; port: number; user: string; password: string; database: string; stop(): Promise<void> }> };
  // InnoDB sized as on a database server, not the 128 MB buffer pool / 96 MB redo log defaults meant for
  // small machines (BENCH_MARIADB_ARGS='' for the defaults). LOAD DATA below runs on the same server.
  const serverArgs = (process.env.BENCH_MARIADB_ARGS ?? '--innodb-buffer-pool-size=2G --innodb-log-file-size=1G').split(/\s+/).filter(Boolean);
  const work = mkdtempSync(join(tmpdir(), 'huimin-roster-bench-'));
  // BENCH_DATABASE_URL: use an already running MariaDB instead of a throwaway one.
  const db = process.env.BENCH_DATABASE_URL
    ? { url: process.env.BENCH_DATABASE_URL, stop: async () => undefined }
    : await startMariaDb({ log: (m: string) => console.error(`[mariadb] ${m}`), extraArgs: serverArgs });
  console.log(`MariaDB: ${process.env.BENCH_DATABASE_URL ? 'BENCH_DATABASE_URL' : `throwaway, ${serverArgs.join(' ') || 'defaults'}`}`);
  let app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>> | null = null;
  try {
    const file = join(work, 'roster.csv');
    let t = Date.now();
    const summary = await generateRoster({ schemeId: SCHEME, district: AREA, rows: N, format: 'csv', month: MONTH }, file);
    console.log(`generated ${summary.rows.toLocaleString()} rows (${summary.people.toLocaleString()} people, ${summary.households.toLocaleString()} households, ${mb(statSync(file).size)} MB) in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    const config = loadConfig(
      { NODE_ENV: 'test', DB_TYPE: 'mariadb', DATABASE_URL: db.url, DATA_DIR: work, PII_KEY: randomBytes(32).toString('base64'), JWT_SECRET: randomBytes(32).toString('hex') },
      () => undefined,
    );
    app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
    const ds = app.get(DataSource);
    // The reference seed creates every area of every scheme; give it an insurer if it has none.
    let district = await ds.getRepository(District).findOneBy({ name: AREA });
    if (!district) {
      district = await ds.getRepository(District).save(ds.getRepository(District).create({ code: '411702', name: AREA, city: '驻马店市', county: AREA, type: null, insurerId: null, payerShares: null }));
    }
    if (district.insurerId == null) {
      const insurer = await ds.getRepository(Insurer).save({ name: '承保保险机构', hotline: null });
      await ds.getRepository(District).update(district.id, { insurerId: insurer.id });
      district.insurerId = insurer.id;
    }
    const admin = await ds.getRepository(AppUser).save(ds.getRepository(AppUser).create({ role: 'admin', username: 'bench' }));
    const user: AuthUser = { userId: admin.id, role: 'admin', personId: null, districtIds: [], sessionId: 'bench' };
    const svc = app.get(RostersService);
    const store = app.get<RosterFileStore>(ROSTER_FILE_STORE);

    // memory: sampled RSS during the import, and the process's lifetime peak
    if (global.gc) global.gc();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);

    // CPU seconds of this process and of mariadbd (the machine may be shared: CPU time says more than wall time)
    const [pidFile] = (await ds.query(`SELECT @@pid_file AS f`)) as { f: string }[];
    let serverPid = 0;
    try {
      serverPid = Number(readFileSync(pidFile.f, 'utf8').trim());
    } catch {
      serverPid = 0; // a remote BENCH_DATABASE_URL: no server CPU figure
    }
    const serverCpu = () => {
      if (!serverPid) return NaN;
      const f = readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, clock ticks (100/s)
    };
    if (serverPid) process.env.HUIMIN_DB_PID = String(serverPid);
    const cpu0 = process.cpuUsage();
    const srv0 = serverCpu();
    const t0 = Date.now();
    const stored = await store.save(createReadStream(file));
    const tStored = Date.now();
    const up = await svc.upload(user, { schemeId: SCHEME, districtId: district.id, month: MONTH, mode: 'full' }, { originalname: 'roster.csv', ...stored });
    await svc.idle();
    const tValidated = Date.now();
    const v = await ds.getRepository(RosterImport).findOneByOrFail({ id: up.id });
    await svc.apply(user, up.id, undefined);
    await svc.idle();
    const tApplied = Date.now();
    clearInterval(sampler);
    const cpu1 = process.cpuUsage(cpu0);
    const nodeCpu = (cpu1.user + cpu1.system) / 1e6;
    const srvImport = serverCpu() - srv0;
    const a = await ds.getRepository(RosterImport).findOneByOrFail({ id: up.id });
    const [people] = await ds.query('SELECT COUNT(*) AS n FROM person');
    const [enrolled] = await ds.query('SELECT COUNT(*) AS n, SUM(premium) AS premium FROM enrolment');
    const importSecs = (tApplied - t0) / 1000;
    const importRate = N / importSecs;

    // MariaDB's own bulk load of the same file into a plain table with the same columns
    const url = new URL(db.url);
    const conn = await createConnection({
      host: url.hostname,
      port: Number(url.port),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: url.pathname.slice(1),
      infileStreamFactory: () => createReadStream(file),
    });
    await conn.query(`CREATE TABLE roster_plain (
      name varchar(64), id_number varchar(18), category varchar(32), area varchar(32), household_no varchar(32),
      confirmed_on varchar(10), valid_from varchar(10), valid_to varchar(10), phone varchar(16), in_school varchar(4),
      medical_years varchar(32), monitoring_since varchar(10), disability_until varchar(10), registered varchar(4)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    t = Date.now();
    const srvLoad0 = serverCpu();
    const [res] = await conn.query(
      `LOAD DATA LOCAL INFILE 'roster.csv' INTO TABLE roster_plain CHARACTER SET utf8mb4
       FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' LINES TERMINATED BY '\\r\\n' IGNORE 1 LINES`,
    );
    const loadSecs = (Date.now() - t) / 1000;
    const srvLoad = serverCpu() - srvLoad0;
    const loadRate = N / loadSecs;

    // The floor: only writing the rows the import stored, into tables with the same columns and indexes, from
    // inside the server (INSERT … SELECT: no file to parse, nothing sent over the connection, no foreign keys, no
    // checking, no encryption, no comparison with stored rows). Any import that keeps what the import keeps
    // takes at least this long; its ratio to LOAD DATA is the best ratio such an import could reach here.
    const floorTables = ['household', 'person', 'identity', 'enrolment'];
    // Twice: with the tables' indexes, then with the primary key alone (the least any schema of these rows needs).
    const copyInto = async (keysOnly: boolean) => {
      const out: { table: string; rows: number; secs: number; srv: number }[] = [];
      for (const table of floorTables) {
        await conn.query(`DROP TABLE IF EXISTS floor_${table}`);
        await conn.query(`CREATE TABLE floor_${table} LIKE \`${table}\``);
        if (keysOnly) {
          const [ix] = await conn.query(
            `SELECT DISTINCT index_name AS name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ? AND index_name <> 'PRIMARY'`,
            [`floor_${table}`],
          );
          for (const { name } of ix as { name: string }[]) await conn.query(`ALTER TABLE floor_${table} DROP INDEX \`${name}\``);
        }
        const s0 = serverCpu();
        const f0 = Date.now();
        const [r] = await conn.query(`INSERT INTO floor_${table} SELECT * FROM \`${table}\``);
        out.push({ table, rows: (r as { affectedRows: number }).affectedRows, secs: (Date.now() - f0) / 1000, srv: serverCpu() - s0 });
        await conn.query(`DROP TABLE floor_${table}`);
      }
      return { parts: out, secs: out.reduce((s, x) => s + x.secs, 0), srv: out.reduce((s, x) => s + x.srv, 0) };
    };
    const floors = [
      { label: 'with the same indexes', ...(await copyInto(false)) },
      { label: 'with the primary key alone', ...(await copyInto(true)) },
    ];
    await conn.end();

    const maxRss = process.resourceUsage().maxRSS * 1024;
    console.log('');
    console.log(`roster import (store + validate + apply), ${N.toLocaleString()} rows on MariaDB:`);
    console.log(`  store (encrypt)   ${((tStored - t0) / 1000).toFixed(1)} s`);
    console.log(`  validate (dry run) ${((tValidated - tStored) / 1000).toFixed(1)} s   status ${v.status}, ${v.errorCount} errors, counts ${JSON.stringify(v.counts)}`);
    console.log(`  apply (1 txn)     ${((tApplied - tValidated) / 1000).toFixed(1)} s   status ${a.status}, ${people.n} people, ${enrolled.n} enrolments, premium ${enrolled.premium}`);
    console.log(`  total             ${importSecs.toFixed(1)} s = ${Math.round(importRate).toLocaleString()} rows/s`);
    console.log(`LOAD DATA LOCAL INFILE of the same rows: ${loadSecs.toFixed(1)} s = ${Math.round(loadRate).toLocaleString()} rows/s (${(res as { affectedRows: number }).affectedRows.toLocaleString()} rows)`);
    console.log(`ratio import / LOAD DATA: ${(importRate / loadRate).toFixed(3)} (goal ≥ 0.5)`);
    for (const f of floors) {
      console.log(
        `floor, the stored rows copied into empty tables ${f.label} (INSERT … SELECT inside MariaDB): ${f.parts
          .map((x) => `${x.table} ${x.rows.toLocaleString()} rows ${x.secs.toFixed(1)} s`)
          .join(', ')}; together ${f.secs.toFixed(1)} s = ${Math.round(N / f.secs).toLocaleString()} roster rows/s, ${((f.srv * 1e6) / N).toFixed(1)} µs mariadbd a roster row; floor / LOAD DATA = ${(N / f.secs / loadRate).toFixed(3)}`,
      );
    }
    console.log(`so the best ratio an import that stores these rows could reach here is ${(N / floors[0].secs / loadRate).toFixed(3)} with this schema's indexes, ${(N / floors[1].secs / loadRate).toFixed(3)} with none but primary keys (goal ≥ 0.5; this import ${(importRate / loadRate).toFixed(3)})`);
    console.log(`CPU: import ${nodeCpu.toFixed(1)} s node + ${srvImport.toFixed(1)} s mariadbd = ${((nodeCpu + srvImport) * 1e6 / N).toFixed(0)} µs a row; LOAD DATA ${srvLoad.toFixed(1)} s mariadbd = ${(srvLoad * 1e6 / N).toFixed(1)} µs a row`);
    console.log(`load average (1/5/15 min) at the end: ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${cpus().length} cores`);
    console.log(`peak RSS during the import: ${mb(peak)} MB (before: ${mb(rssBefore)} MB; process max ${mb(maxRss)} MB; goal ≤ 512 MB)`);
  } finally {
    await app?.close();
    await db.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
