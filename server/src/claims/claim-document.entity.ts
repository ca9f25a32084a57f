import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UpdatedAt } from '../database/columns';
import { Claim } from './claim.entity';

/** received: something was uploaded or handed in; accepted: staff checked it; rejected: staff asked again. */
export type ClaimDocumentStatus = 'missing' | 'received' | 'accepted' | 'rejected';

/** One line of the claim's document checklist (一次性告知), copied from the benefit definition at report time. */
@Entity('claim_document')
@Index('uq_claim_document', ['claimId', 'documentId'], { unique: true })
export class ClaimDocument {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  claimId: number;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'fk_claim_document_claim' })
  claim?: Claim;

  @Column({ type: 'varchar', length: 64 })
  documentId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  note: string | null;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 16 })
  status: ClaimDocumentStatus;

  /** Staff's note when refusing a document (what is wrong with it). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  reviewNote: string | null;

  @UpdatedAt()
  updatedAt: Date;
}
