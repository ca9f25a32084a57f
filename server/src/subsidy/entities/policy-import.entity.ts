import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, NullableDateTime } from '../../database/columns';
import { AppUser } from '../../users/app-user.entity';

export type PolicyImportStatus = 'validated' | 'applied' | 'failed';

/**
 * One upload of the insurer's list of issued 沪惠保 policies (xlsx or CSV). The upload is a dry run:
 * every row is checked and what applying it would do is recorded; only `apply` writes policies.
 * The file itself is not kept: its rows are, encrypted (huhuibao_policy_import_row.data_enc).
 */
@Entity('huhuibao_policy_import')
@Index('ix_huhuibao_policy_import_sha', ['fileSha256'])
export class HuhuibaoPolicyImport {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'varchar', length: 64 })
  fileSha256: string;

  @Column({ type: 'varchar', length: 8 })
  fileFormat: string;

  /** The policy year the uploader said the list is for (rows of another year are errors); null: any year. */
  @Column({ type: 'int', nullable: true })
  policyYear: number | null;

  @Column({ type: 'varchar', length: 16 })
  status: PolicyImportStatus;

  @Column({ type: 'int', default: 0 })
  rowCount: number;

  @Column({ type: 'int', default: 0 })
  errorCount: number;

  @Column({ type: 'int', default: 0 })
  warningCount: number;

  /** Rows per action the apply would take: { add, change, unchanged }. */
  @Column({ type: 'json', nullable: true })
  counts: Record<string, number> | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  failure: string | null;

  @Column({ type: 'int', nullable: true })
  importedById: number | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'imported_by_id', foreignKeyConstraintName: 'fk_huhuibao_policy_import_user' })
  importedBy?: AppUser | null;

  @Column({ type: 'int', nullable: true })
  appliedById: number | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'applied_by_id', foreignKeyConstraintName: 'fk_huhuibao_policy_import_applier' })
  appliedBy?: AppUser | null;

  @NullableDateTime()
  appliedAt: Date | null;

  @Column({ type: 'json', nullable: true })
  applyResult: Record<string, number> | null;

  @CreatedAt()
  createdAt: Date;
}
