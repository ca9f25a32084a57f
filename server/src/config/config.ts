import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { DbType, EnvironmentVariables, NodeEnv } from './env.schema';

export type DatabaseConfig =
  | { type: 'sqlite'; path: string; logging: boolean }
  | {
      type: 'mariadb';
      host: string;
      port: number;
      username: string;
      password: string;
      database: string;
      logging: boolean;
    };

export interface AppConfig {
  env: NodeEnv;
  isProduction: boolean;
  port: number;
  dataDir: string;
  db: DatabaseConfig;
  piiKey: Buffer;
  jwtSecret: string;
  wechat: WechatConfig;
  /** POST /api/auth/dev-login is open (embedded SQLite outside production only). */
  devLogin: boolean;
  /** Per-route request limits for sign-in routes (see auth/rate-limit.ts); tests may lower or raise them. */
  rateLimits: RateLimits;
  /** Folder of the mini-program's H5 build served at / (null: API only). */
  h5Dir: string | null;
  /** Load demo data at start-up (never in production). */
  seedDemo: boolean;
  /** A fixed 'today' (HUIMIN_TODAY) for demos and tests; null means the real date in China (UTC+8). */
  today: string | null;
  /** Claim documents (photos, PDF e-invoices): where they are kept and what is accepted. */
  uploads: UploadsConfig;
}

export interface UploadsConfig {
  /** Local-disk store of the (encrypted) files: UPLOAD_DIR, default <DATA_DIR>/uploads. */
  dir: string;
  /** Largest accepted file in bytes (UPLOAD_MAX_BYTES, default 10 MB). */
  maxBytes: number;
  /** Largest accepted photo in pixels, read from its header before decoding (UPLOAD_MAX_PIXELS, default 40 MP). */
  maxPixels: number;
  /** Uploads no claim took within this many days are deleted (UPLOAD_ORPHAN_DAYS, default 30). */
  orphanDays: number;
}

export const DEFAULT_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_UPLOAD_MAX_PIXELS = 40_000_000;
export const DEFAULT_UPLOAD_ORPHAN_DAYS = 30;

export interface WechatConfig {
  apiBase: string;
  appId: string;
  secret: string;
  timeoutMs: number;
  /** Subscribe-message template for claim status changes; null: none are offered or sent. */
  claimStatusTemplate?: SubscribeTemplateConfig | null;
  miniprogramState?: 'developer' | 'trial' | 'formal';
}

/** What fills a template field (see notifications/subscribe-fields.ts). */
export const SUBSCRIBE_FIELD_SOURCES = ['claimNo', 'benefit', 'scheme', 'state', 'status', 'amount', 'time', 'note'] as const;
export type SubscribeFieldSource = (typeof SUBSCRIBE_FIELD_SOURCES)[number];
export const SUBSCRIBE_FIELD_TYPES = ['thing', 'phrase', 'character_string', 'amount', 'date', 'time', 'number'] as const;

export interface SubscribeTemplateConfig {
  id: string;
  /** Template key (thing1, phrase2 …) → our value. */
  fields: Record<string, SubscribeFieldSource>;
}

export const DEFAULT_CLAIM_STATUS_FIELDS = 'thing1=benefit,phrase2=state,amount3=amount,date4=time,character_string5=claimNo';

/** `thing1=benefit,phrase2=state` → fields, refusing unknown values and field types we cannot fill. */
export function parseTemplateFields(spec: string, envName: string): Record<string, SubscribeFieldSource> {
  const out: Record<string, SubscribeFieldSource> = {};
  const problems: string[] = [];
  for (const part of spec.split(',')) {
    const [key, source] = part.split('=');
    const type = key.replace(/\d+$/, '');
    if (!(SUBSCRIBE_FIELD_TYPES as readonly string[]).includes(type)) problems.push(`${envName}: field ${key} has a type we do not fill (${SUBSCRIBE_FIELD_TYPES.join(', ')})`);
    if (!(SUBSCRIBE_FIELD_SOURCES as readonly string[]).includes(source)) problems.push(`${envName}: ${key}=${source}: the value must be one of ${SUBSCRIBE_FIELD_SOURCES.join(', ')}`);
    out[key] = source as SubscribeFieldSource;
  }
  if (problems.length) throw new ConfigError(problems);
  return out;
}

export type RateBucket = 'wechatLogin' | 'staffLogin' | 'bind' | 'refresh' | 'redeem';
/** perIp: per client address; perUser: per signed-in user (routes that need a login). */
export type RateLimits = Record<RateBucket, { ttlSeconds: number; perIp: number; perUser: number }>;

/**
 * Defaults are generous per address: many elderly people sign in from the same community-centre Wi-Fi,
 * often helped by one caseworker. Per user they are tight. Lock-outs (staff passwords, binding) are
 * separate and stored in the database.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  wechatLogin: { ttlSeconds: 60, perIp: 60, perUser: 60 },
  staffLogin: { ttlSeconds: 60, perIp: 20, perUser: 20 },
  bind: { ttlSeconds: 60, perIp: 30, perUser: 5 },
  refresh: { ttlSeconds: 60, perIp: 120, perUser: 20 },
  redeem: { ttlSeconds: 60, perIp: 30, perUser: 5 },
};

export const DEFAULT_WECHAT_API_BASE = 'https://api.weixin.qq.com';

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;
export type SecretLogger = (message: string) => void;

function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((m) => (m.includes(e.property) ? m : `${e.property}: ${m}`)),
    ...flatten(e.children ?? []),
  ]);
}

/** Validate the raw environment (empty strings count as unset). */
export function validateEnv(env: Env = process.env): EnvironmentVariables {
  const raw = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = plainToInstance(EnvironmentVariables, raw);
  const problems = flatten(validateSync(parsed, { whitelist: false }));
  if (problems.length) throw new ConfigError(problems);
  return parsed;
}

function dataDirOf(v: EnvironmentVariables): string {
  return resolve(v.DATA_DIR ?? 'data');
}

function databaseConfig(v: EnvironmentVariables): DatabaseConfig {
  const logging = !!v.DB_LOGGING && v.NODE_ENV !== 'production';
  const type: DbType = v.DB_TYPE;
  if (type === 'sqlite') {
    const path = v.SQLITE_PATH === ':memory:' ? ':memory:' : resolve(v.SQLITE_PATH ?? join(dataDirOf(v), 'huimin.sqlite'));
    return { type, path, logging };
  }
  if (v.DATABASE_URL) {
    const u = new URL(v.DATABASE_URL);
    return {
      type,
      host: u.hostname,
      port: u.port ? Number(u.port) : 3306,
      username: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      database: decodeURIComponent(u.pathname.replace(/^\//, '')),
      logging,
    };
  }
  return {
    type,
    host: v.DB_HOST!,
    port: v.DB_PORT ?? 3306,
    username: v.DB_USER!,
    password: v.DB_PASSWORD ?? '',
    database: v.DB_NAME!,
    logging,
  };
}

/** Database settings only: what the TypeORM CLI needs (no secrets). */
export function loadDatabaseConfig(env: Env = process.env): DatabaseConfig {
  return databaseConfig(validateEnv(env));
}

interface StoredSecrets {
  PII_KEY?: string;
  JWT_SECRET?: string;
}

/**
 * PII_KEY and JWT_SECRET: from the environment; in production nothing else is accepted. Outside
 * production a missing one is read from, or generated into, <DATA_DIR>/secrets.json (mode 0600), loudly.
 */
function resolveSecrets(v: EnvironmentVariables, dataDir: string, warn: SecretLogger): { piiKey: Buffer; jwtSecret: string } {
  const missing = (['PII_KEY', 'JWT_SECRET'] as const).filter((k) => !v[k]);
  if (missing.length && v.NODE_ENV === 'production') {
    throw new ConfigError(
      missing.map(
        (k) =>
          `${k} is required in production (generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))")`,
      ),
    );
  }
  let stored: StoredSecrets = {};
  const file = join(dataDir, 'secrets.json');
  if (missing.length) {
    if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
    const generated = missing.filter((k) => !stored[k]);
    if (generated.length) {
      for (const k of generated) stored[k] = randomBytes(32).toString('base64');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
      chmodSync(file, 0o600);
      const bar = '!'.repeat(78);
      warn(
        `\n${bar}\n!! Generated ${generated.join(' and ')} and stored ${generated.length > 1 ? 'them' : 'it'} in ${file}\n` +
          `!! This is for development only. Back this file up: without PII_KEY the encrypted\n` +
          `!! ID numbers and phone numbers in this database can never be read again.\n` +
          `!! In production set PII_KEY and JWT_SECRET in the environment (the server refuses to start without).\n${bar}`,
      );
    }
  }
  const piiB64 = v.PII_KEY ?? stored.PII_KEY;
  const piiKey = Buffer.from(piiB64 ?? '', 'base64');
  if (piiKey.length !== 32) throw new ConfigError([`PII_KEY in ${v.PII_KEY ? 'the environment' : file} is not 32 bytes of base64`]);
  const jwtSecret = (v.JWT_SECRET ?? stored.JWT_SECRET)!;
  if (jwtSecret.length < 32) throw new ConfigError([`JWT_SECRET in ${file} is shorter than 32 characters`]);
  return { piiKey, jwtSecret };
}

function wechatConfig(v: EnvironmentVariables): WechatConfig {
  const prod = v.NODE_ENV === 'production';
  const problems: string[] = [];
  if (prod && !v.WECHAT_APPID) problems.push('WECHAT_APPID is required in production (the mini-program AppID)');
  if (prod && !v.WECHAT_SECRET) problems.push('WECHAT_SECRET is required in production (the mini-program AppSecret)');
  if (problems.length) throw new ConfigError(problems);
  return {
    apiBase: (v.WECHAT_API_BASE ?? DEFAULT_WECHAT_API_BASE).replace(/\/+$/, ''),
    appId: v.WECHAT_APPID ?? 'wx-dev-appid',
    secret: v.WECHAT_SECRET ?? 'wx-dev-secret',
    timeoutMs: v.WECHAT_TIMEOUT_MS ?? 5000,
    claimStatusTemplate: v.WECHAT_TEMPLATE_CLAIM_STATUS
      ? {
          id: v.WECHAT_TEMPLATE_CLAIM_STATUS,
          fields: parseTemplateFields(v.WECHAT_TEMPLATE_CLAIM_STATUS_FIELDS ?? DEFAULT_CLAIM_STATUS_FIELDS, 'WECHAT_TEMPLATE_CLAIM_STATUS_FIELDS'),
        }
      : null,
    miniprogramState: v.WECHAT_MINIPROGRAM_STATE ?? 'formal',
  };
}

/** DEV_LOGIN opens a password-less login: refuse to start rather than ignore it where it must not be. */
function devLoginAllowed(v: EnvironmentVariables): boolean {
  if (!v.DEV_LOGIN) return false;
  if (v.NODE_ENV === 'production') throw new ConfigError(['DEV_LOGIN must not be set in production (it lets anyone sign in as anyone)']);
  // NODE_ENV=test may use it on MariaDB too: the root browser suite drives the H5 build against the real server on MariaDB.
  if (v.DB_TYPE !== 'sqlite' && v.NODE_ENV !== 'test') {
    throw new ConfigError(['DEV_LOGIN is only allowed with the embedded SQLite database (DB_TYPE=sqlite), or in tests (NODE_ENV=test)']);
  }
  return true;
}

/** The whole configuration, validated; throws ConfigError listing every problem. */
export function loadConfig(env: Env = process.env, warn: SecretLogger = (m) => console.warn(m)): AppConfig {
  const v = validateEnv(env);
  const dataDir = dataDirOf(v);
  const db = databaseConfig(v);
  const isProduction = v.NODE_ENV === 'production';
  const problems: string[] = [];
  const seedDemoAsked = v.SEED_DEMO === undefined ? undefined : v.SEED_DEMO === 'true' || v.SEED_DEMO === '1';
  if (isProduction && seedDemoAsked) problems.push('SEED_DEMO cannot be on in production: the demo logins have published passwords');
  if (isProduction && v.HUIMIN_TODAY) problems.push('HUIMIN_TODAY cannot be set in production: coverage and deadlines must use the real date');
  if (problems.length) throw new ConfigError(problems);
  if (db.type === 'sqlite' && db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
  return {
    env: v.NODE_ENV,
    isProduction,
    seedDemo: seedDemoAsked ?? (db.type === 'sqlite' && !isProduction),
    h5Dir: v.H5_DIR ? resolve(v.H5_DIR) : null,
    today: v.HUIMIN_TODAY ?? null,
    port: v.PORT,
    dataDir,
    db,
    ...resolveSecrets(v, dataDir, warn),
    wechat: wechatConfig(v),
    devLogin: devLoginAllowed(v),
    rateLimits: structuredClone(DEFAULT_RATE_LIMITS),
    uploads: {
      dir: v.UPLOAD_DIR ? resolve(v.UPLOAD_DIR) : join(dataDir, 'uploads'),
      maxBytes: v.UPLOAD_MAX_BYTES ?? DEFAULT_UPLOAD_MAX_BYTES,
      maxPixels: v.UPLOAD_MAX_PIXELS ?? DEFAULT_UPLOAD_MAX_PIXELS,
      orphanDays: v.UPLOAD_ORPHAN_DAYS ?? DEFAULT_UPLOAD_ORPHAN_DAYS,
    },
  };
}
