import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAt } from '../../database/columns';
import { AppUser } from '../../users/app-user.entity';

export type SessionRevokeReason = 'logout' | 'refresh_reuse' | 'rebind' | 'admin';

/**
 * One sign-in (WeChat, password or dev login). Access tokens carry its id (`sid`); the JWT guard refuses
 * tokens of a revoked or expired session at once. Refresh tokens belong to it (auth_refresh_token).
 */
@Entity('auth_session')
@Index('ix_auth_session_user', ['userId'])
export class AuthSession {
  /** UUID v4 */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'int' })
  userId: number;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_auth_session_user' })
  user?: AppUser;

  /** 'wechat' | 'password' | 'dev' */
  @Column({ type: 'varchar', length: 16 })
  method: string;

  /** After this the session can no longer be refreshed and its access tokens are refused. */
  @Column({ type: 'datetime', precision: 6 })
  expiresAt: Date;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  revokeReason: SessionRevokeReason | null;

  @CreatedAt()
  createdAt: Date;
}
