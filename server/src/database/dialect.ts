/**
 * Which SQL dialect a connection speaks, for the raw-SQL paths (rosters, oversight, hot reads, statement
 * batches): SQLite (the embedded default) or the MySQL protocol (MariaDB, MySQL, TiDB). Backtick identifiers
 * and `?` parameters work on both.
 */
import type { DataSource, EntityManager } from 'typeorm';

export type Dialect = 'sqlite' | 'mariadb';

export function dialectOf(ds: DataSource | EntityManager): Dialect {
  const type = 'connection' in ds ? ds.connection.options.type : ds.options.type;
  return type === 'better-sqlite3' || type === 'sqljs' ? 'sqlite' : 'mariadb';
}

/** `?, ?, ?` for an IN list. */
export function marks(n: number): string {
  return new Array(n).fill('?').join(', ');
}
