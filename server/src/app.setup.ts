import { existsSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { BadRequestException } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from './config/config';
import { HttpAdapterHost } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { requestIdHook } from './common/interceptors/request-id';
import { RequestLoggingInterceptor } from './common/interceptors/request-logging.interceptor';
import { createValidationPipe } from './common/validation/validation';

export const API_PREFIX = 'api';

/** JSON bodies up to 100 KiB, as under Express (body-parser's default '100kb'); more answers 413. */
export const JSON_BODY_LIMIT = 100 * 1024;

/**
 * The HTTP layer: Fastify (via @nestjs/platform-fastify). A trailing slash does not matter (`/api/health/`), as
 * under Express. Paths are case-sensitive (Fastify's default); under Express a GET of `/API/…` got the H5 page
 * anyway (the fallback ran before the routes), and it still does.
 */
export function createHttpAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: JSON_BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true },
    // Node's own server timeouts, which the Express app had: 5 min to receive a request, idle keep-alive closed
    // after 5 s (Fastify alone: no request timeout, 72 s keep-alive).
    requestTimeout: 300_000,
    keepAliveTimeout: 5_000,
  });
}

/** Everything global about the HTTP app; main.ts, the benches and the e2e tests all call it (before init/listen). */
export function configureApp(app: NestFastifyApplication, opts: { swagger?: boolean } = {}): NestFastifyApplication {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  app.setGlobalPrefix(API_PREFIX);
  fastify.addHook('onRequest', requestIdHook);
  useExpressLikeBodies(app, fastify);
  serveH5(fastify, app.get<AppConfig>(APP_CONFIG).h5Dir);
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

const JSON_WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Request bodies read as Express's body-parser read them, so clients see no difference:
 * - JSON (`application/json`) up to JSON_BODY_LIMIT; an empty body is `{}`; only an object or an array at the
 *   top level (body-parser's `strict`); anything else, or bad JSON, is 400 INVALID_JSON (the filter). Parsed with
 *   JSON.parse as body-parser did, not Fastify's secure-json-parse: a `__proto__` key becomes an own key (never the
 *   prototype), which the ValidationPipe then names as an unknown field (400 VALIDATION_FAILED), as before.
 * - `application/x-www-form-urlencoded`: the adapter's default parser.
 * - Any other content type is not read and the handler sees no body (Express did the same; Fastify alone
 *   would answer 415). Multipart is @fastify/multipart's, for the upload interceptors.
 */
function useExpressLikeBodies(app: NestFastifyApplication, fastify: FastifyInstance): void {
  const invalid = (cause: unknown) => new BadRequestException('Invalid JSON', { cause: cause instanceof SyntaxError ? cause : new SyntaxError(String(cause)) });
  app.useBodyParser<Server>('application/json', { bodyLimit: JSON_BODY_LIMIT }, (_req, body, done) => {
    if (body.length === 0) return done(null, {});
    let i = 0;
    while (i < body.length && JSON_WS.has(body[i])) i++;
    if (body[i] !== 0x7b && body[i] !== 0x5b) return done(invalid(new SyntaxError('JSON body must be an object or an array')), undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch (e) {
      return done(invalid(e), undefined);
    }
    done(null, parsed);
  });
  fastify.removeContentTypeParser('text/plain'); // Fastify's built-in one: Express read no text bodies either
  fastify.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
}

/**
 * The H5 build of the mini-program at / beside the API (npm start): its files as they are (1 h caching), and
 * every other GET outside /api answered with its index.html, so the browser router's deep links load. GETs
 * under /api that no route takes go to Nest's 404 (JSON, our error format).
 */
function serveH5(fastify: FastifyInstance, dir: string | null): void {
  if (!dir || !existsSync(join(dir, 'index.html'))) return;
  const root = normalize(dir + sep);
  void fastify.register(fastifyStatic, { root: dir, serve: false, maxAge: '1h' });
  fastify.get('/*', (req: FastifyRequest, reply: FastifyReply) => {
    const q = req.url.indexOf('?');
    const path = q < 0 ? req.url : req.url.slice(0, q);
    if (path === `/${API_PREFIX}` || path.startsWith(`/${API_PREFIX}/`)) return reply.callNotFound();
    let rel: string | null = null;
    try {
      const wanted = normalize(join(root, decodeURIComponent(path)));
      // Dot files stay hidden, as express.static kept them.
      if (wanted.startsWith(root) && !wanted.slice(root.length).split(sep).some((s) => s.startsWith('.'))) {
        const st = statSync(wanted, { throwIfNoEntry: false });
        if (st?.isFile()) rel = wanted.slice(root.length);
        else if (st?.isDirectory() && existsSync(join(wanted, 'index.html'))) rel = join(wanted.slice(root.length), 'index.html');
      }
    } catch {
      /* a malformed escape: the page itself */
    }
    // A file of the build: cached for an hour; the page for a deep link: revalidated each time (as res.sendFile did).
    return rel ? reply.sendFile(rel) : reply.sendFile('index.html', { maxAge: 0 });
  });
}
