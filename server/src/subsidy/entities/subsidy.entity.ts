import Decimal from 'decimal.js';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, NullableDateTime, UpdatedAt } from '../../database/columns';
import { moneyColumn } from '../../common/money/decimal.transformer';
import { District } from '../../geo/district.entity';
import { Person } from '../../people/person.entity';
import { HuhuibaoPolicy } from './policy.entity';
import type { SubsidyStatus } from '../subsidy-states';

/** One payer's part of a subsidy, from the engine's money-flows split (computePremium / splitByShares). */
export interface PayerPart {
  payer: string;
  share?: string;
  amount: string;
}

/** A reason of the engine's decision, with the clause it applied, in plain Chinese. */
export interface StoredReason {
  ok: boolean;
  code: string;
  message: string;
  clause?: string;
}

/**
 * The subsidy decision for one policy, and its payment state. Matching writes `decision`, `amount`,
 * `reasons`, `district_id` and `payers` (the engine's estimate for mh-huhuibao / huhuibao_subsidy);
 * payment moves `status` on with conditional updates.
 *
 * `grant_key` = 'p:<person id>:<policy year>' while the decision is eligible, else null: the unique index
 * makes "once per person per policy year" hold in the database, whatever runs at the same time.
 */
@Entity('huhuibao_subsidy')
@Index('uq_huhuibao_subsidy_policy', ['policyId'], { unique: true })
@Index('uq_huhuibao_subsidy_grant', ['grantKey'], { unique: true })
@Index('ix_huhuibao_subsidy_person', ['personId', 'policyYear'])
@Index('ix_huhuibao_subsidy_batchable', ['districtId', 'policyYear', 'status'])
@Index('ix_huhuibao_subsidy_batch', ['batchId'])
export class HuhuibaoSubsidy {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  policyId: number;

  @ManyToOne(() => HuhuibaoPolicy, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'policy_id', foreignKeyConstraintName: 'fk_huhuibao_subsidy_policy' })
  policy?: HuhuibaoPolicy;

  @Column({ type: 'int', nullable: true })
  personId: number | null;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_huhuibao_subsidy_person' })
  person?: Person | null;

  @Column({ type: 'int' })
  policyYear: number;

  /** 'eligible' | 'refused' */
  @Column({ type: 'varchar', length: 16 })
  decision: 'eligible' | 'refused';

  /** The engine's payout: 129.00 when eligible, 0.00 when refused. */
  @Column(moneyColumn())
  amount: Decimal;

  @Column({ type: 'json' })
  reasons: StoredReason[];

  /** The person's residence (街道 / 镇 / 莘庄工业区) when matched; it decides the payers and the batch. */
  @Column({ type: 'int', nullable: true })
  districtId: number | null;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id', foreignKeyConstraintName: 'fk_huhuibao_subsidy_district' })
  district?: District | null;

  @Column({ type: 'json', nullable: true })
  payers: PayerPart[] | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  grantKey: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: SubsidyStatus;

  /** The bank's reason when the last payment failed. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  failureReason: string | null;

  /** The batch it is in (in_batch) or was last in (paid / failed). */
  @Column({ type: 'int', nullable: true })
  batchId: number | null;

  /** 'YYYY-MM-DD': the day the bank paid it. */
  @Column({ type: 'date', nullable: true })
  paidOn: string | null;

  @NullableDateTime()
  matchedAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
