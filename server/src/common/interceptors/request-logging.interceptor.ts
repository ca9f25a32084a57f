import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Observable } from 'rxjs';
import { maskSensitiveText } from '../crypto/mask';
import type { RequestWithId } from './request-id';

/**
 * One log line per handled request: method, URL with ID numbers and long digit runs masked, final
 * status, duration and request id. Bodies are never logged.
 */
@Injectable()
export class RequestLoggingInterceptor implements NestInterceptor {
  private readonly logger = new Logger('HTTP');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    // Nothing to do when the app logs no 'log' lines (e.g. started with logger: ['error', 'warn']): no listener, no clock.
    if (context.getType() !== 'http' || !Logger.isLevelEnabled('log')) return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<RequestWithId>();
    const res = http.getResponse<FastifyReply>().raw;
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      this.logger.log(
        `${req.method} ${maskRequestUrl(req.originalUrl ?? req.url)} ${res.statusCode} ${ms.toFixed(1)}ms rid=${req.requestId ?? '-'}`,
      );
    });
    return next.handle();
  }
}

export function maskRequestUrl(url: string): string {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    /* keep it raw */
  }
  // Stream tickets are single-use and short-lived, but still keep them out of logs.
  return maskSensitiveText(decoded).replace(/([?&]ticket=)[^&#]*/g, '$1***');
}
