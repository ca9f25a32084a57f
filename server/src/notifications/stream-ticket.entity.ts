import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AppUser } from '../users/app-user.entity';
import { CreatedAt } from '../database/columns';

/**
 * A short-lived, single-use ticket for opening the staff event stream from a browser EventSource, which
 * cannot send an Authorization header. Only the SHA-256 of the ticket is stored. The ticket carries the
 * caller as they were when it was issued (role, districts, session): the stream re-checks the session.
 */
@Entity('stream_ticket')
@Index('ix_stream_ticket_expires', ['expiresAt'])
export class StreamTicket {
  /** hex SHA-256 of the ticket. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'int' })
  userId: number;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_stream_ticket_user' })
  user?: AppUser;

  @Column({ type: 'varchar', length: 16 })
  role: string;

  /** JSON array of district ids (caseworkers, adjusters). */
  @Column({ type: 'varchar', length: 2000 })
  districtIds: string;

  @Column({ type: 'varchar', length: 36 })
  sessionId: string;

  /** When the ticket stops being redeemable (60 s after issue). */
  @Column({ type: 'datetime', precision: 6 })
  expiresAt: Date;

  /** When the access token that asked for it expires: the stream closes then (the client reconnects). */
  @Column({ type: 'datetime', precision: 6 })
  authExpiresAt: Date;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  usedAt: Date | null;

  @CreatedAt()
  createdAt: Date;
}
