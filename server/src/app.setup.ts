import { INestApplication } from '@nestjs/common';
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
