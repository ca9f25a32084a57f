import { MigrationInterface, QueryRunner } from 'typeorm';

/** Attachments (mariadb). Generated from the entities by scripts/schema-diff.ts; the other dialect has the same change. */
export class Attachments1795347000000 implements MigrationInterface {
  name = 'Attachments1795347000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `attachment` (`id` int NOT NULL AUTO_INCREMENT, `person_id` int NOT NULL, `uploaded_by_user_id` int NOT NULL, `claim_id` int NULL, `document_id` varchar(64) NULL, `source_format` varchar(8) NOT NULL, `mime` varchar(32) NOT NULL, `byte_size` int NOT NULL, `width` int NULL, `height` int NULL, `sha256` varchar(64) NOT NULL, `storage_key` varchar(128) NOT NULL, `thumb_key` varchar(128) NULL, `invoice_code` varchar(32) NULL, `invoice_number` varchar(32) NULL, `invoice_amount` decimal(14,2) NULL, `invoice_date` date NULL, `invoice_check_code` varchar(32) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_attachment_uploaded_by` (`uploaded_by_user_id`), INDEX `ix_attachment_claim` (`claim_id`), INDEX `ix_attachment_person` (`person_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `attachment` ADD CONSTRAINT `fk_attachment_person` FOREIGN KEY (`person_id`) REFERENCES `person`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `attachment` ADD CONSTRAINT `fk_attachment_uploaded_by` FOREIGN KEY (`uploaded_by_user_id`) REFERENCES `app_user`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `attachment` DROP FOREIGN KEY `fk_attachment_uploaded_by`");
    await queryRunner.query("ALTER TABLE `attachment` DROP FOREIGN KEY `fk_attachment_person`");
    await queryRunner.query("DROP INDEX `ix_attachment_person` ON `attachment`");
    await queryRunner.query("DROP INDEX `ix_attachment_claim` ON `attachment`");
    await queryRunner.query("DROP INDEX `ix_attachment_uploaded_by` ON `attachment`");
    await queryRunner.query("DROP TABLE `attachment`");
  }
}
