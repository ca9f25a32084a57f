import Decimal from 'decimal.js';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, NullableDateTime, UpdatedAt } from '../../database/columns';
import { moneyColumn } from '../../common/money/decimal.transformer';
import { District } from '../../geo/district.entity';
import { AppUser } from '../../users/app-user.entity';

export type BatchStatus = 'created' | 'exported' | 'settled';

/** A payment batch of one 街道 / 镇 for one policy year: the bank transfers it, then returns a result per row. */
@Entity('subsidy_payment_batch')
@Index('ix_subsidy_payment_batch_district', ['districtId', 'policyYear'])
export class SubsidyPaymentBatch {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  districtId: number;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id', foreignKeyConstraintName: 'fk_subsidy_payment_batch_district' })
  district?: District;

  @Column({ type: 'int' })
  policyYear: number;

  @Column({ type: 'varchar', length: 16 })
  status: BatchStatus;

  @Column({ type: 'int', default: 0 })
  itemCount: number;

  @Column(moneyColumn())
  totalAmount: Decimal;

  @Column({ type: 'int', nullable: true })
  createdById: number | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_subsidy_payment_batch_user' })
  createdBy?: AppUser | null;

  @NullableDateTime()
  exportedAt: Date | null;

  @NullableDateTime()
  settledAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
