import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Roster imports (issue 3), SQLite. Same changes as ../mariadb/1795346600000-RosterImports.ts. Only
 * ADD COLUMN (no table rebuild: roster_import is referenced with ON DELETE CASCADE). DROP COLUMN needs
 * SQLite ≥ 3.35 (better-sqlite3 12 bundles 3.49+).
 */
const IMPORT_COLUMNS: [string, string][] = [
  ['scheme_id', 'varchar(64)'],
  ['month', 'varchar(7)'],
  ['mode', "varchar(8) NOT NULL DEFAULT ('full')"],
  ['file_format', 'varchar(8)'],
  ['file_size', 'integer NOT NULL DEFAULT (0)'],
  ['stored_file', 'varchar(100)'],
  ['warning_count', 'integer NOT NULL DEFAULT (0)'],
  ['rows_read', 'integer NOT NULL DEFAULT (0)'],
  ['rows_per_second', 'integer NOT NULL DEFAULT (0)'],
  ['counts', 'json'],
  ['failure', 'varchar(500)'],
  ['started_at', 'datetime(6)'],
  ['applied_at', 'datetime(6)'],
  ['applied_by_id', 'integer'],
  ['apply_key', 'varchar(128)'],
  ['apply_result', 'json'],
];
const ROW_COLUMNS: [string, string][] = [
  ['action', 'varchar(16)'],
  ['category_code', 'varchar(32)'],
  ['id_number_masked', 'varchar(24)'],
];

export class RosterImports1795346600000 implements MigrationInterface {
  name = 'RosterImports1795346600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [c, t] of IMPORT_COLUMNS) await queryRunner.query(`ALTER TABLE "roster_import" ADD COLUMN "${c}" ${t}`);
    for (const [c, t] of ROW_COLUMNS) await queryRunner.query(`ALTER TABLE "roster_import_row" ADD COLUMN "${c}" ${t}`);
    await queryRunner.query(`CREATE INDEX "ix_roster_import_row_status" ON "roster_import_row" ("roster_import_id", "status", "row_no")`);
    await queryRunner.query(`ALTER TABLE "identity" ADD COLUMN "confirmed_on" date`);
    await queryRunner.query(`ALTER TABLE "enrolment" ADD COLUMN "household_premium" decimal(14,2)`);
    await queryRunner.query(`CREATE INDEX "ix_household_district_no" ON "household" ("district_id", "household_no")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_household_district_no"`);
    await queryRunner.query(`ALTER TABLE "enrolment" DROP COLUMN "household_premium"`);
    await queryRunner.query(`ALTER TABLE "identity" DROP COLUMN "confirmed_on"`);
    await queryRunner.query(`DROP INDEX "ix_roster_import_row_status"`);
    for (const [c] of [...ROW_COLUMNS].reverse()) await queryRunner.query(`ALTER TABLE "roster_import_row" DROP COLUMN "${c}"`);
    for (const [c] of [...IMPORT_COLUMNS].reverse()) await queryRunner.query(`ALTER TABLE "roster_import" DROP COLUMN "${c}"`);
  }
}
