import { createHash } from 'node:crypto';
import {
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  OnModuleDestroy,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Decimal from 'decimal.js';
import { DataSource, EntityManager, Equal, In, IsNull, Or } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { notFound } from '../auth/access.service';
import { type AuthUser, subjectPersonId } from '../auth/auth-user';
import { ValidationFailedException } from '../common/validation/validation';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { IdempotencyService, requireIdempotencyKey, type IdempotentResult } from '../idempotency/idempotency.service';
import { Person } from '../people/person.entity';
import { processUpload, Semaphore, type ProcessedUpload } from './attachment-processing';
import type { UploadedAttachmentFile } from './attachment-upload.storage';
import { Attachment } from './attachment.entity';
import type { AttachmentView, UploadAttachmentDto } from './attachments.dto';
import { EncryptedFileStore } from './encrypted-file-store';
import { dialectOf } from '../database/dialect';
import { newStorageKey } from './file-storage';
import { parseInvoiceQr, type InvoiceFields } from './invoice-qr';
import { QrDecoder } from './qr-decoder';

export type AttachmentVariant = 'content' | 'thumbnail';

export interface AttachmentFile {
  mime: string;
  body: Buffer;
  fileName: string;
}

/** Thrown by assignToClaim: the claims module turns it into its own answer (or lets it through: 422). */
export class AttachmentsNotAssignableError extends UnprocessableEntityException {
  constructor(readonly attachmentIds: number[]) {
    super({
      statusCode: 422,
      code: 'ATTACHMENT_NOT_AVAILABLE',
      message: '有材料不属于这位参保人，或已用于另一份理赔申请，请重新选择',
      errors: [{ field: 'attachmentIds', message: `这些材料不能用于这份申请：${attachmentIds.join('、')}` }],
    });
  }
}

/**
 * Claim documents: upload (checked, cleaned, encrypted), metadata, content and thumbnail (audited), delete,
 * and the two methods the claims module calls (assignToClaim, listForClaim).
 *
 * Who sees an attachment: the person it belongs to (or whoever acts for them with X-Act-For), caseworkers
 * and adjusters of the person's district, admins. Anyone else gets 404, as if it did not exist.
 */
@Injectable()
export class AttachmentsService implements OnModuleDestroy {
  private readonly logger = new Logger('Attachments');
  private readonly qr = new QrDecoder();
  /** Two photos decoded at a time at most (2-core machines; a 40 MP photo is 160 MB while decoded). */
  private readonly decoding = new Semaphore(2);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly files: EncryptedFileStore,
    private readonly idem: IdempotencyService,
    private readonly audit: AuditService,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await this.qr.close();
  }

  // ------------------------------------------------------------------ upload

  async upload(user: AuthUser, dto: UploadAttachmentDto, file: UploadedAttachmentFile | undefined, key: string | undefined): Promise<IdempotentResult<AttachmentView>> {
    requireIdempotencyKey(key);
    if (!file) throw new ValidationFailedException([{ field: 'file', message: '请选择要上传的照片或 PDF 文件' }]);
    const personId = await this.targetPerson(user, dto.personId);
    const uploadSha256 = createHash('sha256').update(file.buffer).digest('hex');

    const processed = await this.decoding.run(() => processUpload(file.buffer, this.config.uploads));
    const invoice = processed.mime === 'image/jpeg' ? parseInvoiceQr(await this.qr.decodeImage(processed.content)) : null;

    const keys = await this.storeFiles(processed);
    let result: IdempotentResult<AttachmentView>;
    try {
      result = await this.idem.run(
        { userId: user.userId, scope: 'attachments.upload', key, request: { personId, documentId: dto.documentId ?? null, file: uploadSha256 } },
        async (m) => {
          const row = await m.getRepository(Attachment).save(
            m.getRepository(Attachment).create({
              personId,
              uploadedByUserId: user.userId,
              claimId: null,
              documentId: dto.documentId ?? null,
              sourceFormat: processed.sourceFormat,
              mime: processed.mime,
              byteSize: processed.content.length,
              width: processed.width,
              height: processed.height,
              sha256: processed.sha256,
              storageKey: keys.content,
              thumbKey: keys.thumb,
              invoiceCode: invoice?.code ?? null,
              invoiceNumber: invoice?.number ?? null,
              invoiceAmount: invoice?.amount ? new Decimal(invoice.amount) : null,
              invoiceDate: invoice?.date ?? null,
              invoiceCheckCode: invoice?.checkCode ?? null,
            }),
          );
          await this.audit.recordAct(
            user,
            {
              action: 'attachment.upload',
              entity: 'attachment',
              entityId: row.id,
              detail: { personId, sourceFormat: processed.sourceFormat, mime: processed.mime, byteSize: processed.content.length, invoiceRead: !!invoice },
            },
            m,
          );
          return { status: 201, body: toView(row) };
        },
      );
    } catch (e) {
      await this.removeFiles(keys);
      throw e;
    }
    // A replay created nothing: the files just stored belong to no row.
    if (result.replayed) await this.removeFiles(keys);
    return result;
  }

  /** Whose document an upload is; 404 when the caller may not upload for that person. */
  private async targetPerson(user: AuthUser, personId: number | undefined): Promise<number> {
    if (user.role === 'beneficiary') {
      const subject = subjectPersonId(user);
      if (subject === null || (personId !== undefined && personId !== subject)) throw notFound('person');
      return subject;
    }
    const target = personId ?? user.actingForPersonId ?? null;
    if (target === null) throw new ValidationFailedException([{ field: 'personId', message: '请选择为哪位参保人上传' }]);
    if (!(await this.maySeePerson(user, target))) throw notFound('person');
    return target;
  }

  private async storeFiles(p: ProcessedUpload): Promise<{ content: string; thumb: string | null }> {
    const keys = { content: newStorageKey('.bin'), thumb: p.thumbnail ? newStorageKey('.thumb') : null };
    try {
      await this.files.save(keys.content, p.content);
      if (keys.thumb && p.thumbnail) await this.files.save(keys.thumb, p.thumbnail);
    } catch (e) {
      await this.removeFiles(keys);
      throw e;
    }
    return keys;
  }

  private async removeFiles(keys: { content: string; thumb: string | null }): Promise<void> {
    for (const k of [keys.content, keys.thumb]) {
      if (!k) continue;
      await this.files.delete(k).catch((e: Error) => this.logger.warn(`could not remove stored file ${k}: ${e.message}`));
    }
  }

  // ------------------------------------------------------------------ reading

  async get(user: AuthUser, id: number): Promise<AttachmentView> {
    return toView(await this.findVisible(user, id));
  }

  /** The decrypted file or thumbnail; every read is an audit event (who, whose, which). */
  async read(user: AuthUser, id: number, variant: AttachmentVariant): Promise<AttachmentFile> {
    const a = await this.findVisible(user, id);
    const key = variant === 'content' ? a.storageKey : a.thumbKey;
    if (!key) throw notFound('thumbnail');
    const body = await this.files.read(key);
    await this.audit.recordAct(user, {
      action: variant === 'content' ? 'attachment.view_content' : 'attachment.view_thumbnail',
      entity: 'attachment',
      entityId: a.id,
      detail: { personId: a.personId },
    });
    const mime = variant === 'content' ? a.mime : 'image/jpeg';
    const ext = mime === 'application/pdf' ? 'pdf' : 'jpg';
    return { mime, body, fileName: `attachment-${a.id}${variant === 'thumbnail' ? '-thumb' : ''}.${ext}` };
  }

  // ------------------------------------------------------------------ delete

  /** Only the uploader, only while no claim uses it. The files go after the row (and its audit event) commit. */
  async remove(user: AuthUser, id: number): Promise<void> {
    const a = await this.findVisible(user, id);
    if (a.uploadedByUserId !== user.userId) throw new ForbiddenException({ code: 'NOT_UPLOADER', message: '只能删除自己上传的材料' });
    const inUse = () => new ConflictException({ code: 'ATTACHMENT_IN_USE', message: '这份材料已用于理赔申请，不能删除' });
    if (a.claimId !== null) throw inUse();
    await this.ds.transaction(async (m) => {
      // Conditional: a claim that took it in the meantime wins.
      const r = await m.getRepository(Attachment).delete({ id, claimId: IsNull() });
      if (!r.affected) throw inUse();
      await this.audit.recordAct(user, { action: 'attachment.delete', entity: 'attachment', entityId: id, detail: { personId: a.personId, sha256: a.sha256 } }, m);
    });
    await this.removeFiles({ content: a.storageKey, thumb: a.thumbKey });
  }

  // ------------------------------------------------------------------ for the claims module

  /**
   * Puts attachments into a claim, inside the claim's own transaction (`manager`). Every id must be an
   * attachment of `personId` that is in no claim or already in this one; otherwise throws
   * AttachmentsNotAssignableError naming the ids at fault (the same for "does not exist", "someone else's"
   * and "in another claim": nothing to learn about other people's files) and the caller's transaction must
   * roll back. `documentId`, when given, is set on all of them (undefined keeps what each has).
   * The claims module checks that the claim is the person's and that the caller may edit it.
   */
  async assignToClaim(manager: EntityManager, ids: number[], claimId: number, personId: number, documentId?: string | null): Promise<Attachment[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const repo = manager.getRepository(Attachment);
    const usable = (a: Attachment | undefined) => !!a && a.personId === personId && (a.claimId === null || a.claimId === claimId);
    const mariadb = dialectOf(manager) === 'mariadb';
    const before = await repo.find({ where: { id: In(unique) }, ...(mariadb ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    const byId = new Map(before.map((a) => [a.id, a]));
    const bad = unique.filter((id) => !usable(byId.get(id)));
    if (bad.length) throw new AttachmentsNotAssignableError(bad);

    const patch: Partial<Attachment> = { claimId, ...(documentId !== undefined ? { documentId } : {}) };
    await repo.update({ id: In(unique), personId, claimId: Or(IsNull(), Equal(claimId)) }, patch);
    // Checked again after the write: a concurrent assignment to another claim shows here.
    const after = await repo.find({ where: { id: In(unique) }, order: { id: 'ASC' } });
    const lost = unique.filter((id) => after.find((a) => a.id === id)?.claimId !== claimId);
    if (lost.length) throw new AttachmentsNotAssignableError(lost);
    return after;
  }

  /** A claim's attachments, oldest first (the claims module checks who may see the claim). */
  async listForClaim(claimId: number, manager?: EntityManager): Promise<AttachmentView[]> {
    const rows = await (manager ?? this.ds.manager).getRepository(Attachment).find({ where: { claimId }, order: { id: 'ASC' } });
    return rows.map(toView);
  }

  // ------------------------------------------------------------------ access

  private async findVisible(user: AuthUser, id: number): Promise<Attachment> {
    const a = await this.ds.getRepository(Attachment).findOneBy({ id });
    if (!a || !(await this.maySeePerson(user, a.personId))) throw notFound('attachment');
    return a;
  }

  /**
   * The person themself (or whoever acts for them through X-Act-For), caseworkers and adjusters of their
   * district, admins. Finance never sees medical documents.
   */
  private async maySeePerson(user: AuthUser, personId: number): Promise<boolean> {
    switch (user.role) {
      case 'admin':
        return (await this.personDistrict(personId)) !== null;
      case 'beneficiary':
        return subjectPersonId(user) === personId;
      case 'caseworker':
      case 'adjuster': {
        const d = await this.personDistrict(personId);
        return d !== null && user.districtIds.includes(d);
      }
      default:
        return false;
    }
  }

  private async personDistrict(personId: number): Promise<number | null> {
    const p = await this.ds.getRepository(Person).findOne({ where: { id: personId }, select: { id: true, districtId: true } });
    return p?.districtId ?? null;
  }
}

export function invoiceOf(a: Attachment): InvoiceFields | null {
  if (!a.invoiceNumber) return null;
  return {
    code: a.invoiceCode,
    number: a.invoiceNumber,
    amount: a.invoiceAmount ? new Decimal(a.invoiceAmount).toFixed(2) : null,
    date: a.invoiceDate,
    checkCode: a.invoiceCheckCode,
  };
}

export function toView(a: Attachment): AttachmentView {
  const invoice = invoiceOf(a);
  return {
    id: a.id,
    personId: a.personId,
    mime: a.mime,
    byteSize: a.byteSize,
    width: a.width,
    height: a.height,
    sha256: a.sha256,
    contentUrl: `/api/attachments/${a.id}/content`,
    thumbnailUrl: a.thumbKey ? `/api/attachments/${a.id}/thumbnail` : null,
    claimId: a.claimId,
    documentId: a.documentId,
    createdAt: new Date(a.createdAt).toISOString(),
    ...(invoice ? { invoice } : {}),
  };
}
