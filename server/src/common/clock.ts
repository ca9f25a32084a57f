import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';

const CHINA_OFFSET_MS = 8 * 3600 * 1000; // China has one time zone and no DST

/** 'YYYY-MM-DD' in China (UTC+8) for an instant. */
export function chinaDate(at: Date = new Date()): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The one clock of the server. `today()` is the date every rule about "today" uses (coverage in force,
 * ended within 12 months, deadlines): the real date in China unless HUIMIN_TODAY fixes one (demos;
 * refused in production); tests move it with setToday(). `now()` is the instant sign-in rules use
 * (lock-outs, attempt windows, session expiry); it stays real even with HUIMIN_TODAY, and tests spy on it.
 */
@Injectable()
export class Clock {
  private fixed: string | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.fixed = config.today;
  }

  now(): Date {
    return new Date();
  }

  today(): string {
    return this.fixed ?? chinaDate();
  }

  /** Tests only: pin today to a date, or back to the real date with null. */
  setToday(date: string | null): void {
    this.fixed = date;
  }
}
