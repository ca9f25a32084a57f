import { ClauseRef, formatClause } from '../core/clause';
import { IsoDate, addDays, assertIsoDate, weekday, yearOf } from '../core/dates';
import { EngineError } from '../core/errors';
import { D, Dec, fmtYuan, parseMoney } from '../core/money';
import { HolidayCalendar } from '../calendar/calendar';

/**
 * How long the insurer has to pay once a claim's documents are complete, in Chinese working days
 * counted from the day after the documents-complete day.
 */
export type DeadlineRule =
  | {
      kind: 'amountBands';
      /**
       * Checked in order; the first band whose bound contains the payout applies. `max` is a decimal
       * string in yuan; `maxInclusive: true` means payout <= max, otherwise payout < max. Only the last
       * band may omit `max` (no upper bound).
       */
      bands: { max?: string; maxInclusive?: boolean; workingDays: number; label: string }[];
      clause: ClauseRef;
    }
  | {
      /** Paid by the next working day after the documents-complete day (e.g. special-hardship medical claims). */
      kind: 'nextWorkingDay';
      /** The claim is accepted on the documents-complete day itself. Recorded in the explanation; does not move the date. */
      sameDayFiling: boolean;
      clause: ClauseRef;
    }
  | { kind: 'workingDays'; workingDays: number; clause: ClauseRef };

export interface DeadlineRequest {
  rule: DeadlineRule;
  documentsCompleteOn: IsoDate;
  /** Decimal string in yuan; needed for `amountBands`. */
  payout?: string;
}

export interface DeadlineResult {
  /** Last day to pay, inclusive. */
  dueDate: IsoDate;
  workingDays: number;
  /** The day after documents were complete: counting starts here. */
  countFrom: IsoDate;
  /** Label of the amount band applied (amountBands only). */
  band?: string;
  /** Non-working days between countFrom and dueDate, with the reason: a holiday's name or '周末'. */
  skipped: { date: IsoDate; reason: string }[];
  /** Plain Chinese lines a caseworker can check by hand. */
  explanation: string[];
  clause: ClauseRef;
}

export type DueStatus = 'on_time' | 'due_soon' | 'overdue';

const WEEKDAY_CN = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

function invalid(field: string, message: string, value?: unknown): EngineError {
  return new EngineError('INVALID_FIELD', message, field, value === undefined ? undefined : { value });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkWorkingDays(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 366) {
    throw invalid(field, `${field} 应为 1 到 366 之间的整数（工作日数）`, v);
  }
  return v;
}

function checkClause(v: unknown, field: string): ClauseRef {
  if (!isObject(v) || typeof v.doc !== 'string' || v.doc === '' || typeof v.clause !== 'string' || v.clause === '') {
    throw invalid(field, `${field} 应注明出处：{ doc, clause }`, v);
  }
  return v as unknown as ClauseRef;
}

interface Band {
  max?: Dec;
  inclusive: boolean;
  workingDays: number;
  label: string;
}

function checkBands(v: unknown): Band[] {
  if (!Array.isArray(v) || v.length === 0) throw invalid('rule.bands', 'rule.bands 应至少有一个金额档次', v);
  const bands: Band[] = v.map((b: unknown, k) => {
    const f = `rule.bands[${k}]`;
    if (!isObject(b)) throw invalid(f, `${f} 应为 { max, maxInclusive, workingDays, label }`, b);
    if (typeof b.label !== 'string' || b.label.trim() === '') throw invalid(`${f}.label`, `${f}.label 应为档次名称`, b.label);
    let max: Dec | undefined;
    if (b.max !== undefined) {
      if (typeof b.max !== 'string' || !AMOUNT.test(b.max)) {
        throw invalid(`${f}.max`, `${f}.max 应为金额字符串（元），如 "10000"`, b.max);
      }
      max = new D(b.max);
    }
    if (b.maxInclusive !== undefined && typeof b.maxInclusive !== 'boolean') {
      throw invalid(`${f}.maxInclusive`, `${f}.maxInclusive 应为 true 或 false`, b.maxInclusive);
    }
    if (b.maxInclusive !== undefined && max === undefined) {
      throw invalid(`${f}.maxInclusive`, `${f} 没有上限 max，不应设置 maxInclusive`, b.maxInclusive);
    }
    return { max, inclusive: b.maxInclusive === true, workingDays: checkWorkingDays(b.workingDays, `${f}.workingDays`), label: b.label };
  });
  bands.forEach((b, k) => {
    if (b.max === undefined && k !== bands.length - 1) {
      throw invalid(`rule.bands[${k}].max`, `只有最后一个档次可以不设上限；rule.bands[${k}] 之后的档次永远用不到`);
    }
    if (k > 0 && b.max !== undefined) {
      const prev = bands[k - 1];
      const c = b.max.comparedTo(prev.max!);
      if (c < 0 || (c === 0 && (prev.inclusive || !b.inclusive))) {
        throw invalid(`rule.bands[${k}].max`, `金额档次应从小到大排列：rule.bands[${k}] 的上限不大于前一档`, b.max.toFixed());
      }
    }
  });
  return bands;
}

function isoWithWeekday(d: IsoDate): string {
  return `${d}（${WEEKDAY_CN[weekday(d)]}）`;
}

/**
 * The payout deadline: the n-th Chinese working day after the documents-complete day.
 * Throws EngineError for bad input (naming the field) and CALENDAR_GAP when the count reaches a year
 * whose holiday arrangement has not been entered.
 */
export function computeDeadline(req: DeadlineRequest, calendar: HolidayCalendar): DeadlineResult {
  if (!isObject(req)) throw new EngineError('MISSING_FIELD', '缺少赔付期限的计算请求', 'request');
  if (req.documentsCompleteOn === undefined || req.documentsCompleteOn === null) {
    throw new EngineError('MISSING_FIELD', '缺少资料齐全日 documentsCompleteOn', 'documentsCompleteOn');
  }
  const docsDate = assertIsoDate(req.documentsCompleteOn, 'documentsCompleteOn');
  const rule: unknown = req.rule;
  if (!isObject(rule)) throw new EngineError('MISSING_FIELD', '缺少赔付期限规则 rule', 'rule');
  const clause = checkClause(rule.clause, 'rule.clause');

  let n: number;
  let band: string | undefined;
  const ruleLines: string[] = [];
  switch (rule.kind) {
    case 'amountBands': {
      const bands = checkBands(rule.bands);
      if (req.payout === undefined || req.payout === null || req.payout === '') {
        throw new EngineError('MISSING_FIELD', '按赔付金额确定期限，需要提供赔付金额 payout', 'payout');
      }
      const payout = parseMoney(req.payout, 'payout');
      const hit = bands.find((b) => b.max === undefined || (b.inclusive ? payout.lte(b.max) : payout.lt(b.max)));
      if (!hit) {
        throw invalid('payout', `赔付金额 ${fmtYuan(payout)} 元超出该期限规则的金额档次，无法确定赔付期限`, req.payout);
      }
      n = hit.workingDays;
      band = hit.label;
      ruleLines.push(`赔付金额 ${fmtYuan(payout)} 元，属“${hit.label}”档，期限 ${n} 个工作日`);
      break;
    }
    case 'nextWorkingDay': {
      if (typeof rule.sameDayFiling !== 'boolean') {
        throw invalid('rule.sameDayFiling', 'rule.sameDayFiling 应为 true 或 false', rule.sameDayFiling);
      }
      n = 1;
      ruleLines.push(rule.sameDayFiling ? '资料齐全当日受理，次一个工作日赔付' : '资料齐全后次一个工作日赔付');
      break;
    }
    case 'workingDays': {
      n = checkWorkingDays(rule.workingDays, 'rule.workingDays');
      ruleLines.push(`期限 ${n} 个工作日`);
      break;
    }
    default:
      throw invalid('rule.kind', 'rule.kind 应为 amountBands、nextWorkingDay 或 workingDays', rule.kind);
  }

  const dueDate = calendar.addWorkingDays(docsDate, n);
  const countFrom = addDays(docsDate, 1);

  const skipped: { date: IsoDate; reason: string }[] = [];
  const counted: IsoDate[] = [];
  const makeUp: IsoDate[] = [];
  for (let d = countFrom; d <= dueDate; d = addDays(d, 1)) {
    const kind = calendar.dayKind(d);
    if (kind === 'holiday') skipped.push({ date: d, reason: calendar.holidayName(d)! });
    else if (kind === 'weekend') skipped.push({ date: d, reason: '周末' });
    else {
      counted.push(d);
      if (kind === 'makeup_workday') makeUp.push(d);
    }
  }

  const baseYear = yearOf(docsDate);
  const short = (d: IsoDate): string => (yearOf(d) === baseYear ? d.slice(5) : d);
  const explanation: string[] = [`资料齐全日 ${isoWithWeekday(docsDate)}`, ...ruleLines];
  explanation.push(`自次日 ${countFrom} 起算 ${n} 个工作日`);
  for (let k = 0; k < skipped.length; ) {
    let e = k;
    while (
      e + 1 < skipped.length &&
      skipped[e + 1].reason === skipped[k].reason &&
      skipped[e + 1].date === addDays(skipped[e].date, 1)
    ) {
      e++;
    }
    const span = e === k ? short(skipped[k].date) : `${short(skipped[k].date)} 至 ${short(skipped[e].date)}`;
    explanation.push(`跳过 ${span} ${skipped[k].reason}`);
    k = e + 1;
  }
  for (const d of makeUp) explanation.push(`${short(d)}（${WEEKDAY_CN[weekday(d)]}）为调休上班日，计为工作日`);
  explanation.push(`计入的工作日：${counted.map(short).join('、')}`);
  explanation.push(`应于 ${isoWithWeekday(dueDate)}前赔付（含当日）`);
  explanation.push(`依据：${formatClause(clause)}`);

  const result: DeadlineResult = { dueDate, workingDays: n, countFrom, skipped, explanation, clause };
  if (band !== undefined) result.band = band;
  return result;
}

/**
 * For flags: 'overdue' once `today` is after `due`; 'due_soon' when at most `soonWorkingDays` working
 * days remain (working days d with today < d <= due; 0 on the due date itself); otherwise 'on_time'.
 * Overdue needs no calendar; the other answers throw CALENDAR_GAP if a year involved is not entered.
 */
export function dueStatus(due: IsoDate, today: IsoDate, calendar: HolidayCalendar, soonWorkingDays = 1): DueStatus {
  assertIsoDate(due, 'due');
  assertIsoDate(today, 'today');
  if (typeof soonWorkingDays !== 'number' || !Number.isInteger(soonWorkingDays) || soonWorkingDays < 0) {
    throw invalid('soonWorkingDays', 'soonWorkingDays 应为不小于 0 的整数', soonWorkingDays);
  }
  if (today > due) return 'overdue';
  return calendar.workingDaysBetween(today, due) <= soonWorkingDays ? 'due_soon' : 'on_time';
}
