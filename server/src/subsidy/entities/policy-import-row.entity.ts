import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { HuhuibaoPolicyImport } from './policy-import.entity';

export type PolicyRowStatus = 'ok' | 'warning' | 'error';
/** What applying the row does; null for rows with errors (never applied). */
export type PolicyRowAction = 'add' | 'change' | 'unchanged';

/** One row of an insurer's policy list. The row holds an ID number, so it is kept only encrypted. */
@Entity('huhuibao_policy_import_row')
@Index('uq_huhuibao_policy_import_row_no', ['importId', 'rowNo'], { unique: true })
@Index('ix_huhuibao_policy_import_row_status', ['importId', 'status', 'rowNo'])
export class HuhuibaoPolicyImportRow {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  importId: number;

  @ManyToOne(() => HuhuibaoPolicyImport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'fk_huhuibao_policy_import_row_import' })
  import?: HuhuibaoPolicyImport;

  /** 1-based row number as Excel shows it (header = row 1). */
  @Column({ type: 'int' })
  rowNo: number;

  @Column({ type: 'varchar', length: 16 })
  status: PolicyRowStatus;

  @Column({ type: 'varchar', length: 16, nullable: true })
  action: PolicyRowAction | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  policyNo: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  idNumberMasked: string | null;

  /** PiiCryptoService.encrypt(JSON.stringify(record), 'huhuibao_policy_row.data') */
  @Column({ type: 'text' })
  dataEnc: string;

  /** [{ field, message, level }] in Chinese. */
  @Column({ type: 'json', nullable: true })
  messages: { field: string; message: string; level: string }[] | null;
}
