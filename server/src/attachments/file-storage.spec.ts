import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PiiCryptoService } from '../common/crypto/pii-crypto.service';
import { EncryptedFileStore, StoredFileCorruptError } from './encrypted-file-store';
import { assertStorageKey, FileNotFoundError, LocalDiskFileStorage, newStorageKey } from './file-storage';

const collect = async (s: NodeJS.ReadableStream) => {
  const out: Buffer[] = [];
  for await (const c of s) out.push(c as Buffer);
  return Buffer.concat(out);
};

describe('LocalDiskFileStorage', () => {
  let dir: string;
  let disk: LocalDiskFileStorage;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'huimin-files-'));
    disk = new LocalDiskFileStorage(join(dir, 'uploads'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('puts, gets, tells whether it exists and deletes (twice is fine)', async () => {
    const key = newStorageKey('.bin');
    expect(key).toMatch(/^[0-9a-f]{2}\/[0-9a-f-]{36}\.bin$/);
    const bytes = randomBytes(300_000);
    await disk.put(key, bytes);
    expect(await disk.exists(key)).toBe(true);
    expect((await collect(await disk.get(key))).equals(bytes)).toBe(true);
    expect(statSync(disk.pathOf(key)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'uploads', key.slice(0, 2))).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(dir, 'uploads', key.slice(0, 2)))).toEqual([key.slice(3)]); // no temporary file left
    await disk.delete(key);
    await disk.delete(key);
    expect(await disk.exists(key)).toBe(false);
    await expect(disk.get(key)).rejects.toBeInstanceOf(FileNotFoundError);
  });

  it('refuses keys that could leave the folder', async () => {
    for (const bad of ['../x', 'a/../../etc/passwd', '/etc/passwd', 'a//b', 'A/B', 'a\\b', '', '.hidden', 'a/./b']) {
      expect(() => assertStorageKey(bad)).toThrow(/invalid storage key/);
      await expect(disk.put(bad, Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
    }
  });
});

describe('EncryptedFileStore', () => {
  let dir: string;
  let disk: LocalDiskFileStorage;
  let store: EncryptedFileStore;
  const pii = new PiiCryptoService(randomBytes(32));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'huimin-enc-'));
    disk = new LocalDiskFileStorage(dir);
    store = new EncryptedFileStore(disk, pii);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores ciphertext only and reads the plaintext back', async () => {
    const plain = Buffer.concat([Buffer.from('%PDF-1.7 住院发票 赵桂兰 '), randomBytes(5000)]);
    const key = newStorageKey();
    await store.save(key, plain);
    const onDisk = readFileSync(disk.pathOf(key));
    expect(onDisk.subarray(0, 4).toString()).toBe('HMF1');
    expect(onDisk.length).toBe(plain.length + 4 + 12 + 16);
    expect(onDisk.includes(Buffer.from('住院发票'))).toBe(false);
    expect(onDisk.includes(plain.subarray(0, 8))).toBe(false);
    expect((await store.read(key)).equals(plain)).toBe(true);
  });

  it('refuses a tampered, truncated, moved or foreign-key file instead of serving it', async () => {
    const key = newStorageKey();
    await store.save(key, Buffer.from('medical document'));
    const path = disk.pathOf(key);
    const good = readFileSync(path);

    const flipped = Buffer.from(good);
    flipped[20] ^= 1;
    writeFileSync(path, flipped);
    await expect(store.read(key)).rejects.toBeInstanceOf(StoredFileCorruptError);

    writeFileSync(path, good.subarray(0, 20));
    await expect(store.read(key)).rejects.toBeInstanceOf(StoredFileCorruptError);

    const other = newStorageKey();
    await disk.put(other, good); // the same bytes under another key: bound to the first key
    await expect(store.read(other)).rejects.toBeInstanceOf(StoredFileCorruptError);

    writeFileSync(path, good);
    const stranger = new EncryptedFileStore(disk, new PiiCryptoService(randomBytes(32)));
    await expect(stranger.read(key)).rejects.toBeInstanceOf(StoredFileCorruptError);
    expect((await store.read(key)).toString()).toBe('medical document');
  });
});
