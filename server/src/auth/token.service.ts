import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AccessTokenPayload, AuthUser } from './auth-user';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  issueAccessToken(u: AuthUser): string {
    const payload: AccessTokenPayload = { sub: u.userId, role: u.role, pid: u.personId, dst: u.districtIds, sid: u.sessionId };
    return this.jwt.sign(payload, { expiresIn: ACCESS_TOKEN_TTL_SECONDS, algorithm: 'HS256' });
  }

  /** The caller from a token, or null when it is missing, malformed, expired or forged. */
  verify(token: string): AuthUser | null {
    try {
      const p = this.jwt.verify<AccessTokenPayload>(token, { algorithms: ['HS256'] });
      return { userId: p.sub, role: p.role, personId: p.pid, districtIds: p.dst ?? [], sessionId: p.sid };
    } catch {
      return null;
    }
  }
}
