import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AccessTokenPayload, AuthUser } from './auth-user';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/**
 * Verified tokens remembered (a client sends the same one for up to 15 minutes). When full, the oldest entry
 * goes (a Map keeps insertion order): clearing it all at once, as before, made every caller pay a full
 * verify again as soon as one more than this many tokens were in use (seen on the coverage bench with 20,000
 * signed-in beneficiaries). About 0.5 KB an entry.
 */
export const MAX_VERIFIED = 50_000;

interface Verified {
  user: AuthUser;
  /** exp of the token, in ms since the epoch */
  expMs: number;
}

@Injectable()
export class TokenService {
  /**
   * Token text → what it says, once its signature and expiry have been checked. Only a byte-identical token
   * hits (a forged or altered one is a different key and is verified in full); a hit is still refused after
   * its exp. Sessions are not cached here: the guard asks SessionCheck on every request.
   */
  private readonly verified = new Map<string, Verified>();
  /** How many verified tokens are remembered (a subclass in the unit test makes it small). */
  protected readonly maxVerified: number = MAX_VERIFIED;

  constructor(private readonly jwt: JwtService) {}

  issueAccessToken(u: AuthUser): string {
    const payload: AccessTokenPayload = { sub: u.userId, role: u.role, pid: u.personId, dst: u.districtIds, sid: u.sessionId };
    return this.jwt.sign(payload, { expiresIn: ACCESS_TOKEN_TTL_SECONDS, algorithm: 'HS256' });
  }

  /** The caller from a token, or null when it is missing, malformed, expired or forged. A fresh object each call. */
  verify(token: string): AuthUser | null {
    const hit = this.verified.get(token);
    if (hit) {
      if (Date.now() < hit.expMs) return { ...hit.user, districtIds: [...hit.user.districtIds] };
      this.verified.delete(token);
      return null;
    }
    try {
      const p = this.jwt.verify<AccessTokenPayload & { exp?: number }>(token, { algorithms: ['HS256'] });
      const user: AuthUser = { userId: p.sub, role: p.role, personId: p.pid, districtIds: p.dst ?? [], sessionId: p.sid };
      if (typeof p.exp === 'number') {
        if (this.verified.size >= this.maxVerified) this.verified.delete(this.verified.keys().next().value!);
        this.verified.set(token, { user: { ...user, districtIds: [...user.districtIds] }, expMs: p.exp * 1000 });
      }
      return user;
    } catch {
      return null;
    }
  }
}
