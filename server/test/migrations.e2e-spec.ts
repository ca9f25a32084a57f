import { DataSource } from 'typeorm';
import { MIGRATIONS_TABLE } from '../src/database/data-source';
import { createTestDatabase, DIALECT, openDataSource, TestDatabase } from './support/test-db';

const TABLES = [
  'app_user', 'annual_usage', 'audit_event', 'district', 'enrolment', 'household', 'identity',
  'insurer', 'person', 'roster_import', 'roster_import_row', 'user_district',
  'auth_session', 'auth_refresh_token', 'bind_attempt', 'proxy_grant', 'proxy_invite', 'idempotency_record', 'claim', 'claim_document', 'claim_event', 'claim_dispute', 'claim_alert',
  'attachment',
  'huhuibao_policy_import', 'huhuibao_policy_import_row', 'huhuibao_policy', 'huhuibao_subsidy', 'subsidy_bank_account', 'subsidy_payment_batch', 'subsidy_payment_item',
  'stream_ticket', 'notification_read', 'subscribe_acceptance', 'subscribe_send', 'push_cursor', 'holiday_year',
  'loss_ratio_warning', 'premium_cell', 'premium_snapshot',
].sort();

async function tables(ds: DataSource): Promise<string[]> {
  const rows: { name: string }[] =
    DIALECT === 'sqlite'
      ? await ds.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      : await ds.query(`SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()`);
  return rows.map((r) => r.name).filter((n) => n !== MIGRATIONS_TABLE && n !== 'typeorm_metadata').sort();
}

describe(`migrations (${DIALECT})`, () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await openDataSource(db);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('go up, down and up again cleanly', async () => {
    expect(await tables(ds)).toEqual([]);
    expect(await ds.showMigrations()).toBe(true);

    const ran = await ds.runMigrations({ transaction: 'each' });
    expect(ran.map((m) => m.name)).toEqual(ds.migrations.map((m) => m.name));
    expect(await tables(ds)).toEqual(TABLES);
    expect(await ds.showMigrations()).toBe(false);

    for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await tables(ds)).toEqual([]);
    expect(await ds.showMigrations()).toBe(true);

    await ds.runMigrations({ transaction: 'each' });
    expect(await tables(ds)).toEqual(TABLES);
    expect(await ds.showMigrations()).toBe(false);
  });

  it('leave the schema exactly as the entities describe it', async () => {
    const sql = await ds.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  if (DIALECT === 'mariadb') {
    it('use utf8mb4 on every table and +08:00 as the time zone', async () => {
      const rows: { TABLE_NAME: string; TABLE_COLLATION: string }[] = await ds.query(
        `SELECT TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()`,
      );
      for (const r of rows) expect([r.TABLE_NAME, r.TABLE_COLLATION]).toEqual([r.TABLE_NAME, 'utf8mb4_unicode_ci']);
      const [tz] = await ds.query('SELECT @@session.time_zone AS session, @@global.time_zone AS global');
      expect(tz).toEqual({ session: '+08:00', global: '+08:00' });
    });
  }
});
