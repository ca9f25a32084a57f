import { MigrationInterface, QueryRunner } from 'typeorm';

/** ClaimFollowups (mariadb). Generated from the entities by scripts/schema-diff.ts; the other dialect has the same change. */
export class ClaimFollowups1795347000500 implements MigrationInterface {
  name = 'ClaimFollowups1795347000500';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `claim_alert` (`id` int NOT NULL AUTO_INCREMENT, `person_id` int NOT NULL, `district_id` int NOT NULL, `scheme_id` varchar(64) NOT NULL, `benefit_id` varchar(64) NOT NULL, `kind` varchar(24) NOT NULL, `event_date` date NOT NULL, `detail` varchar(300) NOT NULL, `source_key` varchar(64) NOT NULL, `state` varchar(16) NOT NULL, `claim_id` int NULL, `note` varchar(300) NULL, `imported_by_user_id` int NOT NULL, `closed_at` datetime(6) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_claim_alert_district` (`district_id`, `state`), INDEX `ix_claim_alert_person` (`person_id`, `state`), UNIQUE INDEX `uq_claim_alert_source` (`source_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `claim_dispute` (`id` int NOT NULL AUTO_INCREMENT, `claim_id` int NOT NULL, `person_id` int NOT NULL, `district_id` int NOT NULL, `raised_by_user_id` int NOT NULL, `reason` varchar(1000) NOT NULL, `state` varchar(16) NOT NULL, `due_date` date NULL, `outcome` varchar(16) NULL, `answer` varchar(1000) NULL, `answered_by_user_id` int NULL, `answered_at` datetime(6) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_claim_dispute_district_state` (`district_id`, `state`, `due_date`), INDEX `ix_claim_dispute_claim` (`claim_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `claim_alert` ADD CONSTRAINT `fk_claim_alert_person` FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `claim_dispute` ADD CONSTRAINT `fk_claim_dispute_claim` FOREIGN KEY (`claim_id`) REFERENCES `claim`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `claim_dispute` DROP FOREIGN KEY `fk_claim_dispute_claim`");
    await queryRunner.query("ALTER TABLE `claim_alert` DROP FOREIGN KEY `fk_claim_alert_person`");
    await queryRunner.query("DROP INDEX `ix_claim_dispute_claim` ON `claim_dispute`");
    await queryRunner.query("DROP INDEX `ix_claim_dispute_district_state` ON `claim_dispute`");
    await queryRunner.query("DROP TABLE `claim_dispute`");
    await queryRunner.query("DROP INDEX `uq_claim_alert_source` ON `claim_alert`");
    await queryRunner.query("DROP INDEX `ix_claim_alert_person` ON `claim_alert`");
    await queryRunner.query("DROP INDEX `ix_claim_alert_district` ON `claim_alert`");
    await queryRunner.query("DROP TABLE `claim_alert`");
  }
}
