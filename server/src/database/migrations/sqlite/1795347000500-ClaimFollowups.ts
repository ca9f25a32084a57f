import { MigrationInterface, QueryRunner } from 'typeorm';

/** ClaimFollowups (sqlite). Generated from the entities by scripts/schema-diff.ts; the other dialect has the same change. */
export class ClaimFollowups1795347000500 implements MigrationInterface {
  name = 'ClaimFollowups1795347000500';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"claim_alert\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"person_id\" integer NOT NULL, \"district_id\" integer NOT NULL, \"scheme_id\" varchar(64) NOT NULL, \"benefit_id\" varchar(64) NOT NULL, \"kind\" varchar(24) NOT NULL, \"event_date\" date NOT NULL, \"detail\" varchar(300) NOT NULL, \"source_key\" varchar(64) NOT NULL, \"state\" varchar(16) NOT NULL, \"claim_id\" integer, \"note\" varchar(300), \"imported_by_user_id\" integer NOT NULL, \"closed_at\" datetime(6), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"ix_claim_alert_district\" ON \"claim_alert\" (\"district_id\", \"state\") ");
    await queryRunner.query("CREATE INDEX \"ix_claim_alert_person\" ON \"claim_alert\" (\"person_id\", \"state\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_claim_alert_source\" ON \"claim_alert\" (\"source_key\") ");
    await queryRunner.query("CREATE TABLE \"claim_dispute\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"claim_id\" integer NOT NULL, \"person_id\" integer NOT NULL, \"district_id\" integer NOT NULL, \"raised_by_user_id\" integer NOT NULL, \"reason\" varchar(1000) NOT NULL, \"state\" varchar(16) NOT NULL, \"due_date\" date, \"outcome\" varchar(16), \"answer\" varchar(1000), \"answered_by_user_id\" integer, \"answered_at\" datetime(6), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"ix_claim_dispute_district_state\" ON \"claim_dispute\" (\"district_id\", \"state\", \"due_date\") ");
    await queryRunner.query("CREATE INDEX \"ix_claim_dispute_claim\" ON \"claim_dispute\" (\"claim_id\") ");
    await queryRunner.query("DROP INDEX \"ix_claim_alert_district\"");
    await queryRunner.query("DROP INDEX \"ix_claim_alert_person\"");
    await queryRunner.query("DROP INDEX \"uq_claim_alert_source\"");
    await queryRunner.query("CREATE TABLE \"temporary_claim_alert\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"person_id\" integer NOT NULL, \"district_id\" integer NOT NULL, \"scheme_id\" varchar(64) NOT NULL, \"benefit_id\" varchar(64) NOT NULL, \"kind\" varchar(24) NOT NULL, \"event_date\" date NOT NULL, \"detail\" varchar(300) NOT NULL, \"source_key\" varchar(64) NOT NULL, \"state\" varchar(16) NOT NULL, \"claim_id\" integer, \"note\" varchar(300), \"imported_by_user_id\" integer NOT NULL, \"closed_at\" datetime(6), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"fk_claim_alert_person\" FOREIGN KEY (\"person_id\") REFERENCES \"person\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_claim_alert\"(\"id\", \"person_id\", \"district_id\", \"scheme_id\", \"benefit_id\", \"kind\", \"event_date\", \"detail\", \"source_key\", \"state\", \"claim_id\", \"note\", \"imported_by_user_id\", \"closed_at\", \"created_at\") SELECT \"id\", \"person_id\", \"district_id\", \"scheme_id\", \"benefit_id\", \"kind\", \"event_date\", \"detail\", \"source_key\", \"state\", \"claim_id\", \"note\", \"imported_by_user_id\", \"closed_at\", \"created_at\" FROM \"claim_alert\"");
    await queryRunner.query("DROP TABLE \"claim_alert\"");
    await queryRunner.query("ALTER TABLE \"temporary_claim_alert\" RENAME TO \"claim_alert\"");
    await queryRunner.query("CREATE INDEX \"ix_claim_alert_district\" ON \"claim_alert\" (\"district_id\", \"state\") ");
    await queryRunner.query("CREATE INDEX \"ix_claim_alert_person\" ON \"claim_alert\" (\"person_id\", \"state\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_claim_alert_source\" ON \"claim_alert\" (\"source_key\") ");
    await queryRunner.query("DROP INDEX \"ix_claim_dispute_district_state\"");
    await queryRunner.query("DROP INDEX \"ix_claim_dispute_claim\"");
    await queryRunner.query("CREATE TABLE \"temporary_claim_dispute\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"claim_id\" integer NOT NULL, \"person_id\" integer NOT NULL, \"district_id\" integer NOT NULL, \"raised_by_user_id\" integer NOT NULL, \"reason\" varchar(1000) NOT NULL, \"state\" varchar(16) NOT NULL, \"due_date\" date, \"outcome\" varchar(16), \"answer\" varchar(1000), \"answered_by_user_id\" integer, \"answered_at\" datetime(6), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"fk_claim_dispute_claim\" FOREIGN KEY (\"claim_id\") REFERENCES \"claim\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_claim_dispute\"(\"id\", \"claim_id\", \"person_id\", \"district_id\", \"raised_by_user_id\", \"reason\", \"state\", \"due_date\", \"outcome\", \"answer\", \"answered_by_user_id\", \"answered_at\", \"created_at\") SELECT \"id\", \"claim_id\", \"person_id\", \"district_id\", \"raised_by_user_id\", \"reason\", \"state\", \"due_date\", \"outcome\", \"answer\", \"answered_by_user_id\", \"answered_at\", \"created_at\" FROM \"claim_dispute\"");
    await queryRunner.query("DROP TABLE \"claim_dispute\"");
    await queryRunner.query("ALTER TABLE \"temporary_claim_dispute\" RENAME TO \"claim_dispute\"");
    await queryRunner.query("CREATE INDEX \"ix_claim_dispute_district_state\" ON \"claim_dispute\" (\"district_id\", \"state\", \"due_date\") ");
    await queryRunner.query("CREATE INDEX \"ix_claim_dispute_claim\" ON \"claim_dispute\" (\"claim_id\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ix_claim_dispute_claim\"");
    await queryRunner.query("DROP INDEX \"ix_claim_dispute_district_state\"");
    await queryRunner.query("ALTER TABLE \"claim_dispute\" RENAME TO \"temporary_claim_dispute\"");
    await queryRunner.query("CREATE TABLE \"claim_dispute\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"claim_id\" integer NOT NULL, \"person_id\" integer NOT NULL, \"district_id\" integer NOT NULL, \"raised_by_user_id\" integer NOT NULL, \"reason\" varchar(1000) NOT NULL, \"state\" varchar(16) NOT NULL, \"due_date\" date, \"outcome\" varchar(16), \"answer\" varchar(1000), \"answered_by_user_id\" integer, \"answered_at\" datetime(6), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"claim_dispute\"(\"id\", \"claim_id\", \"person_id\", \"district_id\", \"raised_by_user_id\", \"reason\", \"state\", \"due_date\", \"outcome\", \"answer\", \"answered_by_user_id\", \"answered_at\", \"created_at\") SELECT \"id\", \"claim_id\", \"person_id\", \"district_id\", \"raised_by_user_id\", \"reason\", \"state\", \"due_date\", \"outcome\", \"answer\", \"answered_by_user_id\", \"answered_at\", \"created_at\" FROM \"temporary_claim_dispute\"");
    await queryRunner.query("DROP TABLE \"temporary_claim_dispute\"");
    await queryRunner.query("CREATE INDEX \"ix_claim_dispute_claim\" ON \"claim_dispute\" (\"claim_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_claim_dispute_district_state\" ON \"claim_dispute\" (\"district_id\", \"state\", \"due_date\") ");
    await queryRunner.query("DROP INDEX \"uq_claim_alert_source\"");
    await queryRunner.query("DROP INDEX \"ix_claim_alert_person\"");
    await queryRunner.query("DROP INDEX \"ix_claim_alert_district\"");
    await queryRunner.query("ALTER TABLE \"claim_alert\" RENAME TO \"temporary_claim_alert\"");
    await queryRunner.query("CREATE TABLE \"claim_alert\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"person_id\" integer NOT NULL, \"district_id\" integer NOT NULL, \"scheme_id\" varchar(64) NOT NULL, \"benefit_id\" varchar(64) NOT NULL, \"kind\" varchar(24) NOT NULL, \"event_date\" date NOT NULL, \"detail\" varchar(300) NOT NULL, \"source_key\" varchar(64) NOT NULL, \"state\" varchar(16) NOT NULL, \"claim_id\" integer, \"note\" varchar(300), \"imported_by_user_id\" integer NOT NULL, \"closed_at\" datetime(6), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"claim_alert\"(\"id\", \"person_id\", \"district_id\", \"scheme_id\", \"benefit_id\", \"kind\", \"event_date\", \"detail\", \"source_key\", \"state\", \"claim_id\", \"note\", \"imported_by_user_id\", \"closed_at\", \"created_at\") SELECT \"id\", \"person_id\", \"district_id\", \"scheme_id\", \"benefit_id\", \"kind\", \"event_date\", \"detail\", \"source_key\", \"state\", \"claim_id\", \"note\", \"imported_by_user_id\", \"closed_at\", \"created_at\" FROM \"temporary_claim_alert\"");
    await queryRunner.query("DROP TABLE \"temporary_claim_alert\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_claim_alert_source\" ON \"claim_alert\" (\"source_key\") ");
    await queryRunner.query("CREATE INDEX \"ix_claim_alert_person\" ON \"claim_alert\" (\"person_id\", \"state\") ");
    await queryRunner.query("CREATE INDEX \"ix_claim_alert_district\" ON \"claim_alert\" (\"district_id\", \"state\") ");
    await queryRunner.query("DROP INDEX \"ix_claim_dispute_claim\"");
    await queryRunner.query("DROP INDEX \"ix_claim_dispute_district_state\"");
    await queryRunner.query("DROP TABLE \"claim_dispute\"");
    await queryRunner.query("DROP INDEX \"uq_claim_alert_source\"");
    await queryRunner.query("DROP INDEX \"ix_claim_alert_person\"");
    await queryRunner.query("DROP INDEX \"ix_claim_alert_district\"");
    await queryRunner.query("DROP TABLE \"claim_alert\"");
  }
}
