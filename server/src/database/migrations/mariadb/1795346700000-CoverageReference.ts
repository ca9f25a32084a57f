import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data from the rules engine (MariaDB/MySQL): insurer.code (the engine's insurer id),
 * district.scheme_id (the scheme whose area the district is). identity.confirmed_on comes from 1795346600000-RosterImports
 * date). Same change as ../sqlite/1795346700000-CoverageReference.ts.
 */
export class CoverageReference1795346700000 implements MigrationInterface {
  name = 'CoverageReference1795346700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`insurer\` ADD \`code\` varchar(64) NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX \`uq_insurer_code\` ON \`insurer\` (\`code\`)`);
    await queryRunner.query(`ALTER TABLE \`district\` ADD \`scheme_id\` varchar(64) NULL`);
    await queryRunner.query(`CREATE INDEX \`ix_district_scheme\` ON \`district\` (\`scheme_id\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_district_scheme\` ON \`district\``);
    await queryRunner.query(`ALTER TABLE \`district\` DROP COLUMN \`scheme_id\``);
    await queryRunner.query(`DROP INDEX \`uq_insurer_code\` ON \`insurer\``);
    await queryRunner.query(`ALTER TABLE \`insurer\` DROP COLUMN \`code\``);
  }
}
