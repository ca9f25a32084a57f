import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data from the rules engine (SQLite): insurer.code (the engine's insurer id), district.scheme_id
 * (the scheme whose area the district is). Same change as ../mariadb/1795346700000-CoverageReference.ts.
 */
export class CoverageReference1795346700000 implements MigrationInterface {
  name = 'CoverageReference1795346700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "insurer" ADD COLUMN "code" varchar(64)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_insurer_code" ON "insurer" ("code")`);
    await queryRunner.query(`ALTER TABLE "district" ADD COLUMN "scheme_id" varchar(64)`);
    await queryRunner.query(`CREATE INDEX "ix_district_scheme" ON "district" ("scheme_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_district_scheme"`);
    await queryRunner.query(`ALTER TABLE "district" DROP COLUMN "scheme_id"`);
    await queryRunner.query(`DROP INDEX "uq_insurer_code"`);
    await queryRunner.query(`ALTER TABLE "insurer" DROP COLUMN "code"`);
  }
}
