import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import type { AuthUser } from '../../src/auth/auth-user';
import { TokenService } from '../../src/auth/token.service';

/** An Authorization header for a caller, signed by the app's own TokenService (as a real login would). */
export function bearer(app: INestApplication, user: Partial<AuthUser> & Pick<AuthUser, 'userId' | 'role'>): string {
  const token = app.get(TokenService).issueAccessToken({ personId: null, districtIds: [], sessionId: randomUUID(), ...user });
  return `Bearer ${token}`;
}
