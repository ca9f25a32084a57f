import { MigrationInterface, QueryRunner } from 'typeorm';

/** Claims (sqlite). Generated from the entities by scripts/schema-diff.ts; the other dialect has the same change. */
export class Claims1795346900000 implements MigrationInterface {
  name = 'Claims1795346900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"claim\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"claim_no\" varchar(24), \"person_id\" integer NOT NULL, \"household_id\" integer, \"district_id\" integer NOT NULL, \"scheme_id\" varchar(64) NOT NULL, \"version_id\" varchar(64) NOT NULL, \"benefit_id\" varchar(64) NOT NULL, \"insurance_year\" integer NOT NULL, \"incident_date\" date NOT NULL, \"place\" varchar(200), \"description\" varchar(1000) NOT NULL, \"facts\" text NOT NULL, \"granted_option\" varchar(64), \"state\" varchar(24) NOT NULL, \"source\" varchar(16) NOT NULL, \"estimated_payout\" decimal(14,2), \"estimate\" text, \"approved_amount\" decimal(14,2), \"amount_change_reason\" varchar(500), \"ledger_base\" decimal(14,2), \"ledger_usage_id\" integer, \"decision_reason\" varchar(500), \"documents_complete_on\" date, \"due_date\" date, \"deadline\" text, \"reported_by_user_id\" integer NOT NULL, \"decided_at\" datetime(6), \"paid_at\" datetime(6), \"payment_ref\" varchar(64), \"version\" integer NOT NULL DEFAULT (1), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"ix_claim_ledger\" ON \"claim\" (\"person_id\", \"scheme_id\", \"benefit_id\", \"insurance_year\") ");
    await queryRunner.query("CREATE INDEX \"ix_claim_district_state\" ON \"claim\" (\"district_id\", \"state\", \"due_date\") ");
    await queryRunner.query("CREATE INDEX \"ix_claim_person\" ON \"claim\" (\"person_id\", \"created_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_claim_no\" ON \"claim\" (\"claim_no\") ");
    await queryRunner.query("CREATE TABLE \"claim_document\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"claim_id\" integer NOT NULL, \"document_id\" varchar(64) NOT NULL, \"name\" varchar(200) NOT NULL, \"note\" varchar(300), \"position\" integer NOT NULL, \"status\" varchar(16) NOT NULL, \"review_note\" varchar(300), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_claim_document\" ON \"claim_document\" (\"claim_id\", \"document_id\") ");
    await queryRunner.query("CREATE TABLE \"claim_event\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"claim_id\" integer NOT NULL, \"district_id\" integer NOT NULL, \"person_id\" integer NOT NULL, \"type\" varchar(16) NOT NULL, \"action\" varchar(40) NOT NULL, \"label\" varchar(200) NOT NULL, \"from_state\" varchar(24), \"to_state\" varchar(24) NOT NULL, \"actor_user_id\" integer, \"actor_role\" varchar(16) NOT NULL, \"on_behalf_of_person_id\" integer, \"reason\" varchar(500), \"amount\" decimal(14,2), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"ix_claim_event_person\" ON \"claim_event\" (\"person_id\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_claim_event_district\" ON \"claim_event\" (\"district_id\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_claim_event_claim\" ON \"claim_event\" (\"claim_id\", \"id\") ");
    await queryRunner.query("DROP INDEX \"ix_claim_ledger\"");
    await queryRunner.query("DROP INDEX \"ix_claim_district_state\"");
    await queryRunner.query("DROP INDEX \"ix_claim_person\"");
    await queryRunner.query("DROP INDEX \"uq_claim_no\"");
    await queryRunner.query("CREATE TABLE \"temporary_claim\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"claim_no\" varchar(24), \"person_id\" integer NOT NULL, \"household_id\" integer, \"district_id\" integer NOT NULL, \"scheme_id\" varchar(64) NOT NULL, \"version_id\" varchar(64) NOT NULL, \"benefit_id\" varchar(64) NOT NULL, \"insurance_year\" integer NOT NULL, \"incident_date\" date NOT NULL, \"place\" varchar(200), \"description\" varchar(1000) NOT NULL, \"facts\" text NOT NULL, \"granted_option\" varchar(64), \"state\" varchar(24) NOT NULL, \"source\" varchar(16) NOT NULL, \"estimated_payout\" decimal(14,2), \"estimate\" text, \"approved_amount\" decimal(14,2), \"amount_change_reason\" varchar(500), \"ledger_base\" decimal(14,2), \"ledger_usage_id\" integer, \"decision_reason\" varchar(500), \"documents_complete_on\" date, \"due_date\" date, \"deadline\" text, \"reported_by_user_id\" integer NOT NULL, \"decided_at\" datetime(6), \"paid_at\" datetime(6), \"payment_ref\" varchar(64), \"version\" integer NOT NULL DEFAULT (1), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"fk_claim_person\" FOREIGN KEY (\"person_id\") REFERENCES \"person\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"fk_claim_district\" FOREIGN KEY (\"district_id\") REFERENCES \"district\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_claim\"(\"id\", \"claim_no\", \"person_id\", \"household_id\", \"district_id\", \"scheme_id\", \"version_id\", \"benefit_id\", \"insurance_year\", \"incident_date\", \"place\", \"description\", \"facts\", \"granted_option\", \"state\", \"source\", \"estimated_payout\", \"estimate\", \"approved_amount\", \"amount_change_reason\", \"ledger_base\", \"ledger_usage_id\", \"decision_reason\", \"documents_complete_on\", \"due_date\", \"deadline\", \"reported_by_user_id\", \"decided_at\", \"paid_at\", \"payment_ref\", \"version\", \"created_at\", \"updated_at\") SELECT \"id\", \"claim_no\", \"person_id\", \"household_id\", \"district_id\", \"scheme_id\", \"version_id\", \"benefit_id\", \"insurance_year\", \"incident_date\", \"place\", \"description\", \"facts\", \"granted_option\", \"state\", \"source\", \"estimated_payout\", \"estimate\", \"approved_amount\", \"amount_change_reason\", \"ledger_base\", \"ledger_usage_id\", \"decision_reason\", \"documents_complete_on\", \"due_date\", \"deadline\", \"reported_by_user_id\", \"decided_at\", \"paid_at\", \"payment_ref\", \"version\", \"created_at\", \"updated_at\" FROM \"claim\"");
    await queryRunner.query("DROP TABLE \"claim\"");
    await queryRunner.query("ALTER TABLE \"temporary_claim\" RENAME TO \"claim\"");
    await queryRunner.query("CREATE INDEX \"ix_claim_ledger\" ON \"claim\" (\"person_id\", \"scheme_id\", \"benefit_id\", \"insurance_year\") ");
    await queryRunner.query("CREATE INDEX \"ix_claim_district_state\" ON \"claim\" (\"district_id\", \"state\", \"due_date\") ");
    await queryRunner.query("CREATE INDEX \"ix_claim_person\" ON \"claim\" (\"person_id\", \"created_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_claim_no\" ON \"claim\" (\"claim_no\") ");
    await queryRunner.query("DROP INDEX \"uq_claim_document\"");
    await queryRunner.query("CREATE TABLE \"temporary_claim_document\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"claim_id\" integer NOT NULL, \"document_id\" varchar(64) NOT NULL, \"name\" varchar(200) NOT NULL, \"note\" varchar(300), \"position\" integer NOT NULL, \"status\" varchar(16) NOT NULL, \"review_note\" varchar(300), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"fk_claim_document_claim\" FOREIGN KEY (\"claim_id\") REFERENCES \"claim\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_claim_document\"(\"id\", \"claim_id\", \"document_id\", \"name\", \"note\", \"position\", \"status\", \"review_note\", \"updated_at\") SELECT \"id\", \"claim_id\", \"document_id\", \"name\", \"note\", \"position\", \"status\", \"review_note\", \"updated_at\" FROM \"claim_document\"");
    await queryRunner.query("DROP TABLE \"claim_document\"");
    await queryRunner.query("ALTER TABLE \"temporary_claim_document\" RENAME TO \"claim_document\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_claim_document\" ON \"claim_document\" (\"claim_id\", \"document_id\") ");
    await queryRunner.query("DROP INDEX \"ix_claim_event_person\"");
    await queryRunner.query("DROP INDEX \"ix_claim_event_district\"");
    await queryRunner.query("DROP INDEX \"ix_claim_event_claim\"");
    await queryRunner.query("CREATE TABLE \"temporary_claim_event\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"claim_id\" integer NOT NULL, \"district_id\" integer NOT NULL, \"person_id\" integer NOT NULL, \"type\" varchar(16) NOT NULL, \"action\" varchar(40) NOT NULL, \"label\" varchar(200) NOT NULL, \"from_state\" varchar(24), \"to_state\" varchar(24) NOT NULL, \"actor_user_id\" integer, \"actor_role\" varchar(16) NOT NULL, \"on_behalf_of_person_id\" integer, \"reason\" varchar(500), \"amount\" decimal(14,2), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"fk_claim_event_claim\" FOREIGN KEY (\"claim_id\") REFERENCES \"claim\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_claim_event\"(\"id\", \"claim_id\", \"district_id\", \"person_id\", \"type\", \"action\", \"label\", \"from_state\", \"to_state\", \"actor_user_id\", \"actor_role\", \"on_behalf_of_person_id\", \"reason\", \"amount\", \"created_at\") SELECT \"id\", \"claim_id\", \"district_id\", \"person_id\", \"type\", \"action\", \"label\", \"from_state\", \"to_state\", \"actor_user_id\", \"actor_role\", \"on_behalf_of_person_id\", \"reason\", \"amount\", \"created_at\" FROM \"claim_event\"");
    await queryRunner.query("DROP TABLE \"claim_event\"");
    await queryRunner.query("ALTER TABLE \"temporary_claim_event\" RENAME TO \"claim_event\"");
    await queryRunner.query("CREATE INDEX \"ix_claim_event_person\" ON \"claim_event\" (\"person_id\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_claim_event_district\" ON \"claim_event\" (\"district_id\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_claim_event_claim\" ON \"claim_event\" (\"claim_id\", \"id\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ix_claim_event_claim\"");
    await queryRunner.query("DROP INDEX \"ix_claim_event_district\"");
    await queryRunner.query("DROP INDEX \"ix_claim_event_person\"");
    await queryRunner.query("ALTER TABLE \"claim_event\" RENAME TO \"temporary_claim_event\"");
    await queryRunner.query("CREATE TABLE \"claim_event\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"claim_id\" integer NOT NULL, \"district_id\" integer NOT NULL, \"person_id\" integer NOT NULL, \"type\" varchar(16) NOT NULL, \"action\" varchar(40) NOT NULL, \"label\" varchar(200) NOT NULL, \"from_state\" varchar(24), \"to_state\" varchar(24) NOT NULL, \"actor_user_id\" integer, \"actor_role\" varchar(16) NOT NULL, \"on_behalf_of_person_id\" integer, \"reason\" varchar(500), \"amount\" decimal(14,2), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"claim_event\"(\"id\", \"claim_id\", \"district_id\", \"person_id\", \"type\", \"action\", \"label\", \"from_state\", \"to_state\", \"actor_user_id\", \"actor_role\", \"on_behalf_of_person_id\", \"reason\", \"amount\", \"created_at\") SELECT \"id\", \"claim_id\", \"district_id\", \"person_id\", \"type\", \"action\", \"label\", \"from_state\", \"to_state\", \"actor_user_id\", \"actor_role\", \"on_behalf_of_person_id\", \"reason\", \"amount\", \"created_at\" FROM \"temporary_claim_event\"");
    await queryRunner.query("DROP TABLE \"temporary_claim_event\"");
    await queryRunner.query("CREATE INDEX \"ix_claim_event_claim\" ON \"claim_event\" (\"claim_id\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_claim_event_district\" ON \"claim_event\" (\"district_id\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_claim_event_person\" ON \"claim_event\" (\"person_id\", \"id\") ");
    await queryRunner.query("DROP INDEX \"uq_claim_document\"");
    await queryRunner.query("ALTER TABLE \"claim_document\" RENAME TO \"temporary_claim_document\"");
    await queryRunner.query("CREATE TABLE \"claim_document\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"claim_id\" integer NOT NULL, \"document_id\" varchar(64) NOT NULL, \"name\" varchar(200) NOT NULL, \"note\" varchar(300), \"position\" integer NOT NULL, \"status\" varchar(16) NOT NULL, \"review_note\" varchar(300), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"claim_document\"(\"id\", \"claim_id\", \"document_id\", \"name\", \"note\", \"position\", \"status\", \"review_note\", \"updated_at\") SELECT \"id\", \"claim_id\", \"document_id\", \"name\", \"note\", \"position\", \"status\", \"review_note\", \"updated_at\" FROM \"temporary_claim_document\"");
    await queryRunner.query("DROP TABLE \"temporary_claim_document\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_claim_document\" ON \"claim_document\" (\"claim_id\", \"document_id\") ");
    await queryRunner.query("DROP INDEX \"uq_claim_no\"");
    await queryRunner.query("DROP INDEX \"ix_claim_person\"");
    await queryRunner.query("DROP INDEX \"ix_claim_district_state\"");
    await queryRunner.query("DROP INDEX \"ix_claim_ledger\"");
    await queryRunner.query("ALTER TABLE \"claim\" RENAME TO \"temporary_claim\"");
    await queryRunner.query("CREATE TABLE \"claim\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"claim_no\" varchar(24), \"person_id\" integer NOT NULL, \"household_id\" integer, \"district_id\" integer NOT NULL, \"scheme_id\" varchar(64) NOT NULL, \"version_id\" varchar(64) NOT NULL, \"benefit_id\" varchar(64) NOT NULL, \"insurance_year\" integer NOT NULL, \"incident_date\" date NOT NULL, \"place\" varchar(200), \"description\" varchar(1000) NOT NULL, \"facts\" text NOT NULL, \"granted_option\" varchar(64), \"state\" varchar(24) NOT NULL, \"source\" varchar(16) NOT NULL, \"estimated_payout\" decimal(14,2), \"estimate\" text, \"approved_amount\" decimal(14,2), \"amount_change_reason\" varchar(500), \"ledger_base\" decimal(14,2), \"ledger_usage_id\" integer, \"decision_reason\" varchar(500), \"documents_complete_on\" date, \"due_date\" date, \"deadline\" text, \"reported_by_user_id\" integer NOT NULL, \"decided_at\" datetime(6), \"paid_at\" datetime(6), \"payment_ref\" varchar(64), \"version\" integer NOT NULL DEFAULT (1), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"claim\"(\"id\", \"claim_no\", \"person_id\", \"household_id\", \"district_id\", \"scheme_id\", \"version_id\", \"benefit_id\", \"insurance_year\", \"incident_date\", \"place\", \"description\", \"facts\", \"granted_option\", \"state\", \"source\", \"estimated_payout\", \"estimate\", \"approved_amount\", \"amount_change_reason\", \"ledger_base\", \"ledger_usage_id\", \"decision_reason\", \"documents_complete_on\", \"due_date\", \"deadline\", \"reported_by_user_id\", \"decided_at\", \"paid_at\", \"payment_ref\", \"version\", \"created_at\", \"updated_at\") SELECT \"id\", \"claim_no\", \"person_id\", \"household_id\", \"district_id\", \"scheme_id\", \"version_id\", \"benefit_id\", \"insurance_year\", \"incident_date\", \"place\", \"description\", \"facts\", \"granted_option\", \"state\", \"source\", \"estimated_payout\", \"estimate\", \"approved_amount\", \"amount_change_reason\", \"ledger_base\", \"ledger_usage_id\", \"decision_reason\", \"documents_complete_on\", \"due_date\", \"deadline\", \"reported_by_user_id\", \"decided_at\", \"paid_at\", \"payment_ref\", \"version\", \"created_at\", \"updated_at\" FROM \"temporary_claim\"");
    await queryRunner.query("DROP TABLE \"temporary_claim\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_claim_no\" ON \"claim\" (\"claim_no\") ");
    await queryRunner.query("CREATE INDEX \"ix_claim_person\" ON \"claim\" (\"person_id\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_claim_district_state\" ON \"claim\" (\"district_id\", \"state\", \"due_date\") ");
    await queryRunner.query("CREATE INDEX \"ix_claim_ledger\" ON \"claim\" (\"person_id\", \"scheme_id\", \"benefit_id\", \"insurance_year\") ");
    await queryRunner.query("DROP INDEX \"ix_claim_event_claim\"");
    await queryRunner.query("DROP INDEX \"ix_claim_event_district\"");
    await queryRunner.query("DROP INDEX \"ix_claim_event_person\"");
    await queryRunner.query("DROP TABLE \"claim_event\"");
    await queryRunner.query("DROP INDEX \"uq_claim_document\"");
    await queryRunner.query("DROP TABLE \"claim_document\"");
    await queryRunner.query("DROP INDEX \"uq_claim_no\"");
    await queryRunner.query("DROP INDEX \"ix_claim_person\"");
    await queryRunner.query("DROP INDEX \"ix_claim_district_state\"");
    await queryRunner.query("DROP INDEX \"ix_claim_ledger\"");
    await queryRunner.query("DROP TABLE \"claim\"");
  }
}
