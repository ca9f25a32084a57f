import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock';
import { PiiCryptoService } from '../../src/common/crypto/pii-crypto.service';
import { hashPassword } from '../../src/common/crypto/password';
import { AppConfig, DEFAULT_RATE_LIMITS, loadConfig, RateLimits } from '../../src/config/config';
import { District } from '../../src/geo/district.entity';
import { Insurer } from '../../src/geo/insurer.entity';
import { Person } from '../../src/people/person.entity';
import { AppUser, Role } from '../../src/users/app-user.entity';
import { UserDistrict } from '../../src/users/user-district.entity';
import { FakeWechat } from './fake-wechat';
import { startTestApp, TestApp } from './test-app';
import { createTestDatabase, TestDatabase } from './test-db';

/** Limits high enough that only the rate-limit tests meet them. */
export const HIGH_LIMITS: RateLimits = Object.fromEntries(
  Object.keys(DEFAULT_RATE_LIMITS).map((k) => [k, { ttlSeconds: 60, perIp: 10_000, perUser: 10_000 }]),
) as RateLimits;

export interface AuthTestContext {
  db: TestDatabase;
  t: TestApp;
  app: INestApplication;
  ds: DataSource;
  fake: FakeWechat;
  pii: PiiCryptoService;
  clock: Clock;
  /** The app's own config object (rate limits are read from it per request). */
  config: AppConfig;
  close(): Promise<void>;
}

/** The real app on a fresh test database, talking to a local fake of WeChat's API. */
export async function startAuthApp(opts: { env?: Record<string, string>; rateLimits?: RateLimits } = {}): Promise<AuthTestContext> {
  const fake = new FakeWechat();
  await fake.start();
  const db = await createTestDatabase();
  const config = loadConfig(
    { ...db.env, WECHAT_API_BASE: fake.url, WECHAT_APPID: fake.appId, WECHAT_SECRET: fake.secret, WECHAT_TIMEOUT_MS: '1000', ...opts.env },
    () => undefined,
  );
  config.rateLimits = structuredClone(opts.rateLimits ?? HIGH_LIMITS);
  const t = await startTestApp({ ...db, config });
  return {
    db,
    t,
    app: t.app,
    ds: t.dataSource,
    fake,
    pii: t.app.get(PiiCryptoService),
    clock: t.app.get(Clock),
    config,
    async close() {
      await t.close();
      await fake.stop();
      await db.drop();
    },
  };
}

let seq = 0;
/** A district (with an insurer unless given one). */
export async function makeDistrict(ds: DataSource, insurerId?: number): Promise<District> {
  seq++;
  const insurer = insurerId ?? (await ds.getRepository(Insurer).save({ name: `测试保险公司${seq}-${Date.now()}`, hotline: '95519' })).id;
  return ds.getRepository(District).save(
    ds.getRepository(District).create({ code: `5001${String(seq).padStart(2, '0')}${Date.now() % 1000}`.slice(0, 12), name: `测试区${seq}`, city: '重庆市', county: `测试区${seq}`, type: null, insurerId: insurer, payerShares: null }),
  );
}

/** A roster person, ID number and phone protected as the app stores them. */
export async function makePerson(
  ds: DataSource,
  pii: PiiCryptoService,
  p: { name: string; idNumber: string; districtId: number; phone?: string | null },
): Promise<Person> {
  const id = pii.protectIdNumber(p.idNumber);
  const phone = p.phone ? pii.protectPhone(p.phone) : null;
  return ds.getRepository(Person).save({
    name: p.name,
    idNumberEnc: id.enc,
    idNumberHash: id.hash,
    idNumberMasked: id.masked,
    birthDate: `${p.idNumber.slice(6, 10)}-${p.idNumber.slice(10, 12)}-${p.idNumber.slice(12, 14)}`,
    sex: Number(p.idNumber[16]) % 2 ? 'M' : 'F',
    districtId: p.districtId,
    phoneEnc: phone?.enc ?? null,
    phoneMasked: phone?.masked ?? null,
    flags: null,
  });
}

/** A staff login with a password (caseworkers: districts; adjusters: insurer). */
export async function makeStaff(
  ds: DataSource,
  s: { role: Exclude<Role, 'beneficiary'>; username: string; password: string; districtIds?: number[]; insurerId?: number | null },
): Promise<AppUser> {
  const user = await ds.getRepository(AppUser).save(
    ds.getRepository(AppUser).create({ role: s.role, username: s.username, passwordHash: await hashPassword(s.password), insurerId: s.insurerId ?? null }),
  );
  for (const districtId of s.districtIds ?? []) await ds.getRepository(UserDistrict).insert({ userId: user.id, districtId });
  return user;
}

let codeSeq = 0;
/** Log in through the fake WeChat as `openid` (a fresh wx.login code each time). */
export async function wxLogin(app: INestApplication, openid: string) {
  const res = await request(app.getHttpServer()).post('/api/auth/wechat/login').send({ code: `ok-${openid}.${++codeSeq}` });
  if (res.status !== 200) throw new Error(`wechat login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { accessToken: string; refreshToken: string; expiresIn: number; user: { userId: number; role: string; bound: boolean; person?: { personId: number; name: string; idNumber: string } } };
}

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
