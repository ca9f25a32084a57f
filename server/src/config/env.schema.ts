import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const DB_TYPES = ['sqlite', 'mariadb'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export type DbType = (typeof DB_TYPES)[number];

const usesMariaDbParts = (o: EnvironmentVariables) => o.DB_TYPE === 'mariadb' && !o.DATABASE_URL;

/** Environment variables read at start-up; anything wrong stops the server with a list of what to fix. */
export class EnvironmentVariables {
  @IsIn(NODE_ENVS, { message: 'NODE_ENV must be one of development, production, test' })
  NODE_ENV: NodeEnv = 'development';

  @IsIn(DB_TYPES, { message: 'DB_TYPE must be sqlite or mariadb' })
  DB_TYPE: DbType = 'sqlite';

  /** mysql://user:password@host:3306/database (MariaDB 10.11 / MySQL 8 / TiDB). */
  @IsOptional()
  @Matches(/^(mysql|mariadb):\/\/[^/]+\/[^/?]+/, { message: 'DATABASE_URL must look like mysql://user:password@host:3306/database' })
  DATABASE_URL?: string;

  @ValidateIf(usesMariaDbParts)
  @IsNotEmpty({ message: 'DB_HOST is required when DB_TYPE=mariadb and DATABASE_URL is not set' })
  DB_HOST?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'DB_PORT must be a port number' })
  @Min(1)
  @Max(65535)
  DB_PORT?: number;

  @ValidateIf(usesMariaDbParts)
  @IsNotEmpty({ message: 'DB_USER is required when DB_TYPE=mariadb and DATABASE_URL is not set' })
  DB_USER?: string;

  @IsOptional()
  @IsString()
  DB_PASSWORD?: string;

  @ValidateIf(usesMariaDbParts)
  @IsNotEmpty({ message: 'DB_NAME is required when DB_TYPE=mariadb and DATABASE_URL is not set' })
  DB_NAME?: string;

  /** Folder for the embedded database and, outside production, generated secrets. Default ./data */
  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  /** Default <DATA_DIR>/huimin.sqlite; ':memory:' for throwaway tests. */
  @IsOptional()
  @IsString()
  SQLITE_PATH?: string;

  @Type(() => Number)
  @IsInt({ message: 'PORT must be a port number' })
  @Min(1)
  @Max(65535)
  PORT = 3000;

  /** 32 random bytes, base64. Encrypts ID numbers and phones at rest: losing it loses them. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'PII_KEY must be 32 bytes in base64 (44 characters)' })
  PII_KEY?: string;

  @IsOptional()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** WeChat's API (code2Session, access tokens, subscribe messages). Tests point it at a local fake. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'WECHAT_API_BASE must be an http(s) URL such as https://api.weixin.qq.com' })
  WECHAT_API_BASE?: string;

  /** The mini-program's AppID (required in production; a development placeholder otherwise). */
  @IsOptional()
  @IsString()
  WECHAT_APPID?: string;

  /** The mini-program's AppSecret (required in production; a development placeholder otherwise). Never logged. */
  @IsOptional()
  @IsString()
  WECHAT_SECRET?: string;

  /** Timeout of one call to WeChat, in milliseconds. Default 5000. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'WECHAT_TIMEOUT_MS must be a whole number of milliseconds' })
  @Min(100)
  @Max(60000)
  WECHAT_TIMEOUT_MS?: number;

  /**
   * Subscribe-message template for claim status changes (订阅消息模板 id from the mini-program console).
   * Unset: no subscribe messages are offered or sent.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'WECHAT_TEMPLATE_CLAIM_STATUS must be a template id (letters, digits, _ and -)' })
  WECHAT_TEMPLATE_CLAIM_STATUS?: string;

  /**
   * Which of our values fills which field of that template, as the template's keys declare them:
   * `thing1=benefit,phrase2=state,amount3=amount,date4=time,character_string5=claimNo` (the default).
   * Values: claimNo, benefit, scheme, state, status, amount, time, note. Each is formatted and cut to
   * WeChat's rule for the key's type (thing ≤ 20 characters, phrase ≤ 5 Chinese characters, …).
   */
  @IsOptional()
  @Matches(/^[a-z_]+\d+=[a-zA-Z]+(,[a-z_]+\d+=[a-zA-Z]+)*$/, { message: 'WECHAT_TEMPLATE_CLAIM_STATUS_FIELDS must look like thing1=benefit,phrase2=state' })
  WECHAT_TEMPLATE_CLAIM_STATUS_FIELDS?: string;

  /** Which mini-program version a subscribe message opens: developer, trial or formal (default). */
  @IsOptional()
  @IsIn(['developer', 'trial', 'formal'], { message: 'WECHAT_MINIPROGRAM_STATE must be developer, trial or formal' })
  WECHAT_MINIPROGRAM_STATE?: 'developer' | 'trial' | 'formal';

  /**
   * Development login for the H5 build (POST /api/auth/dev-login): only with the embedded SQLite database
   * outside production, or with NODE_ENV=test on either database (the browser suite). The server refuses
   * to start if it is set anywhere else.
   */
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  DEV_LOGIN?: boolean;
  /**
   * Load the demo people, households, enrolments and logins at start-up (idempotent). Default: true
   * only for the embedded SQLite outside production; refused in production (demo passwords are public).
   */
  @IsOptional()
  @IsIn(['true', 'false', '1', '0'], { message: 'SEED_DEMO must be true or false' })
  SEED_DEMO?: string;

  /** The H5 build of the mini-program to serve at / (npm start sets it to miniapp/dist/h5); unset serves only the API. */
  @IsOptional()
  @IsString()
  H5_DIR?: string;

  /** Pretend today is this date (demos, tests): 'YYYY-MM-DD'. Refused in production. */
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'HUIMIN_TODAY must be a date like 2026-03-15' })
  HUIMIN_TODAY?: string;

  /** Folder for uploaded claim documents (encrypted at rest). Default <DATA_DIR>/uploads. */
  @IsOptional()
  @IsString()
  UPLOAD_DIR?: string;

  /** Largest accepted upload (photo or PDF), in bytes. Default 10485760 (10 MB); 1 KB to 50 MB. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'UPLOAD_MAX_BYTES must be a whole number of bytes' })
  @Min(1024, { message: 'UPLOAD_MAX_BYTES must be at least 1024' })
  @Max(50 * 1024 * 1024, { message: 'UPLOAD_MAX_BYTES must be at most 52428800 (50 MB)' })
  UPLOAD_MAX_BYTES?: number;

  /**
   * Largest accepted photo in pixels (width × height), checked from the header before decoding
   * (decompression bombs). Default 40000000 (40 MP; a 12 MP phone photo is 12000000).
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'UPLOAD_MAX_PIXELS must be a whole number of pixels' })
  @Min(1_000_000, { message: 'UPLOAD_MAX_PIXELS must be at least 1000000' })
  @Max(268_402_689, { message: 'UPLOAD_MAX_PIXELS must be at most 268402689 (sharp\'s own limit)' })
  UPLOAD_MAX_PIXELS?: number;

  /**
   * Uploads that no claim took within this many days are deleted (row and files): photos of medical
   * papers are not kept for a report that was never sent. Default 30; a draft older than that uploads again.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'UPLOAD_ORPHAN_DAYS must be a whole number of days' })
  @Min(1, { message: 'UPLOAD_ORPHAN_DAYS must be at least 1' })
  @Max(3650, { message: 'UPLOAD_ORPHAN_DAYS must be at most 3650' })
  UPLOAD_ORPHAN_DAYS?: number;

  /** Log SQL (never in production: it would log personal data). */
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  DB_LOGGING?: boolean;
}
