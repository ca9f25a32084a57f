import Decimal from 'decimal.js';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { NullableDateTime } from '../../database/columns';
import { moneyColumn } from '../../common/money/decimal.transformer';
import { SubsidyPaymentBatch } from './payment-batch.entity';
import { HuhuibaoSubsidy } from './subsidy.entity';

export type ItemResult = 'pending' | 'paid' | 'failed';

/**
 * One transfer in a batch: a snapshot of the account it goes to (encrypted) and the bank's result.
 * `open_subsidy_id` is the subsidy's id while the result is pending, else null: with its unique index a
 * subsidy can never be waiting in two batches at once, whatever the application does.
 */
@Entity('subsidy_payment_item')
@Index('uq_subsidy_payment_item', ['batchId', 'subsidyId'], { unique: true })
@Index('uq_subsidy_payment_item_open', ['openSubsidyId'], { unique: true })
@Index('ix_subsidy_payment_item_subsidy', ['subsidyId'])
export class SubsidyPaymentItem {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  batchId: number;

  @ManyToOne(() => SubsidyPaymentBatch, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'fk_subsidy_payment_item_batch' })
  batch?: SubsidyPaymentBatch;

  @Column({ type: 'int' })
  subsidyId: number;

  @ManyToOne(() => HuhuibaoSubsidy, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subsidy_id', foreignKeyConstraintName: 'fk_subsidy_payment_item_subsidy' })
  subsidy?: HuhuibaoSubsidy;

  @Column({ type: 'int', nullable: true })
  openSubsidyId: number | null;

  @Column({ type: 'int' })
  personId: number;

  @Column(moneyColumn())
  amount: Decimal;

  @Column({ type: 'varchar', length: 64 })
  holderName: string;

  @Column({ type: 'varchar', length: 64 })
  bankName: string;

  @Column({ type: 'varchar', length: 160 })
  accountEnc: string;

  @Column({ type: 'varchar', length: 24 })
  accountMasked: string;

  @Column({ type: 'varchar', length: 16 })
  result: ItemResult;

  @Column({ type: 'varchar', length: 255, nullable: true })
  failureReason: string | null;

  @Column({ type: 'date', nullable: true })
  paidOn: string | null;

  @NullableDateTime()
  resultAt: Date | null;
}
