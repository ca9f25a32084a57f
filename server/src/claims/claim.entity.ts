import type Decimal from 'decimal.js';
import type { ClaimState } from '@huimin/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { moneyColumn } from '../common/money/decimal.transformer';
import { CreatedAt, NullableDateTime, UpdatedAt } from '../database/columns';
import { District } from '../geo/district.entity';
import { Person } from '../people/person.entity';

export type ClaimSource = 'beneficiary' | 'proxy' | 'staff' | 'proactive';

/**
 * One claim (理赔案件): who, which scheme and benefit, the incident, the facts the engine needs, and where it
 * stands. State changes only through ClaimsService.transition (the shared state machine, a conditional
 * UPDATE on `state`), each one recorded in claim_event. district_id is the person's district when reported:
 * caseworker scope, queue and live push all key on it.
 */
@Entity('claim')
@Index('uq_claim_no', ['claimNo'], { unique: true })
@Index('ix_claim_person', ['personId', 'createdAt'])
@Index('ix_claim_district_state', ['districtId', 'state', 'dueDate'])
@Index('ix_claim_ledger', ['personId', 'schemeId', 'benefitId', 'insuranceYear'])
export class Claim {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** The number people read out on the phone, e.g. HM261122000042 (date of report + id). */
  @Column({ type: 'varchar', length: 24, nullable: true })
  claimNo: string | null;

  @Column({ type: 'int' })
  personId: number;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_claim_person' })
  person?: Person;

  /** Set for household benefits (the ledger is the household's). */
  @Column({ type: 'int', nullable: true })
  householdId: number | null;

  @Column({ type: 'int' })
  districtId: number;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id', foreignKeyConstraintName: 'fk_claim_district' })
  district?: District;

  @Column({ type: 'varchar', length: 64 })
  schemeId: string;

  @Column({ type: 'varchar', length: 64 })
  versionId: string;

  @Column({ type: 'varchar', length: 64 })
  benefitId: string;

  /** The insurance year the incident falls in (the ledger's year). */
  @Column({ type: 'int' })
  insuranceYear: number;

  /** 'YYYY-MM-DD' */
  @Column({ type: 'date' })
  incidentDate: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  place: string | null;

  @Column({ type: 'varchar', length: 1000 })
  description: string;

  /** The claim facts (JSON), as the benefit declares them; amounts as decimal strings. */
  @Column({ type: 'text' })
  facts: string;

  /** For once-per-option benefits (升学补助金: the level); one granted claim per option. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  grantedOption: string | null;

  @Column({ type: 'varchar', length: 24 })
  state: ClaimState;

  @Column({ type: 'varchar', length: 16 })
  source: ClaimSource;

  /** The engine's payout when last estimated (report, documents complete, approval). */
  @Column(moneyColumn({ nullable: true }))
  estimatedPayout: Decimal | null;

  /** The engine's result then (JSON: breakdown, reasons, ledger), so anyone can check it by hand later. */
  @Column({ type: 'text', nullable: true })
  estimate: string | null;

  @Column(moneyColumn({ nullable: true }))
  approvedAmount: Decimal | null;

  /** Required when the approved amount differs from the engine's estimate. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  amountChangeReason: string | null;

  /** What approval added to the yearly ledger (deductible base and payout). */
  @Column(moneyColumn({ nullable: true }))
  ledgerBase: Decimal | null;

  @Column({ type: 'int', nullable: true })
  ledgerUsageId: number | null;

  /** Why it was refused or rejected. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  decisionReason: string | null;

  /** 'YYYY-MM-DD': the day the last required document arrived; the payout deadline counts from here. */
  @Column({ type: 'date', nullable: true })
  documentsCompleteOn: string | null;

  /** 'YYYY-MM-DD': last day to pay (inclusive), in working days per the benefit's rule. */
  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  /** The deadline's explanation lines (JSON), or why it could not be computed (e.g. a year without holiday data). */
  @Column({ type: 'text', nullable: true })
  deadline: string | null;

  @Column({ type: 'int' })
  reportedByUserId: number;

  @NullableDateTime()
  decidedAt: Date | null;

  @NullableDateTime()
  paidAt: Date | null;

  /** The bank or insurer's transfer reference. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  paymentRef: string | null;

  @VersionColumn({ type: 'int', default: 1 })
  version: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
