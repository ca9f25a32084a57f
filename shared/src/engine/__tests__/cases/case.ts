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
}
