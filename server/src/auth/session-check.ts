import { Injectable } from '@nestjs/common';

/**
 * Whether a login session is still active. The default accepts every session; the sign-in work
 * replaces it with one that looks sessions up (revoked at logout, on refresh-token reuse).
 */
@Injectable()
export class SessionCheck {
  async isActive(_sessionId: string): Promise<boolean> {
    return true;
  }
}
