/**
 * The app under test for coverage.bench.ts, in its own process (so the load generator does not share its
 * event loop): the real AppModule on the MariaDB from the environment, plus a bare @Public endpoint.
 * Sends { port } to the parent when listening.
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureApp, createHttpAdapter } from '../src/app.setup';
import { Public } from '../src/auth/decorators';
import { loadConfig } from '../src/config/config';

@Controller('bench-bare')
class BareController {
  @Public()
  @Get()
  get(): { ok: boolean } {
    return { ok: true };
  }
}

async function main(): Promise<void> {
  const config = loadConfig(process.env, () => undefined);
  @Module({ imports: [AppModule.forRoot(config)], controllers: [BareController] })
  class BenchModule {}
  const app = await NestFactory.create<NestFastifyApplication>(BenchModule, createHttpAdapter(), { logger: ['error', 'warn'] });
  configureApp(app, { swagger: false });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  process.send?.({ port });
  process.on('message', (m) => {
    if (m === 'stop') void app.close().then(() => process.exit(0));
  });
}

void main();
