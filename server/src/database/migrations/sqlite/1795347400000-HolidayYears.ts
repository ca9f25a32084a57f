import { MigrationInterface, QueryRunner } from 'typeorm';

/** HolidayYears (sqlite). Generated from the entities by scripts/schema-diff.ts; the other dialect has the same change. */
export class HolidayYears1795347400000 implements MigrationInterface {
  name = 'HolidayYears1795347400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"holiday_year\" (\"year\" integer PRIMARY KEY NOT NULL, \"data\" text NOT NULL, \"source\" varchar(200) NOT NULL, \"entered_by_user_id\" integer NOT NULL, \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"holiday_year\"");
  }
}
