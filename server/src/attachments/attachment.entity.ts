import type Decimal from 'decimal.js';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Claim } from '../claims/claim.entity';
import { moneyColumn } from '../common/money/decimal.transformer';
import { CreatedAt } from '../database/columns';
import { Person } from '../people/person.entity';
import { AppUser } from '../users/app-user.entity';

/**
 * One uploaded claim document (receipt, 结算单, diagnosis, admission letter, ID, e-invoice PDF) of one
 * person. The file itself is in the FileStorage under `storageKey`, encrypted; this row says whose it is,
 * what it is and, once the claims module has used it, for which claim.
 */
@Entity('attachment')
@Index('ix_attachment_person', ['personId'])
@Index('ix_attachment_claim', ['claimId'])
@Index('ix_attachment_uploaded_by', ['uploadedByUserId'])
// Indexed so that the sweeper can ask which stored files a row still points at.
@Index('ix_attachment_storage_key', ['storageKey'])
@Index('ix_attachment_thumb_key', ['thumbKey'])
export class Attachment {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** Whose document it is. */
  @Column({ type: 'int' })
  personId: number;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_attachment_person' })
  person?: Person;

  /** Who uploaded it (the person, their proxy, or staff). Only they may delete it, and only before it is used. */
  @Column({ type: 'int' })
  uploadedByUserId: number;

  @ManyToOne(() => AppUser, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploaded_by_user_id', foreignKeyConstraintName: 'fk_attachment_uploaded_by' })
  uploadedBy?: AppUser;

  /** The claim it belongs to, set by AttachmentsService.assignToClaim() from the claims module. */
  @Column({ type: 'int', nullable: true })
  claimId: number | null;

  @ManyToOne(() => Claim, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'fk_attachment_claim' })
  claim?: Claim | null;

  /** Which document of the claim's checklist it is (the engine's document id), when known. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  documentId: string | null;

  /** What was uploaded, by content: jpeg, png, webp, avif or pdf. */
  @Column({ type: 'varchar', length: 8 })
  sourceFormat: string;

  /** What is stored and served: image/jpeg (photos are re-encoded) or application/pdf. */
  @Column({ type: 'varchar', length: 32 })
  mime: string;

  /** Size of the stored plaintext, in bytes. */
  @Column({ type: 'int' })
  byteSize: number;

  @Column({ type: 'int', nullable: true })
  width: number | null;

  @Column({ type: 'int', nullable: true })
  height: number | null;

  /** SHA-256 (hex) of the stored plaintext: the same photo uploaded twice has the same hash. */
  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 128 })
  storageKey: string;

  /** The 320-px JPEG thumbnail (photos only). */
  @Column({ type: 'varchar', length: 128, nullable: true })
  thumbKey: string | null;

  /** From the e-invoice QR code when one was read (pre-fill only: the person confirms the numbers in the claim). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  invoiceCode: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  invoiceNumber: string | null;

  @Column(moneyColumn({ nullable: true }))
  invoiceAmount: Decimal | null;

  /** 'YYYY-MM-DD' */
  @Column({ type: 'date', nullable: true })
  invoiceDate: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  invoiceCheckCode: string | null;

  @CreatedAt()
  createdAt: Date;
}
