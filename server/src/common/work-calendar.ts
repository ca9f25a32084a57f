import { Injectable } from '@nestjs/common';
import { HolidayCalendar, type HolidayYear } from '@huimin/shared';

/**
 * The working-day calendar the server counts deadlines with: the engine's seeded years (2004–2026 from
 * chinese-days), plus years an admin enters when the State Council publishes them. A deadline that falls in
 * a year without data is not guessed: the engine throws CALENDAR_GAP and the claim says so.
 */
@Injectable()
export class WorkCalendar {
  private cal = HolidayCalendar.seeded();

  get(): HolidayCalendar {
    return this.cal;
  }

  addYear(y: HolidayYear): void {
    this.cal = this.cal.withYear(y);
  }
}
