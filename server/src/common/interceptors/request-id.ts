import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export type RequestWithId = Request & { requestId?: string };

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Express middleware: take a sane X-Request-Id from the caller or make one, and echo it back. */
export function requestIdMiddleware(req: RequestWithId, res: Response, next: NextFunction): void {
  const given = req.header('x-request-id');
  req.requestId = given && SAFE_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', req.requestId);
  next();
}
