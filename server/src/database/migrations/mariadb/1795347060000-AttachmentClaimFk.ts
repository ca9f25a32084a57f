import { MigrationInterface, QueryRunner } from 'typeorm';

/** AttachmentClaimFk (mariadb). Generated from the entities by scripts/schema-diff.ts; the other dialect has the same change. */
export class AttachmentClaimFk1795347060000 implements MigrationInterface {
  name = 'AttachmentClaimFk1795347060000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `attachment` ADD CONSTRAINT `fk_attachment_claim` FOREIGN KEY (`claim_id`) REFERENCES `claim`(`id`) ON DELETE SET NULL ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `attachment` DROP FOREIGN KEY `fk_attachment_claim`");
  }
}
