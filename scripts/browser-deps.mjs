// Debian's chromium and a Chinese font for the browser suite, installed with apt-get when missing
// (as scripts/mariadb.mjs does for mariadb-server). CHROMIUM=/path/to/chromium skips the check.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function run(cmd, args, env) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${(r.stdout ?? '').slice(-2000)}${(r.stderr ?? '').slice(-2000)}`);
}

function hasChineseFont() {
  return ['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'].some((f) => existsSync(f));
}

export function ensureBrowser(log = (m) => console.error(`[browser-deps] ${m}`)) {
  const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
  const missing = [];
  if (!existsSync(chromium)) missing.push('chromium');
  if (!hasChineseFont()) missing.push('fonts-wqy-zenhei'); // without it Chinese renders as boxes in screenshots
  if (!missing.length) return chromium;
  if (process.env.CHROMIUM && !existsSync(chromium)) throw new Error(`CHROMIUM=${chromium} does not exist`);
  log(`installing ${missing.join(' ')} with apt-get (one-time, a minute or two)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], env);
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], env);
  if (!existsSync(chromium)) throw new Error('chromium installed but /usr/bin/chromium is still missing');
  return chromium;
}
