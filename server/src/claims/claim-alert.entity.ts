import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, NullableDateTime } from '../database/columns';
import { Person } from '../people/person.entity';

/** open: the person and caseworker are reminded; reported: a claim was filed for it; dismissed: staff closed it with a note. */
export type ClaimAlertState = 'open' | 'reported' | 'dismissed';

/**
 * 主动理赔: a monitoring alert that civil affairs imported (a hospitalisation, an admission list…) for an
 * enrolled person, suggesting a claim nobody has reported. The person and their caseworker see a reminder
 * until a claim is reported for it or staff dismiss it. Re-importing the same alert changes nothing.
 */
@Entity('claim_alert')
@Index('uq_claim_alert_source', ['sourceKey'], { unique: true })
@Index('ix_claim_alert_person', ['personId', 'state'])
@Index('ix_claim_alert_district', ['districtId', 'state'])
export class ClaimAlert {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  personId: number;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_claim_alert_person' })
  person?: Person;

  @Column({ type: 'int' })
  districtId: number;

  @Column({ type: 'varchar', length: 64 })
  schemeId: string;

  /** The benefit the alert suggests (may be refined when reporting). */
  @Column({ type: 'varchar', length: 64 })
  benefitId: string;

  /** hospitalisation | admission | death | disability | other */
  @Column({ type: 'varchar', length: 24 })
  kind: string;

  /** 'YYYY-MM-DD' the event the alert is about (admission day, registration deadline …). */
  @Column({ type: 'date' })
  eventDate: string;

  /** What the source said, for the reminder (hospital, school …). No ID numbers. */
  @Column({ type: 'varchar', length: 300 })
  detail: string;

  /** A hash of (person, kind, event date, source reference): the same alert imported twice is one alert. */
  @Column({ type: 'varchar', length: 64 })
  sourceKey: string;

  @Column({ type: 'varchar', length: 16 })
  state: ClaimAlertState;

  @Column({ type: 'int', nullable: true })
  claimId: number | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  note: string | null;

  @Column({ type: 'int' })
  importedByUserId: number;

  @NullableDateTime()
  closedAt: Date | null;

  @CreatedAt()
  createdAt: Date;
}
