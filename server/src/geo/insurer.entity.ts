import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';

/** An insurance company that underwrites a scheme in some districts. */
@Entity('insurer')
@Index('uq_insurer_name', ['name'], { unique: true })
@Index('uq_insurer_code', ['code'], { unique: true })
export class Insurer {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** The rules engine's insurer id (e.g. 'cq-chinalife') for rows the reference seed keeps; null for others. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  code: string | null;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** Claims hotline shown to beneficiaries, e.g. '95519'. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  hotline: string | null;

  @CreatedAt()
  createdAt: Date;
}
