import { BadRequestException, CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../users/app-user.entity';
import { AccessService, notFound } from './access.service';
import type { AuthUser } from './auth-user';
import { IS_PUBLIC, ROLES_KEY, SESSION_IN_READ } from './decorators';
import { ProxyCheck } from './proxy-check';
import { SessionCheck } from './session-check';
import { TokenService } from './token.service';

/** 401 for a missing, invalid or expired token or a session that is not active. */
export function unauthenticated(): UnauthorizedException {
  return new UnauthorizedException({ code: 'UNAUTHENTICATED', message: '请先登录' });
}

/**
 * Global guard: every route needs a valid access token unless marked @Public(); @Roles() narrows it.
 * A revoked session (logout) is refused even while its token has not expired.
 * `X-Act-For: <personId>` makes the caller act for that person, if they hold an active proxy grant from
 * them (and, for caseworkers, the person is in their districts); otherwise the answer is 404, as for a
 * person who does not exist.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionCheck,
    private readonly proxies: ProxyCheck,
    private readonly access: AccessService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const header = req.headers['authorization'] ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    const user = token ? this.tokens.verify(token) : null;
    if (!user) throw unauthenticated();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const actFor = req.headers['x-act-for'];
    // @SessionCheckedInRead: the handler checks the session in its own read (nothing below can fail for this caller).
    const sessionInRead =
      user.role === 'beneficiary' && actFor === undefined && roles === undefined && this.reflector.get<boolean>(SESSION_IN_READ, ctx.getHandler()) === true;
    if (!sessionInRead && !(await this.sessions.isActive(user.sessionId))) throw unauthenticated();
    req.user = user;
    if (roles && !roles.includes(user.role)) {
      throw new ForbiddenException({ code: 'FORBIDDEN', message: '没有权限进行此操作' });
    }
    if (actFor !== undefined) await this.actFor(user, actFor);
    return true;
  }

  private async actFor(user: AuthUser, header: string): Promise<void> {
    if (!/^[1-9]\d{0,9}$/.test(header.trim())) {
      throw new BadRequestException({ code: 'BAD_ACT_FOR', message: '代办对象编号格式不正确' });
    }
    const personId = Number(header.trim());
    if (personId === user.personId) return; // acting for oneself is just oneself
    const grantId = await this.proxies.activeGrantId(user.userId, personId);
    if (grantId === null) throw notFound('person');
    if (AccessService.isDistrictScoped(user) && !(await this.access.canSeePerson(user, personId))) throw notFound('person');
    user.actingForPersonId = personId;
    user.proxyGrantId = grantId;
  }
}
