import { checkAccountNumber, luhnValid, normaliseAccountNumber } from './bank-account-number';

describe('bank account numbers', () => {
  it('Luhn (ISO/IEC 7812)', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });

  it('normalises spaces, hyphens and full-width digits', () => {
    expect(normaliseAccountNumber('６２１７ 0012-3456')).toBe('621700123456');
  });

  it('checks UnionPay card numbers (62…, 16–19 digits) with Luhn, other account numbers by digits and length only', () => {
    const body = '621700123456789012';
    const good = [...'0123456789'].map((d) => body + d).find(luhnValid)!;
    const bad = body + ((Number(good.slice(-1)) + 1) % 10);
    expect(checkAccountNumber(good)).toEqual({ ok: true, digits: good });
    expect(checkAccountNumber(bad)).toMatchObject({ ok: false, message: expect.stringContaining('校验位') });
    // A passbook (存折) number of another shape is not Luhn-checked.
    expect(checkAccountNumber('31001234567890123456').ok).toBe(true);
    expect(checkAccountNumber('12345678901').message).toContain('12 到 25 位');
    expect(checkAccountNumber('1'.repeat(26)).message).toContain('12 到 25 位');
    expect(checkAccountNumber('6217 0012 3456 789X').message).toContain('第 16 位不是数字');
    expect(checkAccountNumber('0000000000000000').message).toContain('同一个数字');
    expect(checkAccountNumber('').message).toContain('请填写');
    expect(checkAccountNumber(123 as unknown as string).ok).toBe(false);
  });
});
