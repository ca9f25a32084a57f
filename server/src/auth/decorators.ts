import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../users/app-user.entity';
import type { AuthUser } from './auth-user';

export const IS_PUBLIC = 'huimin:public';
export const ROLES_KEY = 'huimin:roles';
export const SESSION_IN_READ = 'huimin:session-in-read';

/** The route needs no login (health, scheme catalogue, login itself). Everything else does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route (checked after login). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/**
 * For a beneficiary's own request (no @Roles on the route, no X-Act-For), the global guard leaves the session
 * check to the handler, which reads the session row in the same statement as its data and refuses with
 * `unauthenticated()` unless `SessionCheck.isActiveRow` says yes — before it builds any answer, and before any
 * other error. That saves the request a database round trip (about a third of the app's CPU per request on
 * the 2-core machine, see coverage.bench.ts). Only for handlers that always do so: today GET /me/coverage
 * (CoverageService.mine). Everyone else (staff, proxies, tokens without a session) is checked by the guard.
 */
export const SessionCheckedInRead = () => SetMetadata(SESSION_IN_READ, true);

/** The signed-in caller. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
