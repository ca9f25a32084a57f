import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';
import { Person } from '../people/person.entity';
import { AppUser } from '../users/app-user.entity';

/**
 * Append-only record of who did what. Written by AuditService only; never updated or deleted by the
 * application (no triggers enforce it: the schema stays portable to TiDB).
 * detail must not hold clear personal data: pass masked values.
 */
@Entity('audit_event')
@Index('ix_audit_event_entity', ['entity', 'entityId'])
@Index('ix_audit_event_at', ['at'])
@Index('ix_audit_event_actor', ['actorUserId'])
@Index('ix_audit_event_on_behalf_of', ['onBehalfOfPersonId'])
export class AuditEvent {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** Null for the system itself (imports, scheduled jobs). */
  @Column({ type: 'int', nullable: true })
  actorUserId: number | null;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_user_id', foreignKeyConstraintName: 'fk_audit_event_actor' })
  actor?: AppUser | null;

  /** A caseworker acting for a beneficiary: the beneficiary's person id. */
  @Column({ type: 'int', nullable: true })
  onBehalfOfPersonId: number | null;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'on_behalf_of_person_id', foreignKeyConstraintName: 'fk_audit_event_person' })
  onBehalfOf?: Person | null;

  /** e.g. 'person.view_id_number', 'roster.apply', 'claim.submit' */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 64 })
  entity: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  entityId: string | null;

  @CreatedAt()
  at: Date;

  @Column({ type: 'json', nullable: true })
  detail: Record<string, unknown> | null;
}
