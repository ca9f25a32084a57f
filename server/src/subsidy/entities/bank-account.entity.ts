import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../database/columns';
import { Person } from '../../people/person.entity';
import { AppUser } from '../../users/app-user.entity';

/**
 * The bank account a resident confirmed for their subsidy (one per person; a new one replaces it).
 * The number is stored only as AES-256-GCM ciphertext and a mask; the holder is always the person.
 */
@Entity('subsidy_bank_account')
@Index('uq_subsidy_bank_account_person', ['personId'], { unique: true })
export class SubsidyBankAccount {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  personId: number;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_subsidy_bank_account_person' })
  person?: Person;

  @Column({ type: 'varchar', length: 64 })
  bankName: string;

  @Column({ type: 'varchar', length: 64 })
  holderName: string;

  /** PiiCryptoService.encrypt(digits, 'subsidy_bank_account.number') */
  @Column({ type: 'varchar', length: 160 })
  accountEnc: string;

  /** '****1234' */
  @Column({ type: 'varchar', length: 24 })
  accountMasked: string;

  /** Who confirmed it (the resident, or a proxy acting for them). */
  @Column({ type: 'int', nullable: true })
  confirmedByUserId: number | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'confirmed_by_user_id', foreignKeyConstraintName: 'fk_subsidy_bank_account_user' })
  confirmedBy?: AppUser | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
