/**
 * The insurer's list of issued 沪惠保 policies: its columns and the check of each row. Pure (no database):
 * the service adds what depends on the stored policies (add / change / unchanged).
 */
import { D, validateIdNumber } from '@huimin/shared';
import { cellText, nameProblem, parseDateCell, parseYesNo, type RawCell } from '../rosters/roster-format';
import type { ColumnDef } from './table-reader';

export type PolicyColumn =
  | 'policyNo'
  | 'name'
  | 'idNumber'
  | 'kind'
  | 'group'
  | 'issueDate'
  | 'purchaseDate'
  | 'premium'
  | 'policyYear'
  | 'viaMinhangLink';

export const POLICY_COLUMNS: readonly ColumnDef<PolicyColumn>[] = [
  { key: 'policyNo', headers: ['保单号', '保单号码'], required: true },
  { key: 'name', headers: ['被保险人姓名', '被保险人', '姓名'], required: true },
  { key: 'idNumber', headers: ['身份证号', '被保险人身份证号', '证件号码'], required: true },
  { key: 'kind', headers: ['投保方式', '个单/团单', '保单类型'] },
  { key: 'group', headers: ['是否团单'] },
  { key: 'issueDate', headers: ['出单日期', '签单日期'], required: true },
  { key: 'purchaseDate', headers: ['投保日期', '购买日期'] },
  { key: 'premium', headers: ['保费', '保费（元）', '保费(元)'], required: true },
  { key: 'policyYear', headers: ['保单年度', '年度'], required: true },
  { key: 'viaMinhangLink', headers: ['闵行专用二维码', '是否闵行专用二维码'] },
];

/** A row after its check: every value normalised. Kept encrypted in huhuibao_policy_import_row.data_enc. */
export interface PolicyRecord {
  policyNo: string;
  name: string;
  idNumber: string;
  groupPolicy: boolean;
  viaMinhangLink: boolean;
  issueDate: string;
  purchaseDate: string;
  premium: string;
  policyYear: number;
}

export interface RowMessage {
  field: string;
  message: string;
  level: 'error' | 'warning';
}

const header = (k: PolicyColumn) => POLICY_COLUMNS.find((c) => c.key === k)!.headers[0];
const POLICY_NO = /^[A-Za-z0-9][A-Za-z0-9_\-/]{0,63}$/;
const PREMIUM = /^\d{1,9}(\.\d{1,2})?$/;

/** 个人 / 个单 → false, 团体 / 团单 → true; null when empty; 'invalid' otherwise. */
export function parseKind(v: RawCell): boolean | null | 'invalid' {
  const s = cellText(v);
  if (!s) return null;
  if (/^(个人|个单|个险|个人投保|个人购买)$/.test(s)) return false;
  if (/^(团体|团单|团险|团体投保|团体购买)$/.test(s)) return true;
  return 'invalid';
}

/**
 * Checks one row. `expectedYear` is the year the uploader named (null: any). Returns the record when the
 * row has no error, and every message (errors and warnings) by column header.
 */
export function checkPolicyRow(
  cells: Partial<Record<PolicyColumn, RawCell>>,
  opts: { expectedYear: number | null; today: string; hasKindColumn: boolean },
): { record: PolicyRecord | null; messages: RowMessage[] } {
  const messages: RowMessage[] = [];
  const err = (k: PolicyColumn, message: string) => messages.push({ field: header(k), message, level: 'error' });

  const policyNo = cellText(cells.policyNo).toUpperCase();
  if (!policyNo) err('policyNo', '请填写保单号');
  else if (!POLICY_NO.test(policyNo)) err('policyNo', '保单号只能是字母、数字和 - _ /，最长 64 位');

  const name = cellText(cells.name);
  const np = nameProblem(name);
  if (np) err('name', np);

  const id = validateIdNumber(cellText(cells.idNumber), { today: opts.today });
  if (!id.valid) err('idNumber', id.message);

  let groupPolicy: boolean | null = null;
  const kind = parseKind(cells.kind);
  const group = parseYesNo(cells.group);
  if (kind === 'invalid') err('kind', '投保方式应为“个人”或“团体”（个单 / 团单）');
  else if (group === 'invalid') err('group', '是否团单应为“是”或“否”');
  else groupPolicy = kind ?? group;
  if (groupPolicy === null && kind !== 'invalid' && group !== 'invalid') {
    err(opts.hasKindColumn ? 'kind' : 'group', '请填写投保方式（个人 / 团体），团单不予补贴，必须写明');
  }

  const issueDate = parseDateCell(cells.issueDate);
  if (issueDate === null) err('issueDate', '请填写出单日期');
  else if (issueDate === 'invalid') err('issueDate', '出单日期不是有效日期，如 2024-06-18');
  else if (issueDate > opts.today) err('issueDate', `出单日期 ${issueDate} 晚于今天`);

  const purchaseCell = parseDateCell(cells.purchaseDate);
  let purchaseDate: string | null = null;
  if (purchaseCell === 'invalid') err('purchaseDate', '投保日期不是有效日期，如 2024-06-18');
  else purchaseDate = purchaseCell ?? (issueDate && issueDate !== 'invalid' ? issueDate : null);
  if (purchaseCell && purchaseCell !== 'invalid' && issueDate && issueDate !== 'invalid' && purchaseCell > issueDate) {
    err('purchaseDate', `投保日期 ${purchaseCell} 晚于出单日期 ${issueDate}`);
  }

  const premiumText = cellText(cells.premium).replace(/,/g, '');
  if (!premiumText) err('premium', '请填写保费');
  else if (!PREMIUM.test(premiumText) || Number(premiumText) <= 0) err('premium', '保费应为大于 0 的金额，最多两位小数，如 129 或 129.00');

  const yearText = cellText(cells.policyYear).replace(/年度?$/, '');
  const policyYear = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
  if (!yearText) err('policyYear', '请填写保单年度，如 2024');
  else if (!Number.isInteger(policyYear) || policyYear < 2000 || policyYear > 2100) err('policyYear', '保单年度应为四位年份，如 2024');
  else if (opts.expectedYear !== null && policyYear !== opts.expectedYear) err('policyYear', `本次上传的是 ${opts.expectedYear} 年度清单，这一行是 ${policyYear} 年度`);
  else if (purchaseDate && Number(purchaseDate.slice(0, 4)) !== policyYear) {
    err('policyYear', `保单年度 ${policyYear} 与投保日期 ${purchaseDate} 不在同一年：补贴按购买当年的年度计算，请核对`);
  }

  let viaMinhangLink = true;
  const via = parseYesNo(cells.viaMinhangLink);
  if (via === 'invalid') err('viaMinhangLink', '闵行专用二维码应为“是”或“否”');
  else if (via !== null) viaMinhangLink = via;

  if (messages.some((m) => m.level === 'error')) return { record: null, messages };
  return {
    record: {
      policyNo,
      name,
      idNumber: (id as { valid: true; value: { id: string } }).value.id,
      groupPolicy: groupPolicy!,
      viaMinhangLink,
      issueDate: issueDate as string,
      purchaseDate: purchaseDate!,
      premium: new D(premiumText).toFixed(2),
      policyYear,
    },
    messages,
  };
}
