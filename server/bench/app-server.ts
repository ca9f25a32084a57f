/**
 * The app under test for coverage.bench.ts and claims.bench.ts, in its own process (so the load generator does
 * not share its event loop): the real AppModule on the database from the environment, plus two bench-only routes:
 *  GET  /api/bench-bare              a bare @Public endpoint (what NestJS + Fastify cost with no work);
 *  POST /api/bench-floor/two-trips   the NestJS floor of a report (claims.bench FLOOR=1): the framework-free floor's
 *                                    two round trips (bench/floor-sql.ts: the session check with the reads, then the
 *                                    whole transaction in one multi-statement query, the app's own bytes from
 *                                    templates) run inside this app — its Fastify, global guard (JWT; the session in
 *                                    the read, as @SessionCheckedInRead routes do), ValidationPipe on ReportClaimDto,
 *                                    filters and interceptors, TypeORM's DataSource and query runners — but without the
 *                                    rules engine, the claim's detail DTO, TypeORM entities or the event bus. What the
 *                                    fixed stack costs a report at the least. Templates come over IPC ({ templates }).
 * Sends { port } to the parent when listening.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { Body, Controller, ForbiddenException, Get, Module, NotFoundException, Post, Res, UnprocessableEntityException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureApp, createHttpAdapter } from '../src/app.setup';
import type { AuthUser } from '../src/auth/auth-user';
import { CurrentUser, Public, SessionCheckedInRead } from '../src/auth/decorators';
import { unauthenticated } from '../src/auth/jwt-auth.guard';
import { SessionCheck, type SessionRow } from '../src/auth/session-check';
import { ReportClaimDto } from '../src/claims/dto/claim-requests.dto';
import { loadConfig } from '../src/config/config';
import { requireIdempotencyKey } from '../src/idempotency/idempotency.service';
import { IdemKey } from '../src/idempotency/idempotency.http';
import { floorRequest, idOfTwoTrips, READS_SQL, readsParams, SESSION_SQL, twoTripsTransaction, type ClaimTemplate } from './floor-sql';

const TODAY = process.env.HUIMIN_TODAY ?? new Date().toISOString().slice(0, 10);
let templates: Record<string, ClaimTemplate> = {};

@Controller('bench-bare')
class BareController {
  @Public()
  @Get()
  get(): { ok: boolean } {
    return { ok: true };
  }
}

@Controller('bench-floor')
class NestFloorController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly sessions: SessionCheck,
  ) {}

  @Post('two-trips')
  @SessionCheckedInRead()
  async twoTrips(@CurrentUser() user: AuthUser, @Body() dto: ReportClaimDto, @IdemKey() header: string | undefined, @Res({ passthrough: true }) res: FastifyReply): Promise<string> {
    const key = requireIdempotencyKey(header);
    if (user.role !== 'beneficiary' || user.personId == null) throw new ForbiddenException({ code: 'FORBIDDEN' });
    const t = templates[dto.schemeId];
    if (!t) throw new UnprocessableEntityException({ code: 'NO_TEMPLATE' });
    const c = { sub: user.userId, pid: user.personId };
    const requestHash = createHash('sha256').update(floorRequest(dto, c)).digest('hex');
    const [sess, idem, person] = (await this.ds.query(`${SESSION_SQL}; ${READS_SQL}`, readsParams(user.sessionId, c, key, dto))) as [
      SessionRow[],
      { responseStatus: number; responseBody: string }[],
      { districtId: number }[],
    ];
    if (!this.sessions.isActiveRow(user.sessionId, sess[0])) throw unauthenticated();
    res.header('content-type', 'application/json; charset=utf-8');
    if (idem.length) {
      res.status(Number(idem[0].responseStatus)).header('Idempotent-Replayed', 'true');
      return idem[0].responseBody;
    }
    if (!person.length) throw new NotFoundException({ code: 'NOT_FOUND' });
    const tx = twoTripsTransaction(dto, c, Number(person[0].districtId), t, key, requestHash, TODAY);
    const qr = this.ds.createQueryRunner();
    try {
      const out = (await qr.query(tx.sql, tx.params)) as unknown[];
      res.status(201);
      return tx.reply(idOfTwoTrips(out));
    } catch (e) {
      await qr.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      await qr.release();
    }
  }
}

async function main(): Promise<void> {
  const config = loadConfig(process.env, () => undefined);
  @Module({ imports: [AppModule.forRoot(config)], controllers: [BareController, NestFloorController] })
  class BenchModule {}
  const app = await NestFactory.create<NestFastifyApplication>(BenchModule, createHttpAdapter(), { logger: ['error', 'warn'] });
  configureApp(app, { swagger: false });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  process.send?.({ port });
  process.on('message', (m: unknown) => {
    if (m === 'stop') void app.close().then(() => process.exit(0));
    else if (m && typeof m === 'object' && 'templates' in m) {
      templates = (m as { templates: Record<string, ClaimTemplate> }).templates;
      process.send?.({ templatesOk: Object.keys(templates).length });
    }
  });
}

void main();
