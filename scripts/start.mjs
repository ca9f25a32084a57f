#!/usr/bin/env node
// `npm start` at the root: build the server if its output is missing or older than its sources, then
// run it on the embedded SQLite database in ./data/ at http://localhost:3000 (health: /api/health,
// API docs: /api/docs). Any env var (PORT, DB_TYPE, DATABASE_URL, PII_KEY…) overrides the defaults.
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

const dataDir = process.env.DATA_DIR ?? join(root, 'data');
mkdirSync(dataDir, { recursive: true });
const env = {
  ...process.env,
  NODE_ENV: process.env.NODE_ENV ?? 'development',
  DB_TYPE: process.env.DB_TYPE ?? 'sqlite',
  DATA_DIR: dataDir,
  PORT: process.env.PORT ?? '3000',
};
const child = spawn(process.execPath, [main], { cwd: root, env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
