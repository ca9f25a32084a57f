import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Person } from '../people/person.entity';
import { RosterImport } from './roster-import.entity';

export type RosterRowStatus = 'pending' | 'ok' | 'warning' | 'error';
/** What applying the row would do (null for rows with errors). */
export type RosterRowAction = 'add' | 'change' | 'unchanged' | 'remove' | 'refuse';

/** One row of a roster file. The raw row holds ID numbers, so it is kept only encrypted (data_enc). */
@Entity('roster_import_row')
@Index('uq_roster_import_row_no', ['rosterImportId', 'rowNo'], { unique: true })
@Index('ix_roster_import_row_person', ['personId'])
@Index('ix_roster_import_row_id_hash', ['idNumberHash'])
@Index('ix_roster_import_row_status', ['rosterImportId', 'status', 'rowNo'])
export class RosterImportRow {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  rosterImportId: number;

  @ManyToOne(() => RosterImport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roster_import_id', foreignKeyConstraintName: 'fk_roster_import_row_import' })
  rosterImport?: RosterImport;

  /**
   * 1-based row number in the file, as the caseworker sees it in Excel. Removals found by a full roster
   * (people missing from it) get numbers after the file's last row, with action 'remove'.
   */
  @Column({ type: 'int' })
  rowNo: number;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: RosterRowStatus;

  @Column({ type: 'int', nullable: true })
  personId: number | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_roster_import_row_person' })
  person?: Person | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  action: RosterRowAction | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  categoryCode: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  idNumberHash: string | null;

  /** '500***********1234', for lists and the report. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  idNumberMasked: string | null;

  /** PiiCryptoService.encrypt(JSON.stringify(row), 'roster_row.data') */
  @Column({ type: 'text' })
  dataEnc: string;

  // ---- Staging values of a valid row (null on error rows), read by the set-based apply. The ID number
  // and phone are encrypted as person keeps them; the rest is what person stores in clear.

  @Column({ type: 'varchar', length: 64, nullable: true })
  name: string | null;

  /** PiiCryptoService.protectIdNumber(id).enc ('person.id_number' context). */
  @Column({ type: 'varchar', length: 128, nullable: true })
  idNumberEnc: string | null;

  @Column({ type: 'date', nullable: true })
  birthDate: string | null;

  @Column({ type: 'varchar', length: 1, nullable: true })
  sex: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  householdNo: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  phoneEnc: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  phoneMasked: string | null;

  /** The person flags this row states (merged over the stored ones on apply). */
  @Column({ type: 'json', nullable: true })
  flags: Record<string, unknown> | null;

  @Column({ type: 'date', nullable: true })
  validFrom: string | null;

  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  @Column({ type: 'date', nullable: true })
  confirmedOn: string | null;

  /**
   * The one applicable row per person whose values the apply writes to person (for a person on several
   * rows: the last one, holding the values merged over all of them, the last stated value winning).
   */
  @Column({ type: 'boolean', default: false })
  personRow: boolean;

  /** [{ field, message, level }] in Chinese, for the caseworker: errors, warnings and notes. */
  @Column({ type: 'json', nullable: true })
  errors: { field: string; message: string; level?: 'error' | 'warning' | 'info' }[] | null;
}
