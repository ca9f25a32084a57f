#!/usr/bin/env node
// `npm test` at the root:
//   1. the engine's tests (@huimin/shared) and the mini-program's (@huimin/miniapp, jsdom)
//   2. server unit tests (no database)
//   3. server integration/e2e tests on SQLite
//   4. the same integration tests on a throwaway MariaDB (scripts/mariadb.mjs), always stopped afterwards
//   5. the browser suite (test/browser): builds the server and the H5 app when stale, installs Debian's
//      chromium when missing, and drives the H5 build against the real server on that same MariaDB
// Exits non-zero if anything failed and ends with one line: `N passed, M failed`.
// `node scripts/test.mjs --no-mariadb` skips step 4 and runs step 5 on SQLite (quick local runs only; CI
// runs everything); `--no-browser` skips step 5.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBrowser } from './browser-deps.mjs';
import { startMariaDb } from './mariadb.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const jestBin = require.resolve('jest/bin/jest');
const npmCli = process.env.npm_execpath && existsSync(process.env.npm_execpath) ? process.env.npm_execpath : null;
const outDir = mkdtempSync(join(tmpdir(), 'huimin-test-results-'));
const skipMariaDb = process.argv.includes('--no-mariadb');
const skipBrowser = process.argv.includes('--no-browser');

let passed = 0;
let failed = 0;
const summary = [];
let current = null; // running child process
let mariadb = null;
let interrupted = false;

function run(cmd, args, { cwd = root, env = {} } = {}) {
  return new Promise((resolveRun) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: 'inherit' });
    current = child;
    child.on('error', (e) => {
      console.error(`[test] could not start ${cmd}: ${e.message}`);
      resolveRun(127);
    });
    child.on('exit', (code, signal) => {
      current = null;
      resolveRun(code ?? (signal ? 128 : 1));
    });
  });
}

/** Run jest (directly or through a workspace's npm script) and count its tests from --json output. */
async function jestRun(label, { cwd, args, env, viaNpm }) {
  const outputFile = join(outDir, `${summary.length}.json`);
  const jsonArgs = ['--json', `--outputFile=${outputFile}`];
  const t0 = Date.now();
  console.error(`\n[test] ── ${label} ──`);
  const code = viaNpm
    ? await run(npmCli ? process.execPath : 'npm', [...(npmCli ? [npmCli] : []), ...viaNpm, '--', ...args, ...jsonArgs], { cwd, env })
    : await run(process.execPath, [jestBin, ...args, ...jsonArgs], { cwd, env });
  let p = 0;
  let f = 0;
  if (existsSync(outputFile)) {
    const r = JSON.parse(readFileSync(outputFile, 'utf8'));
    p = r.numPassedTests;
    // A suite that fails to load (syntax error, bad import) has no failed test but did fail: count it.
    f = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
    if (code !== 0 && f === 0) f = 1;
  } else if (code !== 0) {
    f = 1;
  }
  passed += p;
  failed += f;
  summary.push(`${label}: ${p} passed, ${f} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return code === 0 && f === 0;
}

let cleanupOnce = null;
function cleanup() {
  cleanupOnce ??= (async () => {
    if (mariadb) await mariadb.stop().catch((e) => console.error(`[test] stopping MariaDB: ${e.message}`));
    rmSync(outDir, { recursive: true, force: true });
  })();
  return cleanupOnce;
}

// Ctrl-C / SIGTERM: stop the running jest; the main flow then skips what is left, stops MariaDB in its
// `finally`, prints the count and exits 130.
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n[test] ${sig}: stopping…`);
    if (current) current.kill(sig);
  });
}

function checkInterrupted() {
  if (interrupted) throw new Error('interrupted');
}

/** Newest modification under `path`, tests (*.spec.*) aside: they are not part of a build. */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return /\.spec\.[jt]sx?$/.test(path) ? 0 : st.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newestMtime(join(path, name))), 0);
}

/** `npm run <script> -w <workspace>` when `output` is missing or older than any of `inputs`. */
async function buildIfStale(label, workspace, script, output, inputs) {
  const built = existsSync(output) ? statSync(output).mtimeMs : 0;
  if (built && inputs.every((i) => newestMtime(join(root, i)) <= built)) {
    console.error(`[test] ${label} is up to date`);
    return true;
  }
  console.error(`[test] building ${label}…`);
  const code = await run(npmCli ? process.execPath : 'npm', [...(npmCli ? [npmCli] : []), 'run', script, '-w', workspace]);
  return code === 0;
}

/** 5. The browser suite: chromium, the server and H5 builds, then jest on test/ (on MariaDB when `db` is given). */
async function browserSuite(db) {
  const label = `browser (H5 in chromium, server on ${db ? 'MariaDB' : 'SQLite'})`;
  try {
    ensureBrowser((m) => console.error(`[test] ${m}`));
  } catch (e) {
    console.error(`[test] chromium could not be installed: ${e.message}`);
    failed += 1;
    summary.push(`${label}: chromium missing (counted as 1 failure)`);
    return;
  }
  const t0 = Date.now();
  const serverOk = await buildIfStale('the server', '@huimin/server', 'build', join(root, 'server', 'dist', 'main.js'), ['server/src', 'shared/dist', 'server/tsconfig.build.json']);
  checkInterrupted();
  const h5Ok = serverOk && (await buildIfStale('the H5 mini-program', '@huimin/miniapp', 'build:h5', join(root, 'miniapp', 'dist', 'h5', 'index.html'), ['miniapp/src', 'miniapp/config', 'shared/dist']));
  checkInterrupted();
  if (!serverOk || !h5Ok) {
    failed += 1;
    summary.push(`${label}: build failed (counted as 1 failure)`);
    return;
  }
  console.error(`[test] builds ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await jestRun(label, {
    cwd: root,
    args: ['-c', 'test/jest.config.js', '--runInBand'],
    env: db ? { DB_TYPE: 'mariadb', DATABASE_URL: db.url } : { DB_TYPE: 'sqlite' },
  });
}

function hasTestScript(ws) {
  const file = join(root, ws, 'package.json');
  if (!existsSync(file)) return null;
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  return pkg.scripts?.test ? pkg.name : null;
}

const started = Date.now();
try {
  // 0. chromium and a Chinese font first: the server's decision-letter PDF test needs the font too
  //    (without it that test checks the 503 NO_CJK_FONT answer instead). A failure here is reported
  //    again, and counted, by the browser suite.
  if (!skipBrowser) {
    try {
      ensureBrowser((m) => console.error(`[test] ${m}`));
    } catch (e) {
      console.error(`[test] chromium/font install failed: ${e.message}`);
    }
  }
  // 1. other workspaces' tests (jest-based: counted from --json)
  const shared = hasTestScript('shared');
  if (shared) {
    await jestRun(`${shared}`, { cwd: root, viaNpm: ['test', '-w', shared], args: [] });
  } else {
    summary.push('@huimin/shared: no test script, skipped');
  }

  checkInterrupted();
  // 1b. the mini-program's hook, service and component tests (jsdom)
  await jestRun('@huimin/miniapp', { cwd: join(root, 'miniapp'), args: [] });
  checkInterrupted();
  const server = join(root, 'server');
  // 2. server unit tests
  await jestRun('server unit', { cwd: server, args: ['--selectProjects', 'unit'] });
  checkInterrupted();
  // 3. server integration on SQLite
  await jestRun('server integration (SQLite)', {
    cwd: server,
    args: ['--selectProjects', 'integration', '--runInBand'],
    env: { DB_TYPE: 'sqlite' },
  });
  checkInterrupted();
  // 4. server integration on MariaDB
  if (skipMariaDb) {
    summary.push('server integration (MariaDB): skipped (--no-mariadb)');
    if (!skipBrowser) await browserSuite(null);
  } else {
    const t0 = Date.now();
    try {
      mariadb = await startMariaDb({ log: (m) => console.error(`[test] ${m}`) });
      console.error(`[test] MariaDB up on port ${mariadb.port} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      checkInterrupted();
      await jestRun('server integration (MariaDB)', {
        cwd: server,
        args: ['--selectProjects', 'integration', '--runInBand'],
        env: { DB_TYPE: 'mariadb', DATABASE_URL: mariadb.url },
      });
      checkInterrupted();
      // 5. the browser suite, against the real server on the same MariaDB
      if (skipBrowser) summary.push('browser: skipped (--no-browser)');
      else await browserSuite(mariadb);
    } catch (e) {
      if (interrupted) throw e;
      console.error(`[test] MariaDB could not be started: ${e.message}`);
      failed += 1;
      summary.push('server integration (MariaDB): MariaDB did not start (counted as 1 failure)');
    }
  }
} catch (e) {
  if (!interrupted) console.error(`[test] ${e.stack ?? e}`);
  failed += 1;
} finally {
  await cleanup();
}

console.error(`\n[test] ${summary.join('\n[test] ')}\n[test] total ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(interrupted ? 130 : failed > 0 ? 1 : 0);
