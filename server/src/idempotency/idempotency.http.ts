import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { IdempotentResult } from './idempotency.service';

/** The Idempotency-Key request header (checked by IdempotencyService.run, not here). */
export const IdemKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const v = ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers['idempotency-key'];
  return Array.isArray(v) ? v[0] : v;
});

/** Sends the first response's status again on a replay, with `Idempotent-Replayed: true`. Use with @Res({ passthrough: true }). */
export function sendIdempotent<T>(res: FastifyReply, r: IdempotentResult<T>): T {
  res.status(r.status);
  if (r.replayed) res.header('Idempotent-Replayed', 'true');
  return r.body;
}
