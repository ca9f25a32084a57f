/**
 * Small raw-SQL helpers for the bulk paths of roster imports (a million rows do not go through
 * repository.save()). Identifiers are quoted with backticks, which both MariaDB and SQLite accept;
 * parameters are `?` on both drivers.
 */
import type { EntityManager } from 'typeorm';

export type Dialect = 'sqlite' | 'mariadb';

export function dialectOf(m: EntityManager): Dialect {
  return m.connection.options.type === 'better-sqlite3' ? 'sqlite' : 'mariadb';
}

/** The current timestamp as SQL, in each dialect's stored form for DATETIME(6) columns. */
export function nowSql(d: Dialect): string {
  return d === 'sqlite' ? "datetime('now')" : 'CURRENT_TIMESTAMP(6)';
}

/** Rows per INSERT statement: keeps parameters under SQLite's 32,766 and packets well under 16 MB. */
export function chunkFor(columns: number): number {
  return Math.max(1, Math.min(1000, Math.floor(30000 / columns)));
}

/** INSERT INTO table (cols) VALUES (…), (…) in chunks. `raw` columns take SQL text instead of a parameter. */
export async function bulkInsert(
  m: EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
  raw: Record<string, string> = {},
): Promise<void> {
  if (!rows.length) return;
  const allCols = [...columns, ...Object.keys(raw)];
  const tuple = `(${[...columns.map(() => '?'), ...Object.values(raw)].join(', ')})`;
  const head = `INSERT INTO \`${table}\` (${allCols.map((c) => `\`${c}\``).join(', ')}) VALUES `;
  const size = chunkFor(columns.length);
  for (let i = 0; i < rows.length; i += size) {
    const part = rows.slice(i, i + size);
    const params: unknown[] = [];
    for (const r of part) for (const v of r) params.push(v === undefined ? null : v);
    await m.query(head + part.map(() => tuple).join(', '), params);
  }
}

/** `?, ?, ?` for an IN list. */
export function marks(n: number): string {
  return new Array(n).fill('?').join(', ');
}

/** SELECT … WHERE col IN (…) over a long list, in chunks. */
export async function selectIn<T>(m: EntityManager, sqlWithIn: (marks: string) => string, values: unknown[], extra: unknown[] = []): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += 5000) {
    const part = values.slice(i, i + 5000);
    out.push(...((await m.query(sqlWithIn(marks(part.length)), [...part, ...extra])) as T[]));
  }
  return out;
}

/** JSON columns come back as text from SQLite and from MariaDB (JSON = LONGTEXT). */
export function parseJson<T>(v: unknown): T | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v ? (JSON.parse(v) as T) : null;
  return v as T;
}

/** Affected rows of an UPDATE/DELETE run through manager.query() on either driver. */
export function affected(result: unknown): number {
  if (Array.isArray(result) && typeof result[1] === 'number') return result[1];
  const r = result as { affectedRows?: number; changes?: number } | null;
  return r?.affectedRows ?? r?.changes ?? 0;
}

// ---------------------------------------------------------------- bulk paths for a million rows

const MARIA_SPECIAL = /[\\'"\0\n\r\x1a]/;
const MARIA_SPECIAL_G = /[\\'"\0\n\r\x1a]/g;
const MARIA_ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '\0': '\\0', '\n': '\\n', '\r': '\\r', '\x1a': '\\Z' };

/**
 * A value as a MariaDB SQL literal (backslash escapes, the server default). For the bulk INSERTs of
 * roster imports only: mysql2's per-parameter formatting costs more than the row's own work.
 */
export function mariaLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error('not a finite number');
    return String(v);
  }
  if (typeof v === 'boolean') return v ? '1' : '0';
  const s = String(v);
  return MARIA_SPECIAL.test(s) ? `'${s.replace(MARIA_SPECIAL_G, (c) => MARIA_ESCAPES[c])}'` : `'${s}'`;
}

/** Bytes of SQL text per multi-row INSERT on MariaDB (well under the 16 MB max_allowed_packet). */
const MARIA_STATEMENT_CHARS = 2 * 1024 * 1024;

/**
 * INSERT many rows as fast as each dialect allows: MariaDB gets multi-row INSERTs written as SQL text
 * (about 2 MB each); SQLite gets parameterised multi-row INSERTs (its driver caches statements by text,
 * so the text must repeat). Returns when every row is written.
 */
export async function insertRows(m: EntityManager, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  if (dialectOf(m) === 'sqlite') return bulkInsert(m, table, columns, rows);
  const head = `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES `;
  let parts: string[] = [];
  let size = 0;
  for (const r of rows) {
    let t = '(';
    for (let i = 0; i < r.length; i++) t += (i ? ',' : '') + mariaLiteral(r[i]);
    t += ')';
    parts.push(t);
    size += t.length + 1;
    if (size >= MARIA_STATEMENT_CHARS) {
      await m.query(head + parts.join(','));
      parts = [];
      size = 0;
    }
  }
  if (parts.length) await m.query(head + parts.join(','));
}

/** Rows changed by an INSERT/UPDATE/DELETE (structured result on both drivers). */
export async function exec(m: EntityManager, sql: string, params: unknown[] = []): Promise<number> {
  const qr = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    const r = await qr.query(sql, params, true);
    return Number(r.affected ?? 0);
  } finally {
    if (!m.queryRunner) await qr.release();
  }
}
