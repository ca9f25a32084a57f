import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in and proxies (MariaDB/MySQL): sessions and rotating refresh tokens, bind attempts, proxy grants
 * and invites; app_user gains insurer_id (adjusters) and one login per person (uq_app_user_person).
 * The unique index on person_id is created before the old one is dropped: fk_app_user_person needs an index.
 */
export class AuthSessionsProxies1795346500000 implements MigrationInterface {
  name = 'AuthSessionsProxies1795346500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNIQUE INDEX \`uq_app_user_person\` ON \`app_user\` (\`person_id\`)`);
    await queryRunner.query(`DROP INDEX \`ix_app_user_person\` ON \`app_user\``);
    await queryRunner.query(`ALTER TABLE \`app_user\` ADD \`insurer_id\` int NULL`);
    await queryRunner.query(`CREATE INDEX \`ix_app_user_insurer\` ON \`app_user\` (\`insurer_id\`)`);
    await queryRunner.query(`
      CREATE TABLE \`auth_session\` (
        \`id\` varchar(36) NOT NULL,
        \`user_id\` int NOT NULL,
        \`method\` varchar(16) NOT NULL,
        \`expires_at\` datetime(6) NOT NULL,
        \`revoked_at\` datetime(6) NULL,
        \`revoke_reason\` varchar(16) NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        INDEX \`ix_auth_session_user\` (\`user_id\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`auth_refresh_token\` (
        \`id\` int NOT NULL AUTO_INCREMENT,
        \`session_id\` varchar(36) NOT NULL,
        \`token_hash\` varchar(64) NOT NULL,
        \`issued_at\` datetime(6) NOT NULL,
        \`used_at\` datetime(6) NULL,
        INDEX \`ix_auth_refresh_token_session\` (\`session_id\`),
        UNIQUE INDEX \`uq_auth_refresh_token_hash\` (\`token_hash\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`bind_attempt\` (
        \`id\` int NOT NULL AUTO_INCREMENT,
        \`user_id\` int NOT NULL,
        \`target_hash\` varchar(64) NOT NULL,
        \`outcome\` varchar(16) NOT NULL,
        \`attempted_at\` datetime(6) NOT NULL,
        INDEX \`ix_bind_attempt_target_at\` (\`target_hash\`, \`attempted_at\`),
        INDEX \`ix_bind_attempt_user_at\` (\`user_id\`, \`attempted_at\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`proxy_grant\` (
        \`id\` int NOT NULL AUTO_INCREMENT,
        \`person_id\` int NOT NULL,
        \`grantee_user_id\` int NOT NULL,
        \`relation\` varchar(16) NOT NULL,
        \`consent_method\` varchar(8) NOT NULL,
        \`consented_at\` datetime(6) NOT NULL,
        \`created_by_user_id\` int NOT NULL,
        \`revoked_at\` datetime(6) NULL,
        \`revoked_by_user_id\` int NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        INDEX \`ix_proxy_grant_grantee\` (\`grantee_user_id\`),
        INDEX \`ix_proxy_grant_person\` (\`person_id\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`proxy_invite\` (
        \`id\` int NOT NULL AUTO_INCREMENT,
        \`code_hash\` varchar(64) NOT NULL,
        \`code_enc\` varchar(128) NOT NULL,
        \`person_id\` int NOT NULL,
        \`created_by_user_id\` int NOT NULL,
        \`relation\` varchar(16) NOT NULL,
        \`idempotency_key\` varchar(64) NULL,
        \`expires_at\` datetime(6) NOT NULL,
        \`redeemed_at\` datetime(6) NULL,
        \`redeemed_by_user_id\` int NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        INDEX \`ix_proxy_invite_person\` (\`person_id\`),
        UNIQUE INDEX \`uq_proxy_invite_idempotency\` (\`created_by_user_id\`, \`idempotency_key\`),
        UNIQUE INDEX \`uq_proxy_invite_code_hash\` (\`code_hash\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`ALTER TABLE \`app_user\` ADD CONSTRAINT \`fk_app_user_insurer\` FOREIGN KEY (\`insurer_id\`) REFERENCES \`insurer\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`auth_session\` ADD CONSTRAINT \`fk_auth_session_user\` FOREIGN KEY (\`user_id\`) REFERENCES \`app_user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`auth_refresh_token\` ADD CONSTRAINT \`fk_auth_refresh_token_session\` FOREIGN KEY (\`session_id\`) REFERENCES \`auth_session\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`bind_attempt\` ADD CONSTRAINT \`fk_bind_attempt_user\` FOREIGN KEY (\`user_id\`) REFERENCES \`app_user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`proxy_grant\` ADD CONSTRAINT \`fk_proxy_grant_person\` FOREIGN KEY (\`person_id\`) REFERENCES \`person\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`proxy_grant\` ADD CONSTRAINT \`fk_proxy_grant_grantee\` FOREIGN KEY (\`grantee_user_id\`) REFERENCES \`app_user\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`proxy_grant\` ADD CONSTRAINT \`fk_proxy_grant_created_by\` FOREIGN KEY (\`created_by_user_id\`) REFERENCES \`app_user\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`proxy_grant\` ADD CONSTRAINT \`fk_proxy_grant_revoked_by\` FOREIGN KEY (\`revoked_by_user_id\`) REFERENCES \`app_user\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`proxy_invite\` ADD CONSTRAINT \`fk_proxy_invite_person\` FOREIGN KEY (\`person_id\`) REFERENCES \`person\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`proxy_invite\` ADD CONSTRAINT \`fk_proxy_invite_created_by\` FOREIGN KEY (\`created_by_user_id\`) REFERENCES \`app_user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`proxy_invite\` ADD CONSTRAINT \`fk_proxy_invite_redeemed_by\` FOREIGN KEY (\`redeemed_by_user_id\`) REFERENCES \`app_user\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`proxy_invite\``);
    await queryRunner.query(`DROP TABLE \`proxy_grant\``);
    await queryRunner.query(`DROP TABLE \`bind_attempt\``);
    await queryRunner.query(`DROP TABLE \`auth_refresh_token\``);
    await queryRunner.query(`DROP TABLE \`auth_session\``);
    await queryRunner.query(`ALTER TABLE \`app_user\` DROP FOREIGN KEY \`fk_app_user_insurer\``);
    await queryRunner.query(`DROP INDEX \`ix_app_user_insurer\` ON \`app_user\``);
    await queryRunner.query(`ALTER TABLE \`app_user\` DROP COLUMN \`insurer_id\``);
    await queryRunner.query(`CREATE INDEX \`ix_app_user_person\` ON \`app_user\` (\`person_id\`)`);
    await queryRunner.query(`DROP INDEX \`uq_app_user_person\` ON \`app_user\``);
  }
}
