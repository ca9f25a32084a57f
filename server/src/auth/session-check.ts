import { Injectable } from '@nestjs/common';

/** auth_session + app_user as SESSION_SQL (db-session-check.ts) reads them, for one session id. */
export interface SessionRow {
  revokedAt: unknown;
  expiresAt: unknown;
  active: unknown;
}

/**
 * Whether a login session is still active. This default accepts every session; AuthCoreModule binds the
 * DB-backed DbSessionCheck (auth_session: revoked at logout, on refresh-token reuse) in its place.
 */
@Injectable()
export class SessionCheck {
  async isActive(_sessionId: string): Promise<boolean> {
    return true;
  }

  /**
   * The same decision from a session row that the caller read itself, in the statement that also reads its
   * own data (see SessionCheckedInRead in decorators.ts); `undefined` when the session row does not exist.
   */
  isActiveRow(_sessionId: string, _row: SessionRow | undefined): boolean {
    return true;
  }
}
