/**
 * Receiving the upload: a multipart storage engine (multer's contract) that keeps the file in memory up to UPLOAD_MAX_BYTES and refuses the
 * byte after that with 413 and a Chinese message (multer's own limit answers in English). Nothing touches
 * the disk before the content has been checked and encrypted (AttachmentsService).
 *
 * UploadSizeGate answers 413 before reading anything when the declared Content-Length is already far over
 * the limit, and closes the connection, so an honest client does not send 100 MB to be told no.
 */
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import type { Readable } from 'node:stream';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { tooLarge } from './attachment-processing';

export interface UploadedAttachmentFile {
  buffer: Buffer;
  size: number;
}

interface MulterFile {
  stream: Readable;
}

/** Room for the multipart framing and the small text fields beside the file. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export class MemoryUploadStorage {
  constructor(private readonly maxBytes: number) {}

  _handleFile(_req: FastifyRequest, file: MulterFile, cb: (e: Error | null, info?: Partial<UploadedAttachmentFile>) => void): void {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (e: Error | null, info?: UploadedAttachmentFile) => {
      if (done) return;
      done = true;
      cb(e, info);
    };
    file.stream.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > this.maxBytes) {
        chunks.length = 0;
        file.stream.resume(); // let the rest drain so the request can end
        return finish(tooLarge(this.maxBytes));
      }
      chunks.push(chunk);
    });
    file.stream.on('error', (e: Error) => finish(e));
    file.stream.on('end', () => finish(null, { buffer: Buffer.concat(chunks, size), size }));
  }

  _removeFile(_req: FastifyRequest, file: Partial<UploadedAttachmentFile>, cb: (e: Error | null) => void): void {
    delete file.buffer;
    cb(null);
  }
}

@Injectable()
export class UploadSizeGate implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.config.uploads.maxBytes + MULTIPART_OVERHEAD_BYTES) {
      ctx.switchToHttp().getResponse<FastifyReply>().header('Connection', 'close');
      throw tooLarge(this.config.uploads.maxBytes);
    }
    return next.handle();
  }
}
