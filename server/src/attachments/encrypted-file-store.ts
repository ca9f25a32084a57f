/**
 * Attachment files encrypted at rest (medical documents are personal data): AES-256-GCM with the file key
 * derived from PII_KEY (PiiCryptoService.fileEncryptor), the storage key bound in as associated data so a
 * file cannot be swapped for another one under a different key. Stored form: 'HMF1' ‖ iv[12] ‖ ciphertext
 * ‖ tag[16], the same as uploaded rosters.
 *
 * Files are at most UPLOAD_MAX_BYTES (10 MB by default), so reading decrypts the whole file in memory and
 * checks the tag before returning a single byte: a tampered or truncated file is an error, never partly
 * served.
 */
import type { Readable } from 'node:stream';
import { FILE_HEADER_BYTES, FILE_TAG_BYTES, PiiCryptoService } from '../common/crypto/pii-crypto.service';
import type { FileStorage } from './file-storage';

export const attachmentFileContext = (key: string) => `attachment_file:${key}`;

export class StoredFileCorruptError extends Error {
  override readonly name = 'StoredFileCorruptError';
}

export class EncryptedFileStore {
  constructor(
    readonly storage: FileStorage,
    private readonly pii: PiiCryptoService,
  ) {}

  async save(key: string, plaintext: Buffer): Promise<void> {
    const { header, cipher } = this.pii.fileEncryptor(attachmentFileContext(key));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    await this.storage.put(key, Buffer.concat([header, body, cipher.getAuthTag()]));
  }

  /** The clear content, authenticated. Rejects with FileNotFoundError or StoredFileCorruptError. */
  async read(key: string): Promise<Buffer> {
    const raw = await collect(await this.storage.get(key));
    if (raw.length < FILE_HEADER_BYTES + FILE_TAG_BYTES) throw new StoredFileCorruptError(`stored file ${key} is truncated`);
    const header = raw.subarray(0, FILE_HEADER_BYTES);
    const tag = raw.subarray(raw.length - FILE_TAG_BYTES);
    try {
      const decipher = this.pii.fileDecryptor(header, tag, attachmentFileContext(key));
      return Buffer.concat([decipher.update(raw.subarray(FILE_HEADER_BYTES, raw.length - FILE_TAG_BYTES)), decipher.final()]);
    } catch (e) {
      throw new StoredFileCorruptError(`stored file ${key} failed authentication: ${(e as Error).message}`);
    }
  }

  delete(key: string): Promise<void> {
    return this.storage.delete(key);
  }

  exists(key: string): Promise<boolean> {
    return this.storage.exists(key);
  }
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
