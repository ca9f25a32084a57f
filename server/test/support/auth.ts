import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import type { AuthUser } from '../../src/auth/auth-user';
import { SessionCheck } from '../../src/auth/session-check';
import { TokenService } from '../../src/auth/token.service';
import { TestSessionCheck } from './test-sessions';

/**
 * An Authorization header for a caller, signed by the app's own TokenService (as a real login would). Its
 * session is registered with the test harness's session check (startTestApp), so it is accepted without a
 * sign-in; tests of sign-in, refresh and logout use the real routes instead.
 */
export function bearer(app: INestApplication, user: Partial<AuthUser> & Pick<AuthUser, 'userId' | 'role'>): string {
  const sessionId = user.sessionId ?? randomUUID();
  const check = app.get(SessionCheck);
  if (check instanceof TestSessionCheck) check.register(sessionId);
  const token = app.get(TokenService).issueAccessToken({ personId: null, districtIds: [], ...user, sessionId });
  return `Bearer ${token}`;
}
