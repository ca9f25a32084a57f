import Decimal from 'decimal.js';
import { BeforeInsert, BeforeUpdate, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';
import { Insurer } from './insurer.entity';

export type DistrictType = 'street' | 'town';

/** Who pays the premium for this district, as exact decimal strings that add up to 1, e.g. { city: '0.5', district: '0.5' }. */
export type PayerShares = Record<string, string>;

const SHARE = /^(0(\.\d{1,6})?|1(\.0{1,6})?)$/;

/** Throws if the shares are not decimal strings in [0, 1] adding up to exactly 1. */
export function assertPayerShares(shares: PayerShares | null | undefined): void {
  if (shares == null) return;
  const entries = Object.entries(shares);
  if (!entries.length) throw new Error('payer shares must name at least one payer');
  let sum = new Decimal(0);
  for (const [payer, share] of entries) {
    if (typeof share !== 'string' || !SHARE.test(share)) {
      throw new Error(`payer share for "${payer}" must be a decimal string between 0 and 1, got ${JSON.stringify(share)}`);
    }
    sum = sum.plus(share);
  }
  if (!sum.eq(1)) throw new Error(`payer shares must add up to 1, they add up to ${sum.toFixed()}`);
}

/**
 * An administrative unit where beneficiaries live: a county-level district (区/县), or for Minhang a
 * street (街道) or town (镇) inside it. Carries which insurer covers it and who pays the premium.
 */
@Entity('district')
@Index('uq_district_code', ['code'], { unique: true })
@Index('ix_district_scheme', ['schemeId'])
export class District {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** Administrative division code (e.g. '500103' or a 9/12-digit street code). */
  @Column({ type: 'varchar', length: 12 })
  code: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  /** The rules engine's scheme covering this area (e.g. 'cq-hmjkb'); the name is the area as the scheme names it. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  schemeId: string | null;

  /** City, e.g. '重庆市'. */
  @Column({ type: 'varchar', length: 32 })
  city: string;

  /** The county-level district this row is or belongs to, e.g. '闵行区'. */
  @Column({ type: 'varchar', length: 32 })
  county: string;

  /** street | town for sub-county units (Minhang); null for a county-level row. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  type: DistrictType | null;

  @Column({ type: 'int', nullable: true })
  insurerId: number | null;

  @ManyToOne(() => Insurer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'insurer_id', foreignKeyConstraintName: 'fk_district_insurer' })
  insurer?: Insurer | null;

  @Column({ type: 'json', nullable: true })
  payerShares: PayerShares | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @BeforeInsert()
  @BeforeUpdate()
  protected checkShares(): void {
    assertPayerShares(this.payerShares);
    if (this.type != null && this.type !== 'street' && this.type !== 'town') {
      throw new Error(`district type must be street or town, got ${JSON.stringify(this.type)}`);
    }
  }
}
