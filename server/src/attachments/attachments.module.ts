import { Module } from '@nestjs/common';
import { MultipartModule } from '@nestjs/platform-fastify/multipart';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { PiiCryptoService } from '../common/crypto/pii-crypto.service';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AttachmentSweeper } from './attachment-sweeper';
import { MemoryUploadStorage, UploadSizeGate } from './attachment-upload.storage';
import { Attachment } from './attachment.entity';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { EncryptedFileStore } from './encrypted-file-store';
import { FILE_STORAGE, type FileStorage, LocalDiskFileStorage } from './file-storage';

/**
 * Claim documents (issue 4). FILE_STORAGE is the local disk under UPLOAD_DIR (default DATA_DIR/uploads);
 * bind another FileStorage (e.g. S3-compatible) here to move them. AttachmentsService is exported for the
 * claims module (assignToClaim, listForClaim). AttachmentSweeper deletes uploads no claim took within
 * UPLOAD_ORPHAN_DAYS.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Attachment]),
    AuditModule,
    MultipartModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        storage: new MemoryUploadStorage(config.uploads.maxBytes),
        // fileSize one over UPLOAD_MAX_BYTES: MemoryUploadStorage refuses the byte after the limit itself (413 FILE_TOO_LARGE,
        // Chinese); without it @fastify/multipart would cap files at the JSON body limit (multer had no cap).
        limits: { files: 1, fields: 10, fieldSize: 1024, parts: 12, headerPairs: 50, fileSize: config.uploads.maxBytes + 1 },
      }),
    }),
  ],
  controllers: [AttachmentsController],
  providers: [
    { provide: FILE_STORAGE, inject: [APP_CONFIG], useFactory: (config: AppConfig): FileStorage => new LocalDiskFileStorage(config.uploads.dir) },
    { provide: EncryptedFileStore, inject: [FILE_STORAGE, PiiCryptoService], useFactory: (s: FileStorage, pii: PiiCryptoService) => new EncryptedFileStore(s, pii) },
    AttachmentsService,
    AttachmentSweeper,
    UploadSizeGate,
  ],
  exports: [TypeOrmModule, AttachmentsService, AttachmentSweeper],
})
export class AttachmentsModule {}
