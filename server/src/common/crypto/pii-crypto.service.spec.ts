import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { PiiCryptoError, PiiCryptoService } from './pii-crypto.service';

describe('PiiCryptoService', () => {
  const key = randomBytes(32);
  const svc = new PiiCryptoService(key);
  const id = '500101199001011234';

  it('round-trips text, including Chinese', () => {
    const enc = svc.encrypt(id, 'person.id_number');
    expect(enc.startsWith('v1:')).toBe(true);
    expect(enc).not.toContain(id);
    expect(svc.decrypt(enc, 'person.id_number')).toBe(id);
    expect(svc.decrypt(svc.encrypt('重庆市渝中区 张三', 'x'), 'x')).toBe('重庆市渝中区 张三');
    expect(svc.decrypt(svc.encrypt('', 'x'), 'x')).toBe('');
  });

  it('uses a fresh IV each time', () => {
    expect(svc.encrypt(id, 'person.id_number')).not.toBe(svc.encrypt(id, 'person.id_number'));
  });

  it('detects tampering of ciphertext, IV or tag', () => {
    const enc = svc.encrypt(id, 'person.id_number');
    const raw = Buffer.from(enc.slice(3), 'base64');
    for (const pos of [0, 12, raw.length - 1]) {
      const bad = Buffer.from(raw);
      bad[pos] ^= 0x01;
      expect(() => svc.decrypt(`v1:${bad.toString('base64')}`, 'person.id_number')).toThrow(PiiCryptoError);
    }
    expect(() => svc.decrypt(`v1:${raw.subarray(0, 20).toString('base64')}`, 'person.id_number')).toThrow(/truncated/);
  });

  it('refuses another field context, another key and unknown versions', () => {
    const enc = svc.encrypt(id, 'person.id_number');
    expect(() => svc.decrypt(enc, 'person.phone')).toThrow(PiiCryptoError);
    expect(() => new PiiCryptoService(randomBytes(32)).decrypt(enc, 'person.id_number')).toThrow(PiiCryptoError);
    expect(() => svc.decrypt(enc.replace(/^v1:/, 'v9:'), 'person.id_number')).toThrow(/unknown PII ciphertext format/);
    expect(() => svc.decrypt('garbage', 'person.id_number')).toThrow(PiiCryptoError);
  });

  it('requires a 32-byte key', () => {
    expect(() => new PiiCryptoService(randomBytes(16))).toThrow(/32 bytes/);
  });

  it('gives stable keyed lookup hashes that ignore x/X and spaces', () => {
    const h = svc.hashIdNumber('50010119900101123x');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(svc.hashIdNumber(' 50010119900101123X ')).toBe(h);
    expect(svc.hashIdNumber(id)).not.toBe(h);
    expect(new PiiCryptoService(randomBytes(32)).hashIdNumber('50010119900101123X')).not.toBe(h);
    expect(svc.lookupHash('13812345678', 'person.phone')).not.toBe(svc.lookupHash('13812345678', 'person.id_number'));
    expect(PiiCryptoService.sameHash(h, svc.hashIdNumber('50010119900101123X'))).toBe(true);
  });

  it('lookup hashes are HMAC-SHA256(macKey, context ‖ NUL ‖ value), as stored ones were made', () => {
    // person.id_number_hash values already stored depend on exactly this construction.
    const macKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'huimin/pii/hmac-sha256/v1', 32));
    const hmac = (v: string, ctx: string) => createHmac('sha256', macKey).update(ctx, 'utf8').update('\0').update(v, 'utf8').digest('hex');
    for (const [v, ctx] of [
      ['50010119900101123X', 'person.id_number'],
      ['13812345678', 'person.phone'],
      ['', 'person.id_number'],
      ['重庆市渝中区 张三', 'x'.repeat(100)],
    ]) {
      expect(svc.lookupHash(v, ctx)).toBe(hmac(v, ctx));
    }
    expect(svc.hashIdNumber(' 50010119900101123x ')).toBe(hmac('50010119900101123X', 'person.id_number'));
  });

  it('produces all stored forms of an ID number and a phone', () => {
    const p = svc.protectIdNumber('50010119900101123x');
    expect(p.masked).toBe('500***********123X');
    expect(svc.decrypt(p.enc, 'person.id_number')).toBe('50010119900101123X');
    expect(p.hash).toBe(svc.hashIdNumber('50010119900101123X'));
    const ph = svc.protectPhone('138 1234 5678');
    expect(ph.masked).toBe('138****5678');
    expect(svc.decrypt(ph.enc, 'person.phone')).toBe('13812345678');
  });
});
