#!/usr/bin/env node
// The README's test command (npm test): every workspace's tests, then one closing line "N passed, M failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'huimin-test-'));
let passed = 0;
let failed = 0;
let broken = false;

function jest(name, cwd, args = [], env = {}) {
  const file = join(out, `${name}.json`);
  console.log(`\n=== ${name}`);
  const r = spawnSync('npx', ['jest', '--ci', '--json', `--outputFile=${file}`, ...args], { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  if (!existsSync(file)) {
    console.error(`${name}: jest wrote no results (exit ${r.status})`);
    broken = true;
    return;
  }
  const j = JSON.parse(readFileSync(file, 'utf8'));
  passed += j.numPassedTests;
  failed += j.numFailedTests;
  if (j.numTotalTests === 0 || r.status !== 0) broken = broken || r.status !== 0 || j.numTotalTests === 0;
}

jest('shared', join(root, 'shared'));
jest('miniapp', join(root, 'miniapp'));

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(broken || failed > 0 ? 1 : 0);
