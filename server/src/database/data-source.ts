import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { DatabaseConfig, loadDatabaseConfig } from '../config/config';
import { ENTITIES } from './entities';
import { MARIADB_MIGRATIONS } from './migrations/mariadb';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';
import { SnakeNamingStrategy } from './naming.strategy';
import { SafeTypeOrmLogger } from './typeorm.logger';

export const MIGRATIONS_TABLE = 'typeorm_migrations';

/**
 * The one place that says how to reach the database. Used by AppModule (TypeOrmModule.forRootAsync) and,
 * through the default export below, by the TypeORM CLI:
 *   npm run build -w @huimin/server && npm run migration:show -w @huimin/server
 * Schema changes only through migrations (synchronize is off); pending ones run at start-up.
 */
export function buildDataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: true,
    migrationsTableName: MIGRATIONS_TABLE,
    logging: db.logging ? ('all' as const) : (['error', 'warn', 'migration'] as ('error' | 'warn' | 'migration')[]),
    logger: new SafeTypeOrmLogger(db.logging),
    maxQueryExecutionTime: 2000,
  };
  if (db.type === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.path,
      migrations: SQLITE_MIGRATIONS,
      enableWAL: db.path !== ':memory:',
      timeout: 5000,
    };
  }
  return {
    ...common,
    type: 'mariadb',
    host: db.host,
    port: db.port,
    username: db.username,
    password: db.password,
    database: db.database,
    ...(db.socketPath ? { socketPath: db.socketPath } : {}),
    migrations: MARIADB_MIGRATIONS,
    charset: 'utf8mb4_unicode_ci',
    timezone: '+08:00',
    // DATE columns stay 'YYYY-MM-DD' strings: as JS Dates at +08:00 midnight they came back a day early.
    dateStrings: ['DATE'],
    supportBigNumbers: true,
    bigNumberStrings: true,
    // trace: false — mysql2 otherwise captures a JS stack trace on every query (for async stacks in errors);
    // failed queries still carry their SQL and the driver error. That capture was ~4% of the report path's CPU.
    extra: { connectionLimit: 10, trace: false },
    // Hot paths send several statements in one round trip (database/sql-batch.ts). Every statement in this app
    // is parameterised (values escaped by the driver, never concatenated), so this widens nothing reachable.
    multipleStatements: true,
  };
}

/** For the TypeORM CLI only (reads DB_* / DATABASE_URL / SQLITE_PATH from the environment). */
const cliDb = loadDatabaseConfig();
export default new DataSource({ ...buildDataSourceOptions(cliDb), logger: new SafeTypeOrmLogger(cliDb.logging, true) });
