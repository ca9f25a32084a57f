import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ClaimEvent } from '../claims/claim-event.entity';
import { AppUser } from '../users/app-user.entity';
import { CreatedAt, UpdatedAt } from '../database/columns';

/** sending: claimed, call in flight · sent · refused (43101) · failed (anything else; the acceptance was given back) */
export type SubscribeSendStatus = 'sending' | 'sent' | 'refused' | 'failed';

/**
 * One subscribe message for one claim event to one user. The unique key makes the send at most once per
 * event × user × template, even if recovery after a restart looks at an event again.
 * The message's field values are not stored (the claim and its history have them); the openid neither.
 */
@Entity('subscribe_send')
@Index('uq_subscribe_send', ['claimEventId', 'userId', 'templateId'], { unique: true })
@Index('ix_subscribe_send_user', ['userId', 'id'])
export class SubscribeSend {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  claimEventId: number;

  @ManyToOne(() => ClaimEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_event_id', foreignKeyConstraintName: 'fk_subscribe_send_claim_event' })
  claimEvent?: ClaimEvent;

  @Column({ type: 'int' })
  claimId: number;

  @Column({ type: 'int' })
  userId: number;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_subscribe_send_user' })
  user?: AppUser;

  @Column({ type: 'int' })
  personId: number;

  @Column({ type: 'varchar', length: 64 })
  templateId: string;

  @Column({ type: 'varchar', length: 16 })
  status: SubscribeSendStatus;

  /** WeChat's errcode when it refused (43101, 47003 …), null otherwise. */
  @Column({ type: 'int', nullable: true })
  errcode: number | null;

  /** Short reason for a failure (error kind; never the openid or the message). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  error: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
