import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, NullableDateTime } from '../database/columns';
import { Claim } from './claim.entity';

export type DisputeState = 'open' | 'answered';
/** maintained: the decision stands (with the explanation); revised: staff will correct it (a new report or payment follows). */
export type DisputeOutcome = 'maintained' | 'revised';

/**
 * A beneficiary's objection to a decision (异议/投诉): it lands in the caseworker queue of the claim's district
 * with its own deadline, and is answered in writing. Claims in a final state are not reopened (the shared
 * state machine has no way back); a revised outcome says what happens next.
 */
@Entity('claim_dispute')
@Index('ix_claim_dispute_claim', ['claimId'])
@Index('ix_claim_dispute_district_state', ['districtId', 'state', 'dueDate'])
export class ClaimDispute {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  claimId: number;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'fk_claim_dispute_claim' })
  claim?: Claim;

  @Column({ type: 'int' })
  personId: number;

  @Column({ type: 'int' })
  districtId: number;

  @Column({ type: 'int' })
  raisedByUserId: number;

  @Column({ type: 'varchar', length: 1000 })
  reason: string;

  @Column({ type: 'varchar', length: 16 })
  state: DisputeState;

  /** 'YYYY-MM-DD': answer by this day (working days; see DISPUTE_DEADLINE). */
  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome: DisputeOutcome | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  answer: string | null;

  @Column({ type: 'int', nullable: true })
  answeredByUserId: number | null;

  @NullableDateTime()
  answeredAt: Date | null;

  @CreatedAt()
  createdAt: Date;
}
