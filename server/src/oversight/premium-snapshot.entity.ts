import type Decimal from 'decimal.js';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { moneyColumn } from '../common/money/decimal.transformer';
import { UpdatedAt } from '../database/columns';

/**
 * The enrolments of a scheme year grouped once (district × cover period), so that the dashboards read a few
 * hundred rows instead of joining millions of enrolments to their people on every request. Rebuilt by
 * PremiumsService when the enrolments have changed (see PremiumSnapshot.fingerprint).
 * Rows with cover_start NULL carry the district's distinct households instead of a cover period.
 */
@Entity('premium_cell')
@Index('ix_premium_cell_scheme_year', ['schemeId', 'insuranceYear', 'generation', 'districtId'])
export class PremiumCell {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 64 })
  schemeId: string;

  @Column({ type: 'int' })
  insuranceYear: number;

  /** The snapshot generation these cells belong to (readers read the generation the snapshot row names). */
  @Column({ type: 'int' })
  generation: number;

  @Column({ type: 'int' })
  districtId: number;

  /** 'YYYY-MM-DD'; null on the district's households row. */
  @Column({ type: 'date', nullable: true })
  coverStart: string | null;

  @Column({ type: 'date', nullable: true })
  coverEnd: string | null;

  @Column({ type: 'int', default: 0 })
  persons: number;

  @Column({ type: 'int', default: 0 })
  households: number;

  @Column({ type: 'int', default: 0 })
  householdsBilled: number;

  @Column(moneyColumn())
  recordedPremium: Decimal;
}

/** When the cells of a scheme year were built, from which state of the enrolments, and how long it took. */
@Entity('premium_snapshot')
@Index('uq_premium_snapshot', ['schemeId', 'insuranceYear'], { unique: true })
export class PremiumSnapshot {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 64 })
  schemeId: string;

  @Column({ type: 'int' })
  insuranceYear: number;

  /**
   * The enrolments' state the cells were built from: the highest enrolment id, and the number and latest time of
   * applied rosters (the roster apply is what changes or removes enrolments; anything else only adds them).
   */
  @Column({ type: 'varchar', length: 100 })
  fingerprint: string;

  /**
   * The cells' generation: a rebuild writes generation + 1 beside the current cells, then switches this row, and
   * removes generations older than the previous one (a reader that read the old number still finds its cells).
   */
  @Column({ type: 'int' })
  generation: number;

  @Column({ type: 'int' })
  buildMs: number;

  @UpdatedAt()
  builtAt: Date;
}
