import { DataSource, QueryFailedError } from 'typeorm';
import { dialectOf } from './dialect';

/** The part of mysql2's callback pool that TypeORM's MySQL driver keeps in `driver.pool`. */
interface Mysql2Pool {
  execute(sql: string, values: unknown[], cb: (err: Error | null, rows: unknown) => void): void;
}

/** A fixed read statement with '?' placeholders, run with these values; resolves to its rows. */
export type HotRead = <T>(sql: string, params: unknown[]) => Promise<T[]>;

/**
 * Fixed, read-only statements that run on (nearly) every request: the session check and the coverage read.
 *
 * On MariaDB they go straight to mysql2's pool as prepared statements (`execute`): MariaDB parses each text
 * once per connection instead of once per request, and the app skips TypeORM's per-call QueryRunner,
 * broadcaster and promise wrappers. The rows are the same JS values as through `DataSource.query` (the same
 * pool and its options: DATE as 'YYYY-MM-DD' strings, DECIMAL and BIGINT as strings, DATETIME as Dates at
 * +08:00), which the integration suites check on MariaDB.
 * Failures are still logged through TypeORM's logger (no parameters) and thrown as QueryFailedError, and slow
 * ones logged as slow, as DataSource.query does. With DB_LOGGING on (every query logged), on SQLite, or when
 * the pool is not there (replication), it is DataSource.query itself.
 * Only for statements inside no transaction: they take any pooled connection.
 */
export function hotRead(ds: DataSource): HotRead {
  const viaTypeOrm: HotRead = <T>(sql: string, params: unknown[]) => ds.query(sql, params) as Promise<T[]>;
  if (dialectOf(ds) !== 'mariadb' || ds.options.logging === 'all' || ds.options.logging === true) return viaTypeOrm;
  const slowMs = ds.options.maxQueryExecutionTime ?? 0;
  return <T>(sql: string, params: unknown[]): Promise<T[]> => {
    const pool = (ds.driver as unknown as { pool?: Mysql2Pool }).pool;
    if (!pool) return viaTypeOrm<T>(sql, params);
    const started = slowMs ? Date.now() : 0;
    return new Promise<T[]>((resolve, reject) => {
      pool.execute(sql, params, (err, rows) => {
        if (slowMs) {
          const ms = Date.now() - started;
          if (ms > slowMs) ds.logger.logQuerySlow(ms, sql, params);
        }
        if (err) {
          ds.logger.logQueryError(err, sql, params);
          reject(new QueryFailedError(sql, params, err));
        } else resolve(rows as T[]);
      });
    });
  };
}
