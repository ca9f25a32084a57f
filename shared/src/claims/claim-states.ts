/**
 * The claim life cycle, shared by the server and the mini-program.
 * The transitions below are the whole graph: anything not listed is not allowed.
 */
import { EngineError } from '../core/errors';

export type ClaimState =
  | 'reported'
  | 'accepted'
  | 'waiting_documents'
  | 'under_review'
  | 'approved'
  | 'rejected'
  | 'paid'
  | 'withdrawn';

/** `beneficiary` includes a proxy acting for them; `staff` is a caseworker or insurer adjuster. */
export type ClaimActor = 'beneficiary' | 'staff' | 'finance' | 'system';

export interface ClaimStateInfo {
  readonly state: ClaimState;
  /** For staff screens. */
  readonly label: string;
  /** For beneficiaries and elderly users: very plain words. */
  readonly plainLabel: string;
  /** Nothing leaves a terminal state. */
  readonly terminal: boolean;
  /** The outcome (and, when approved, the amount) has been decided. */
  readonly decided: boolean;
}

export interface ClaimTransition {
  readonly id: string;
  readonly from: ClaimState;
  readonly to: ClaimState;
  readonly actors: readonly ClaimActor[];
  /** A non-blank reason must be given. */
  readonly reasonRequired: boolean;
  /** A reason is required when the approved amount differs from the engine's estimate. */
  readonly reasonIfAmountChanged?: boolean;
  /** An amount is recorded with this step. */
  readonly recordsAmount?: boolean;
  /** Verb for buttons and history lines. */
  readonly label: string;
  /** What the reason should say, for the input placeholder and the error message. */
  readonly reasonHint?: string;
}

export const CLAIM_STATES: readonly ClaimStateInfo[] = Object.freeze([
  { state: 'reported', label: '已报案', plainLabel: '已收到报案', terminal: false, decided: false },
  { state: 'accepted', label: '已立案', plainLabel: '已受理，正在办理', terminal: false, decided: false },
  { state: 'waiting_documents', label: '待补材料', plainLabel: '材料不全，请补交', terminal: false, decided: false },
  { state: 'under_review', label: '审核中', plainLabel: '正在审核，请耐心等待', terminal: false, decided: false },
  { state: 'approved', label: '已核定（待赔付）', plainLabel: '同意赔付，等待打款', terminal: false, decided: true },
  { state: 'rejected', label: '不予赔付', plainLabel: '这次不能赔付', terminal: true, decided: true },
  { state: 'paid', label: '已赔付（结案）', plainLabel: '钱已打给您，理赔结束', terminal: true, decided: true },
  { state: 'withdrawn', label: '已撤回', plainLabel: '申请已撤回', terminal: true, decided: false },
]);

const BENEFICIARY = ['beneficiary'] as const;
const STAFF = ['staff'] as const;
const STAFF_OR_SYSTEM = ['staff', 'system'] as const;
const MISSING = '请写明还缺哪些材料';
const WHY_REJECT = '请写明不予赔付的原因';

export const CLAIM_TRANSITIONS: readonly ClaimTransition[] = Object.freeze([
  { id: 'accept', from: 'reported', to: 'accepted', actors: STAFF, reasonRequired: false, label: '立案' },
  { id: 'refuse_report', from: 'reported', to: 'rejected', actors: STAFF, reasonRequired: true, label: '不予立案', reasonHint: '请写明不予立案的原因' },
  { id: 'withdraw_reported', from: 'reported', to: 'withdrawn', actors: BENEFICIARY, reasonRequired: false, label: '撤回' },

  { id: 'request_documents', from: 'accepted', to: 'waiting_documents', actors: STAFF, reasonRequired: true, label: '通知补充材料', reasonHint: MISSING },
  { id: 'start_review', from: 'accepted', to: 'under_review', actors: STAFF_OR_SYSTEM, reasonRequired: false, label: '开始审核' },
  { id: 'withdraw_accepted', from: 'accepted', to: 'withdrawn', actors: BENEFICIARY, reasonRequired: false, label: '撤回' },

  { id: 'documents_complete', from: 'waiting_documents', to: 'under_review', actors: STAFF_OR_SYSTEM, reasonRequired: false, label: '材料齐全，开始审核' },
  { id: 'withdraw_waiting', from: 'waiting_documents', to: 'withdrawn', actors: BENEFICIARY, reasonRequired: false, label: '撤回' },
  { id: 'reject_waiting', from: 'waiting_documents', to: 'rejected', actors: STAFF, reasonRequired: true, label: '不予赔付', reasonHint: WHY_REJECT },

  { id: 'request_more_documents', from: 'under_review', to: 'waiting_documents', actors: STAFF, reasonRequired: true, label: '通知补充材料', reasonHint: MISSING },
  { id: 'approve', from: 'under_review', to: 'approved', actors: STAFF, reasonRequired: false, reasonIfAmountChanged: true, recordsAmount: true, label: '核定赔付', reasonHint: '核定金额与系统估算不同，请写明原因' },
  { id: 'reject', from: 'under_review', to: 'rejected', actors: STAFF, reasonRequired: true, label: '不予赔付', reasonHint: WHY_REJECT },
  { id: 'withdraw_review', from: 'under_review', to: 'withdrawn', actors: BENEFICIARY, reasonRequired: false, label: '撤回' },

  { id: 'pay', from: 'approved', to: 'paid', actors: ['finance', 'staff'], reasonRequired: false, label: '确认赔付' },
]);

const ACTOR_NAMES: Record<ClaimActor, string> = {
  beneficiary: '申请人（或代办人）',
  staff: '经办人员',
  finance: '财务人员',
  system: '系统',
};

export function stateInfo(s: ClaimState): ClaimStateInfo {
  const info = CLAIM_STATES.find((i) => i.state === s);
  if (!info) throw new EngineError('INVALID_TRANSITION', `未知的理赔状态：${String(s)}`, 'state');
  return info;
}

export function isTerminal(s: ClaimState): boolean {
  return stateInfo(s).terminal;
}

function findTransition(from: ClaimState, to: ClaimState): ClaimTransition | undefined {
  return CLAIM_TRANSITIONS.find((t) => t.from === from && t.to === to);
}

export function canTransition(from: ClaimState, to: ClaimState, actor: ClaimActor): boolean {
  const t = findTransition(from, to);
  return !!t && t.actors.includes(actor);
}

/** The steps `actor` may take from `from`, in declaration order. */
export function allowedTransitions(from: ClaimState, actor: ClaimActor): ClaimTransition[] {
  return CLAIM_TRANSITIONS.filter((t) => t.from === from && t.actors.includes(actor));
}

/**
 * Throws `EngineError('INVALID_TRANSITION')` unless `actor` may move the claim from `from` to `to`
 * with the given reason; field is `state` for a forbidden step, `reason` for a missing reason.
 */
export function assertTransition(
  from: ClaimState,
  to: ClaimState,
  actor: ClaimActor,
  opts: { reason?: string; amountChanged?: boolean } = {},
): ClaimTransition {
  const f = stateInfo(from), t = stateInfo(to);
  if (!Object.prototype.hasOwnProperty.call(ACTOR_NAMES, actor)) {
    throw new EngineError('INVALID_TRANSITION', `未知的操作人：${String(actor)}`, 'state', { actor });
  }
  const details = { from, to, actor };
  if (f.terminal) {
    throw new EngineError('INVALID_TRANSITION', `这笔理赔已经是“${f.label}”，已经结束，不能再改动`, 'state', details);
  }
  const tr = findTransition(from, to);
  if (!tr) {
    throw new EngineError('INVALID_TRANSITION', `理赔现在是“${f.label}”，不能直接改为“${t.label}”`, 'state', details);
  }
  if (!tr.actors.includes(actor)) {
    const who = tr.actors.map((a) => ACTOR_NAMES[a]).join('或');
    throw new EngineError('INVALID_TRANSITION', `“${tr.label}”只能由${who}办理`, 'state', details);
  }
  const needsReason = tr.reasonRequired || (tr.reasonIfAmountChanged === true && opts.amountChanged === true);
  if (needsReason && (typeof opts.reason !== 'string' || opts.reason.trim() === '')) {
    throw new EngineError('INVALID_TRANSITION', tr.reasonHint ?? `“${tr.label}”需要写明原因`, 'reason', details);
  }
  return tr;
}

const MAIN_PATH: readonly ClaimState[] = Object.freeze(['reported', 'accepted', 'under_review', 'approved', 'paid'] as const);

/** The main path, for drawing a progress bar. */
export function timelineStages(): readonly ClaimState[] {
  return MAIN_PATH;
}
