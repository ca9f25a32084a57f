import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Roster rows as a staging table (issue 3, import speed): the validated values a set-based apply reads
 * with INSERT … SELECT / UPDATE … JOIN instead of decrypting every row in JavaScript. The ID number and
 * phone stay encrypted (id_number_enc / phone_enc in person's own format); name, birth date and the rest
 * are what person stores in clear anyway. person_row marks the one row per person whose values the apply
 * writes to person. Same changes as ../sqlite/1795347100000-RosterStaging.ts.
 */
export class RosterStaging1795347100000 implements MigrationInterface {
  name = 'RosterStaging1795347100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE \`roster_import_row\`
        ADD \`name\` varchar(64) NULL,
        ADD \`id_number_enc\` varchar(128) NULL,
        ADD \`birth_date\` date NULL,
        ADD \`sex\` varchar(1) NULL,
        ADD \`household_no\` varchar(32) NULL,
        ADD \`phone_enc\` varchar(128) NULL,
        ADD \`phone_masked\` varchar(16) NULL,
        ADD \`flags\` json NULL,
        ADD \`valid_from\` date NULL,
        ADD \`valid_to\` date NULL,
        ADD \`confirmed_on\` date NULL,
        ADD \`person_row\` tinyint NOT NULL DEFAULT 0
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE \`roster_import_row\`
        DROP COLUMN \`person_row\`, DROP COLUMN \`confirmed_on\`, DROP COLUMN \`valid_to\`, DROP COLUMN \`valid_from\`,
        DROP COLUMN \`flags\`, DROP COLUMN \`phone_masked\`, DROP COLUMN \`phone_enc\`, DROP COLUMN \`household_no\`,
        DROP COLUMN \`sex\`, DROP COLUMN \`birth_date\`, DROP COLUMN \`id_number_enc\`, DROP COLUMN \`name\`
    `);
  }
}
