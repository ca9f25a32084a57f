import type Decimal from 'decimal.js';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { moneyColumn } from '../common/money/decimal.transformer';
import { CreatedAt } from '../database/columns';
import { Insurer } from '../geo/insurer.entity';
import { Person } from '../people/person.entity';

/** A person covered by a scheme for one insurance year; at most one per person, scheme and year. */
@Entity('enrolment')
@Index('uq_enrolment_person_scheme_year', ['personId', 'schemeId', 'insuranceYear'], { unique: true })
@Index('ix_enrolment_insurer', ['insurerId'])
export class Enrolment {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  personId: number;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_enrolment_person' })
  person?: Person;

  /** The rules engine's scheme id, e.g. 'cq-huimin-2025'. */
  @Column({ type: 'varchar', length: 64 })
  schemeId: string;

  @Column({ type: 'int' })
  insuranceYear: number;

  /** 'YYYY-MM-DD' */
  @Column({ type: 'date' })
  coverStart: string;

  /** 'YYYY-MM-DD', inclusive */
  @Column({ type: 'date' })
  coverEnd: string;

  @Column({ type: 'int' })
  insurerId: number;

  @ManyToOne(() => Insurer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'insurer_id', foreignKeyConstraintName: 'fk_enrolment_insurer' })
  insurer?: Insurer;

  /** Yuan, DECIMAL(14,2): the whole premium of this enrolment, household part included. */
  @Column(moneyColumn())
  premium: Decimal;

  /**
   * The per-household premium (Jincheng 家庭财产保险 30/户) when this enrolment carries it: it is put on
   * the household's first enrolment of the scheme and year, once, and is included in `premium`. Null otherwise.
   */
  @Column(moneyColumn({ nullable: true }))
  householdPremium: Decimal | null;

  @CreatedAt()
  createdAt: Date;
}
