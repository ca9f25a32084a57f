import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * First schema, SQLite (embedded default). Same tables, columns and index names as
 * ../mariadb/1795346400000-InitialSchema.ts. SQLite checks foreign keys only with PRAGMA foreign_keys=ON,
 * which TypeORM's better-sqlite3 driver sets on every connection.
 */
export class InitialSchema1795346400000 implements MigrationInterface {
  name = 'InitialSchema1795346400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "insurer" (
        "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
        "name" varchar(100) NOT NULL,
        "hotline" varchar(32),
        "created_at" datetime NOT NULL DEFAULT (datetime('now'))
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_insurer_name" ON "insurer" ("name")`);
    await queryRunner.query(`
      CREATE TABLE "district" (
        "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
        "code" varchar(12) NOT NULL,
        "name" varchar(64) NOT NULL,
        "city" varchar(32) NOT NULL,
        "county" varchar(32) NOT NULL,
        "type" varchar(8),
        "insurer_id" integer,
        "payer_shares" json,
        "created_at" datetime NOT NULL DEFAULT (datetime('now')),
        "updated_at" datetime NOT NULL DEFAULT (datetime('now')),
        CONSTRAINT "fk_district_insurer" FOREIGN KEY ("insurer_id") REFERENCES "insurer" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_district_code" ON "district" ("code")`);
    await queryRunner.query(`
      CREATE TABLE "household" (
        "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
        "household_no" varchar(32),
        "district_id" integer NOT NULL,
        "created_at" datetime NOT NULL DEFAULT (datetime('now')),
        "updated_at" datetime NOT NULL DEFAULT (datetime('now')),
        CONSTRAINT "fk_household_district" FOREIGN KEY ("district_id") REFERENCES "district" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )
    `);
    await queryRunner.query(`CREATE INDEX "ix_household_district" ON "household" ("district_id")`);
    await queryRunner.query(`
      CREATE TABLE "person" (
        "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
        "name" varchar(64) NOT NULL,
        "id_number_enc" varchar(128) NOT NULL,
        "id_number_hash" varchar(64) NOT NULL,
        "id_number_masked" varchar(24) NOT NULL,
        "birth_date" date NOT NULL,
        "sex" varchar(1) NOT NULL,
        "district_id" integer NOT NULL,
        "household_id" integer,
        "phone_enc" varchar(128),
        "phone_masked" varchar(16),
        "flags" json,
        "created_at" datetime NOT NULL DEFAULT (datetime('now')),
        "updated_at" datetime NOT NULL DEFAULT (datetime('now')),
        CONSTRAINT "fk_person_district" FOREIGN KEY ("district_id") REFERENCES "district" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_person_household" FOREIGN KEY ("household_id") REFERENCES "household" ("id") ON DELETE SET NULL ON UPDATE NO ACTION
      )
    `);
    await queryRunner.query(`CREATE INDEX "ix_person_household" ON "person" ("household_id")`);
    await queryRunner.query(`CREATE INDEX "ix_person_district" ON "person" ("district_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_person_id_number_hash" ON "person" ("id_number_hash")`);
    await queryRunner.query(`
      CREATE TABLE "app_user" (
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
    await queryRunner.query(`CREATE INDEX "ix_app_user_person" ON "app_user" ("person_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_app_user_wechat_openid" ON "app_user" ("wechat_openid")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_app_user_username" ON "app_user" ("username")`);
    await queryRunner.query(`
      CREATE TABLE "audit_event" (
        "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
        "actor_user_id" integer,
        "on_behalf_of_person_id" integer,
        "action" varchar(64) NOT NULL,
        "entity" varchar(64) NOT NULL,
        "entity_id" varchar(64),
        "at" datetime NOT NULL DEFAULT (datetime('now')),
        "detail" json,
        CONSTRAINT "fk_audit_event_actor" FOREIGN KEY ("actor_user_id") REFERENCES "app_user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_audit_event_person" FOREIGN KEY ("on_behalf_of_person_id") REFERENCES "person" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )
    `);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_on_behalf_of" ON "audit_event" ("on_behalf_of_person_id")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_actor" ON "audit_event" ("actor_user_id")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_at" ON "audit_event" ("at")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_entity" ON "audit_event" ("entity", "entity_id")`);
    await queryRunner.query(`
      CREATE TABLE "enrolment" (
        "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
        "person_id" integer NOT NULL,
        "scheme_id" varchar(64) NOT NULL,
        "insurance_year" integer NOT NULL,
        "cover_start" date NOT NULL,
        "cover_end" date NOT NULL,
        "insurer_id" integer NOT NULL,
        "premium" decimal(14,2) NOT NULL,
        "created_at" datetime NOT NULL DEFAULT (datetime('now')),
        CONSTRAINT "fk_enrolment_person" FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_enrolment_insurer" FOREIGN KEY ("insurer_id") REFERENCES "insurer" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )
    `);
    await queryRunner.query(`CREATE INDEX "ix_enrolment_insurer" ON "enrolment" ("insurer_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_enrolment_person_scheme_year" ON "enrolment" ("person_id", "scheme_id", "insurance_year")`);
    await queryRunner.query(`
      CREATE TABLE "roster_import" (
        "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
        "district_id" integer,
        "category_code" varchar(32) NOT NULL,
        "file_name" varchar(255) NOT NULL,
        "file_sha256" varchar(64) NOT NULL,
        "imported_by_id" integer,
        "status" varchar(16) NOT NULL DEFAULT ('pending'),
        "row_count" integer NOT NULL DEFAULT (0),
        "error_count" integer NOT NULL DEFAULT (0),
        "created_at" datetime NOT NULL DEFAULT (datetime('now')),
        "completed_at" datetime(6),
        CONSTRAINT "fk_roster_import_district" FOREIGN KEY ("district_id") REFERENCES "district" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_roster_import_user" FOREIGN KEY ("imported_by_id") REFERENCES "app_user" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )
    `);
    await queryRunner.query(`CREATE INDEX "ix_roster_import_imported_by" ON "roster_import" ("imported_by_id")`);
    await queryRunner.query(`CREATE INDEX "ix_roster_import_district" ON "roster_import" ("district_id")`);
    await queryRunner.query(`
      CREATE TABLE "identity" (
        "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
        "person_id" integer NOT NULL,
        "category_code" varchar(32) NOT NULL,
        "roster_import_id" integer,
        "valid_from" date NOT NULL,
        "valid_to" date,
        "created_at" datetime NOT NULL DEFAULT (datetime('now')),
        CONSTRAINT "fk_identity_person" FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_identity_roster_import" FOREIGN KEY ("roster_import_id") REFERENCES "roster_import" ("id") ON DELETE SET NULL ON UPDATE NO ACTION
      )
    `);
    await queryRunner.query(`CREATE INDEX "ix_identity_roster_import" ON "identity" ("roster_import_id")`);
    await queryRunner.query(`CREATE INDEX "ix_identity_person_category" ON "identity" ("person_id", "category_code")`);
    await queryRunner.query(`
      CREATE TABLE "roster_import_row" (
        "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
        "roster_import_id" integer NOT NULL,
        "row_no" integer NOT NULL,
        "status" varchar(16) NOT NULL DEFAULT ('pending'),
        "person_id" integer,
        "id_number_hash" varchar(64),
        "data_enc" text NOT NULL,
        "errors" json,
        CONSTRAINT "fk_roster_import_row_import" FOREIGN KEY ("roster_import_id") REFERENCES "roster_import" ("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_roster_import_row_person" FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE SET NULL ON UPDATE NO ACTION
      )
    `);
    await queryRunner.query(`CREATE INDEX "ix_roster_import_row_id_hash" ON "roster_import_row" ("id_number_hash")`);
    await queryRunner.query(`CREATE INDEX "ix_roster_import_row_person" ON "roster_import_row" ("person_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_roster_import_row_no" ON "roster_import_row" ("roster_import_id", "row_no")`);
    await queryRunner.query(`
      CREATE TABLE "annual_usage" (
        "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
        "subject_key" varchar(24) NOT NULL,
        "person_id" integer,
        "household_id" integer,
        "scheme_id" varchar(64) NOT NULL,
        "benefit_code" varchar(64) NOT NULL,
        "year" integer NOT NULL,
        "base_used" decimal(14,2) NOT NULL DEFAULT ('0.00'),
        "paid" decimal(14,2) NOT NULL DEFAULT ('0.00'),
        "version" integer NOT NULL DEFAULT (1),
        "updated_at" datetime NOT NULL DEFAULT (datetime('now')),
        CONSTRAINT "ck_annual_usage_subject" CHECK ((person_id IS NULL) <> (household_id IS NULL)),
        CONSTRAINT "fk_annual_usage_person" FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "fk_annual_usage_household" FOREIGN KEY ("household_id") REFERENCES "household" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )
    `);
    await queryRunner.query(`CREATE INDEX "ix_annual_usage_household" ON "annual_usage" ("household_id")`);
    await queryRunner.query(`CREATE INDEX "ix_annual_usage_person" ON "annual_usage" ("person_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_annual_usage_subject" ON "annual_usage" ("subject_key", "scheme_id", "benefit_code", "year")`);
    await queryRunner.query(`
      CREATE TABLE "user_district" (
        "user_id" integer NOT NULL,
        "district_id" integer NOT NULL,
        CONSTRAINT "fk_user_district_user" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_user_district_district" FOREIGN KEY ("district_id") REFERENCES "district" ("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        PRIMARY KEY ("user_id", "district_id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "ix_user_district_district" ON "user_district" ("district_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "user_district"`);
    await queryRunner.query(`DROP TABLE "annual_usage"`);
    await queryRunner.query(`DROP TABLE "roster_import_row"`);
    await queryRunner.query(`DROP TABLE "identity"`);
    await queryRunner.query(`DROP TABLE "roster_import"`);
    await queryRunner.query(`DROP TABLE "enrolment"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP TABLE "person"`);
    await queryRunner.query(`DROP TABLE "household"`);
    await queryRunner.query(`DROP TABLE "district"`);
    await queryRunner.query(`DROP TABLE "insurer"`);
  }
}
