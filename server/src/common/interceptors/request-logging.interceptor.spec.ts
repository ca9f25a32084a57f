import { maskRequestUrl } from './request-logging.interceptor';

describe('maskRequestUrl', () => {
  it('masks ID numbers and long digit runs, also when percent-encoded', () => {
    expect(maskRequestUrl('/api/persons/by-id/50010119900101123X?phone=13812345678')).toBe(
      '/api/persons/by-id/500***********123X?phone=138****5678',
    );
    expect(maskRequestUrl('/api/x?q=%35%30%30101199001011234')).toBe('/api/x?q=500***********1234');
    expect(maskRequestUrl('/api/x?bad=%E0%A4%A')).toBe('/api/x?bad=%E0%A4%A');
    expect(maskRequestUrl('/api/claims/12345')).toBe('/api/claims/12345');
  });
});
