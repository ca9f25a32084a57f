// A throwaway MariaDB for tests, as root without systemd (see /work/shared/STACK_NOTES.md):
// random free port, temp datadir, utf8mb4, time zone +08:00, database `huimin_test` and a user that may
// also create/drop `huimin_test_*` databases (each integration test file gets its own).
//
//   import { startMariaDb } from './mariadb.mjs';
//   const db = await startMariaDb();   // { url, pid, host, port, user, password, database, socket, stop }
//   ...; await db.stop();
//
// Run directly (`node scripts/mariadb.mjs`) it starts one, prints its URL and stops on Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  }
  return r.stdout;
}

/** apt-get install mariadb-server, once, only when mariadbd is missing. Output goes to a log, shown on failure. */
function ensureInstalled(log) {
  if (onPath('mariadbd') && onPath('mariadb-install-db')) return;
  log('mariadbd not found: installing mariadb-server with apt-get (one-time, about a minute)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', 'mariadb-server', 'mariadb-client'], { env });
  if (!onPath('mariadbd')) throw new Error('mariadb-server installed but mariadbd is still not on PATH');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Options: `log`; `extraArgs`, more mariadbd flags (e.g. the claims bench's binary log:
 * `--log-bin`, `--sync-binlog=1`); a relative `--log-bin=NAME` lands in the datadir.
 */
export async function startMariaDb({ log = (m) => console.error(`[mariadb] ${m}`), extraArgs = [] } = {}) {
  ensureInstalled(log);
  const dir = mkdtempSync(join(tmpdir(), 'huimin-mariadb-'));
  const datadir = join(dir, 'data');
  const socket = join(dir, 'sock');
  const errLog = join(dir, 'err.log');
  const port = await freePort();
  const user = 'huimin';
  const password = randomBytes(12).toString('hex');
  const database = 'huimin_test';
  const cleanup = () => rmSync(dir, { recursive: true, force: true });

  let child;
  try {
    run('mariadb-install-db', [
      '--no-defaults', '--user=root', `--datadir=${datadir}`,
      '--auth-root-authentication-method=normal', '--skip-test-db',
    ]);
    child = spawn('mariadbd', [
      '--no-defaults', '--user=root', `--datadir=${datadir}`, `--socket=${socket}`, `--port=${port}`,
      '--bind-address=127.0.0.1', `--pid-file=${join(dir, 'pid')}`, `--log-error=${errLog}`,
      '--skip-name-resolve', '--character-set-server=utf8mb4', '--collation-server=utf8mb4_unicode_ci',
      '--default-time-zone=+08:00', `--tmpdir=${dir}`,
      ...extraArgs,
    ], { stdio: 'ignore', detached: false });
    let exited = null;
    child.on('exit', (code, signal) => { exited = code ?? signal; });

    const deadline = Date.now() + 30_000;
    for (;;) {
      if (exited !== null) throw new Error(`mariadbd exited (${exited}) during start-up`);
      const ping = spawnSync('mariadb-admin', ['--no-defaults', `--socket=${socket}`, '-uroot', 'ping'], { encoding: 'utf8' });
      if (ping.status === 0) break;
      if (Date.now() > deadline) throw new Error('mariadbd did not answer within 30 s');
      await sleep(100);
    }

    const sql = [
      `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;`,
      `CREATE USER '${user}'@'127.0.0.1' IDENTIFIED BY '${password}';`,
      `CREATE USER '${user}'@'localhost' IDENTIFIED BY '${password}';`,
      // huimin_test and huimin_test_<anything>: one database per integration test file.
      `GRANT ALL PRIVILEGES ON \`huimin\\_test%\`.* TO '${user}'@'127.0.0.1';`,
      `GRANT ALL PRIVILEGES ON \`huimin\\_test%\`.* TO '${user}'@'localhost';`,
    ].join('\n');
    run('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot'], { input: sql });
  } catch (e) {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    const tail = existsSync(errLog) ? readFileSync(errLog, 'utf8').split('\n').slice(-15).join('\n') : '';
    cleanup();
    throw new Error(`${e.message}${tail ? `\n--- mariadb error log ---\n${tail}` : ''}`);
  }

  const host = '127.0.0.1';
  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      spawnSync('mariadb-admin', ['--no-defaults', `--socket=${socket}`, '-uroot', 'shutdown'], { encoding: 'utf8' });
      const deadline = Date.now() + 20_000;
      while (isAlive(child.pid) && child.exitCode === null && Date.now() < deadline) await sleep(50);
      if (child.exitCode === null && isAlive(child.pid)) {
        child.kill('SIGKILL');
        await sleep(200);
      }
    }
    cleanup();
  }

  return {
    url: `mysql://${user}:${password}@${host}:${port}/${database}`,
    pid: child.pid,
    host,
    port,
    user,
    password,
    database,
    socket,
    stop,
  };
}

// `node scripts/mariadb.mjs`: start one for manual use.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const db = await startMariaDb();
  console.log(db.url);
  writeFileSync(join(tmpdir(), 'huimin-mariadb.url'), `${db.url}\n`);
  const bye = async () => { await db.stop(); process.exit(0); };
  process.on('SIGINT', bye);
  process.on('SIGTERM', bye);
  setInterval(() => {}, 1 << 30);
}
