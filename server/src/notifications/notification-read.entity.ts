import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Person } from '../people/person.entity';
import { AppUser } from '../users/app-user.entity';
import { UpdatedAt } from '../database/columns';

/**
 * How far a user has read a person's notifications (claim_event ids up to and including upToEventId).
 * Per viewer: a proxy reading grandmother's notifications does not mark them read for her.
 * Notifications themselves are not stored: they are read from claim_event, written in the same
 * transaction as the change, so none is lost if the process dies before the live push.
 */
@Entity('notification_read')
export class NotificationRead {
  @PrimaryColumn({ type: 'int' })
  userId: number;

  @PrimaryColumn({ type: 'int' })
  personId: number;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notification_read_user' })
  user?: AppUser;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_notification_read_person' })
  person?: Person;

  @Column({ type: 'int' })
  upToEventId: number;

  @UpdatedAt()
  updatedAt: Date;
}
