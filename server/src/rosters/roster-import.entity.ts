import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, NullableDateTime } from '../database/columns';
import { District } from '../geo/district.entity';
import { AppUser } from '../users/app-user.entity';

/** pending → validating → validated → applying → applied; failed when the file cannot be read or the apply failed. */
export type RosterImportStatus = 'pending' | 'validating' | 'validated' | 'applying' | 'applied' | 'failed';
export type RosterImportMode = 'full' | 'delta';

/** Rows per action after validation (preview) and changes made by the apply. */
export type RosterActionCounts = Record<'add' | 'change' | 'unchanged' | 'remove' | 'refuse', number>;

/** One uploaded roster file (低保/特困/… list from civil affairs) and what became of it. */
@Entity('roster_import')
@Index('ix_roster_import_district', ['districtId'])
@Index('ix_roster_import_imported_by', ['importedById'])
export class RosterImport {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int', nullable: true })
  districtId: number | null;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id', foreignKeyConstraintName: 'fk_roster_import_district' })
  district?: District | null;

  /** The category of a one-category roster; '*' for a scheme roster listing all its categories. */
  @Column({ type: 'varchar', length: 32 })
  categoryCode: string;

  /** The rules engine's scheme id, e.g. 'cq-hmjkb'. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  schemeId: string | null;

  /** The roster month, 'YYYY-MM'. */
  @Column({ type: 'varchar', length: 7, nullable: true })
  month: string | null;

  /** full: the whole list (people missing from it are removed); delta: additions and changes only. */
  @Column({ type: 'varchar', length: 8, default: 'full' })
  mode: RosterImportMode;

  /** csv | xlsx, from the file's first bytes. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  fileFormat: string | null;

  @Column({ type: 'int', default: 0 })
  fileSize: number;

  /** Name of the encrypted copy under DATA_DIR/rosters/. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  storedFile: string | null;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  /** Hex SHA-256 of the uploaded file, to spot the same file uploaded twice. */
  @Column({ type: 'varchar', length: 64 })
  fileSha256: string;

  @Column({ type: 'int', nullable: true })
  importedById: number | null;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'imported_by_id', foreignKeyConstraintName: 'fk_roster_import_user' })
  importedBy?: AppUser | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: RosterImportStatus;

  @Column({ type: 'int', default: 0 })
  rowCount: number;

  @Column({ type: 'int', default: 0 })
  errorCount: number;

  @Column({ type: 'int', default: 0 })
  warningCount: number;

  /** Rows read so far (progress while validating). */
  @Column({ type: 'int', default: 0 })
  rowsRead: number;

  @Column({ type: 'int', default: 0 })
  rowsPerSecond: number;

  /** Validation preview: rows per action. */
  @Column({ type: 'json', nullable: true })
  counts: RosterActionCounts | null;

  /** Why the import failed (Chinese, no personal data). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  failure: string | null;

  @NullableDateTime()
  startedAt: Date | null;

  @NullableDateTime()
  appliedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  appliedById: number | null;

  /** The Idempotency-Key of the apply request, when one was sent. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  applyKey: string | null;

  /** What the apply changed (counts per kind). */
  @Column({ type: 'json', nullable: true })
  applyResult: Record<string, unknown> | null;

  @CreatedAt()
  createdAt: Date;

  @NullableDateTime()
  completedAt: Date | null;
}
