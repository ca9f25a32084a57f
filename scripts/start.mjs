#!/usr/bin/env node
// The README's run command (npm start). Until the server lands (issue 3), it shows the engine at work.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
console.log('Huimin: the server and the mini-program are not built yet (issues 3 and 5).');
console.log('The rules engine works now; here is one worked example (shared/examples/chongqing-critical.json):\n');
const r = spawnSync('node', ['shared/bin/huimin-estimate.js', '--pretty'], { cwd: root, input: readFileSync(`${root}/shared/examples/chongqing-critical.json`), encoding: 'utf8' });
process.stdout.write(r.stdout);
console.log('\nMore: shared/README.md (npx huimin-estimate --help).');
process.exit(r.status ?? 1);
