import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { District } from '../geo/district.entity';
import { AppUser } from './app-user.entity';

/** Which districts a staff member may see and act in. */
@Entity('user_district')
@Index('ix_user_district_district', ['districtId'])
export class UserDistrict {
  @PrimaryColumn({ type: 'int' })
  userId: number;

  @PrimaryColumn({ type: 'int' })
  districtId: number;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_district_user' })
  user?: AppUser;

  @ManyToOne(() => District, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'district_id', foreignKeyConstraintName: 'fk_user_district_district' })
  district?: District;
}
