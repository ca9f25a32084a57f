import { MigrationInterface, QueryRunner } from 'typeorm';

/** AttachmentKeys (sqlite). Generated from the entities by scripts/schema-diff.ts; the other dialect has the same change. */
export class AttachmentKeys1795347600000 implements MigrationInterface {
  name = 'AttachmentKeys1795347600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX \"ix_attachment_thumb_key\" ON \"attachment\" (\"thumb_key\") ");
    await queryRunner.query("CREATE INDEX \"ix_attachment_storage_key\" ON \"attachment\" (\"storage_key\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ix_attachment_storage_key\"");
    await queryRunner.query("DROP INDEX \"ix_attachment_thumb_key\"");
  }
}
