import { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotency (mariadb). Generated from the entities by scripts/schema-diff.ts; the other dialect has the same change. */
export class Idempotency1795346800000 implements MigrationInterface {
  name = 'Idempotency1795346800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `idempotency_record` (`id` int NOT NULL AUTO_INCREMENT, `user_id` int NOT NULL, `scope` varchar(64) NOT NULL, `idem_key` varchar(100) NOT NULL, `request_hash` varchar(64) NOT NULL, `response_status` int NOT NULL, `response_body` text NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_idempotency_record_key` (`user_id`, `scope`, `idem_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `uq_idempotency_record_key` ON `idempotency_record`");
    await queryRunner.query("DROP TABLE `idempotency_record`");
  }
}
