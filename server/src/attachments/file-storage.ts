/**
 * Where attachment files live: a small byte store behind an interface, so the local disk used now can be
 * swapped for an S3-compatible object store (MinIO, Aliyun OSS, Tencent COS) without touching the rest.
 *
 * The store only ever sees ciphertext: EncryptedFileStore (encrypted-file-store.ts) encrypts before
 * put() and decrypts after get(), so no implementation needs its own encryption, and a bucket or disk
 * that leaks leaks nothing readable.
 *
 * Contract for an implementation:
 *  - Keys are produced by the application (newStorageKey()): lower-case letters, digits, '-', '.', '/',
 *    at most 128 characters, never '..'. An implementation may map them to paths or object names 1:1.
 *  - put(key, bytes) stores the whole content or nothing (a reader never sees half a file). Keys are fresh
 *    UUIDs, so put never has to replace; if the key exists it may overwrite.
 *  - get(key) resolves to a stream of exactly the bytes put; it rejects with FileNotFoundError when the key
 *    is unknown (before any byte is read).
 *  - delete(key) removes the content; deleting a missing key is not an error (idempotent).
 *  - exists(key) tells whether get(key) would find it.
 *  - list() yields every stored key with its last-modified time, in any order, without holding them all in
 *    memory; keys put while listing may or may not appear. (AttachmentSweeper uses it to find files that no
 *    row points at: written just before a crash, before their row.)
 * For S3: put = PutObject (or multipart upload), get = GetObject Body stream (NoSuchKey → FileNotFoundError),
 * delete = DeleteObject, exists = HeadObject, list = ListObjectsV2 pages (Key, LastModified).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, open, opendir, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';

export interface FileStorage {
  /** Store `content` under `key`, all or nothing. */
  put(key: string, content: Buffer): Promise<void>;
  /** The stored bytes; rejects with FileNotFoundError when there is no such key. */
  get(key: string): Promise<Readable>;
  /** Remove the content; a missing key is fine. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Every stored key (a put's leftover temporary files included) with its last-modified time. */
  list(): AsyncIterable<StoredFile>;
}

export interface StoredFile {
  key: string;
  modifiedAt: Date;
}

export const FILE_STORAGE = Symbol('FILE_STORAGE');

export class FileNotFoundError extends Error {
  override readonly name = 'FileNotFoundError';
  constructor(readonly key: string) {
    super(`no stored file under ${key}`);
  }
}

const KEY_PATTERN = /^[a-z0-9][a-z0-9./-]{0,127}$/;

/** A key this application makes (no '..', no absolute paths, no backslashes). */
export function isStorageKey(key: string): boolean {
  return KEY_PATTERN.test(key) && !key.split('/').some((part) => part === '' || part === '.' || part === '..');
}

/** Refuses anything that is not a key this application makes. */
export function assertStorageKey(key: string): string {
  if (!isStorageKey(key)) throw new Error(`invalid storage key ${JSON.stringify(key).slice(0, 80)}`);
  return key;
}

/** A fresh key: '<2 hex>/<uuid><suffix>' (the prefix spreads files over 256 folders). */
export function newStorageKey(suffix = ''): string {
  const id = randomUUID();
  return assertStorageKey(`${id.slice(0, 2)}/${id}${suffix}`);
}

/**
 * Files under one folder on the local disk (DATA_DIR/uploads by default). Folders are 0700, files 0600.
 * put() writes a temporary file, fsyncs it and renames it into place, so a crash leaves either nothing or
 * the whole file (plus, at worst, a '.tmp-' file to clean).
 */
export class LocalDiskFileStorage implements FileStorage {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The absolute path of a key, checked to stay inside the root. */
  pathOf(key: string): string {
    const p = resolve(this.root, assertStorageKey(key));
    if (!p.startsWith(this.root + sep)) throw new Error('storage key escapes the upload folder');
    return p;
  }

  async put(key: string, content: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const tmp = `${path}.tmp-${randomBytes(6).toString('hex')}`;
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(content);
      await fh.sync();
    } catch (e) {
      await fh.close().catch(() => undefined);
      await rm(tmp, { force: true });
      throw e;
    }
    await fh.close();
    try {
      await rename(tmp, path);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    try {
      // Opened here, so a missing file rejects now rather than erroring the stream later.
      const fh = await open(path, 'r');
      return fh.createReadStream({ highWaterMark: 256 * 1024 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new FileNotFoundError(key);
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  }

  /**
   * The files under the root, folder by folder (a directory handle at a time, never the whole listing). Names that
   * are not keys this application makes are skipped, not yielded: nothing outside the key scheme is ever deleted.
   */
  async *list(): AsyncIterable<StoredFile> {
    yield* this.walk('');
  }

  private async *walk(prefix: string): AsyncIterable<StoredFile> {
    let dir;
    try {
      dir = await opendir(prefix ? this.pathOf(prefix) : this.root);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    for await (const entry of dir) {
      const key = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (!isStorageKey(key)) continue;
      if (entry.isDirectory()) yield* this.walk(key);
      else if (entry.isFile()) {
        try {
          yield { key, modifiedAt: (await stat(this.pathOf(key))).mtime };
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; // deleted meanwhile
        }
      }
    }
  }
}

