import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../database/columns';
import { Person } from '../../people/person.entity';
import { AppUser } from '../../users/app-user.entity';
import type { ProxyRelation } from './proxy-grant.entity';

/**
 * A short-lived, single-use code a bound beneficiary gives a family member, who redeems it in their own
 * WeChat to become a proxy. The code is looked up by keyed hash; its ciphertext is kept only so that a
 * retried request (same Idempotency-Key) gets the same code back.
 */
@Entity('proxy_invite')
@Index('uq_proxy_invite_code_hash', ['codeHash'], { unique: true })
@Index('uq_proxy_invite_idempotency', ['createdByUserId', 'idempotencyKey'], { unique: true })
@Index('ix_proxy_invite_person', ['personId'])
export class ProxyInvite {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ type: 'varchar', length: 128 })
  codeEnc: string;

  @Column({ type: 'int' })
  personId: number;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_proxy_invite_person' })
  person?: Person;

  @Column({ type: 'int' })
  createdByUserId: number;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'created_by_user_id', foreignKeyConstraintName: 'fk_proxy_invite_created_by' })
  createdBy?: AppUser;

  @Column({ type: 'varchar', length: 16 })
  relation: ProxyRelation;

  @Column({ type: 'varchar', length: 64, nullable: true })
  idempotencyKey: string | null;

  @Column({ type: 'datetime', precision: 6 })
  expiresAt: Date;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  redeemedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  redeemedByUserId: number | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'redeemed_by_user_id', foreignKeyConstraintName: 'fk_proxy_invite_redeemed_by' })
  redeemedBy?: AppUser | null;

  @CreatedAt()
  createdAt: Date;
}
