import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
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
  const app = await NestFactory.create(AppModule.forRoot(config), { bufferLogs: false });
  configureApp(app);
  await app.listen(config.port);
  const where = config.db.type === 'sqlite' ? `SQLite ${config.db.path}` : `MariaDB ${config.db.host}:${config.db.port}/${config.db.database}`;
  logger.log(`Huimin server on http://localhost:${config.port}/api (docs: /api/docs, health: /api/health), ${where}`);
}

void bootstrap();
