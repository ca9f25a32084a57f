import { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotency (sqlite). Generated from the entities by scripts/schema-diff.ts; the other dialect has the same change. */
export class Idempotency1795346800000 implements MigrationInterface {
  name = 'Idempotency1795346800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"idempotency_record\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"user_id\" integer NOT NULL, \"scope\" varchar(64) NOT NULL, \"idem_key\" varchar(100) NOT NULL, \"request_hash\" varchar(64) NOT NULL, \"response_status\" integer NOT NULL, \"response_body\" text NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_idempotency_record_key\" ON \"idempotency_record\" (\"user_id\", \"scope\", \"idem_key\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_idempotency_record_key\"");
    await queryRunner.query("DROP TABLE \"idempotency_record\"");
  }
}
