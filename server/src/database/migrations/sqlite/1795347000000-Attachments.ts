import { MigrationInterface, QueryRunner } from 'typeorm';

/** Attachments (sqlite). Generated from the entities by scripts/schema-diff.ts; the other dialect has the same change. */
export class Attachments1795347000000 implements MigrationInterface {
  name = 'Attachments1795347000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"attachment\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"person_id\" integer NOT NULL, \"uploaded_by_user_id\" integer NOT NULL, \"claim_id\" integer, \"document_id\" varchar(64), \"source_format\" varchar(8) NOT NULL, \"mime\" varchar(32) NOT NULL, \"byte_size\" integer NOT NULL, \"width\" integer, \"height\" integer, \"sha256\" varchar(64) NOT NULL, \"storage_key\" varchar(128) NOT NULL, \"thumb_key\" varchar(128), \"invoice_code\" varchar(32), \"invoice_number\" varchar(32), \"invoice_amount\" decimal(14,2), \"invoice_date\" date, \"invoice_check_code\" varchar(32), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"ix_attachment_uploaded_by\" ON \"attachment\" (\"uploaded_by_user_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_attachment_claim\" ON \"attachment\" (\"claim_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_attachment_person\" ON \"attachment\" (\"person_id\") ");
    await queryRunner.query("DROP INDEX \"ix_attachment_uploaded_by\"");
    await queryRunner.query("DROP INDEX \"ix_attachment_claim\"");
    await queryRunner.query("DROP INDEX \"ix_attachment_person\"");
    await queryRunner.query("CREATE TABLE \"temporary_attachment\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"person_id\" integer NOT NULL, \"uploaded_by_user_id\" integer NOT NULL, \"claim_id\" integer, \"document_id\" varchar(64), \"source_format\" varchar(8) NOT NULL, \"mime\" varchar(32) NOT NULL, \"byte_size\" integer NOT NULL, \"width\" integer, \"height\" integer, \"sha256\" varchar(64) NOT NULL, \"storage_key\" varchar(128) NOT NULL, \"thumb_key\" varchar(128), \"invoice_code\" varchar(32), \"invoice_number\" varchar(32), \"invoice_amount\" decimal(14,2), \"invoice_date\" date, \"invoice_check_code\" varchar(32), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"fk_attachment_person\" FOREIGN KEY (\"person_id\") REFERENCES \"person\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"fk_attachment_uploaded_by\" FOREIGN KEY (\"uploaded_by_user_id\") REFERENCES \"app_user\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_attachment\"(\"id\", \"person_id\", \"uploaded_by_user_id\", \"claim_id\", \"document_id\", \"source_format\", \"mime\", \"byte_size\", \"width\", \"height\", \"sha256\", \"storage_key\", \"thumb_key\", \"invoice_code\", \"invoice_number\", \"invoice_amount\", \"invoice_date\", \"invoice_check_code\", \"created_at\") SELECT \"id\", \"person_id\", \"uploaded_by_user_id\", \"claim_id\", \"document_id\", \"source_format\", \"mime\", \"byte_size\", \"width\", \"height\", \"sha256\", \"storage_key\", \"thumb_key\", \"invoice_code\", \"invoice_number\", \"invoice_amount\", \"invoice_date\", \"invoice_check_code\", \"created_at\" FROM \"attachment\"");
    await queryRunner.query("DROP TABLE \"attachment\"");
    await queryRunner.query("ALTER TABLE \"temporary_attachment\" RENAME TO \"attachment\"");
    await queryRunner.query("CREATE INDEX \"ix_attachment_uploaded_by\" ON \"attachment\" (\"uploaded_by_user_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_attachment_claim\" ON \"attachment\" (\"claim_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_attachment_person\" ON \"attachment\" (\"person_id\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ix_attachment_person\"");
    await queryRunner.query("DROP INDEX \"ix_attachment_claim\"");
    await queryRunner.query("DROP INDEX \"ix_attachment_uploaded_by\"");
    await queryRunner.query("ALTER TABLE \"attachment\" RENAME TO \"temporary_attachment\"");
    await queryRunner.query("CREATE TABLE \"attachment\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"person_id\" integer NOT NULL, \"uploaded_by_user_id\" integer NOT NULL, \"claim_id\" integer, \"document_id\" varchar(64), \"source_format\" varchar(8) NOT NULL, \"mime\" varchar(32) NOT NULL, \"byte_size\" integer NOT NULL, \"width\" integer, \"height\" integer, \"sha256\" varchar(64) NOT NULL, \"storage_key\" varchar(128) NOT NULL, \"thumb_key\" varchar(128), \"invoice_code\" varchar(32), \"invoice_number\" varchar(32), \"invoice_amount\" decimal(14,2), \"invoice_date\" date, \"invoice_check_code\" varchar(32), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"attachment\"(\"id\", \"person_id\", \"uploaded_by_user_id\", \"claim_id\", \"document_id\", \"source_format\", \"mime\", \"byte_size\", \"width\", \"height\", \"sha256\", \"storage_key\", \"thumb_key\", \"invoice_code\", \"invoice_number\", \"invoice_amount\", \"invoice_date\", \"invoice_check_code\", \"created_at\") SELECT \"id\", \"person_id\", \"uploaded_by_user_id\", \"claim_id\", \"document_id\", \"source_format\", \"mime\", \"byte_size\", \"width\", \"height\", \"sha256\", \"storage_key\", \"thumb_key\", \"invoice_code\", \"invoice_number\", \"invoice_amount\", \"invoice_date\", \"invoice_check_code\", \"created_at\" FROM \"temporary_attachment\"");
    await queryRunner.query("DROP TABLE \"temporary_attachment\"");
    await queryRunner.query("CREATE INDEX \"ix_attachment_person\" ON \"attachment\" (\"person_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_attachment_claim\" ON \"attachment\" (\"claim_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_attachment_uploaded_by\" ON \"attachment\" (\"uploaded_by_user_id\") ");
    await queryRunner.query("DROP INDEX \"ix_attachment_person\"");
    await queryRunner.query("DROP INDEX \"ix_attachment_claim\"");
    await queryRunner.query("DROP INDEX \"ix_attachment_uploaded_by\"");
    await queryRunner.query("DROP TABLE \"attachment\"");
  }
}
