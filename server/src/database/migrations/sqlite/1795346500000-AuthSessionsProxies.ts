import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in and proxies (SQLite): sessions and rotating refresh tokens, bind attempts, proxy grants and
 * invites; app_user gains insurer_id (adjusters) and one login per person (uq_app_user_person).
 * SQLite cannot add a foreign key to an existing table: app_user is rebuilt (TypeORM turns foreign keys
 * off while migrations run, so the rebuild does not touch rows that point at it).
 */
export class AuthSessionsProxies1795346500000 implements MigrationInterface {
  name = 'AuthSessionsProxies1795346500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_app_user_person"`);
    await queryRunner.query(`DROP INDEX "uq_app_user_username"`);
    await queryRunner.query(`DROP INDEX "uq_app_user_wechat_openid"`);
    await queryRunner.query(`
      CREATE TABLE "temporary_app_user" (
        "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
        "role" varchar(16) NOT NULL,
        "username" varchar(64),
        "password_hash" varchar(255),
        "failed_logins" integer NOT NULL DEFAULT (0),
        "locked_until" datetime(6),
        "wechat_openid" varchar(64),
        "person_id" integer,
        "active" boolean NOT NULL DEFAULT (1),
        "created_at" datetime NOT NULL DEFAULT (datetime('now')),
        "updated_at" datetime NOT NULL DEFAULT (datetime('now')),
        "insurer_id" integer,
        CONSTRAINT "fk_app_user_person" FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE SET NULL ON UPDATE NO ACTION,
        CONSTRAINT "fk_app_user_insurer" FOREIGN KEY ("insurer_id") REFERENCES "insurer" ("id") ON DELETE SET NULL ON UPDATE NO ACTION
      )
    `);
    await queryRunner.query(`
      INSERT INTO "temporary_app_user"("id", "role", "username", "password_hash", "failed_logins", "locked_until", "wechat_openid", "person_id", "active", "created_at", "updated_at")
      SELECT "id", "role", "username", "password_hash", "failed_logins", "locked_until", "wechat_openid", "person_id", "active", "created_at", "updated_at" FROM "app_user"
    `);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`ALTER TABLE "temporary_app_user" RENAME TO "app_user"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_app_user_username" ON "app_user" ("username")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_app_user_wechat_openid" ON "app_user" ("wechat_openid")`);
    await queryRunner.query(`CREATE INDEX "ix_app_user_insurer" ON "app_user" ("insurer_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_app_user_person" ON "app_user" ("person_id")`);

    await queryRunner.query(`
      CREATE TABLE "auth_session" (
        "id" varchar(36) PRIMARY KEY NOT NULL,
        "user_id" integer NOT NULL,
        "method" varchar(16) NOT NULL,
        "expires_at" datetime(6) NOT NULL,
        "revoked_at" datetime(6),
        "revoke_reason" varchar(16),
        "created_at" datetime NOT NULL DEFAULT (datetime('now')),
        CONSTRAINT "fk_auth_session_user" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )
    `);
    await queryRunner.query(`CREATE INDEX "ix_auth_session_user" ON "auth_session" ("user_id")`);
    await queryRunner.query(`
      CREATE TABLE "auth_refresh_token" (
        "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
        "session_id" varchar(36) NOT NULL,
        "token_hash" varchar(64) NOT NULL,
        "issued_at" datetime(6) NOT NULL,
        "used_at" datetime(6),
        CONSTRAINT "fk_auth_refresh_token_session" FOREIGN KEY ("session_id") REFERENCES "auth_session" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )
    `);
    await queryRunner.query(`CREATE INDEX "ix_auth_refresh_token_session" ON "auth_refresh_token" ("session_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_auth_refresh_token_hash" ON "auth_refresh_token" ("token_hash")`);
    await queryRunner.query(`
      CREATE TABLE "bind_attempt" (
        "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
        "user_id" integer NOT NULL,
        "target_hash" varchar(64) NOT NULL,
        "outcome" varchar(16) NOT NULL,
        "attempted_at" datetime(6) NOT NULL,
        CONSTRAINT "fk_bind_attempt_user" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )
    `);
    await queryRunner.query(`CREATE INDEX "ix_bind_attempt_target_at" ON "bind_attempt" ("target_hash", "attempted_at")`);
    await queryRunner.query(`CREATE INDEX "ix_bind_attempt_user_at" ON "bind_attempt" ("user_id", "attempted_at")`);
    await queryRunner.query(`
      CREATE TABLE "proxy_grant" (
        "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
        "person_id" integer NOT NULL,
        "grantee_user_id" integer NOT NULL,
        "relation" varchar(16) NOT NULL,
        "consent_method" varchar(8) NOT NULL,
        "consented_at" datetime(6) NOT NULL,
        "created_by_user_id" integer NOT NULL,
        "revoked_at" datetime(6),
        "revoked_by_user_id" integer,
        "created_at" datetime NOT NULL DEFAULT (datetime('now')),
        CONSTRAINT "fk_proxy_grant_person" FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_proxy_grant_grantee" FOREIGN KEY ("grantee_user_id") REFERENCES "app_user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_proxy_grant_created_by" FOREIGN KEY ("created_by_user_id") REFERENCES "app_user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_proxy_grant_revoked_by" FOREIGN KEY ("revoked_by_user_id") REFERENCES "app_user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )
    `);
    await queryRunner.query(`CREATE INDEX "ix_proxy_grant_grantee" ON "proxy_grant" ("grantee_user_id")`);
    await queryRunner.query(`CREATE INDEX "ix_proxy_grant_person" ON "proxy_grant" ("person_id")`);
    await queryRunner.query(`
      CREATE TABLE "proxy_invite" (
        "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
        "code_hash" varchar(64) NOT NULL,
        "code_enc" varchar(128) NOT NULL,
        "person_id" integer NOT NULL,
        "created_by_user_id" integer NOT NULL,
        "relation" varchar(16) NOT NULL,
        "idempotency_key" varchar(64),
        "expires_at" datetime(6) NOT NULL,
        "redeemed_at" datetime(6),
        "redeemed_by_user_id" integer,
        "created_at" datetime NOT NULL DEFAULT (datetime('now')),
        CONSTRAINT "fk_proxy_invite_person" FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_proxy_invite_created_by" FOREIGN KEY ("created_by_user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_proxy_invite_redeemed_by" FOREIGN KEY ("redeemed_by_user_id") REFERENCES "app_user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION
      )
    `);
    await queryRunner.query(`CREATE INDEX "ix_proxy_invite_person" ON "proxy_invite" ("person_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_proxy_invite_idempotency" ON "proxy_invite" ("created_by_user_id", "idempotency_key")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_proxy_invite_code_hash" ON "proxy_invite" ("code_hash")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "proxy_invite"`);
    await queryRunner.query(`DROP TABLE "proxy_grant"`);
    await queryRunner.query(`DROP TABLE "bind_attempt"`);
    await queryRunner.query(`DROP TABLE "auth_refresh_token"`);
    await queryRunner.query(`DROP TABLE "auth_session"`);
    await queryRunner.query(`DROP INDEX "uq_app_user_person"`);
    await queryRunner.query(`DROP INDEX "ix_app_user_insurer"`);
    await queryRunner.query(`DROP INDEX "uq_app_user_wechat_openid"`);
    await queryRunner.query(`DROP INDEX "uq_app_user_username"`);
    await queryRunner.query(`
      CREATE TABLE "temporary_app_user" (
        "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
        "role" varchar(16) NOT NULL,
        "username" varchar(64),
        "password_hash" varchar(255),
        "failed_logins" integer NOT NULL DEFAULT (0),
        "locked_until" datetime(6),
        "wechat_openid" varchar(64),
        "person_id" integer,
        "active" boolean NOT NULL DEFAULT (1),
        "created_at" datetime NOT NULL DEFAULT (datetime('now')),
        "updated_at" datetime NOT NULL DEFAULT (datetime('now')),
        CONSTRAINT "fk_app_user_person" FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE SET NULL ON UPDATE NO ACTION
      )
    `);
    await queryRunner.query(`
      INSERT INTO "temporary_app_user"("id", "role", "username", "password_hash", "failed_logins", "locked_until", "wechat_openid", "person_id", "active", "created_at", "updated_at")
      SELECT "id", "role", "username", "password_hash", "failed_logins", "locked_until", "wechat_openid", "person_id", "active", "created_at", "updated_at" FROM "app_user"
    `);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`ALTER TABLE "temporary_app_user" RENAME TO "app_user"`);
    await queryRunner.query(`CREATE INDEX "ix_app_user_person" ON "app_user" ("person_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_app_user_wechat_openid" ON "app_user" ("wechat_openid")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_app_user_username" ON "app_user" ("username")`);
  }
}
