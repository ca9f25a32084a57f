import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, loadDatabaseConfig } from './config';

describe('config', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'huimin-config-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const key = randomBytes(32).toString('base64');
  const jwt = randomBytes(32).toString('hex');

  it('defaults to embedded SQLite in <DATA_DIR> on port 3000', () => {
    const c = loadConfig({ DATA_DIR: dir, PII_KEY: key, JWT_SECRET: jwt }, () => undefined);
    expect(c).toMatchObject({ env: 'development', port: 3000, db: { type: 'sqlite', path: join(dir, 'huimin.sqlite') } });
    expect(c.piiKey).toEqual(Buffer.from(key, 'base64'));
  });

  it('outside production, generates secrets once into <DATA_DIR>/secrets.json (0600) and says so loudly', () => {
    const warnings: string[] = [];
    const a = loadConfig({ DATA_DIR: dir, PORT: '' }, (m) => warnings.push(m));
    expect(warnings.join()).toMatch(/Generated PII_KEY and JWT_SECRET.*Back this file up/s);
    const file = join(dir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).PII_KEY).toBe(a.piiKey.toString('base64'));
    const again: string[] = [];
    const b = loadConfig({ DATA_DIR: dir }, (m) => again.push(m));
    expect(b.piiKey.equals(a.piiKey)).toBe(true);
    expect(b.jwtSecret).toBe(a.jwtSecret);
    expect(again).toEqual([]);
  });

  it('refuses to start in production without PII_KEY and JWT_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, JWT_SECRET: jwt })).toThrow(/PII_KEY is required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, PII_KEY: key })).toThrow(/JWT_SECRET is required in production/);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, PII_KEY: key, JWT_SECRET: jwt, WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' }),
    ).not.toThrow();
  });

  it('refuses to start in production without the WeChat AppID and secret; development has placeholders', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, PII_KEY: key, JWT_SECRET: jwt })).toThrow(
      /WECHAT_APPID is required in production[\s\S]*WECHAT_SECRET is required in production/,
    );
    const dev = loadConfig({ DATA_DIR: dir, PII_KEY: key, JWT_SECRET: jwt });
    expect(dev.wechat).toEqual({
      apiBase: 'https://api.weixin.qq.com', appId: 'wx-dev-appid', secret: 'wx-dev-secret', timeoutMs: 5000, claimStatusTemplate: null, miniprogramState: 'formal',
    });
    const custom = loadConfig({ DATA_DIR: dir, PII_KEY: key, JWT_SECRET: jwt, WECHAT_API_BASE: 'http://127.0.0.1:9999/', WECHAT_TIMEOUT_MS: '800' });
    expect(custom.wechat).toMatchObject({ apiBase: 'http://127.0.0.1:9999', timeoutMs: 800 });
    expect(() => loadConfig({ DATA_DIR: dir, PII_KEY: key, JWT_SECRET: jwt, WECHAT_API_BASE: 'ftp://x' })).toThrow(/WECHAT_API_BASE must be an http/);
  });

  it('reads the claim-status subscribe template and which value fills which field', () => {
    const base = { DATA_DIR: dir, PII_KEY: key, JWT_SECRET: jwt };
    expect(loadConfig({ ...base, WECHAT_TEMPLATE_CLAIM_STATUS: 'Ab_c-1' }).wechat.claimStatusTemplate).toEqual({
      id: 'Ab_c-1',
      fields: { thing1: 'benefit', phrase2: 'state', amount3: 'amount', date4: 'time', character_string5: 'claimNo' },
    });
    expect(loadConfig({ ...base, WECHAT_TEMPLATE_CLAIM_STATUS: 't', WECHAT_TEMPLATE_CLAIM_STATUS_FIELDS: 'thing7=note,time2=time' }).wechat.claimStatusTemplate?.fields).toEqual({ thing7: 'note', time2: 'time' });
    expect(() => loadConfig({ ...base, WECHAT_TEMPLATE_CLAIM_STATUS: 't', WECHAT_TEMPLATE_CLAIM_STATUS_FIELDS: 'thing1=nope' })).toThrow(/thing1=nope/);
    expect(() => loadConfig({ ...base, WECHAT_TEMPLATE_CLAIM_STATUS: 't', WECHAT_TEMPLATE_CLAIM_STATUS_FIELDS: 'name1=benefit' })).toThrow(/name1 has a type/);
    expect(() => loadConfig({ ...base, WECHAT_TEMPLATE_CLAIM_STATUS: 't', WECHAT_TEMPLATE_CLAIM_STATUS_FIELDS: 'thing1:benefit' })).toThrow(/WECHAT_TEMPLATE_CLAIM_STATUS_FIELDS must look like/);
    expect(() => loadConfig({ ...base, WECHAT_TEMPLATE_CLAIM_STATUS: 'a b' })).toThrow(/WECHAT_TEMPLATE_CLAIM_STATUS must be a template id/);
  });

  it('allows DEV_LOGIN only with embedded SQLite outside production, and refuses to start otherwise', () => {
    const base = { DATA_DIR: dir, PII_KEY: key, JWT_SECRET: jwt };
    expect(loadConfig(base).devLogin).toBe(false);
    expect(loadConfig({ ...base, DEV_LOGIN: 'true' }).devLogin).toBe(true);
    expect(loadConfig({ ...base, DEV_LOGIN: 'false' }).devLogin).toBe(false);
    expect(() => loadConfig({ ...base, DEV_LOGIN: '1', NODE_ENV: 'production', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' })).toThrow(
      /DEV_LOGIN must not be set in production/,
    );
    expect(() => loadConfig({ ...base, DEV_LOGIN: '1', DB_TYPE: 'mariadb', DATABASE_URL: 'mysql://u:p@h:3306/d' })).toThrow(
      /DEV_LOGIN is only allowed with the embedded SQLite database/,
    );
    // The browser suite runs the real server on MariaDB with NODE_ENV=test.
    expect(loadConfig({ ...base, DEV_LOGIN: '1', NODE_ENV: 'test', DB_TYPE: 'mariadb', DATABASE_URL: 'mysql://u:p@h:3306/d' }).devLogin).toBe(true);
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ DB_TYPE: 'postgres', PORT: 'abc', PII_KEY: 'short', JWT_SECRET: 'x' });
      throw new Error('expected ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as ConfigError).message;
      expect(msg).toMatch(/DB_TYPE must be sqlite or mariadb/);
      expect(msg).toMatch(/PORT must be a port number/);
      expect(msg).toMatch(/PII_KEY must be 32 bytes in base64/);
      expect(msg).toMatch(/JWT_SECRET must be at least 32 characters/);
    }
  });

  it('reads MariaDB settings from DATABASE_URL or from DB_* parts', () => {
    expect(loadDatabaseConfig({ DB_TYPE: 'mariadb', DATABASE_URL: 'mysql://hm:p%40ss@db.internal:3307/huimin' })).toEqual({
      type: 'mariadb', host: 'db.internal', port: 3307, username: 'hm', password: 'p@ss', database: 'huimin', logging: false,
    });
    expect(loadDatabaseConfig({ DB_TYPE: 'mariadb', DB_HOST: 'h', DB_USER: 'u', DB_NAME: 'n' })).toMatchObject({ host: 'h', port: 3306 });
    expect(() => loadDatabaseConfig({ DB_TYPE: 'mariadb' })).toThrow(/DB_HOST is required[\s\S]*DB_USER is required[\s\S]*DB_NAME is required/);
  });

  it('loads demo data by default only on embedded SQLite outside production, and never in production', () => {
    const base = { DATA_DIR: dir, PII_KEY: key, JWT_SECRET: jwt };
    expect(loadConfig(base, () => undefined).seedDemo).toBe(true);
    expect(loadConfig({ ...base, SEED_DEMO: 'false' }, () => undefined).seedDemo).toBe(false);
    expect(loadConfig({ ...base, DB_TYPE: 'mariadb', DATABASE_URL: 'mysql://u:p@h:3306/d' }, () => undefined).seedDemo).toBe(false);
    expect(loadConfig({ ...base, NODE_ENV: 'production', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' }).seedDemo).toBe(false);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', SEED_DEMO: 'true' })).toThrow(/SEED_DEMO cannot be on in production/);
    expect(() => loadConfig({ ...base, SEED_DEMO: 'yes' })).toThrow(/SEED_DEMO must be true or false/);
  });

  it('takes a fixed today from HUIMIN_TODAY outside production only', () => {
    const base = { DATA_DIR: dir, PII_KEY: key, JWT_SECRET: jwt };
    expect(loadConfig(base, () => undefined).today).toBeNull();
    expect(loadConfig({ ...base, HUIMIN_TODAY: '2026-03-15' }, () => undefined).today).toBe('2026-03-15');
    expect(() => loadConfig({ ...base, HUIMIN_TODAY: '2026-3-15' })).toThrow(/HUIMIN_TODAY must be a date/);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', HUIMIN_TODAY: '2026-03-15' })).toThrow(/HUIMIN_TODAY cannot be set in production/);
  });

  it('never logs SQL in production', () => {
    const c = loadDatabaseConfig({ NODE_ENV: 'production', DB_LOGGING: 'true', SQLITE_PATH: ':memory:' });
    expect(c.logging).toBe(false);
  });

  it('keeps uploads in <DATA_DIR>/uploads, 10 MB and 40 MP by default; UPLOAD_* change them, validated', () => {
    const base = { DATA_DIR: dir, PII_KEY: key, JWT_SECRET: jwt };
    expect(loadConfig(base, () => undefined).uploads).toEqual({ dir: join(dir, 'uploads'), maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000, orphanDays: 30 });
    const custom = loadConfig({ ...base, UPLOAD_DIR: join(dir, 'elsewhere'), UPLOAD_MAX_BYTES: '2048', UPLOAD_MAX_PIXELS: '2000000', UPLOAD_ORPHAN_DAYS: '7' }, () => undefined);
    expect(custom.uploads).toEqual({ dir: join(dir, 'elsewhere'), maxBytes: 2048, maxPixels: 2_000_000, orphanDays: 7 });
    expect(() => loadConfig({ ...base, UPLOAD_MAX_BYTES: '10MB' })).toThrow(/UPLOAD_MAX_BYTES must be a whole number of bytes/);
    expect(() => loadConfig({ ...base, UPLOAD_MAX_BYTES: '100' })).toThrow(/UPLOAD_MAX_BYTES must be at least 1024/);
    expect(() => loadConfig({ ...base, UPLOAD_MAX_BYTES: String(60 * 1024 * 1024) })).toThrow(/UPLOAD_MAX_BYTES must be at most/);
    expect(() => loadConfig({ ...base, UPLOAD_MAX_PIXELS: '300000000' })).toThrow(/UPLOAD_MAX_PIXELS must be at most/);
    expect(() => loadConfig({ ...base, UPLOAD_ORPHAN_DAYS: '0' })).toThrow(/UPLOAD_ORPHAN_DAYS must be at least 1/);
  });
});
