import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual, type CipherGCM, type DecipherGCM } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { maskIdNumber, maskPhone } from './mask';

export const PII_KEY = Symbol('PII_KEY');

/** Field contexts, bound into the ciphertext as GCM associated data: a value cannot be moved to another column. */
export type PiiContext = 'person.id_number' | 'person.phone' | 'roster_row.data' | (string & {});

const FORMAT_V1 = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FILE_MAGIC = Buffer.from('HMF1', 'ascii');
/** Bytes before the ciphertext of an encrypted file (magic + IV); the GCM tag is the last 16 bytes. */
export const FILE_HEADER_BYTES = FILE_MAGIC.length + IV_BYTES;
export const FILE_TAG_BYTES = TAG_BYTES;

export class PiiCryptoError extends Error {
  override readonly name = 'PiiCryptoError';
}

/**
 * Encryption of personal data at rest and keyed lookups.
 *
 * Ciphertext format v1: `v1:` + base64(iv[12] ‖ tag[16] ‖ ciphertext), AES-256-GCM with a random
 * 96-bit IV per value and the field context as associated data. The version prefix leaves room for a
 * later key (rotation) or algorithm without guessing.
 *
 * Both keys are derived with HKDF-SHA256 from the one 32-byte PII_KEY, so the HMAC key used for
 * lookups (`id_number_hash`) is never the encryption key itself.
 */
@Injectable()
export class PiiCryptoService {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;
  private readonly fileKey: Buffer;
  /** Random IVs are drawn from the CSPRNG in blocks (one randomBytes call per 4,096 values, not per value). */
  private ivPool = Buffer.alloc(0);
  private ivOffset = 0;
  private readonly aad = new Map<string, Buffer>();

  constructor(@Inject(PII_KEY) masterKey: Buffer) {
    if (!Buffer.isBuffer(masterKey) || masterKey.length !== 32) {
      throw new PiiCryptoError('PII_KEY must be exactly 32 bytes');
    }
    this.encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'huimin/pii/aes-256-gcm/v1', 32));
    this.macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'huimin/pii/hmac-sha256/v1', 32));
    this.fileKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'huimin/pii/file-aes-256-gcm/v1', 32));
  }

  encrypt(plaintext: string, context: PiiContext): string {
    if (this.ivOffset + IV_BYTES > this.ivPool.length) {
      this.ivPool = randomBytes(IV_BYTES * 4096);
      this.ivOffset = 0;
    }
    const iv = this.ivPool.subarray(this.ivOffset, (this.ivOffset += IV_BYTES));
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(this.aadOf(context));
    const ct = cipher.update(plaintext, 'utf8');
    cipher.final(); // GCM: no further output
    return `${FORMAT_V1}:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`;
  }

  private aadOf(context: string): Buffer {
    let b = this.aad.get(context);
    if (!b) {
      b = Buffer.from(context, 'utf8');
      if (this.aad.size < 64) this.aad.set(context, b);
    }
    return b;
  }

  decrypt(ciphertext: string, context: PiiContext): string {
    const sep = ciphertext.indexOf(':');
    const version = sep > 0 ? ciphertext.slice(0, sep) : '';
    if (version !== FORMAT_V1) throw new PiiCryptoError(`unknown PII ciphertext format "${version.slice(0, 8)}"`);
    const raw = Buffer.from(ciphertext.slice(sep + 1), 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new PiiCryptoError('PII ciphertext is truncated');
    const iv = raw.subarray(0, IV_BYTES);
    const tag = raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const ct = raw.subarray(IV_BYTES + TAG_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.encKey, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
    } catch {
      throw new PiiCryptoError('PII ciphertext failed authentication (tampered, wrong key or wrong field)');
    }
  }

  /**
   * Streaming encryption of a whole file holding personal data (uploaded rosters). The stored file is
   * `FILE_MAGIC` ‖ iv[12] ‖ ciphertext ‖ tag[16]; write `header`, pipe the content through `cipher`,
   * then append `cipher.getAuthTag()`. The context (e.g. 'roster_file:42') is bound as associated data.
   */
  fileEncryptor(context: PiiContext): { header: Buffer; cipher: CipherGCM } {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.fileKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    return { header: Buffer.concat([FILE_MAGIC, iv]), cipher };
  }

  /** The decipher for a file written through fileEncryptor, given its header and trailing tag. */
  fileDecryptor(header: Buffer, tag: Buffer, context: PiiContext): DecipherGCM {
    if (header.length !== FILE_HEADER_BYTES || !header.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)) {
      throw new PiiCryptoError('not an encrypted Huimin file');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.fileKey, header.subarray(FILE_MAGIC.length), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return decipher;
  }

  /** Keyed HMAC-SHA256 (hex, 64 chars) for equality lookups; the context keeps fields apart. */
  lookupHash(value: string, context: PiiContext): string {
    return createHmac('sha256', this.macKey).update(context, 'utf8').update('\0').update(value, 'utf8').digest('hex');
  }

  /** Trim and upper-case the check character so '…123x' and '…123X' are the same person. */
  static normalizeIdNumber(id: string): string {
    return id.trim().toUpperCase();
  }

  /** The three stored forms of a resident ID number. */
  protectIdNumber(id: string): { enc: string; hash: string; masked: string } {
    const n = PiiCryptoService.normalizeIdNumber(id);
    return {
      enc: this.encrypt(n, 'person.id_number'),
      hash: this.hashIdNumber(n),
      masked: maskIdNumber(n),
    };
  }

  hashIdNumber(id: string): string {
    return this.lookupHash(PiiCryptoService.normalizeIdNumber(id), 'person.id_number');
  }

  protectPhone(phone: string): { enc: string; masked: string } {
    const n = phone.replace(/[\s-]/g, '');
    return { enc: this.encrypt(n, 'person.phone'), masked: maskPhone(n) };
  }

  /** Constant-time comparison of two lookup hashes. */
  static sameHash(a: string, b: string): boolean {
    const x = Buffer.from(a, 'hex');
    const y = Buffer.from(b, 'hex');
    return x.length === y.length && timingSafeEqual(x, y);
  }
}
