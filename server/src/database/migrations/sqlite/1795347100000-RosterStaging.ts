import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Roster rows as a staging table (issue 3, import speed), SQLite. Same changes as
 * ../mariadb/1795347100000-RosterStaging.ts; only ADD COLUMN (no table rebuild).
 */
const ROW_COLUMNS: [string, string][] = [
  ['name', 'varchar(64)'],
  ['id_number_enc', 'varchar(128)'],
  ['birth_date', 'date'],
  ['sex', 'varchar(1)'],
  ['household_no', 'varchar(32)'],
  ['phone_enc', 'varchar(128)'],
  ['phone_masked', 'varchar(16)'],
  ['flags', 'json'],
  ['valid_from', 'date'],
  ['valid_to', 'date'],
  ['confirmed_on', 'date'],
  ['person_row', 'boolean NOT NULL DEFAULT (0)'],
];

export class RosterStaging1795347100000 implements MigrationInterface {
  name = 'RosterStaging1795347100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [c, t] of ROW_COLUMNS) await queryRunner.query(`ALTER TABLE "roster_import_row" ADD COLUMN "${c}" ${t}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [c] of [...ROW_COLUMNS].reverse()) await queryRunner.query(`ALTER TABLE "roster_import_row" DROP COLUMN "${c}"`);
  }
}
