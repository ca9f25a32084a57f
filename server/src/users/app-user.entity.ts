import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, NullableDateTime, UpdatedAt } from '../database/columns';
import { Insurer } from '../geo/insurer.entity';
import { Person } from '../people/person.entity';

export const ROLES = ['beneficiary', 'caseworker', 'adjuster', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Anyone who signs in: beneficiaries (usually through WeChat, linked to their person row) and staff
 * (username + password, scoped to districts through user_district). Passwords: scrypt, see
 * common/crypto/password.ts. failed_logins / locked_until implement lock-out.
 * A person has at most one login (uq_app_user_person): binding a second WeChat user to them is refused.
 * Insurer adjusters carry their insurer: they see the districts that insurer covers.
 */
@Entity('app_user')
@Index('uq_app_user_username', ['username'], { unique: true })
@Index('uq_app_user_wechat_openid', ['wechatOpenid'], { unique: true })
@Index('uq_app_user_person', ['personId'], { unique: true })
@Index('ix_app_user_insurer', ['insurerId'])
export class AppUser {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  /** Null for beneficiaries who only sign in through WeChat. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  username: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Column({ type: 'int', default: 0 })
  failedLogins: number;

  @NullableDateTime()
  lockedUntil: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  wechatOpenid: string | null;

  @Column({ type: 'int', nullable: true })
  personId: number | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_app_user_person' })
  person?: Person | null;

  /** Adjusters only: the insurer whose districts they may see. */
  @Column({ type: 'int', nullable: true })
  insurerId: number | null;

  @ManyToOne(() => Insurer, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'insurer_id', foreignKeyConstraintName: 'fk_app_user_insurer' })
  insurer?: Insurer | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
