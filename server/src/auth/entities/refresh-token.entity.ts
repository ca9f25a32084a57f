import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AuthSession } from './auth-session.entity';

/**
 * Refresh tokens, stored as SHA-256 of the random token (never the token). Each is used once: refreshing
 * marks it used and issues the next one. Presenting a used one again means it was copied: the whole session
 * is revoked.
 */
@Entity('auth_refresh_token')
@Index('uq_auth_refresh_token_hash', ['tokenHash'], { unique: true })
@Index('ix_auth_refresh_token_session', ['sessionId'])
export class AuthRefreshToken {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 36 })
  sessionId: string;

  @ManyToOne(() => AuthSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_auth_refresh_token_session' })
  session?: AuthSession;

  /** hex SHA-256 */
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'datetime', precision: 6 })
  issuedAt: Date;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  usedAt: Date | null;
}
