import { MigrationInterface, QueryRunner } from 'typeorm';

/** Oversight (mariadb). Generated from the entities by scripts/schema-diff.ts; the other dialect has the same change. */
export class Oversight1795347500000 implements MigrationInterface {
  name = 'Oversight1795347500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `loss_ratio_warning` (`id` int NOT NULL AUTO_INCREMENT, `scheme_id` varchar(64) NOT NULL, `insurance_year` int NOT NULL, `district_id` int NOT NULL, `level` varchar(40) NOT NULL, `label` varchar(200) NOT NULL, `notify` varchar(100) NOT NULL, `source` varchar(300) NOT NULL, `ratio_percent` varchar(16) NOT NULL, `premium` decimal(14,2) NOT NULL, `claims` decimal(14,2) NOT NULL, `claim_id` int NULL, `claim_event_id` int NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_loss_ratio_warning_district` (`district_id`, `id`), UNIQUE INDEX `uq_loss_ratio_warning` (`scheme_id`, `insurance_year`, `district_id`, `level`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `premium_cell` (`id` int NOT NULL AUTO_INCREMENT, `scheme_id` varchar(64) NOT NULL, `insurance_year` int NOT NULL, `generation` int NOT NULL, `district_id` int NOT NULL, `cover_start` date NULL, `cover_end` date NULL, `persons` int NOT NULL DEFAULT '0', `households` int NOT NULL DEFAULT '0', `households_billed` int NOT NULL DEFAULT '0', `recorded_premium` decimal(14,2) NOT NULL, INDEX `ix_premium_cell_scheme_year` (`scheme_id`, `insurance_year`, `generation`, `district_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `premium_snapshot` (`id` int NOT NULL AUTO_INCREMENT, `scheme_id` varchar(64) NOT NULL, `insurance_year` int NOT NULL, `fingerprint` varchar(100) NOT NULL, `generation` int NOT NULL, `build_ms` int NOT NULL, `built_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_premium_snapshot` (`scheme_id`, `insurance_year`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `loss_ratio_warning` ADD CONSTRAINT `fk_loss_ratio_warning_district` FOREIGN KEY (`district_id`) REFERENCES `district`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `loss_ratio_warning` DROP FOREIGN KEY `fk_loss_ratio_warning_district`");
    await queryRunner.query("DROP INDEX `uq_premium_snapshot` ON `premium_snapshot`");
    await queryRunner.query("DROP TABLE `premium_snapshot`");
    await queryRunner.query("DROP INDEX `ix_premium_cell_scheme_year` ON `premium_cell`");
    await queryRunner.query("DROP TABLE `premium_cell`");
    await queryRunner.query("DROP INDEX `uq_loss_ratio_warning` ON `loss_ratio_warning`");
    await queryRunner.query("DROP INDEX `ix_loss_ratio_warning_district` ON `loss_ratio_warning`");
    await queryRunner.query("DROP TABLE `loss_ratio_warning`");
  }
}
