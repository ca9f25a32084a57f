import { MigrationInterface, QueryRunner } from 'typeorm';

/** HuhuibaoSubsidy (mariadb). Generated from the entities by scripts/schema-diff.ts; the other dialect has the same change. */
export class HuhuibaoSubsidy1795347200000 implements MigrationInterface {
  name = 'HuhuibaoSubsidy1795347200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `subsidy_bank_account` (`id` int NOT NULL AUTO_INCREMENT, `person_id` int NOT NULL, `bank_name` varchar(64) NOT NULL, `holder_name` varchar(64) NOT NULL, `account_enc` varchar(160) NOT NULL, `account_masked` varchar(24) NOT NULL, `confirmed_by_user_id` int NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_subsidy_bank_account_person` (`person_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `subsidy_payment_batch` (`id` int NOT NULL AUTO_INCREMENT, `district_id` int NOT NULL, `policy_year` int NOT NULL, `status` varchar(16) NOT NULL, `item_count` int NOT NULL DEFAULT '0', `total_amount` decimal(14,2) NOT NULL, `created_by_id` int NULL, `exported_at` datetime(6) NULL, `settled_at` datetime(6) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_subsidy_payment_batch_district` (`district_id`, `policy_year`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `huhuibao_policy_import` (`id` int NOT NULL AUTO_INCREMENT, `file_name` varchar(255) NOT NULL, `file_sha256` varchar(64) NOT NULL, `file_format` varchar(8) NOT NULL, `policy_year` int NULL, `status` varchar(16) NOT NULL, `row_count` int NOT NULL DEFAULT '0', `error_count` int NOT NULL DEFAULT '0', `warning_count` int NOT NULL DEFAULT '0', `counts` json NULL, `failure` varchar(500) NULL, `imported_by_id` int NULL, `applied_by_id` int NULL, `applied_at` datetime(6) NULL, `apply_result` json NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_huhuibao_policy_import_sha` (`file_sha256`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `huhuibao_policy` (`id` int NOT NULL AUTO_INCREMENT, `policy_no` varchar(64) NOT NULL, `holder_name` varchar(64) NOT NULL, `id_number_enc` varchar(128) NOT NULL, `id_number_hash` varchar(64) NOT NULL, `id_number_masked` varchar(24) NOT NULL, `person_id` int NULL, `group_policy` tinyint NOT NULL, `via_minhang_link` tinyint NOT NULL, `purchase_date` date NOT NULL, `issue_date` date NOT NULL, `premium` decimal(14,2) NOT NULL, `policy_year` int NOT NULL, `import_id` int NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_huhuibao_policy_year` (`policy_year`), INDEX `ix_huhuibao_policy_person` (`person_id`), INDEX `ix_huhuibao_policy_id_hash` (`id_number_hash`), UNIQUE INDEX `uq_huhuibao_policy_no` (`policy_no`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `huhuibao_subsidy` (`id` int NOT NULL AUTO_INCREMENT, `policy_id` int NOT NULL, `person_id` int NULL, `policy_year` int NOT NULL, `decision` varchar(16) NOT NULL, `amount` decimal(14,2) NOT NULL, `reasons` json NOT NULL, `district_id` int NULL, `payers` json NULL, `grant_key` varchar(40) NULL, `status` varchar(20) NOT NULL, `failure_reason` varchar(255) NULL, `batch_id` int NULL, `paid_on` date NULL, `matched_at` datetime(6) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_huhuibao_subsidy_batch` (`batch_id`), INDEX `ix_huhuibao_subsidy_batchable` (`district_id`, `policy_year`, `status`), INDEX `ix_huhuibao_subsidy_person` (`person_id`, `policy_year`), UNIQUE INDEX `uq_huhuibao_subsidy_grant` (`grant_key`), UNIQUE INDEX `uq_huhuibao_subsidy_policy` (`policy_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `subsidy_payment_item` (`id` int NOT NULL AUTO_INCREMENT, `batch_id` int NOT NULL, `subsidy_id` int NOT NULL, `open_subsidy_id` int NULL, `person_id` int NOT NULL, `amount` decimal(14,2) NOT NULL, `holder_name` varchar(64) NOT NULL, `bank_name` varchar(64) NOT NULL, `account_enc` varchar(160) NOT NULL, `account_masked` varchar(24) NOT NULL, `result` varchar(16) NOT NULL, `failure_reason` varchar(255) NULL, `paid_on` date NULL, `result_at` datetime(6) NULL, INDEX `ix_subsidy_payment_item_subsidy` (`subsidy_id`), UNIQUE INDEX `uq_subsidy_payment_item_open` (`open_subsidy_id`), UNIQUE INDEX `uq_subsidy_payment_item` (`batch_id`, `subsidy_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `huhuibao_policy_import_row` (`id` int NOT NULL AUTO_INCREMENT, `import_id` int NOT NULL, `row_no` int NOT NULL, `status` varchar(16) NOT NULL, `action` varchar(16) NULL, `policy_no` varchar(64) NULL, `id_number_masked` varchar(24) NULL, `data_enc` text NOT NULL, `messages` json NULL, INDEX `ix_huhuibao_policy_import_row_status` (`import_id`, `status`, `row_no`), UNIQUE INDEX `uq_huhuibao_policy_import_row_no` (`import_id`, `row_no`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `subsidy_bank_account` ADD CONSTRAINT `fk_subsidy_bank_account_person` FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `subsidy_bank_account` ADD CONSTRAINT `fk_subsidy_bank_account_user` FOREIGN KEY (`confirmed_by_user_id`) REFERENCES `app_user`(`id`) ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `subsidy_payment_batch` ADD CONSTRAINT `fk_subsidy_payment_batch_district` FOREIGN KEY (`district_id`) REFERENCES `district`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `subsidy_payment_batch` ADD CONSTRAINT `fk_subsidy_payment_batch_user` FOREIGN KEY (`created_by_id`) REFERENCES `app_user`(`id`) ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `huhuibao_policy_import` ADD CONSTRAINT `fk_huhuibao_policy_import_user` FOREIGN KEY (`imported_by_id`) REFERENCES `app_user`(`id`) ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `huhuibao_policy_import` ADD CONSTRAINT `fk_huhuibao_policy_import_applier` FOREIGN KEY (`applied_by_id`) REFERENCES `app_user`(`id`) ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `huhuibao_policy` ADD CONSTRAINT `fk_huhuibao_policy_person` FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `huhuibao_policy` ADD CONSTRAINT `fk_huhuibao_policy_import` FOREIGN KEY (`import_id`) REFERENCES `huhuibao_policy_import`(`id`) ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `huhuibao_subsidy` ADD CONSTRAINT `fk_huhuibao_subsidy_policy` FOREIGN KEY (`policy_id`) REFERENCES `huhuibao_policy`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `huhuibao_subsidy` ADD CONSTRAINT `fk_huhuibao_subsidy_person` FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `huhuibao_subsidy` ADD CONSTRAINT `fk_huhuibao_subsidy_district` FOREIGN KEY (`district_id`) REFERENCES `district`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `subsidy_payment_item` ADD CONSTRAINT `fk_subsidy_payment_item_batch` FOREIGN KEY (`batch_id`) REFERENCES `subsidy_payment_batch`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `subsidy_payment_item` ADD CONSTRAINT `fk_subsidy_payment_item_subsidy` FOREIGN KEY (`subsidy_id`) REFERENCES `huhuibao_subsidy`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `huhuibao_policy_import_row` ADD CONSTRAINT `fk_huhuibao_policy_import_row_import` FOREIGN KEY (`import_id`) REFERENCES `huhuibao_policy_import`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `huhuibao_policy_import_row` DROP FOREIGN KEY `fk_huhuibao_policy_import_row_import`");
    await queryRunner.query("ALTER TABLE `subsidy_payment_item` DROP FOREIGN KEY `fk_subsidy_payment_item_subsidy`");
    await queryRunner.query("ALTER TABLE `subsidy_payment_item` DROP FOREIGN KEY `fk_subsidy_payment_item_batch`");
    await queryRunner.query("ALTER TABLE `huhuibao_subsidy` DROP FOREIGN KEY `fk_huhuibao_subsidy_district`");
    await queryRunner.query("ALTER TABLE `huhuibao_subsidy` DROP FOREIGN KEY `fk_huhuibao_subsidy_person`");
    await queryRunner.query("ALTER TABLE `huhuibao_subsidy` DROP FOREIGN KEY `fk_huhuibao_subsidy_policy`");
    await queryRunner.query("ALTER TABLE `huhuibao_policy` DROP FOREIGN KEY `fk_huhuibao_policy_import`");
    await queryRunner.query("ALTER TABLE `huhuibao_policy` DROP FOREIGN KEY `fk_huhuibao_policy_person`");
    await queryRunner.query("ALTER TABLE `huhuibao_policy_import` DROP FOREIGN KEY `fk_huhuibao_policy_import_applier`");
    await queryRunner.query("ALTER TABLE `huhuibao_policy_import` DROP FOREIGN KEY `fk_huhuibao_policy_import_user`");
    await queryRunner.query("ALTER TABLE `subsidy_payment_batch` DROP FOREIGN KEY `fk_subsidy_payment_batch_user`");
    await queryRunner.query("ALTER TABLE `subsidy_payment_batch` DROP FOREIGN KEY `fk_subsidy_payment_batch_district`");
    await queryRunner.query("ALTER TABLE `subsidy_bank_account` DROP FOREIGN KEY `fk_subsidy_bank_account_user`");
    await queryRunner.query("ALTER TABLE `subsidy_bank_account` DROP FOREIGN KEY `fk_subsidy_bank_account_person`");
    await queryRunner.query("DROP INDEX `uq_huhuibao_policy_import_row_no` ON `huhuibao_policy_import_row`");
    await queryRunner.query("DROP INDEX `ix_huhuibao_policy_import_row_status` ON `huhuibao_policy_import_row`");
    await queryRunner.query("DROP TABLE `huhuibao_policy_import_row`");
    await queryRunner.query("DROP INDEX `uq_subsidy_payment_item` ON `subsidy_payment_item`");
    await queryRunner.query("DROP INDEX `uq_subsidy_payment_item_open` ON `subsidy_payment_item`");
    await queryRunner.query("DROP INDEX `ix_subsidy_payment_item_subsidy` ON `subsidy_payment_item`");
    await queryRunner.query("DROP TABLE `subsidy_payment_item`");
    await queryRunner.query("DROP INDEX `uq_huhuibao_subsidy_policy` ON `huhuibao_subsidy`");
    await queryRunner.query("DROP INDEX `uq_huhuibao_subsidy_grant` ON `huhuibao_subsidy`");
    await queryRunner.query("DROP INDEX `ix_huhuibao_subsidy_person` ON `huhuibao_subsidy`");
    await queryRunner.query("DROP INDEX `ix_huhuibao_subsidy_batchable` ON `huhuibao_subsidy`");
    await queryRunner.query("DROP INDEX `ix_huhuibao_subsidy_batch` ON `huhuibao_subsidy`");
    await queryRunner.query("DROP TABLE `huhuibao_subsidy`");
    await queryRunner.query("DROP INDEX `uq_huhuibao_policy_no` ON `huhuibao_policy`");
    await queryRunner.query("DROP INDEX `ix_huhuibao_policy_id_hash` ON `huhuibao_policy`");
    await queryRunner.query("DROP INDEX `ix_huhuibao_policy_person` ON `huhuibao_policy`");
    await queryRunner.query("DROP INDEX `ix_huhuibao_policy_year` ON `huhuibao_policy`");
    await queryRunner.query("DROP TABLE `huhuibao_policy`");
    await queryRunner.query("DROP INDEX `ix_huhuibao_policy_import_sha` ON `huhuibao_policy_import`");
    await queryRunner.query("DROP TABLE `huhuibao_policy_import`");
    await queryRunner.query("DROP INDEX `ix_subsidy_payment_batch_district` ON `subsidy_payment_batch`");
    await queryRunner.query("DROP TABLE `subsidy_payment_batch`");
    await queryRunner.query("DROP INDEX `uq_subsidy_bank_account_person` ON `subsidy_bank_account`");
    await queryRunner.query("DROP TABLE `subsidy_bank_account`");
  }
}
