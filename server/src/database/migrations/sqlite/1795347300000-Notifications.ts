import { MigrationInterface, QueryRunner } from 'typeorm';

/** Notifications (sqlite). Generated from the entities by scripts/schema-diff.ts; the other dialect has the same change. */
export class Notifications1795347300000 implements MigrationInterface {
  name = 'Notifications1795347300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"notification_read\" (\"user_id\" integer NOT NULL, \"person_id\" integer NOT NULL, \"up_to_event_id\" integer NOT NULL, \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), PRIMARY KEY (\"user_id\", \"person_id\"))");
    await queryRunner.query("CREATE TABLE \"push_cursor\" (\"name\" varchar(32) PRIMARY KEY NOT NULL, \"last_event_id\" integer NOT NULL, \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE TABLE \"stream_ticket\" (\"id\" varchar(64) PRIMARY KEY NOT NULL, \"user_id\" integer NOT NULL, \"role\" varchar(16) NOT NULL, \"district_ids\" varchar(2000) NOT NULL, \"session_id\" varchar(36) NOT NULL, \"expires_at\" datetime(6) NOT NULL, \"auth_expires_at\" datetime(6) NOT NULL, \"used_at\" datetime(6), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"ix_stream_ticket_expires\" ON \"stream_ticket\" (\"expires_at\") ");
    await queryRunner.query("CREATE TABLE \"subscribe_acceptance\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"user_id\" integer NOT NULL, \"person_id\" integer NOT NULL, \"template_id\" varchar(64) NOT NULL, \"remaining\" integer NOT NULL DEFAULT (0), \"accepted_total\" integer NOT NULL DEFAULT (0), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"ix_subscribe_acceptance_person\" ON \"subscribe_acceptance\" (\"person_id\", \"template_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_subscribe_acceptance\" ON \"subscribe_acceptance\" (\"user_id\", \"person_id\", \"template_id\") ");
    await queryRunner.query("CREATE TABLE \"subscribe_send\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"claim_event_id\" integer NOT NULL, \"claim_id\" integer NOT NULL, \"user_id\" integer NOT NULL, \"person_id\" integer NOT NULL, \"template_id\" varchar(64) NOT NULL, \"status\" varchar(16) NOT NULL, \"errcode\" integer, \"error\" varchar(200), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"ix_subscribe_send_user\" ON \"subscribe_send\" (\"user_id\", \"id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_subscribe_send\" ON \"subscribe_send\" (\"claim_event_id\", \"user_id\", \"template_id\") ");
    await queryRunner.query("CREATE TABLE \"temporary_notification_read\" (\"user_id\" integer NOT NULL, \"person_id\" integer NOT NULL, \"up_to_event_id\" integer NOT NULL, \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"fk_notification_read_user\" FOREIGN KEY (\"user_id\") REFERENCES \"app_user\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT \"fk_notification_read_person\" FOREIGN KEY (\"person_id\") REFERENCES \"person\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY (\"user_id\", \"person_id\"))");
    await queryRunner.query("INSERT INTO \"temporary_notification_read\"(\"user_id\", \"person_id\", \"up_to_event_id\", \"updated_at\") SELECT \"user_id\", \"person_id\", \"up_to_event_id\", \"updated_at\" FROM \"notification_read\"");
    await queryRunner.query("DROP TABLE \"notification_read\"");
    await queryRunner.query("ALTER TABLE \"temporary_notification_read\" RENAME TO \"notification_read\"");
    await queryRunner.query("DROP INDEX \"ix_stream_ticket_expires\"");
    await queryRunner.query("CREATE TABLE \"temporary_stream_ticket\" (\"id\" varchar(64) PRIMARY KEY NOT NULL, \"user_id\" integer NOT NULL, \"role\" varchar(16) NOT NULL, \"district_ids\" varchar(2000) NOT NULL, \"session_id\" varchar(36) NOT NULL, \"expires_at\" datetime(6) NOT NULL, \"auth_expires_at\" datetime(6) NOT NULL, \"used_at\" datetime(6), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"fk_stream_ticket_user\" FOREIGN KEY (\"user_id\") REFERENCES \"app_user\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_stream_ticket\"(\"id\", \"user_id\", \"role\", \"district_ids\", \"session_id\", \"expires_at\", \"auth_expires_at\", \"used_at\", \"created_at\") SELECT \"id\", \"user_id\", \"role\", \"district_ids\", \"session_id\", \"expires_at\", \"auth_expires_at\", \"used_at\", \"created_at\" FROM \"stream_ticket\"");
    await queryRunner.query("DROP TABLE \"stream_ticket\"");
    await queryRunner.query("ALTER TABLE \"temporary_stream_ticket\" RENAME TO \"stream_ticket\"");
    await queryRunner.query("CREATE INDEX \"ix_stream_ticket_expires\" ON \"stream_ticket\" (\"expires_at\") ");
    await queryRunner.query("DROP INDEX \"ix_subscribe_acceptance_person\"");
    await queryRunner.query("DROP INDEX \"uq_subscribe_acceptance\"");
    await queryRunner.query("CREATE TABLE \"temporary_subscribe_acceptance\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"user_id\" integer NOT NULL, \"person_id\" integer NOT NULL, \"template_id\" varchar(64) NOT NULL, \"remaining\" integer NOT NULL DEFAULT (0), \"accepted_total\" integer NOT NULL DEFAULT (0), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"fk_subscribe_acceptance_user\" FOREIGN KEY (\"user_id\") REFERENCES \"app_user\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT \"fk_subscribe_acceptance_person\" FOREIGN KEY (\"person_id\") REFERENCES \"person\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_subscribe_acceptance\"(\"id\", \"user_id\", \"person_id\", \"template_id\", \"remaining\", \"accepted_total\", \"created_at\", \"updated_at\") SELECT \"id\", \"user_id\", \"person_id\", \"template_id\", \"remaining\", \"accepted_total\", \"created_at\", \"updated_at\" FROM \"subscribe_acceptance\"");
    await queryRunner.query("DROP TABLE \"subscribe_acceptance\"");
    await queryRunner.query("ALTER TABLE \"temporary_subscribe_acceptance\" RENAME TO \"subscribe_acceptance\"");
    await queryRunner.query("CREATE INDEX \"ix_subscribe_acceptance_person\" ON \"subscribe_acceptance\" (\"person_id\", \"template_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_subscribe_acceptance\" ON \"subscribe_acceptance\" (\"user_id\", \"person_id\", \"template_id\") ");
    await queryRunner.query("DROP INDEX \"ix_subscribe_send_user\"");
    await queryRunner.query("DROP INDEX \"uq_subscribe_send\"");
    await queryRunner.query("CREATE TABLE \"temporary_subscribe_send\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"claim_event_id\" integer NOT NULL, \"claim_id\" integer NOT NULL, \"user_id\" integer NOT NULL, \"person_id\" integer NOT NULL, \"template_id\" varchar(64) NOT NULL, \"status\" varchar(16) NOT NULL, \"errcode\" integer, \"error\" varchar(200), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"fk_subscribe_send_claim_event\" FOREIGN KEY (\"claim_event_id\") REFERENCES \"claim_event\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT \"fk_subscribe_send_user\" FOREIGN KEY (\"user_id\") REFERENCES \"app_user\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_subscribe_send\"(\"id\", \"claim_event_id\", \"claim_id\", \"user_id\", \"person_id\", \"template_id\", \"status\", \"errcode\", \"error\", \"created_at\", \"updated_at\") SELECT \"id\", \"claim_event_id\", \"claim_id\", \"user_id\", \"person_id\", \"template_id\", \"status\", \"errcode\", \"error\", \"created_at\", \"updated_at\" FROM \"subscribe_send\"");
    await queryRunner.query("DROP TABLE \"subscribe_send\"");
    await queryRunner.query("ALTER TABLE \"temporary_subscribe_send\" RENAME TO \"subscribe_send\"");
    await queryRunner.query("CREATE INDEX \"ix_subscribe_send_user\" ON \"subscribe_send\" (\"user_id\", \"id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_subscribe_send\" ON \"subscribe_send\" (\"claim_event_id\", \"user_id\", \"template_id\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_subscribe_send\"");
    await queryRunner.query("DROP INDEX \"ix_subscribe_send_user\"");
    await queryRunner.query("ALTER TABLE \"subscribe_send\" RENAME TO \"temporary_subscribe_send\"");
    await queryRunner.query("CREATE TABLE \"subscribe_send\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"claim_event_id\" integer NOT NULL, \"claim_id\" integer NOT NULL, \"user_id\" integer NOT NULL, \"person_id\" integer NOT NULL, \"template_id\" varchar(64) NOT NULL, \"status\" varchar(16) NOT NULL, \"errcode\" integer, \"error\" varchar(200), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"subscribe_send\"(\"id\", \"claim_event_id\", \"claim_id\", \"user_id\", \"person_id\", \"template_id\", \"status\", \"errcode\", \"error\", \"created_at\", \"updated_at\") SELECT \"id\", \"claim_event_id\", \"claim_id\", \"user_id\", \"person_id\", \"template_id\", \"status\", \"errcode\", \"error\", \"created_at\", \"updated_at\" FROM \"temporary_subscribe_send\"");
    await queryRunner.query("DROP TABLE \"temporary_subscribe_send\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_subscribe_send\" ON \"subscribe_send\" (\"claim_event_id\", \"user_id\", \"template_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_subscribe_send_user\" ON \"subscribe_send\" (\"user_id\", \"id\") ");
    await queryRunner.query("DROP INDEX \"uq_subscribe_acceptance\"");
    await queryRunner.query("DROP INDEX \"ix_subscribe_acceptance_person\"");
    await queryRunner.query("ALTER TABLE \"subscribe_acceptance\" RENAME TO \"temporary_subscribe_acceptance\"");
    await queryRunner.query("CREATE TABLE \"subscribe_acceptance\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"user_id\" integer NOT NULL, \"person_id\" integer NOT NULL, \"template_id\" varchar(64) NOT NULL, \"remaining\" integer NOT NULL DEFAULT (0), \"accepted_total\" integer NOT NULL DEFAULT (0), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"subscribe_acceptance\"(\"id\", \"user_id\", \"person_id\", \"template_id\", \"remaining\", \"accepted_total\", \"created_at\", \"updated_at\") SELECT \"id\", \"user_id\", \"person_id\", \"template_id\", \"remaining\", \"accepted_total\", \"created_at\", \"updated_at\" FROM \"temporary_subscribe_acceptance\"");
    await queryRunner.query("DROP TABLE \"temporary_subscribe_acceptance\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_subscribe_acceptance\" ON \"subscribe_acceptance\" (\"user_id\", \"person_id\", \"template_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_subscribe_acceptance_person\" ON \"subscribe_acceptance\" (\"person_id\", \"template_id\") ");
    await queryRunner.query("DROP INDEX \"ix_stream_ticket_expires\"");
    await queryRunner.query("ALTER TABLE \"stream_ticket\" RENAME TO \"temporary_stream_ticket\"");
    await queryRunner.query("CREATE TABLE \"stream_ticket\" (\"id\" varchar(64) PRIMARY KEY NOT NULL, \"user_id\" integer NOT NULL, \"role\" varchar(16) NOT NULL, \"district_ids\" varchar(2000) NOT NULL, \"session_id\" varchar(36) NOT NULL, \"expires_at\" datetime(6) NOT NULL, \"auth_expires_at\" datetime(6) NOT NULL, \"used_at\" datetime(6), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"stream_ticket\"(\"id\", \"user_id\", \"role\", \"district_ids\", \"session_id\", \"expires_at\", \"auth_expires_at\", \"used_at\", \"created_at\") SELECT \"id\", \"user_id\", \"role\", \"district_ids\", \"session_id\", \"expires_at\", \"auth_expires_at\", \"used_at\", \"created_at\" FROM \"temporary_stream_ticket\"");
    await queryRunner.query("DROP TABLE \"temporary_stream_ticket\"");
    await queryRunner.query("CREATE INDEX \"ix_stream_ticket_expires\" ON \"stream_ticket\" (\"expires_at\") ");
    await queryRunner.query("ALTER TABLE \"notification_read\" RENAME TO \"temporary_notification_read\"");
    await queryRunner.query("CREATE TABLE \"notification_read\" (\"user_id\" integer NOT NULL, \"person_id\" integer NOT NULL, \"up_to_event_id\" integer NOT NULL, \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), PRIMARY KEY (\"user_id\", \"person_id\"))");
    await queryRunner.query("INSERT INTO \"notification_read\"(\"user_id\", \"person_id\", \"up_to_event_id\", \"updated_at\") SELECT \"user_id\", \"person_id\", \"up_to_event_id\", \"updated_at\" FROM \"temporary_notification_read\"");
    await queryRunner.query("DROP TABLE \"temporary_notification_read\"");
    await queryRunner.query("DROP INDEX \"uq_subscribe_send\"");
    await queryRunner.query("DROP INDEX \"ix_subscribe_send_user\"");
    await queryRunner.query("DROP TABLE \"subscribe_send\"");
    await queryRunner.query("DROP INDEX \"uq_subscribe_acceptance\"");
    await queryRunner.query("DROP INDEX \"ix_subscribe_acceptance_person\"");
    await queryRunner.query("DROP TABLE \"subscribe_acceptance\"");
    await queryRunner.query("DROP INDEX \"ix_stream_ticket_expires\"");
    await queryRunner.query("DROP TABLE \"stream_ticket\"");
    await queryRunner.query("DROP TABLE \"push_cursor\"");
    await queryRunner.query("DROP TABLE \"notification_read\"");
  }
}
