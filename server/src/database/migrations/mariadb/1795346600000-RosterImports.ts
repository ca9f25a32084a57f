import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Roster imports (issue 3): scheme, month, mode, progress and apply result on roster_import; action,
 * category and masked ID on roster_import_row; identity.confirmed_on (Chongqing cover from the 1st of
 * the confirmed month); enrolment.household_premium; household lookup by (district, household number).
 * Same changes as ../sqlite/1795346600000-RosterImports.ts.
 */
export class RosterImports1795346600000 implements MigrationInterface {
  name = 'RosterImports1795346600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE \`roster_import\`
        ADD \`scheme_id\` varchar(64) NULL,
        ADD \`month\` varchar(7) NULL,
        ADD \`mode\` varchar(8) NOT NULL DEFAULT 'full',
        ADD \`file_format\` varchar(8) NULL,
        ADD \`file_size\` int NOT NULL DEFAULT '0',
        ADD \`stored_file\` varchar(100) NULL,
        ADD \`warning_count\` int NOT NULL DEFAULT '0',
        ADD \`rows_read\` int NOT NULL DEFAULT '0',
        ADD \`rows_per_second\` int NOT NULL DEFAULT '0',
        ADD \`counts\` json NULL,
        ADD \`failure\` varchar(500) NULL,
        ADD \`started_at\` datetime(6) NULL,
        ADD \`applied_at\` datetime(6) NULL,
        ADD \`applied_by_id\` int NULL,
        ADD \`apply_key\` varchar(128) NULL,
        ADD \`apply_result\` json NULL
    `);
    await queryRunner.query(`
      ALTER TABLE \`roster_import_row\`
        ADD \`action\` varchar(16) NULL,
        ADD \`category_code\` varchar(32) NULL,
        ADD \`id_number_masked\` varchar(24) NULL
    `);
    await queryRunner.query(
      `CREATE INDEX \`ix_roster_import_row_status\` ON \`roster_import_row\` (\`roster_import_id\`, \`status\`, \`row_no\`)`,
    );
    await queryRunner.query(`ALTER TABLE \`identity\` ADD \`confirmed_on\` date NULL`);
    await queryRunner.query(`ALTER TABLE \`enrolment\` ADD \`household_premium\` decimal(14,2) NULL`);
    await queryRunner.query(`CREATE INDEX \`ix_household_district_no\` ON \`household\` (\`district_id\`, \`household_no\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_household_district_no\` ON \`household\``);
    await queryRunner.query(`ALTER TABLE \`enrolment\` DROP COLUMN \`household_premium\``);
    await queryRunner.query(`ALTER TABLE \`identity\` DROP COLUMN \`confirmed_on\``);
    await queryRunner.query(`DROP INDEX \`ix_roster_import_row_status\` ON \`roster_import_row\``);
    await queryRunner.query(`
      ALTER TABLE \`roster_import_row\`
        DROP COLUMN \`id_number_masked\`, DROP COLUMN \`category_code\`, DROP COLUMN \`action\`
    `);
    await queryRunner.query(`
      ALTER TABLE \`roster_import\`
        DROP COLUMN \`apply_result\`, DROP COLUMN \`apply_key\`, DROP COLUMN \`applied_by_id\`, DROP COLUMN \`applied_at\`,
        DROP COLUMN \`started_at\`, DROP COLUMN \`failure\`, DROP COLUMN \`counts\`, DROP COLUMN \`rows_per_second\`,
        DROP COLUMN \`rows_read\`, DROP COLUMN \`warning_count\`, DROP COLUMN \`stored_file\`, DROP COLUMN \`file_size\`,
        DROP COLUMN \`file_format\`, DROP COLUMN \`mode\`, DROP COLUMN \`month\`, DROP COLUMN \`scheme_id\`
    `);
  }
}
