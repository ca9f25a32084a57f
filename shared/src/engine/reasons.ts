import type { ClauseRef } from '../core/clause';

/** Why something is or is not covered: each check the engine made, passed or failed, with its clause. */
export interface Reason {
  ok: boolean;
  code: string;
  message: string;
  /** The request field the reason is about, when there is one. */
  field?: string;
  clause?: ClauseRef;
}
