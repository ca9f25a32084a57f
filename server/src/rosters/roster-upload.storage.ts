/**
 * Multipart storage engine (multer's contract, which @nestjs/platform-fastify/multipart keeps) for roster uploads: the file streams straight into the encrypted store (hash, format
 * sniff and size limit on the way), never buffered in memory nor written in clear.
 */
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { catchError, type Observable, throwError } from 'rxjs';
import type { Readable } from 'node:stream';
import { FileTooLargeError, RosterFileStore } from './roster-file-store';
import { ROSTER_FILE_STORE, ROSTER_MAX_BYTES, type UploadedRoster } from './rosters.service';

interface MulterFile {
  originalname: string;
  stream: Readable;
}

export class RosterUploadStorage {
  constructor(private readonly store: RosterFileStore) {}

  _handleFile(_req: FastifyRequest, file: MulterFile, cb: (e: Error | null, info?: Partial<UploadedRoster>) => void): void {
    this.store
      .save(file.stream, ROSTER_MAX_BYTES)
      .then((s) => cb(null, { storedFile: s.storedFile, size: s.size, sha256: s.sha256, format: s.format }))
      .catch((e: unknown) => {
        file.stream.resume(); // drain the rest so the request can finish
        cb(e instanceof FileTooLargeError ? new PayloadTooLargeException({ code: 'FILE_TOO_LARGE', message: `文件太大：名单文件最大 ${ROSTER_MAX_BYTES / 1024 / 1024} MB` }) : (e as Error));
      });
  }

  _removeFile(_req: FastifyRequest, file: Partial<UploadedRoster>, cb: (e: Error | null) => void): void {
    if (file.storedFile) this.store.remove(file.storedFile);
    cb(null);
  }
}

/** When the request fails after the upload was stored (bad form fields, no access), the stored file goes. */
@Injectable()
export class RemoveUploadOnError implements NestInterceptor {
  constructor(@Inject(ROSTER_FILE_STORE) private readonly store: RosterFileStore) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<{ file?: Partial<UploadedRoster> }>();
    return next.handle().pipe(
      catchError((e: unknown) => {
        if (req.file?.storedFile) this.store.remove(req.file.storedFile);
        return throwError(() => e);
      }),
    );
  }
}
