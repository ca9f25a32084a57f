import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * First schema, MariaDB 10.11 / MySQL 8 (and nothing that TiDB refuses: no procedures, triggers or
 * events). utf8mb4 on every table whatever the server default. JSON columns are LONGTEXT with a
 * json_valid() check on MariaDB and native JSON on MySQL/TiDB. The CHECK on annual_usage is written by
 * hand: TypeORM does not generate CHECKs for MySQL-family databases.
 */
export class InitialSchema1795346400000 implements MigrationInterface {
  name = 'InitialSchema1795346400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE \`insurer\` (
        \`id\` int NOT NULL AUTO_INCREMENT,
        \`name\` varchar(100) NOT NULL,
        \`hotline\` varchar(32) NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        UNIQUE INDEX \`uq_insurer_name\` (\`name\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`district\` (
        \`id\` int NOT NULL AUTO_INCREMENT,
        \`code\` varchar(12) NOT NULL,
        \`name\` varchar(64) NOT NULL,
        \`city\` varchar(32) NOT NULL,
        \`county\` varchar(32) NOT NULL,
        \`type\` varchar(8) NULL,
        \`insurer_id\` int NULL,
        \`payer_shares\` json NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
        UNIQUE INDEX \`uq_district_code\` (\`code\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`household\` (
        \`id\` int NOT NULL AUTO_INCREMENT,
        \`household_no\` varchar(32) NULL,
        \`district_id\` int NOT NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
        INDEX \`ix_household_district\` (\`district_id\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`person\` (
        \`id\` int NOT NULL AUTO_INCREMENT,
        \`name\` varchar(64) NOT NULL,
        \`id_number_enc\` varchar(128) NOT NULL,
        \`id_number_hash\` varchar(64) NOT NULL,
        \`id_number_masked\` varchar(24) NOT NULL,
        \`birth_date\` date NOT NULL,
        \`sex\` varchar(1) NOT NULL,
        \`district_id\` int NOT NULL,
        \`household_id\` int NULL,
        \`phone_enc\` varchar(128) NULL,
        \`phone_masked\` varchar(16) NULL,
        \`flags\` json NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
        INDEX \`ix_person_household\` (\`household_id\`),
        INDEX \`ix_person_district\` (\`district_id\`),
        UNIQUE INDEX \`uq_person_id_number_hash\` (\`id_number_hash\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`app_user\` (
        \`id\` int NOT NULL AUTO_INCREMENT,
        \`role\` varchar(16) NOT NULL,
        \`username\` varchar(64) NULL,
        \`password_hash\` varchar(255) NULL,
        \`failed_logins\` int NOT NULL DEFAULT '0',
        \`locked_until\` datetime(6) NULL,
        \`wechat_openid\` varchar(64) NULL,
        \`person_id\` int NULL,
        \`active\` tinyint NOT NULL DEFAULT 1,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
        INDEX \`ix_app_user_person\` (\`person_id\`),
        UNIQUE INDEX \`uq_app_user_wechat_openid\` (\`wechat_openid\`),
        UNIQUE INDEX \`uq_app_user_username\` (\`username\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`audit_event\` (
        \`id\` int NOT NULL AUTO_INCREMENT,
        \`actor_user_id\` int NULL,
        \`on_behalf_of_person_id\` int NULL,
        \`action\` varchar(64) NOT NULL,
        \`entity\` varchar(64) NOT NULL,
        \`entity_id\` varchar(64) NULL,
        \`at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        \`detail\` json NULL,
        INDEX \`ix_audit_event_on_behalf_of\` (\`on_behalf_of_person_id\`),
        INDEX \`ix_audit_event_actor\` (\`actor_user_id\`),
        INDEX \`ix_audit_event_at\` (\`at\`),
        INDEX \`ix_audit_event_entity\` (\`entity\`, \`entity_id\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`enrolment\` (
        \`id\` int NOT NULL AUTO_INCREMENT,
        \`person_id\` int NOT NULL,
        \`scheme_id\` varchar(64) NOT NULL,
        \`insurance_year\` int NOT NULL,
        \`cover_start\` date NOT NULL,
        \`cover_end\` date NOT NULL,
        \`insurer_id\` int NOT NULL,
        \`premium\` decimal(14,2) NOT NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        INDEX \`ix_enrolment_insurer\` (\`insurer_id\`),
        UNIQUE INDEX \`uq_enrolment_person_scheme_year\` (\`person_id\`, \`scheme_id\`, \`insurance_year\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`roster_import\` (
        \`id\` int NOT NULL AUTO_INCREMENT,
        \`district_id\` int NULL,
        \`category_code\` varchar(32) NOT NULL,
        \`file_name\` varchar(255) NOT NULL,
        \`file_sha256\` varchar(64) NOT NULL,
        \`imported_by_id\` int NULL,
        \`status\` varchar(16) NOT NULL DEFAULT 'pending',
        \`row_count\` int NOT NULL DEFAULT '0',
        \`error_count\` int NOT NULL DEFAULT '0',
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        \`completed_at\` datetime(6) NULL,
        INDEX \`ix_roster_import_imported_by\` (\`imported_by_id\`),
        INDEX \`ix_roster_import_district\` (\`district_id\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`identity\` (
        \`id\` int NOT NULL AUTO_INCREMENT,
        \`person_id\` int NOT NULL,
        \`category_code\` varchar(32) NOT NULL,
        \`roster_import_id\` int NULL,
        \`valid_from\` date NOT NULL,
        \`valid_to\` date NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        INDEX \`ix_identity_roster_import\` (\`roster_import_id\`),
        INDEX \`ix_identity_person_category\` (\`person_id\`, \`category_code\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`roster_import_row\` (
        \`id\` int NOT NULL AUTO_INCREMENT,
        \`roster_import_id\` int NOT NULL,
        \`row_no\` int NOT NULL,
        \`status\` varchar(16) NOT NULL DEFAULT 'pending',
        \`person_id\` int NULL,
        \`id_number_hash\` varchar(64) NULL,
        \`data_enc\` text NOT NULL,
        \`errors\` json NULL,
        INDEX \`ix_roster_import_row_id_hash\` (\`id_number_hash\`),
        INDEX \`ix_roster_import_row_person\` (\`person_id\`),
        UNIQUE INDEX \`uq_roster_import_row_no\` (\`roster_import_id\`, \`row_no\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`annual_usage\` (
        \`id\` int NOT NULL AUTO_INCREMENT,
        \`subject_key\` varchar(24) NOT NULL,
        \`person_id\` int NULL,
        \`household_id\` int NULL,
        \`scheme_id\` varchar(64) NOT NULL,
        \`benefit_code\` varchar(64) NOT NULL,
        \`year\` int NOT NULL,
        \`base_used\` decimal(14,2) NOT NULL DEFAULT '0.00',
        \`paid\` decimal(14,2) NOT NULL DEFAULT '0.00',
        \`version\` int NOT NULL DEFAULT '1',
        \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
        INDEX \`ix_annual_usage_household\` (\`household_id\`),
        INDEX \`ix_annual_usage_person\` (\`person_id\`),
        UNIQUE INDEX \`uq_annual_usage_subject\` (\`subject_key\`, \`scheme_id\`, \`benefit_code\`, \`year\`),
        PRIMARY KEY (\`id\`),
        CONSTRAINT \`ck_annual_usage_subject\` CHECK ((\`person_id\` IS NULL) <> (\`household_id\` IS NULL))
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`user_district\` (
        \`user_id\` int NOT NULL,
        \`district_id\` int NOT NULL,
        INDEX \`ix_user_district_district\` (\`district_id\`),
        PRIMARY KEY (\`user_id\`, \`district_id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`ALTER TABLE \`district\` ADD CONSTRAINT \`fk_district_insurer\` FOREIGN KEY (\`insurer_id\`) REFERENCES \`insurer\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`household\` ADD CONSTRAINT \`fk_household_district\` FOREIGN KEY (\`district_id\`) REFERENCES \`district\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`person\` ADD CONSTRAINT \`fk_person_district\` FOREIGN KEY (\`district_id\`) REFERENCES \`district\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`person\` ADD CONSTRAINT \`fk_person_household\` FOREIGN KEY (\`household_id\`) REFERENCES \`household\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`app_user\` ADD CONSTRAINT \`fk_app_user_person\` FOREIGN KEY (\`person_id\`) REFERENCES \`person\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`audit_event\` ADD CONSTRAINT \`fk_audit_event_actor\` FOREIGN KEY (\`actor_user_id\`) REFERENCES \`app_user\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`audit_event\` ADD CONSTRAINT \`fk_audit_event_person\` FOREIGN KEY (\`on_behalf_of_person_id\`) REFERENCES \`person\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`enrolment\` ADD CONSTRAINT \`fk_enrolment_person\` FOREIGN KEY (\`person_id\`) REFERENCES \`person\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`enrolment\` ADD CONSTRAINT \`fk_enrolment_insurer\` FOREIGN KEY (\`insurer_id\`) REFERENCES \`insurer\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`roster_import\` ADD CONSTRAINT \`fk_roster_import_district\` FOREIGN KEY (\`district_id\`) REFERENCES \`district\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`roster_import\` ADD CONSTRAINT \`fk_roster_import_user\` FOREIGN KEY (\`imported_by_id\`) REFERENCES \`app_user\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`identity\` ADD CONSTRAINT \`fk_identity_person\` FOREIGN KEY (\`person_id\`) REFERENCES \`person\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`identity\` ADD CONSTRAINT \`fk_identity_roster_import\` FOREIGN KEY (\`roster_import_id\`) REFERENCES \`roster_import\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`roster_import_row\` ADD CONSTRAINT \`fk_roster_import_row_import\` FOREIGN KEY (\`roster_import_id\`) REFERENCES \`roster_import\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`roster_import_row\` ADD CONSTRAINT \`fk_roster_import_row_person\` FOREIGN KEY (\`person_id\`) REFERENCES \`person\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`annual_usage\` ADD CONSTRAINT \`fk_annual_usage_person\` FOREIGN KEY (\`person_id\`) REFERENCES \`person\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`annual_usage\` ADD CONSTRAINT \`fk_annual_usage_household\` FOREIGN KEY (\`household_id\`) REFERENCES \`household\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`user_district\` ADD CONSTRAINT \`fk_user_district_user\` FOREIGN KEY (\`user_id\`) REFERENCES \`app_user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`user_district\` ADD CONSTRAINT \`fk_user_district_district\` FOREIGN KEY (\`district_id\`) REFERENCES \`district\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`user_district\``);
    await queryRunner.query(`DROP TABLE \`annual_usage\``);
    await queryRunner.query(`DROP TABLE \`roster_import_row\``);
    await queryRunner.query(`DROP TABLE \`identity\``);
    await queryRunner.query(`DROP TABLE \`roster_import\``);
    await queryRunner.query(`DROP TABLE \`enrolment\``);
    await queryRunner.query(`DROP TABLE \`audit_event\``);
    await queryRunner.query(`DROP TABLE \`app_user\``);
    await queryRunner.query(`DROP TABLE \`person\``);
    await queryRunner.query(`DROP TABLE \`household\``);
    await queryRunner.query(`DROP TABLE \`district\``);
    await queryRunner.query(`DROP TABLE \`insurer\``);
  }
}
