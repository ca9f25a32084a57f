import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../database/columns';
import { Person } from '../../people/person.entity';
import { AppUser } from '../../users/app-user.entity';

export const PROXY_RELATIONS = ['spouse', 'child', 'grandchild', 'sibling', 'relative', 'caseworker', 'other'] as const;
export type ProxyRelation = (typeof PROXY_RELATIONS)[number];
export const CONSENT_METHODS = ['in_app', 'paper'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/**
 * A beneficiary's consent that another user (a family member's WeChat user, or a caseworker) acts for them.
 * Active while revoked_at is null. Acts done under it are audited with both people.
 */
@Entity('proxy_grant')
@Index('ix_proxy_grant_person', ['personId'])
@Index('ix_proxy_grant_grantee', ['granteeUserId'])
export class ProxyGrant {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** The beneficiary who consents. */
  @Column({ type: 'int' })
  personId: number;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_proxy_grant_person' })
  person?: Person;

  @Column({ type: 'int' })
  granteeUserId: number;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'grantee_user_id', foreignKeyConstraintName: 'fk_proxy_grant_grantee' })
  grantee?: AppUser;

  @Column({ type: 'varchar', length: 16 })
  relation: ProxyRelation;

  @Column({ type: 'varchar', length: 8 })
  consentMethod: ConsentMethod;

  /** When the beneficiary consented (the date on the paper form, or the moment the invite was redeemed). */
  @Column({ type: 'datetime', precision: 6 })
  consentedAt: Date;

  /** The caseworker who recorded a paper consent, or the beneficiary who sent the invite. */
  @Column({ type: 'int' })
  createdByUserId: number;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_user_id', foreignKeyConstraintName: 'fk_proxy_grant_created_by' })
  createdBy?: AppUser;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  revokedByUserId: number | null;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'revoked_by_user_id', foreignKeyConstraintName: 'fk_proxy_grant_revoked_by' })
  revokedBy?: AppUser | null;

  @CreatedAt()
  createdAt: Date;
}
