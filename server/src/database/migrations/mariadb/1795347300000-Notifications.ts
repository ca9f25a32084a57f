import { MigrationInterface, QueryRunner } from 'typeorm';

/** Notifications (mariadb). Generated from the entities by scripts/schema-diff.ts; the other dialect has the same change. */
export class Notifications1795347300000 implements MigrationInterface {
  name = 'Notifications1795347300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `notification_read` (`user_id` int NOT NULL, `person_id` int NOT NULL, `up_to_event_id` int NOT NULL, `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`user_id`, `person_id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `push_cursor` (`name` varchar(32) NOT NULL, `last_event_id` int NOT NULL, `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`name`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `stream_ticket` (`id` varchar(64) NOT NULL, `user_id` int NOT NULL, `role` varchar(16) NOT NULL, `district_ids` varchar(2000) NOT NULL, `session_id` varchar(36) NOT NULL, `expires_at` datetime(6) NOT NULL, `auth_expires_at` datetime(6) NOT NULL, `used_at` datetime(6) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_stream_ticket_expires` (`expires_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `subscribe_acceptance` (`id` int NOT NULL AUTO_INCREMENT, `user_id` int NOT NULL, `person_id` int NOT NULL, `template_id` varchar(64) NOT NULL, `remaining` int NOT NULL DEFAULT '0', `accepted_total` int NOT NULL DEFAULT '0', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_subscribe_acceptance_person` (`person_id`, `template_id`), UNIQUE INDEX `uq_subscribe_acceptance` (`user_id`, `person_id`, `template_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `subscribe_send` (`id` int NOT NULL AUTO_INCREMENT, `claim_event_id` int NOT NULL, `claim_id` int NOT NULL, `user_id` int NOT NULL, `person_id` int NOT NULL, `template_id` varchar(64) NOT NULL, `status` varchar(16) NOT NULL, `errcode` int NULL, `error` varchar(200) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_subscribe_send_user` (`user_id`, `id`), UNIQUE INDEX `uq_subscribe_send` (`claim_event_id`, `user_id`, `template_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `notification_read` ADD CONSTRAINT `fk_notification_read_user` FOREIGN KEY (`user_id`) REFERENCES `app_user`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `notification_read` ADD CONSTRAINT `fk_notification_read_person` FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `stream_ticket` ADD CONSTRAINT `fk_stream_ticket_user` FOREIGN KEY (`user_id`) REFERENCES `app_user`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `subscribe_acceptance` ADD CONSTRAINT `fk_subscribe_acceptance_user` FOREIGN KEY (`user_id`) REFERENCES `app_user`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `subscribe_acceptance` ADD CONSTRAINT `fk_subscribe_acceptance_person` FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `subscribe_send` ADD CONSTRAINT `fk_subscribe_send_claim_event` FOREIGN KEY (`claim_event_id`) REFERENCES `claim_event`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `subscribe_send` ADD CONSTRAINT `fk_subscribe_send_user` FOREIGN KEY (`user_id`) REFERENCES `app_user`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `subscribe_send` DROP FOREIGN KEY `fk_subscribe_send_user`");
    await queryRunner.query("ALTER TABLE `subscribe_send` DROP FOREIGN KEY `fk_subscribe_send_claim_event`");
    await queryRunner.query("ALTER TABLE `subscribe_acceptance` DROP FOREIGN KEY `fk_subscribe_acceptance_person`");
    await queryRunner.query("ALTER TABLE `subscribe_acceptance` DROP FOREIGN KEY `fk_subscribe_acceptance_user`");
    await queryRunner.query("ALTER TABLE `stream_ticket` DROP FOREIGN KEY `fk_stream_ticket_user`");
    await queryRunner.query("ALTER TABLE `notification_read` DROP FOREIGN KEY `fk_notification_read_person`");
    await queryRunner.query("ALTER TABLE `notification_read` DROP FOREIGN KEY `fk_notification_read_user`");
    await queryRunner.query("DROP INDEX `uq_subscribe_send` ON `subscribe_send`");
    await queryRunner.query("DROP INDEX `ix_subscribe_send_user` ON `subscribe_send`");
    await queryRunner.query("DROP TABLE `subscribe_send`");
    await queryRunner.query("DROP INDEX `uq_subscribe_acceptance` ON `subscribe_acceptance`");
    await queryRunner.query("DROP INDEX `ix_subscribe_acceptance_person` ON `subscribe_acceptance`");
    await queryRunner.query("DROP TABLE `subscribe_acceptance`");
    await queryRunner.query("DROP INDEX `ix_stream_ticket_expires` ON `stream_ticket`");
    await queryRunner.query("DROP TABLE `stream_ticket`");
    await queryRunner.query("DROP TABLE `push_cursor`");
    await queryRunner.query("DROP TABLE `notification_read`");
  }
}
