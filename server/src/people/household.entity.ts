import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';
import { District } from '../geo/district.entity';

/** A household (户) as the rosters list it; some benefits are counted per household. */
@Entity('household')
@Index('ix_household_district', ['districtId'])
@Index('ix_household_district_no', ['districtId', 'householdNo'])
export class Household {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** The household number on the civil-affairs roster, when it has one. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  householdNo: string | null;

  @Column({ type: 'int' })
  districtId: number;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id', foreignKeyConstraintName: 'fk_household_district' })
  district?: District;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
