import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '../../src/config/config';
import { buildDataSourceOptions } from '../../src/database/data-source';

/** Which database the integration tests run on: DB_TYPE=sqlite (default) or mariadb with DATABASE_URL. */
export const DIALECT = (process.env.DB_TYPE ?? 'sqlite') as 'sqlite' | 'mariadb';

export interface TestDatabase {
  env: Record<string, string>;
  config: AppConfig;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: a temp SQLite file, or a new `huimin_test_<random>`
 * database on the MariaDB that scripts/test.mjs started (its user may create those).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'huimin-test-'));
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    PII_KEY: randomBytes(32).toString('base64'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    // Tests build their own people; the demo seed has its own test (set config.seedDemo there).
    SEED_DEMO: 'false',
  };
  let dropDb = async () => {};
  if (DIALECT === 'mariadb') {
    const base = process.env.DATABASE_URL;
    if (!base) throw new Error('DB_TYPE=mariadb needs DATABASE_URL (scripts/test.mjs sets it)');
    const url = new URL(base);
    const name = `huimin_test_${randomBytes(4).toString('hex')}`;
    const admin = await createConnection({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    url.pathname = `/${name}`;
    Object.assign(env, { DB_TYPE: 'mariadb', DATABASE_URL: url.toString() });
    dropDb = async () => {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    };
  } else {
    Object.assign(env, { DB_TYPE: 'sqlite', SQLITE_PATH: join(dataDir, 'test.sqlite') });
  }
  const config = loadConfig(env, () => undefined);
  return {
    env,
    config,
    async drop() {
      await dropDb();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A DataSource on the test database, migrations not yet run unless asked. */
export async function openDataSource(db: TestDatabase, opts: { migrate?: boolean } = {}): Promise<DataSource> {
  const ds = new DataSource({ ...buildDataSourceOptions(db.config.db), migrationsRun: false, logging: false, logger: 'simple-console' });
  await ds.initialize();
  if (opts.migrate) await ds.runMigrations({ transaction: 'each' });
  return ds;
}
