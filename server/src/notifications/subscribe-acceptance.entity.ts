import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Person } from '../people/person.entity';
import { AppUser } from '../users/app-user.entity';
import { CreatedAt, UpdatedAt } from '../database/columns';

/**
 * WeChat one-time subscribe messages (一次性订阅): each time the user taps "allow" for a template, the
 * mini-program may send them ONE message of it. `remaining` counts those not yet used, per user, per the
 * person whose claims they asked about (themselves, or someone they act for), per template.
 * A send takes one (conditional UPDATE remaining > 0); a failed send gives it back; WeChat's 43101
 * (the user has none left, or turned the template off) sets every row of that user × template to 0.
 */
@Entity('subscribe_acceptance')
@Index('uq_subscribe_acceptance', ['userId', 'personId', 'templateId'], { unique: true })
@Index('ix_subscribe_acceptance_person', ['personId', 'templateId'])
export class SubscribeAcceptance {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  userId: number;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_subscribe_acceptance_user' })
  user?: AppUser;

  @Column({ type: 'int' })
  personId: number;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_subscribe_acceptance_person' })
  person?: Person;

  @Column({ type: 'varchar', length: 64 })
  templateId: string;

  @Column({ type: 'int', default: 0 })
  remaining: number;

  /** How many times the user accepted, ever (for support questions: "I allowed it, why nothing?"). */
  @Column({ type: 'int', default: 0 })
  acceptedTotal: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
