import { MigrationInterface, QueryRunner } from 'typeorm';

/** Oversight (sqlite). Generated from the entities by scripts/schema-diff.ts; the other dialect has the same change. */
export class Oversight1795347500000 implements MigrationInterface {
  name = 'Oversight1795347500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"loss_ratio_warning\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"scheme_id\" varchar(64) NOT NULL, \"insurance_year\" integer NOT NULL, \"district_id\" integer NOT NULL, \"level\" varchar(40) NOT NULL, \"label\" varchar(200) NOT NULL, \"notify\" varchar(100) NOT NULL, \"source\" varchar(300) NOT NULL, \"ratio_percent\" varchar(16) NOT NULL, \"premium\" decimal(14,2) NOT NULL, \"claims\" decimal(14,2) NOT NULL, \"claim_id\" integer, \"claim_event_id\" integer, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"ix_loss_ratio_warning_district\" ON \"loss_ratio_warning\" (\"district_id\", \"id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_loss_ratio_warning\" ON \"loss_ratio_warning\" (\"scheme_id\", \"insurance_year\", \"district_id\", \"level\") ");
    await queryRunner.query("CREATE TABLE \"premium_cell\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"scheme_id\" varchar(64) NOT NULL, \"insurance_year\" integer NOT NULL, \"generation\" integer NOT NULL, \"district_id\" integer NOT NULL, \"cover_start\" date, \"cover_end\" date, \"persons\" integer NOT NULL DEFAULT (0), \"households\" integer NOT NULL DEFAULT (0), \"households_billed\" integer NOT NULL DEFAULT (0), \"recorded_premium\" decimal(14,2) NOT NULL)");
    await queryRunner.query("CREATE INDEX \"ix_premium_cell_scheme_year\" ON \"premium_cell\" (\"scheme_id\", \"insurance_year\", \"generation\", \"district_id\") ");
    await queryRunner.query("CREATE TABLE \"premium_snapshot\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"scheme_id\" varchar(64) NOT NULL, \"insurance_year\" integer NOT NULL, \"fingerprint\" varchar(100) NOT NULL, \"generation\" integer NOT NULL, \"build_ms\" integer NOT NULL, \"built_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_premium_snapshot\" ON \"premium_snapshot\" (\"scheme_id\", \"insurance_year\") ");
    await queryRunner.query("DROP INDEX \"ix_loss_ratio_warning_district\"");
    await queryRunner.query("DROP INDEX \"uq_loss_ratio_warning\"");
    await queryRunner.query("CREATE TABLE \"temporary_loss_ratio_warning\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"scheme_id\" varchar(64) NOT NULL, \"insurance_year\" integer NOT NULL, \"district_id\" integer NOT NULL, \"level\" varchar(40) NOT NULL, \"label\" varchar(200) NOT NULL, \"notify\" varchar(100) NOT NULL, \"source\" varchar(300) NOT NULL, \"ratio_percent\" varchar(16) NOT NULL, \"premium\" decimal(14,2) NOT NULL, \"claims\" decimal(14,2) NOT NULL, \"claim_id\" integer, \"claim_event_id\" integer, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"fk_loss_ratio_warning_district\" FOREIGN KEY (\"district_id\") REFERENCES \"district\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_loss_ratio_warning\"(\"id\", \"scheme_id\", \"insurance_year\", \"district_id\", \"level\", \"label\", \"notify\", \"source\", \"ratio_percent\", \"premium\", \"claims\", \"claim_id\", \"claim_event_id\", \"created_at\") SELECT \"id\", \"scheme_id\", \"insurance_year\", \"district_id\", \"level\", \"label\", \"notify\", \"source\", \"ratio_percent\", \"premium\", \"claims\", \"claim_id\", \"claim_event_id\", \"created_at\" FROM \"loss_ratio_warning\"");
    await queryRunner.query("DROP TABLE \"loss_ratio_warning\"");
    await queryRunner.query("ALTER TABLE \"temporary_loss_ratio_warning\" RENAME TO \"loss_ratio_warning\"");
    await queryRunner.query("CREATE INDEX \"ix_loss_ratio_warning_district\" ON \"loss_ratio_warning\" (\"district_id\", \"id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_loss_ratio_warning\" ON \"loss_ratio_warning\" (\"scheme_id\", \"insurance_year\", \"district_id\", \"level\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_loss_ratio_warning\"");
    await queryRunner.query("DROP INDEX \"ix_loss_ratio_warning_district\"");
    await queryRunner.query("ALTER TABLE \"loss_ratio_warning\" RENAME TO \"temporary_loss_ratio_warning\"");
    await queryRunner.query("CREATE TABLE \"loss_ratio_warning\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"scheme_id\" varchar(64) NOT NULL, \"insurance_year\" integer NOT NULL, \"district_id\" integer NOT NULL, \"level\" varchar(40) NOT NULL, \"label\" varchar(200) NOT NULL, \"notify\" varchar(100) NOT NULL, \"source\" varchar(300) NOT NULL, \"ratio_percent\" varchar(16) NOT NULL, \"premium\" decimal(14,2) NOT NULL, \"claims\" decimal(14,2) NOT NULL, \"claim_id\" integer, \"claim_event_id\" integer, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"loss_ratio_warning\"(\"id\", \"scheme_id\", \"insurance_year\", \"district_id\", \"level\", \"label\", \"notify\", \"source\", \"ratio_percent\", \"premium\", \"claims\", \"claim_id\", \"claim_event_id\", \"created_at\") SELECT \"id\", \"scheme_id\", \"insurance_year\", \"district_id\", \"level\", \"label\", \"notify\", \"source\", \"ratio_percent\", \"premium\", \"claims\", \"claim_id\", \"claim_event_id\", \"created_at\" FROM \"temporary_loss_ratio_warning\"");
    await queryRunner.query("DROP TABLE \"temporary_loss_ratio_warning\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_loss_ratio_warning\" ON \"loss_ratio_warning\" (\"scheme_id\", \"insurance_year\", \"district_id\", \"level\") ");
    await queryRunner.query("CREATE INDEX \"ix_loss_ratio_warning_district\" ON \"loss_ratio_warning\" (\"district_id\", \"id\") ");
    await queryRunner.query("DROP INDEX \"uq_premium_snapshot\"");
    await queryRunner.query("DROP TABLE \"premium_snapshot\"");
    await queryRunner.query("DROP INDEX \"ix_premium_cell_scheme_year\"");
    await queryRunner.query("DROP TABLE \"premium_cell\"");
    await queryRunner.query("DROP INDEX \"uq_loss_ratio_warning\"");
    await queryRunner.query("DROP INDEX \"ix_loss_ratio_warning_district\"");
    await queryRunner.query("DROP TABLE \"loss_ratio_warning\"");
  }
}
