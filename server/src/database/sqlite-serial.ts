import type { DataSource, EntityManager } from 'typeorm';

/**
 * better-sqlite3 gives TypeORM one connection and one query runner for everything, so two concurrent
 * `dataSource.transaction(...)` calls would interleave inside one SQLite transaction (the second becomes
 * a savepoint of the first). The embedded mode therefore runs top-level transactions one after another.
 * MariaDB/MySQL have a pool and real isolation and are left alone.
 */
export function serializeSqliteTransactions(ds: DataSource): DataSource {
  if (ds.options.type !== 'better-sqlite3') return ds;
  const manager = ds.manager as EntityManager & { __serialised?: boolean };
  if (manager.__serialised) return ds;
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  (manager as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = (...args: unknown[]) => {
    const run = tail.then(() => original(...args));
    tail = run.catch(() => undefined);
    return run;
  };
  manager.__serialised = true;
  return ds;
}
