import { SessionCheck, type SessionRow } from '../../src/auth/session-check';

/**
 * Test harness only: sessions minted by `bearer()` (tokens signed directly, without a sign-in) are accepted
 * as well as the real ones; everything else goes to the app's DB-backed check, so revoked, expired and
 * unknown sessions are still refused.
 */
export class TestSessionCheck extends SessionCheck {
  private readonly minted = new Set<string>();

  constructor(private readonly real: SessionCheck) {
    super();
  }

  register(sessionId: string): void {
    this.minted.add(sessionId);
  }

  override async isActive(sessionId: string): Promise<boolean> {
    return this.minted.has(sessionId) || this.real.isActive(sessionId);
  }

  override isActiveRow(sessionId: string, row: SessionRow | undefined): boolean {
    return this.minted.has(sessionId) || this.real.isActiveRow(sessionId, row);
  }
}
