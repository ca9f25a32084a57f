#!/usr/bin/env node
// `npm start` at the root: build the server and the H5 mini-program if missing or older than their sources,
// then run the API with the H5 app at / on the embedded SQLite database in ./data/ (with demo data) at
// http://localhost:3000 (health: /api/health, API docs: /api/docs). Any env var (PORT, DB_TYPE,
// DATABASE_URL, PII_KEY…) overrides the defaults.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const server = join(root, 'server');
const main = join(server, 'dist', 'main.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const stale =
  !existsSync(main) ||
  Math.max(newestMtime(join(server, 'src')), statSync(join(server, 'tsconfig.build.json')).mtimeMs) > statSync(main).mtimeMs;
if (stale) {
  console.log('[start] building the server…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'build', '-w', '@huimin/server'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The H5 mini-program, served by the same server at /.
const h5 = join(root, 'miniapp', 'dist', 'h5');
const h5Stale = !existsSync(join(h5, 'index.html')) || newestMtime(join(root, 'miniapp', 'src')) > statSync(join(h5, 'index.html')).mtimeMs;
if (h5Stale) {
  console.log('[start] building the H5 mini-program (about a minute the first time)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'build:h5', '-w', '@huimin/miniapp'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const dataDir = process.env.DATA_DIR ?? join(root, 'data');
mkdirSync(dataDir, { recursive: true });
const env = {
  ...process.env,
  NODE_ENV: process.env.NODE_ENV ?? 'development',
  DB_TYPE: process.env.DB_TYPE ?? 'sqlite',
  DATA_DIR: dataDir,
  PORT: process.env.PORT ?? '3000',
  H5_DIR: process.env.H5_DIR ?? h5,
  // The H5 build signs in with the development login (embedded SQLite only; the server refuses it elsewhere).
  DEV_LOGIN: process.env.DEV_LOGIN ?? ((process.env.DB_TYPE ?? 'sqlite') === 'sqlite' ? 'true' : 'false'),
};
console.log(`[start] Huimin: mini-program (H5) at http://localhost:${env.PORT}/ · API at http://localhost:${env.PORT}/api · docs at /api/docs`);
const child = spawn(process.execPath, [main], { cwd: root, env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
