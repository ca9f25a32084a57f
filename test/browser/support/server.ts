/**
 * The real server (server/dist/main.js) for the browser suite: its own database (a fresh
 * `huimin_test_browser_*` on the MariaDB that scripts/test.mjs started, or a temp SQLite file), demo data,
 * the development login (NODE_ENV=test allows it on MariaDB too), serving miniapp/dist/h5 at /.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '..', '..', '..')

export interface RunningServer {
  base: string
  dialect: 'mariadb' | 'sqlite'
  log: () => string
  stop(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer()
    s.on('error', rej)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => res(port))
    })
  })
}

export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const main = join(ROOT, 'server', 'dist', 'main.js')
  const h5 = join(ROOT, 'miniapp', 'dist', 'h5')
  if (!existsSync(main)) throw new Error(`${main} is missing: npm run build -w @huimin/server`)
  if (!existsSync(join(h5, 'index.html'))) throw new Error(`${h5} is missing: npm run build:h5 -w @huimin/miniapp`)
  const dataDir = mkdtempSync(join(tmpdir(), 'huimin-browser-'))
  const port = await freePort()
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    PORT: String(port),
    H5_DIR: h5,
    DEV_LOGIN: 'true',
    SEED_DEMO: 'true',
    PII_KEY: randomBytes(32).toString('base64'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    ...extraEnv,
  }
  let dropDb = async () => {}
  const dialect = process.env.DB_TYPE === 'mariadb' && process.env.DATABASE_URL ? 'mariadb' : 'sqlite'
  if (dialect === 'mariadb') {
    const { createConnection } = await import('mysql2/promise')
    const url = new URL(process.env.DATABASE_URL!)
    const name = `huimin_test_browser_${randomBytes(4).toString('hex')}`
    const admin = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) })
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`)
    url.pathname = `/${name}`
    Object.assign(env, { DB_TYPE: 'mariadb', DATABASE_URL: url.toString() })
    dropDb = async () => {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``)
      await admin.end()
    }
  } else {
    Object.assign(env, { DB_TYPE: 'sqlite', SQLITE_PATH: join(dataDir, 'browser.sqlite') })
  }

  let output = ''
  const child: ChildProcess = spawn(process.execPath, [main], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 120_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output.slice(-3000)}`)
    try {
      const r = await fetch(`${base}/api/health`)
      if (r.ok) break
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`server did not answer within 120 s:\n${output.slice(-3000)}`)
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  return {
    base,
    dialect,
    log: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        const until = Date.now() + 10_000
        while (child.exitCode === null && Date.now() < until) await new Promise((r) => setTimeout(r, 100))
        if (child.exitCode === null) child.kill('SIGKILL')
      }
      await dropDb().catch(() => undefined)
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
