import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AppUser } from '../../users/app-user.entity';

export type BindOutcome = 'ok' | 'no_match' | 'already_bound';

/**
 * Every attempt of a WeChat user to bind to a roster person. Failures in the last 24 h limit further
 * attempts, per user and per target ID number. No personal data: the target is the keyed lookup hash.
 */
@Entity('bind_attempt')
@Index('ix_bind_attempt_user_at', ['userId', 'attemptedAt'])
@Index('ix_bind_attempt_target_at', ['targetHash', 'attemptedAt'])
export class BindAttempt {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  userId: number;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_bind_attempt_user' })
  user?: AppUser;

  /** HMAC lookup hash of the ID number that was tried (PiiCryptoService.hashIdNumber). */
  @Column({ type: 'varchar', length: 64 })
  targetHash: string;

  @Column({ type: 'varchar', length: 16 })
  outcome: BindOutcome;

  @Column({ type: 'datetime', precision: 6 })
  attemptedAt: Date;
}
