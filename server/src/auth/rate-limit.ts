import { applyDecorators, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions, ThrottlerOptions } from '@nestjs/throttler';
import type { AppConfig, RateBucket } from '../config/config';
import type { AuthUser } from './auth-user';

export const RATE_BUCKET = 'huimin:rate-bucket';
export const TOO_MANY_MESSAGE = '操作太频繁，请稍后再试';

type Req = { ip?: string; user?: AuthUser; socket?: { remoteAddress?: string } };

function bucketOf(reflectorless: ExecutionContext): RateBucket {
  return Reflect.getMetadata(RATE_BUCKET, reflectorless.getHandler()) as RateBucket;
}

function ipOf(req: Req): string {
  return req.ip ?? req.socket?.remoteAddress ?? 'unknown';
}

/**
 * Two limits on each sign-in route, sized per route from config.rateLimits: one per client address, one per
 * signed-in user (for routes behind login; public routes count only the address). In-process memory: with
 * several server processes each one counts its own share.
 */
export function throttlerOptions(config: AppConfig): ThrottlerModuleOptions {
  const limits = (ctx: ExecutionContext) => config.rateLimits[bucketOf(ctx)];
  const throttlers: ThrottlerOptions[] = [
    {
      name: 'ip',
      ttl: (ctx) => limits(ctx).ttlSeconds * 1000,
      limit: (ctx) => limits(ctx).perIp,
      getTracker: (req) => `ip:${ipOf(req as Req)}`,
    },
    {
      name: 'user',
      ttl: (ctx) => limits(ctx).ttlSeconds * 1000,
      limit: (ctx) => limits(ctx).perUser,
      getTracker: (req) => `user:${(req as Req).user!.userId}`,
      skipIf: (ctx) => !ctx.switchToHttp().getRequest<Req>().user,
    },
  ];
  return { throttlers, errorMessage: TOO_MANY_MESSAGE };
}

/** Answers 429 with a Chinese message and a standard Retry-After header (seconds). */
@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const res = context.switchToHttp().getResponse<{ header(name: string, value: string): unknown }>();
    res.header('Retry-After', String(Math.max(1, detail.timeToBlockExpire)));
    throw new ThrottlerException(TOO_MANY_MESSAGE);
  }
}

/**
 * Rate-limit a sign-in route. Route guards run after the global JWT guard, so the per-user limit sees the
 * caller on routes that need a login.
 */
export const RateLimit = (bucket: RateBucket) => applyDecorators(SetMetadata(RATE_BUCKET, bucket), UseGuards(AuthThrottlerGuard));
