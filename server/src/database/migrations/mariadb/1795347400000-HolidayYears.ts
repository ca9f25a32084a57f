import { MigrationInterface, QueryRunner } from 'typeorm';

/** HolidayYears (mariadb). Generated from the entities by scripts/schema-diff.ts; the other dialect has the same change. */
export class HolidayYears1795347400000 implements MigrationInterface {
  name = 'HolidayYears1795347400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `holiday_year` (`year` int NOT NULL, `data` text NOT NULL, `source` varchar(200) NOT NULL, `entered_by_user_id` int NOT NULL, `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`year`)) ENGINE=InnoDB");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE `holiday_year`");
  }
}
