import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';

/**
 * One row per (caller, operation, Idempotency-Key): the first request's fingerprint and the response it
 * got. Written in the same transaction as the thing the request created, so a key exists if and only if
 * its effect committed; a replay gets the stored response and creates nothing.
 */
@Entity('idempotency_record')
@Index('uq_idempotency_record_key', ['userId', 'scope', 'idemKey'], { unique: true })
export class IdempotencyRecord {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** The signed-in user who sent it (keys are per caller: one user cannot replay another's). */
  @Column({ type: 'int' })
  userId: number;

  /** The operation, e.g. 'claims.report'. */
  @Column({ type: 'varchar', length: 64 })
  scope: string;

  @Column({ type: 'varchar', length: 100 })
  idemKey: string;

  /** SHA-256 of the canonical request: the same key with a different body is refused. */
  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ type: 'int' })
  responseStatus: number;

  /** The JSON response body (no full personal numbers: responses are masked already). */
  @Column({ type: 'text' })
  responseBody: string;

  @CreatedAt()
  createdAt: Date;
}
