import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, NullableDateTime } from '../database/columns';
import { District } from '../geo/district.entity';
import { AppUser } from '../users/app-user.entity';

export type RosterImportStatus = 'pending' | 'validated' | 'applied' | 'failed';

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

  @Column({ type: 'varchar', length: 32 })
  categoryCode: string;

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

  @CreatedAt()
  createdAt: Date;

  @NullableDateTime()
  completedAt: Date | null;
}
