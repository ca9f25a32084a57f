import { type ClauseRef, formatClause } from '../core/clause';
import { type Dec, fmtExact } from '../core/money';

/**
 * One line of an estimate's arithmetic, in Chinese, ready to print on a 理赔核定书.
 * Lines with an `amount` are signed contributions: they add up exactly to the payout (amounts are exact,
 * so a part of 0.005 shows as 0.005 and the rounding line as +0.005).
 * Lines without one explain (what was claimed, which band, which reading).
 */
export interface BreakdownLine {
  kind: 'info' | 'add' | 'cap' | 'subtract' | 'round';
  text: string;
  amount?: string;
  clause?: ClauseRef;
  /** The clause as printed: 《document》clause（口径：reading）. */
  source?: string;
}

/** Collects lines; when `explain` is off it records nothing (bulk recomputation needs only the payout). */
export class Breakdown {
  readonly lines: BreakdownLine[] = [];
  constructor(
    readonly explain: boolean,
    private readonly titleOf: (docId: string) => string | undefined,
  ) {}

  info(text: string, clause?: ClauseRef): void {
    if (this.explain) this.push('info', text, undefined, clause);
  }

  /** A signed contribution to the payout. Zero contributions of kind cap/round/subtract are skipped. */
  amount(kind: BreakdownLine['kind'], text: string | (() => string), amount: Dec, clause?: ClauseRef): void {
    if (!this.explain) return;
    if (kind !== 'add' && amount.isZero()) return;
    this.push(kind, typeof text === 'function' ? text() : text, amount, clause);
  }

  private push(kind: BreakdownLine['kind'], text: string, amount: Dec | undefined, clause?: ClauseRef): void {
    const line: BreakdownLine = { kind, text };
    if (amount) line.amount = fmtExact(amount);
    if (clause) {
      line.clause = clause;
      line.source = formatClause(clause, this.titleOf(clause.doc));
    }
    this.lines.push(line);
  }
}
