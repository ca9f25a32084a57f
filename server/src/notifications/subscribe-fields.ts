import Decimal from 'decimal.js';
import type { ClaimState } from '@huimin/shared';
import type { SubscribeFieldSource } from '../config/config';
import type { SubscribeData } from '../wechat/wechat-api.client';

/**
 * Subscribe-message field values within WeChat's rules (subscribeMessage.send, 参数值内容限制):
 *   thing             ≤ 20 characters (Chinese, letters, digits, symbols)
 *   phrase            ≤ 5 Chinese characters only
 *   character_string  ≤ 32 letters, digits or symbols (no Chinese, no spaces)
 *   number            ≤ 32 digits, may have decimals
 *   amount            one currency sign + ≤ 10 digits, may have decimals, may end in 元
 *   date              2019年10月1日 (may add 15:01)     time  15:01 (may prefix a date)
 * A value that breaks them makes WeChat answer 47003 and send nothing, so every value is cut or reshaped
 * here, counting characters (code points), not UTF-16 units.
 */

/** What a claim status message can say. */
export interface ClaimMessageFacts {
  claimNo: string;
  benefitName: string;
  schemeName: string;
  state: ClaimState;
  plainLabel: string;
  /** Decimal string, or null when there is no amount yet. */
  amount: string | null;
  at: Date;
  /** A short line: the reason, what to do next. */
  note: string;
}

/** 5 Chinese characters or fewer per state, for phrase fields. */
export const STATE_PHRASES: Record<ClaimState, string> = {
  reported: '已报案',
  accepted: '已受理',
  waiting_documents: '待补材料',
  under_review: '审核中',
  approved: '同意赔付',
  rejected: '不予赔付',
  paid: '已赔付',
  withdrawn: '已撤回',
};

export class FieldError extends Error {
  override readonly name = 'FieldError';
}

const chars = (s: string) => Array.from(s);
const CJK = /[\u3400-\u9fff\u{20000}-\u{2ffff}]/u;

/** At most `max` characters; a cut value ends in … so nobody reads a truncated reason as the whole one. */
export function cut(value: string, max: number): string {
  const c = chars(value.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim());
  if (c.length <= max) return c.join('');
  return c.slice(0, max - 1).join('') + '…';
}

/** China time (UTC+8, no DST) as 2026年5月20日 15:01. */
export function chinaDateTime(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3600_000);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`;
}

function raw(source: SubscribeFieldSource, f: ClaimMessageFacts): string {
  switch (source) {
    case 'claimNo':
      return f.claimNo;
    case 'benefit':
      return f.benefitName;
    case 'scheme':
      return f.schemeName;
    case 'state':
      return STATE_PHRASES[f.state] ?? f.plainLabel;
    case 'status':
      return f.plainLabel;
    case 'note':
      return f.note;
    case 'amount':
      return f.amount ?? '0';
    case 'time':
      return chinaDateTime(f.at);
  }
}

/** One field's value for the key's type (thing1 → thing). Throws FieldError when it cannot be made valid. */
export function fieldValue(key: string, source: SubscribeFieldSource, f: ClaimMessageFacts): string {
  const type = key.replace(/\d+$/, '');
  const v = raw(source, f);
  switch (type) {
    case 'thing':
      return cut(v, 20) || '无';
    case 'phrase': {
      const cjk = chars(source === 'state' ? STATE_PHRASES[f.state] : v).filter((c) => CJK.test(c));
      const p = cjk.slice(0, 5).join('');
      if (!p) throw new FieldError(`${key}: no Chinese characters in ${source}`);
      return p;
    }
    case 'character_string': {
      const s = v.replace(/[^\x21-\x7e]/g, '').slice(0, 32);
      if (!s) throw new FieldError(`${key}: nothing printable in ${source}`);
      return s;
    }
    case 'number': {
      const s = source === 'amount' ? new Decimal(f.amount ?? '0').toFixed(2) : v.replace(/\D/g, '');
      if (!/^\d{1,32}(\.\d+)?$/.test(s) || s.replace('.', '').length > 32) throw new FieldError(`${key}: not a number`);
      return s;
    }
    case 'amount': {
      if (source !== 'amount') throw new FieldError(`${key}: only the amount fits an amount field`);
      const a = new Decimal(f.amount ?? '0').toDecimalPlaces(2);
      if (a.isNegative() || a.truncated().toFixed(0).length > 10) throw new FieldError(`${key}: amount out of range`);
      return `${a.toFixed(2)}元`;
    }
    case 'date':
    case 'time':
      if (source !== 'time') throw new FieldError(`${key}: only the time fits a ${type} field`);
      return chinaDateTime(f.at);
    default:
      throw new FieldError(`${key}: field type ${type} is not filled by Huimin`);
  }
}

export function buildSubscribeData(fields: Record<string, SubscribeFieldSource>, f: ClaimMessageFacts): SubscribeData {
  const data: SubscribeData = {};
  for (const [key, source] of Object.entries(fields)) data[key] = { value: fieldValue(key, source, f) };
  return data;
}
