import type Decimal from 'decimal.js';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { moneyColumn } from '../common/money/decimal.transformer';
import { CreatedAt } from '../database/columns';
import { District } from '../geo/district.entity';

/**
 * A county's loss ratio crossing a warning level of its scheme (Jincheng: above 80% the insurer reports to
 * the county; above 100% the county investigates and reports to the city), recorded once per scheme, year,
 * county and level (the unique index makes a second recording of the same crossing impossible).
 */
@Entity('loss_ratio_warning')
@Index('uq_loss_ratio_warning', ['schemeId', 'insuranceYear', 'districtId', 'level'], { unique: true })
@Index('ix_loss_ratio_warning_district', ['districtId', 'id'])
export class LossRatioWarning {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 64 })
  schemeId: string;

  @Column({ type: 'int' })
  insuranceYear: number;

  @Column({ type: 'int' })
  districtId: number;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id', foreignKeyConstraintName: 'fk_loss_ratio_warning_district' })
  district?: District;

  /** The engine's level id, e.g. 'insurer_reports_to_county'. */
  @Column({ type: 'varchar', length: 40 })
  level: string;

  @Column({ type: 'varchar', length: 200 })
  label: string;

  /** Who is to be told (JSON array: county, city, insurer). */
  @Column({ type: 'varchar', length: 100 })
  notify: string;

  /** The clause, printable. */
  @Column({ type: 'varchar', length: 300 })
  source: string;

  /** The loss ratio in percent (two decimals) right after the crossing, e.g. '85.00'. */
  @Column({ type: 'varchar', length: 16 })
  ratioPercent: string;

  @Column(moneyColumn())
  premium: Decimal;

  /** paid + reported estimates + approved unpaid, at the crossing. */
  @Column(moneyColumn())
  claims: Decimal;

  /** The claim whose approval or payment made the crossing (null when found by a later re-evaluation). */
  @Column({ type: 'int', nullable: true })
  claimId: number | null;

  @Column({ type: 'int', nullable: true })
  claimEventId: number | null;

  @CreatedAt()
  createdAt: Date;
}
