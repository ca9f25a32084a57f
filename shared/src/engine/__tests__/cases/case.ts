/**
 * Estimate test cases as data. Every expected payout is computed by hand from the source documents
 * (/work/shared/seeds/) and the fixed readings (POLICY_READINGS.md); the arithmetic is in each case's
 * name or comment. They are never produced by running the engine.
 */
import type { EstimateRequest } from '../../estimate';

export interface EstimateCase {
  name: string;
  request: EstimateRequest;
  expect: {
    covered: boolean;
    /** Exact payout string, e.g. "1234.50". */
    payout?: string;
    /** When not covered: the code of a failing reason. */
    reasonCode?: string;
  };
  /**
   * Set only where a known engine defect (reported, not fixed here) makes one secondary check fail:
   * 'breakdown-half-fen' — the exact value ends in exactly half a fen, and the breakdown lines,
   * each rounded to the fen on their own, then add up to 0.01 more than the payout.
   * The payout itself is still asserted.
   */
  knownBug?: 'breakdown-half-fen';
}
