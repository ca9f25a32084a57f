/**
 * Bank account numbers for the subsidy transfer (the document: 以银行转账方式发放到被保险人银行账户).
 *
 * What we accept, and why:
 * - digits only, after removing spaces and hyphens (full-width digits are turned into ASCII);
 * - 12 to 25 digits: UnionPay debit cards are 16–19 digits; passbook (存折) and settlement account
 *   numbers of Chinese banks run from 12 up to 25 digits depending on the bank;
 * - the Luhn check (ISO/IEC 7812) only where it applies with certainty: card numbers of 16–19 digits in
 *   the UnionPay range (starting 62). Passbook and settlement numbers use bank-specific check digits, or
 *   none, so Luhn would refuse valid accounts;
 * - not one digit repeated (0000…, 1111…), which is always a typing slip.
 */
export interface AccountCheck {
  ok: boolean;
  digits: string;
  message?: string;
}

export function normaliseAccountNumber(input: string): string {
  return input
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000-]/g, '');
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export function checkAccountNumber(input: unknown): AccountCheck {
  if (typeof input !== 'string' || !input.trim()) return { ok: false, digits: '', message: '请填写银行卡号或存折账号' };
  const digits = normaliseAccountNumber(input);
  const bad = Array.from(digits).findIndex((c) => c < '0' || c > '9');
  if (bad >= 0) return { ok: false, digits, message: `账号第 ${bad + 1} 位不是数字，账号只能是数字` };
  if (digits.length < 12 || digits.length > 25) return { ok: false, digits, message: `账号应为 12 到 25 位数字，现在是 ${digits.length} 位，请对照银行卡或存折核对` };
  if (/^(\d)\1+$/.test(digits)) return { ok: false, digits, message: '账号不能全是同一个数字，请核对' };
  if (digits.startsWith('62') && digits.length >= 16 && digits.length <= 19 && !luhnValid(digits)) {
    return { ok: false, digits, message: '银行卡号校验位不对，可能有一位输错了，请对照银行卡逐位核对' };
  }
  return { ok: true, digits };
}
