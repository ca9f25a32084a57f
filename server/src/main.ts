import 'reflect-metadata';
import { networkInterfaces } from 'node:os';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureApp, createHttpAdapter } from './app.setup';
import { ConfigError, loadConfig } from './config/config';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Bootstrap');
  let config;
  try {
    config = loadConfig(process.env, (m) => logger.warn(m));
  } catch (e) {
    if (e instanceof ConfigError) {
      logger.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), createHttpAdapter(), { bufferLogs: false });
  configureApp(app);
  // All interfaces, as Express's listen(port) did (Fastify alone would listen on localhost only): IPv6 and IPv4
  // when the machine has IPv6, IPv4 otherwise.
  const hasIpv6 = Object.values(networkInterfaces()).some((list) => list?.some((i) => i.family === 'IPv6'));
  await app.listen(config.port, hasIpv6 ? '::' : '0.0.0.0');
  const where = config.db.type === 'sqlite' ? `SQLite ${config.db.path}` : `MariaDB ${config.db.host}:${config.db.port}/${config.db.database}`;
  logger.log(`Huimin server on http://localhost:${config.port}/api (docs: /api/docs, health: /api/health), ${where}`);
}

void bootstrap();
