import type Decimal from 'decimal.js';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { moneyColumn } from '../common/money/decimal.transformer';
import { CreatedAt } from '../database/columns';
import { Claim } from './claim.entity';

/** reported | transition (a state change) | document (a checklist line changed) | amount | note */
export type ClaimEventType = 'reported' | 'transition' | 'document' | 'note';

/**
 * The claim's history, one row per thing that happened, written in the same transaction as the change.
 * It is the beneficiary's timeline, the caseworker's audit trail, and the outbox for live push:
 * an SSE client that reconnects asks for events after the last id it saw.
 */
@Entity('claim_event')
@Index('ix_claim_event_claim', ['claimId', 'id'])
@Index('ix_claim_event_district', ['districtId', 'id'])
@Index('ix_claim_event_person', ['personId', 'id'])
export class ClaimEvent {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  claimId: number;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'fk_claim_event_claim' })
  claim?: Claim;

  /** Copied from the claim so that push and notifications need no join. */
  @Column({ type: 'int' })
  districtId: number;

  @Column({ type: 'int' })
  personId: number;

  @Column({ type: 'varchar', length: 16 })
  type: ClaimEventType;

  /** The shared state machine's transition id ('approve' …), 'report', or a document action. */
  @Column({ type: 'varchar', length: 40 })
  action: string;

  /** Chinese, for the timeline: 立案, 核定赔付, 收到材料：出院小结 … */
  @Column({ type: 'varchar', length: 200 })
  label: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  fromState: string | null;

  @Column({ type: 'varchar', length: 24 })
  toState: string;

  @Column({ type: 'int', nullable: true })
  actorUserId: number | null;

  /** beneficiary | proxy | caseworker | adjuster | finance | admin | system */
  @Column({ type: 'varchar', length: 16 })
  actorRole: string;

  /** Set when a proxy acted for the person. */
  @Column({ type: 'int', nullable: true })
  onBehalfOfPersonId: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column(moneyColumn({ nullable: true }))
  amount: Decimal | null;

  @CreatedAt()
  createdAt: Date;
}
