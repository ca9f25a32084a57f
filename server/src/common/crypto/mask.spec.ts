import { maskBankAccount, maskIdNumber, maskPhone, maskSensitiveText } from './mask';

describe('mask helpers', () => {
  it('masks an 18-digit ID number as 500***********1234', () => {
    expect(maskIdNumber('500101199001011234')).toBe('500***********1234');
    expect(maskIdNumber('50010119900101123X')).toBe('500***********123X');
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber('12345')).toBe('*****');
  });

  it('masks a mobile phone as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138-1234-5678')).toBe('138****5678');
    expect(maskPhone('02312345678')).toBe('*******5678');
    expect(maskPhone('6612345')).toBe('***2345');
  });

  it('keeps only the last 4 of a bank account', () => {
    expect(maskBankAccount('6222 0212 3456 7890 123')).toBe('****0123');
    expect(maskBankAccount('12')).toBe('****');
  });

  it('masks IDs and long digit runs inside free text', () => {
    const text = '/api/persons?id=500101199001011234&phone=13812345678&card=6222021234567890123&n=12345';
    const masked = maskSensitiveText(text);
    expect(masked).toBe('/api/persons?id=500***********1234&phone=138****5678&card=***************0123&n=12345');
    expect(masked).not.toMatch(/\d{11,}/);
    expect(maskSensitiveText("Duplicate entry '50010119900101123X' for key")).toBe(
      "Duplicate entry '500***********123X' for key",
    );
  });
});
