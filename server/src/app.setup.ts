import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { APP_CONFIG, AppConfig } from './config/config';
import { HttpAdapterHost } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { requestIdMiddleware } from './common/interceptors/request-id';
import { RequestLoggingInterceptor } from './common/interceptors/request-logging.interceptor';
import { createValidationPipe } from './common/validation/validation';

export const API_PREFIX = 'api';

/** Everything global about the HTTP app; main.ts and the e2e tests both call it. */
export function configureApp(app: INestApplication, opts: { swagger?: boolean } = {}): INestApplication {
  app.setGlobalPrefix(API_PREFIX);
  serveH5(app, app.get<AppConfig>(APP_CONFIG).h5Dir);
  app.use(requestIdMiddleware);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(app.get(HttpAdapterHost)));
  app.useGlobalInterceptors(new RequestLoggingInterceptor());
  app.enableShutdownHooks();
  if (opts.swagger !== false) {
    const doc = SwaggerModule.createDocument(
      app,
      new DocumentBuilder().setTitle('Huimin 惠民 API').setVersion('0.1.0').build(),
    );
    SwaggerModule.setup(`${API_PREFIX}/docs`, app, doc);
  }
  return app;
}

/**
 * The H5 build of the mini-program at / beside the API (npm start): its files as they are, and every
 * other GET outside /api answered with its index.html, so the browser router's deep links load.
 */
function serveH5(app: INestApplication, dir: string | null): void {
  if (!dir || !existsSync(join(dir, 'index.html'))) return;
  const index = join(dir, 'index.html');
  app.use(express.static(dir, { index: 'index.html', maxAge: '1h' }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isApi = req.path === `/${API_PREFIX}` || req.path.startsWith(`/${API_PREFIX}/`);
    if (req.method !== 'GET' || isApi) return next();
    res.sendFile(index);
  });
}
