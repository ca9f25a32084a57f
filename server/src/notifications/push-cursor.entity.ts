import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAt } from '../database/columns';

/**
 * The last claim_event a background consumer has handled (name 'subscribe': the subscribe-message
 * sender). After a restart it looks again at recent events after this one, in case the process died
 * between a commit and its live publish.
 */
@Entity('push_cursor')
export class PushCursor {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  name: string;

  @Column({ type: 'int' })
  lastEventId: number;

  @UpdatedAt()
  updatedAt: Date;
}
