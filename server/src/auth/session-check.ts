import { Injectable } from '@nestjs/common';

/**
 * Whether a login session is still active. This default accepts every session; AuthCoreModule binds the
 * DB-backed DbSessionCheck (auth_session: revoked at logout, on refresh-token reuse) in its place.
 */
@Injectable()
export class SessionCheck {
  async isActive(_sessionId: string): Promise<boolean> {
    return true;
  }
}
