import { MigrationInterface, QueryRunner } from 'typeorm';

/** Claims (mariadb). Generated from the entities by scripts/schema-diff.ts; the other dialect has the same change. */
export class Claims1795346900000 implements MigrationInterface {
  name = 'Claims1795346900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `claim` (`id` int NOT NULL AUTO_INCREMENT, `claim_no` varchar(24) NULL, `person_id` int NOT NULL, `household_id` int NULL, `district_id` int NOT NULL, `scheme_id` varchar(64) NOT NULL, `version_id` varchar(64) NOT NULL, `benefit_id` varchar(64) NOT NULL, `insurance_year` int NOT NULL, `incident_date` date NOT NULL, `place` varchar(200) NULL, `description` varchar(1000) NOT NULL, `facts` text NOT NULL, `granted_option` varchar(64) NULL, `state` varchar(24) NOT NULL, `source` varchar(16) NOT NULL, `estimated_payout` decimal(14,2) NULL, `estimate` text NULL, `approved_amount` decimal(14,2) NULL, `amount_change_reason` varchar(500) NULL, `ledger_base` decimal(14,2) NULL, `ledger_usage_id` int NULL, `decision_reason` varchar(500) NULL, `documents_complete_on` date NULL, `due_date` date NULL, `deadline` text NULL, `reported_by_user_id` int NOT NULL, `decided_at` datetime(6) NULL, `paid_at` datetime(6) NULL, `payment_ref` varchar(64) NULL, `version` int NOT NULL DEFAULT '1', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_claim_ledger` (`person_id`, `scheme_id`, `benefit_id`, `insurance_year`), INDEX `ix_claim_district_state` (`district_id`, `state`, `due_date`), INDEX `ix_claim_person` (`person_id`, `created_at`), UNIQUE INDEX `uq_claim_no` (`claim_no`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `claim_document` (`id` int NOT NULL AUTO_INCREMENT, `claim_id` int NOT NULL, `document_id` varchar(64) NOT NULL, `name` varchar(200) NOT NULL, `note` varchar(300) NULL, `position` int NOT NULL, `status` varchar(16) NOT NULL, `review_note` varchar(300) NULL, `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_claim_document` (`claim_id`, `document_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `claim_event` (`id` int NOT NULL AUTO_INCREMENT, `claim_id` int NOT NULL, `district_id` int NOT NULL, `person_id` int NOT NULL, `type` varchar(16) NOT NULL, `action` varchar(40) NOT NULL, `label` varchar(200) NOT NULL, `from_state` varchar(24) NULL, `to_state` varchar(24) NOT NULL, `actor_user_id` int NULL, `actor_role` varchar(16) NOT NULL, `on_behalf_of_person_id` int NULL, `reason` varchar(500) NULL, `amount` decimal(14,2) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_claim_event_person` (`person_id`, `id`), INDEX `ix_claim_event_district` (`district_id`, `id`), INDEX `ix_claim_event_claim` (`claim_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `claim` ADD CONSTRAINT `fk_claim_person` FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `claim` ADD CONSTRAINT `fk_claim_district` FOREIGN KEY (`district_id`) REFERENCES `district`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `claim_document` ADD CONSTRAINT `fk_claim_document_claim` FOREIGN KEY (`claim_id`) REFERENCES `claim`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `claim_event` ADD CONSTRAINT `fk_claim_event_claim` FOREIGN KEY (`claim_id`) REFERENCES `claim`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `claim_event` DROP FOREIGN KEY `fk_claim_event_claim`");
    await queryRunner.query("ALTER TABLE `claim_document` DROP FOREIGN KEY `fk_claim_document_claim`");
    await queryRunner.query("ALTER TABLE `claim` DROP FOREIGN KEY `fk_claim_district`");
    await queryRunner.query("ALTER TABLE `claim` DROP FOREIGN KEY `fk_claim_person`");
    await queryRunner.query("DROP INDEX `ix_claim_event_claim` ON `claim_event`");
    await queryRunner.query("DROP INDEX `ix_claim_event_district` ON `claim_event`");
    await queryRunner.query("DROP INDEX `ix_claim_event_person` ON `claim_event`");
    await queryRunner.query("DROP TABLE `claim_event`");
    await queryRunner.query("DROP INDEX `uq_claim_document` ON `claim_document`");
    await queryRunner.query("DROP TABLE `claim_document`");
    await queryRunner.query("DROP INDEX `uq_claim_no` ON `claim`");
    await queryRunner.query("DROP INDEX `ix_claim_person` ON `claim`");
    await queryRunner.query("DROP INDEX `ix_claim_district_state` ON `claim`");
    await queryRunner.query("DROP INDEX `ix_claim_ledger` ON `claim`");
    await queryRunner.query("DROP TABLE `claim`");
  }
}
