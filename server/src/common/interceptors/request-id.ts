import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

export type RequestWithId = FastifyRequest & { requestId?: string };

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Fastify onRequest hook: take a sane X-Request-Id from the caller or make one, and echo it back. The header
 * goes on the Node response (`reply.raw`) so that every answer carries it: Fastify's own replies (errors,
 * 404s) and the ones written to the raw response directly (SSE, streamed downloads).
 */
export function requestIdHook(req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
  (req as RequestWithId).requestId = id;
  reply.raw.setHeader('X-Request-Id', id);
  done();
}
