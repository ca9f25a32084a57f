/**
 * Uploaded rosters are kept under DATA_DIR/rosters/, encrypted (they are full of ID numbers): the upload
 * streams straight through SHA-256, a format sniff and AES-256-GCM to disk, never whole in memory and
 * never in clear on disk. Reading back streams through the decipher.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, openSync, readSync, closeSync, fstatSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FILE_HEADER_BYTES, FILE_TAG_BYTES, PiiCryptoService } from '../common/crypto/pii-crypto.service';
import { sniffFormat, type RosterFileFormat } from './roster-reader';

export interface StoredRoster {
  /** File name under DATA_DIR/rosters/. */
  storedFile: string;
  size: number;
  sha256: string;
  /** From the first bytes; null when the content is neither a zip (xlsx) nor text (CSV). */
  format: RosterFileFormat | null;
}

export const fileContext = (storedFile: string) => `roster_file:${storedFile}`;

export class RosterFileStore {
  readonly dir: string;

  constructor(
    dataDir: string,
    private readonly pii: PiiCryptoService,
  ) {
    this.dir = join(dataDir, 'rosters');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  /** Stream `input` to an encrypted file; `maxBytes` stops oversized uploads early. */
  async save(input: Readable, maxBytes = Number.MAX_SAFE_INTEGER): Promise<StoredRoster> {
    const storedFile = `${randomUUID()}.enc`;
    const path = join(this.dir, storedFile);
    const hash = createHash('sha256');
    const { header, cipher } = this.pii.fileEncryptor(fileContext(storedFile));
    let size = 0;
    let head = Buffer.alloc(0);
    const tap = new Transform({
      transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback) {
        size += chunk.length;
        if (size > maxBytes) return done(new FileTooLargeError());
        if (head.length < 4096) head = Buffer.concat([head, chunk.subarray(0, 4096 - head.length)]);
        hash.update(chunk);
        done(null, chunk);
      },
    });
    // header ‖ ciphertext ‖ tag: the tag is known once the cipher has ended, i.e. in the next stage's flush.
    let first = true;
    const frame = new Transform({
      transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback) {
        if (first) {
          first = false;
          this.push(header);
        }
        done(null, chunk);
      },
      flush(done: TransformCallback) {
        if (first) this.push(header);
        this.push(cipher.getAuthTag());
        done();
      },
    });
    try {
      await pipeline(input, tap, cipher, frame, createWriteStream(path, { mode: 0o600 }));
    } catch (e) {
      rmSync(path, { force: true });
      throw e;
    }
    return { storedFile, size, sha256: hash.digest('hex'), format: sniffFormat(head) };
  }

  /** The clear content as a stream (authentication is checked at the end: a tampered file errors). */
  open(storedFile: string): Readable {
    const path = join(this.dir, storedFile);
    const fd = openSync(path, 'r');
    let header: Buffer;
    let tag: Buffer;
    let size: number;
    try {
      size = fstatSync(fd).size;
      header = Buffer.alloc(FILE_HEADER_BYTES);
      tag = Buffer.alloc(FILE_TAG_BYTES);
      readSync(fd, header, 0, FILE_HEADER_BYTES, 0);
      readSync(fd, tag, 0, FILE_TAG_BYTES, size - FILE_TAG_BYTES);
    } finally {
      closeSync(fd);
    }
    const decipher = this.pii.fileDecryptor(header, tag, fileContext(storedFile));
    const end = size - FILE_TAG_BYTES - 1;
    const src = end >= FILE_HEADER_BYTES ? createReadStream(path, { start: FILE_HEADER_BYTES, end, highWaterMark: 256 * 1024 }) : Readable.from([]);
    src.on('error', (e: Error) => decipher.destroy(e));
    return src.pipe(decipher);
  }

  remove(storedFile: string): void {
    rmSync(join(this.dir, storedFile), { force: true });
  }
}

export class FileTooLargeError extends Error {
  override readonly name = 'FileTooLargeError';
}
