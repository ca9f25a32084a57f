import type Decimal from 'decimal.js';
import {
  BeforeInsert,
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';
import { moneyColumn } from '../common/money/decimal.transformer';
import { UpdatedAt } from '../database/columns';
import { Household } from '../people/household.entity';
import { Person } from '../people/person.entity';

/** 'p:<person id>' or 'h:<household id>': one unique key for either kind of subject. */
export function usageSubjectKey(s: { personId?: number | null; householdId?: number | null }): string {
  if ((s.personId == null) === (s.householdId == null)) {
    throw new Error('annual usage belongs to exactly one of a person or a household');
  }
  return s.personId != null ? `p:${s.personId}` : `h:${s.householdId}`;
}

/**
 * The yearly ledger per person (or household) × scheme × benefit: how much of the deductible base has
 * been used and how much has been paid. Claims update it with a conditional UPDATE on `version`
 * (see AnnualUsageService.apply), never read-modify-write.
 */
@Entity('annual_usage')
@Index('uq_annual_usage_subject', ['subjectKey', 'schemeId', 'benefitCode', 'year'], { unique: true })
@Index('ix_annual_usage_person', ['personId'])
@Index('ix_annual_usage_household', ['householdId'])
@Check('ck_annual_usage_subject', '(person_id IS NULL) <> (household_id IS NULL)')
export class AnnualUsage {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 24 })
  subjectKey: string;

  @Column({ type: 'int', nullable: true })
  personId: number | null;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_annual_usage_person' })
  person?: Person | null;

  @Column({ type: 'int', nullable: true })
  householdId: number | null;

  @ManyToOne(() => Household, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'household_id', foreignKeyConstraintName: 'fk_annual_usage_household' })
  household?: Household | null;

  @Column({ type: 'varchar', length: 64 })
  schemeId: string;

  @Column({ type: 'varchar', length: 64 })
  benefitCode: string;

  /** Insurance year. */
  @Column({ type: 'int' })
  year: number;

  @Column(moneyColumn({ default: '0.00' }))
  baseUsed: Decimal;

  @Column(moneyColumn({ default: '0.00' }))
  paid: Decimal;

  @VersionColumn({ type: 'int', default: 1 })
  version: number;

  @UpdatedAt()
  updatedAt: Date;

  @BeforeInsert()
  protected setSubjectKey(): void {
    this.subjectKey = usageSubjectKey(this);
  }
}
