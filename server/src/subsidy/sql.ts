/** Small raw-SQL helpers (backtick identifiers and `?` work on both MariaDB and SQLite). */
import type { EntityManager } from 'typeorm';

// The IN-list and JSON helpers are the rosters' ones (one copy for the whole server).
export { marks, parseJson, selectIn } from '../rosters/sql';

/**
 * Runs an UPDATE/DELETE and returns the rows it changed, on both drivers (manager.query() gives SQLite's
 * last insert id for an UPDATE, not its change count: the structured result carries both).
 */
export async function exec(m: EntityManager, sql: string, params: unknown[] = []): Promise<number> {
  const qr = m.queryRunner && !m.queryRunner.isReleased ? m.queryRunner : null;
  if (qr) return (await qr.query(sql, params, true)).affected ?? 0;
  const own = m.connection.createQueryRunner();
  try {
    return (await own.query(sql, params, true)).affected ?? 0;
  } finally {
    await own.release();
  }
}

/** DATE columns: 'YYYY-MM-DD' strings from both drivers (mysql2 may give a Date when dateStrings is off). */
export function dateStr(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
}

export function bool(v: unknown): boolean {
  return v === true || v === 1 || v === '1';
}

/** The current timestamp as SQL, in each dialect's stored form for DATETIME(6) columns. */
export function nowSql(m: EntityManager): string {
  return m.connection.options.type === 'better-sqlite3' ? "datetime('now')" : 'CURRENT_TIMESTAMP(6)';
}
