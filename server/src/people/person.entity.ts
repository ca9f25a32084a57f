import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';
import { District } from '../geo/district.entity';
import { Household } from './household.entity';

/** Facts about a person that eligibility rules read; all optional. */
export interface PersonFlags {
  in_school?: boolean;
  medical_insurance_years?: number;
  /** Covered by the anti-poverty monitoring system (防返贫监测). */
  monitoring_system?: boolean;
  /** 'YYYY-MM-DD' */
  disability_card_valid_until?: string;
  /** Years with basic medical insurance, as a roster lists them (参加医保年份). */
  medical_insurance_year_list?: number[];
  /** 'YYYY-MM-DD': entered into the monitoring system (纳入监测系统日期). */
  monitoring_system_since?: string;
  /** 户籍人口 of the person's district (schemes that cover all registered residents). */
  registered_resident?: boolean;
}

export type Sex = 'M' | 'F';

/**
 * One row per person. The ID number is never stored in clear: AES-256-GCM ciphertext for display to
 * authorised staff, a keyed HMAC for lookups (unique), and a masked form for lists.
 */
@Entity('person')
@Index('uq_person_id_number_hash', ['idNumberHash'], { unique: true })
@Index('ix_person_district', ['districtId'])
@Index('ix_person_household', ['householdId'])
export class Person {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 128 })
  idNumberEnc: string;

  @Column({ type: 'varchar', length: 64 })
  idNumberHash: string;

  @Column({ type: 'varchar', length: 24 })
  idNumberMasked: string;

  /** 'YYYY-MM-DD' */
  @Column({ type: 'date' })
  birthDate: string;

  @Column({ type: 'varchar', length: 1 })
  sex: Sex;

  @Column({ type: 'int' })
  districtId: number;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id', foreignKeyConstraintName: 'fk_person_district' })
  district?: District;

  @Column({ type: 'int', nullable: true })
  householdId: number | null;

  @ManyToOne(() => Household, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'household_id', foreignKeyConstraintName: 'fk_person_household' })
  household?: Household | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  phoneEnc: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  phoneMasked: string | null;

  @Column({ type: 'json', nullable: true })
  flags: PersonFlags | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
