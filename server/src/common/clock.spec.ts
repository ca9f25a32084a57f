import { chinaDate, Clock } from './clock';
import type { AppConfig } from '../config/config';

describe('Clock', () => {
  it('gives the date in China (UTC+8)', () => {
    expect(chinaDate(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(chinaDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });

  it('uses HUIMIN_TODAY when set, and can be moved by tests', () => {
    const c = new Clock({ today: '2026-03-15' } as AppConfig);
    expect(c.today()).toBe('2026-03-15');
    c.setToday('2027-01-01');
    expect(c.today()).toBe('2027-01-01');
    c.setToday(null);
    expect(c.today()).toBe(chinaDate());
  });
});
