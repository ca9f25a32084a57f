#!/usr/bin/env node
// After the weapp build: the main package's size and each subpackage's, as WeChat counts them
// (every file under dist/weapp; a subpackage is everything under its root). Fails above the goal.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

// Goal from the issue (WeChat's own limit is 2 MB); HUIMIN_MAIN_LIMIT_KB overrides it to try the failure.
const MAIN_LIMIT = Number(process.env.HUIMIN_MAIN_LIMIT_KB ?? 1024) * 1024
const dist = new URL('../dist/weapp/', import.meta.url).pathname

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? files(p) : [p]
  })
}

let app
try {
  app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8'))
} catch {
  console.error(`package-size: no ${join(dist, 'app.json')}; run the weapp build first`)
  process.exit(2)
}
const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/?$/, '/'))
const sizes = new Map([['(main)', 0], ...roots.map((r) => [r, 0])])
for (const f of files(dist)) {
  const rel = relative(dist, f)
  if (rel === 'project.config.json' || rel === 'project.private.config.json' || rel.endsWith('.map')) continue
  const root = roots.find((r) => rel.startsWith(r)) ?? '(main)'
  sizes.set(root, sizes.get(root) + statSync(f).size)
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`
let total = 0
for (const [name, size] of sizes) {
  total += size
  console.log(`${name === '(main)' ? 'main package' : `subpackage ${name}`}: ${kb(size)}`)
}
console.log(`total: ${kb(total)}`)
const main = sizes.get('(main)')
if (main > MAIN_LIMIT) {
  console.error(`FAIL: main package ${kb(main)} is over ${kb(MAIN_LIMIT)}`)
  process.exit(1)
}
console.log(`main package under ${kb(MAIN_LIMIT)}: ok`)
