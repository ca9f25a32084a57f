/**
 * The states of a 沪惠保 subsidy, as the resident and staff see them.
 *
 *   refused                                   不予补贴 (the engine's reasons say why)
 *   awaiting_account → ready → in_batch → paid            待确认银行卡 → 待发放 → 发放中 → 已发放
 *                                        ↘ failed → (a later batch) in_batch …      发放失败（原因）
 *
 * Matching may rewrite a decision only while nothing has been sent to the bank: refused,
 * awaiting_account and ready. From in_batch on, the decision is frozen.
 */
export const SUBSIDY_STATUSES = ['refused', 'awaiting_account', 'ready', 'in_batch', 'paid', 'failed'] as const;
export type SubsidyStatus = (typeof SUBSIDY_STATUSES)[number];

export const STATUS_TEXT: Record<SubsidyStatus, string> = {
  refused: '不予补贴',
  awaiting_account: '待确认银行卡',
  ready: '待发放',
  in_batch: '发放中',
  paid: '已发放',
  failed: '发放失败',
};

/** What the resident should do or expect next, in plain words. */
export const NEXT_STEP: Record<SubsidyStatus, string> = {
  refused: '这张保单不能享受补贴，原因见下方；如有疑问请联系所在街镇（莘庄工业区）',
  awaiting_account: '请填写本人的银行卡（账户名须为本人），确认后即可发放',
  ready: '银行卡已确认，等待街镇（莘庄工业区）安排发放',
  in_batch: '已交银行转账，请留意到账',
  paid: '补贴已转入您的银行账户',
  failed: '转账没有成功，请核对或更换银行卡，下一批会重新发放',
};

/** Statuses matching may still rewrite. */
export const REMATCHABLE: readonly SubsidyStatus[] = ['refused', 'awaiting_account', 'ready'];
/** Statuses a new batch may take (a failed one goes into a later batch). */
export const BATCHABLE: readonly SubsidyStatus[] = ['ready', 'failed'];
