import { amount, date, parseInvoiceQr } from './invoice-qr';

describe('parseInvoiceQr', () => {
  it('reads the comma layout of tax invoices (with and without a code)', () => {
    expect(parseInvoiceQr('01,10,5000191130,12345678,356.8,20250512,12345678901234567890,A1B2')).toEqual({
      code: '5000191130', number: '12345678', amount: '356.80', date: '2025-05-12', checkCode: '12345678901234567890',
    });
    expect(parseInvoiceQr('01,32,,25502000000012345678,1200.00,20250601,,3F2A')).toEqual({
      code: null, number: '25502000000012345678', amount: '1200.00', date: '2025-06-01', checkCode: null,
    });
  });

  it('reads a verification URL with the usual parameter names', () => {
    expect(parseInvoiceQr('https://pj.example.gov.cn/verify?billCode=50060125&billNo=0012345678&random=8a9b7c&total=356.80&date=20250512')).toEqual({
      code: '50060125', number: '0012345678', amount: '356.80', date: '2025-05-12', checkCode: '8a9b7c',
    });
    expect(parseInvoiceQr('http://x.example/?fpdm=1234&fphm=87654321&je=99&kprq=2025-01-31')).toMatchObject({ code: '1234', number: '87654321', amount: '99.00', date: '2025-01-31' });
  });

  it('reads labelled Chinese text', () => {
    expect(parseInvoiceQr('票据代码：50060125，票据号码：0012345678，校验码：ab12cd，开票日期：2025年5月12日，金额：¥356.80')).toEqual({
      code: '50060125', number: '0012345678', amount: '356.80', date: '2025-05-12', checkCode: 'ab12cd',
    });
  });

  it('gives null for anything else, and drops fields that do not look right', () => {
    for (const t of ['', 'hello', 'https://weixin.qq.com/r/abc', 'WIFI:S:home;T:WPA;P:secret;;', '01,10,,,,,', 'https://x.example/?billNo=123456', null, undefined, 'x'.repeat(3000)]) {
      expect(parseInvoiceQr(t)).toBeNull();
    }
    expect(parseInvoiceQr('01,10,5000191130,12345678,-5,20251340,,X')).toEqual({ code: '5000191130', number: '12345678', amount: null, date: null, checkCode: null });
  });

  it('checks amounts and dates strictly', () => {
    expect(amount('12345678901.23')).toBe('12345678901.23');
    expect(amount('1234567890123')).toBeNull();
    expect(amount('1.234')).toBeNull();
    expect(amount('1e3')).toBeNull();
    expect(date('20250229')).toBeNull();
    expect(date('20240229')).toBe('2024-02-29');
    expect(date('2025/5/1')).toBe('2025-05-01');
    expect(date('1999-01-01')).toBeNull();
  });
});
