import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAt } from '../database/columns';

/**
 * A year of official holidays and make-up workdays entered by an admin when the State Council publishes it
 * (the engine's seeded data stops at 2026). Loaded into the working-day calendar at start and on every change.
 */
@Entity('holiday_year')
export class HolidayYearRow {
  @PrimaryColumn({ type: 'int' })
  year: number;

  /** JSON: { holidays: { name: ['MM-DD', …] }, workdays: ['MM-DD', …] } */
  @Column({ type: 'text' })
  data: string;

  /** The notice it comes from, e.g. 国办发明电〔2026〕X号. */
  @Column({ type: 'varchar', length: 200 })
  source: string;

  @Column({ type: 'int' })
  enteredByUserId: number;

  @UpdatedAt()
  updatedAt: Date;
}
