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
