import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';
import { RosterImport } from '../rosters/roster-import.entity';
import { Person } from './person.entity';

/**
 * A person's welfare identity (低保, 特困, 孤儿, 残疾…) over a period, as stated by a roster import.
 * category_code is the rules engine's category code.
 */
@Entity('identity')
@Index('ix_identity_person_category', ['personId', 'categoryCode'])
@Index('ix_identity_roster_import', ['rosterImportId'])
export class Identity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  personId: number;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_identity_person' })
  person?: Person;

  @Column({ type: 'varchar', length: 32 })
  categoryCode: string;

  @Column({ type: 'int', nullable: true })
  rosterImportId: number | null;

  @ManyToOne(() => RosterImport, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'roster_import_id', foreignKeyConstraintName: 'fk_identity_roster_import' })
  rosterImport?: RosterImport | null;

  /** 'YYYY-MM-DD', inclusive */
  @Column({ type: 'date' })
  validFrom: string;

  /** 'YYYY-MM-DD', inclusive; null while current */
  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  /** 'YYYY-MM-DD': the day the district confirmed the person (Chongqing: cover from the 1st of that month). */
  @Column({ type: 'date', nullable: true })
  confirmedOn: string | null;

  @CreatedAt()
  createdAt: Date;
}
