/**
 * Masking helpers for personal data shown to staff, written to logs or echoed in messages.
 * They never throw: anything unexpected is masked harder, not less.
 */

/** Resident ID number: '500***********1234' (first 3, last 4, 18 characters in all). */
export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return '';
  const s = id.trim();
  if (s.length < 8) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}

/** Mobile phone: '138****5678'. Other lengths keep only the last 4. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const s = phone.replace(/[\s-]/g, '');
  if (/^1\d{10}$/.test(s)) return `${s.slice(0, 3)}****${s.slice(-4)}`;
  if (s.length <= 4) return '*'.repeat(s.length);
  return '*'.repeat(s.length - 4) + s.slice(-4);
}

/** Bank account: only the last 4 digits, '****1234'. */
export function maskBankAccount(account: string | null | undefined): string {
  if (!account) return '';
  const s = account.replace(/\s/g, '');
  if (s.length <= 4) return '****';
  return `****${s.slice(-4)}`;
}

// 18-digit resident ID (last character may be X), not part of a longer digit run.
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
// Any other run of 11 or more digits: phones, bank cards, 15-digit old IDs…
const LONG_DIGITS = /\d{11,}/g;

/**
 * Mask personal numbers inside free text (URLs, log lines, error messages):
 * 18-digit ID numbers become '500***********1234', other runs of 11+ digits keep their first 3
 * and last 4 digits only when long enough to stay unidentifiable, else only the last 4.
 */
export function maskSensitiveText(text: string): string {
  return text
    .replace(ID_NUMBER, (m) => maskIdNumber(m))
    .replace(LONG_DIGITS, (m) => (m.length === 11 ? maskPhone(m) : '*'.repeat(m.length - 4) + m.slice(-4)));
}
