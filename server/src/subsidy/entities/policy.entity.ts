import Decimal from 'decimal.js';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../database/columns';
import { moneyColumn } from '../../common/money/decimal.transformer';
import { Person } from '../../people/person.entity';
import { HuhuibaoPolicyImport } from './policy-import.entity';

/**
 * A 沪惠保 policy the insurer issued, as its list says (one row per policy number). The insured person's
 * ID number is stored like person.id_number (ciphertext, keyed hash, mask); person_id is the roster
 * person with the same ID number, when there is one.
 */
@Entity('huhuibao_policy')
@Index('uq_huhuibao_policy_no', ['policyNo'], { unique: true })
@Index('ix_huhuibao_policy_id_hash', ['idNumberHash'])
@Index('ix_huhuibao_policy_person', ['personId'])
@Index('ix_huhuibao_policy_year', ['policyYear'])
export class HuhuibaoPolicy {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 64 })
  policyNo: string;

  /** The insured person's name as the insurer lists it. */
  @Column({ type: 'varchar', length: 64 })
  holderName: string;

  @Column({ type: 'varchar', length: 128 })
  idNumberEnc: string;

  @Column({ type: 'varchar', length: 64 })
  idNumberHash: string;

  @Column({ type: 'varchar', length: 24 })
  idNumberMasked: string;

  @Column({ type: 'int', nullable: true })
  personId: number | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_huhuibao_policy_person' })
  person?: Person | null;

  /** 团单: bought through a group (an employer, a community…): no subsidy. */
  @Column({ type: 'boolean' })
  groupPolicy: boolean;

  /** Bought through Minhang's dedicated sales QR code (the list's 销售渠道; true when the list does not say). */
  @Column({ type: 'boolean' })
  viaMinhangLink: boolean;

  /** 'YYYY-MM-DD': the day the person bought it (the list's 投保日期; its 出单日期 when absent). */
  @Column({ type: 'date' })
  purchaseDate: string;

  /** 'YYYY-MM-DD': the day the insurer issued it (出单日期). */
  @Column({ type: 'date' })
  issueDate: string;

  @Column(moneyColumn())
  premium: Decimal;

  @Column({ type: 'int' })
  policyYear: number;

  /** The import that last wrote this row. */
  @Column({ type: 'int', nullable: true })
  importId: number | null;

  @ManyToOne(() => HuhuibaoPolicyImport, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'fk_huhuibao_policy_import' })
  import?: HuhuibaoPolicyImport | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
