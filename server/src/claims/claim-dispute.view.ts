import type { DeadlineRule } from '@huimin/shared';
import type { ClaimDispute, DisputeOutcome } from './claim-dispute.entity';

/**
 * How long staff have to answer a dispute. None of the five documents sets a time for objections, so this is
 * our default, labelled as such wherever it is shown.
 */
export const DISPUTE_DEADLINE: DeadlineRule = {
  kind: 'workingDays',
  workingDays: 10,
  clause: { doc: 'huimin-default', clause: '本系统默认：异议在 10 个工作日内答复', reading: '文件未规定异议答复期限' },
};

export const OUTCOME_LABELS: Record<DisputeOutcome, string> = { maintained: '维持原决定', revised: '予以纠正' };
export interface DisputeView {
  id: number;
  claimId: number;
  claimNo: string | null;
  personId: number;
  districtId: number;
  reason: string;
  state: string;
  stateLabel: string;
  dueDate: string | null;
  overdue: boolean;
  deadlineNote: string;
  outcome: DisputeOutcome | null;
  outcomeLabel: string | null;
  answer: string | null;
  raisedAt: string;
  answeredAt: string | null;
}

export function disputeView(d: ClaimDispute, claimNo: string | null, today: string): DisputeView {
  return {
    id: d.id,
    claimId: d.claimId,
    claimNo,
    personId: d.personId,
    districtId: d.districtId,
    reason: d.reason,
    state: d.state,
    stateLabel: d.state === 'open' ? '待答复' : '已答复',
    dueDate: d.dueDate,
    overdue: d.state === 'open' && !!d.dueDate && d.dueDate < today,
    deadlineNote: d.dueDate ? `${DISPUTE_DEADLINE.clause.clause}，应于 ${d.dueDate} 前答复` : `${DISPUTE_DEADLINE.clause.clause}（该年节假日安排尚未录入，暂无法计算日期）`,
    outcome: d.outcome,
    outcomeLabel: d.outcome ? OUTCOME_LABELS[d.outcome] : null,
    answer: d.answer,
    raisedAt: d.createdAt.toISOString(),
    answeredAt: d.answeredAt ? d.answeredAt.toISOString() : null,
  };
}

