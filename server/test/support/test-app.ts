import { LoggerService, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { DbSessionCheck } from '../../src/auth/db-session-check';
import { SessionCheck } from '../../src/auth/session-check';
import { configureApp, createHttpAdapter } from '../../src/app.setup';
import { TestDatabase } from './test-db';
import { TestSessionCheck } from './test-sessions';

/** Keeps every log line so tests can check what the server writes (and that it is masked). */
export class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  private add(level: string, message: unknown, ...rest: unknown[]) {
    this.lines.push([level, message, ...rest].map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' '));
  }
  log(m: unknown, ...r: unknown[]) { this.add('log', m, ...r); }
  error(m: unknown, ...r: unknown[]) { this.add('error', m, ...r); }
  warn(m: unknown, ...r: unknown[]) { this.add('warn', m, ...r); }
  debug(m: unknown, ...r: unknown[]) { this.add('debug', m, ...r); }
  verbose(m: unknown, ...r: unknown[]) { this.add('verbose', m, ...r); }
  get text(): string { return this.lines.join('\n'); }
}

export interface TestApp {
  app: NestFastifyApplication;
  /** Every route the HTTP layer registered, as `METHOD /path` (HEAD routes Fastify adds for GETs left out). */
  routes: string[];
  dataSource: DataSource;
  logger: CapturingLogger;
  close(): Promise<void>;
}

/** The real AppModule (migrations run at start-up) plus optional test-only controllers, on the test database. */
export async function startTestApp(db: TestDatabase, controllers: Type<unknown>[] = []): Promise<TestApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(db.config)],
    controllers,
  })
    // bearer() mints tokens without signing in: let their sessions through, check every other one for real.
    .overrideProvider(SessionCheck)
    .useFactory({ factory: (real: DbSessionCheck) => new TestSessionCheck(real), inject: [DbSessionCheck] })
    .compile();
  const logger = new CapturingLogger();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(), { logger });
  app.useLogger(logger);
  const routes: string[] = [];
  app.getHttpAdapter().getInstance().addHook('onRoute', (r) => {
    for (const m of ([] as string[]).concat(r.method)) if (m !== 'HEAD') routes.push(`${m} ${r.url}`);
  });
  configureApp(app);
  await app.init();
  // Fastify starts its plugins (multipart, static files) on ready(); supertest's app.getHttpServer() needs them.
  await app.getHttpAdapter().getInstance().ready();
  return { app, routes, dataSource: app.get(DataSource), logger, close: () => app.close() };
}
