import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HolidayCalendar, isEngineError, type HolidayYear } from '@huimin/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AuditService } from '../audit/audit.service';
import { ValidationFailedException } from '../common/validation/validation';
import { WorkCalendar } from '../common/work-calendar';
import type { HolidayYearViewDto, PutHolidayYearDto } from './calendar.dto';
import { HolidayYearRow } from './holiday-year.entity';

const SEEDED = new Set(HolidayCalendar.seeded().years());

/** The working-day calendar as data: the engine's seeded years plus the years admins enter. */
@Injectable()
export class CalendarService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Calendar');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly calendar: WorkCalendar,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const row of await this.ds.getRepository(HolidayYearRow).find({ order: { year: 'ASC' } })) {
      try {
        this.calendar.addYear(toYear(row));
      } catch (e) {
        this.logger.error(`holiday year ${row.year} in the database is not valid and was not loaded: ${(e as Error).message}`);
      }
    }
  }

  list(): HolidayYearViewDto[] {
    const cal = this.calendar.get();
    return cal.years().map((year) => {
      const y = cal.yearData(year)!;
      return { year, origin: SEEDED.has(year) && y.source === HolidayCalendar.seeded().yearData(year)?.source ? 'seeded' : 'entered', source: y.source, holidays: y.holidays, workdays: y.workdays };
    });
  }

  /** Enter or correct a year. Checked by the engine (dates exist, no day both off and on, …) before it is stored. */
  async put(user: AuthUser, year: number, dto: PutHolidayYearDto): Promise<HolidayYearViewDto> {
    if (!Number.isInteger(year) || year < 2004 || year > 2100) throw new ValidationFailedException([{ field: 'year', message: '年份应在 2004 到 2100 之间' }]);
    const y: HolidayYear = { year, holidays: dto.holidays, workdays: dto.workdays, source: dto.source.trim() };
    try {
      this.calendar.get().withYear(y); // validate only
    } catch (e) {
      if (isEngineError(e)) throw new ValidationFailedException([{ field: e.field ?? 'holidays', message: e.message }]);
      throw e;
    }
    await this.ds.transaction(async (m) => {
      await m.getRepository(HolidayYearRow).save({ year, data: JSON.stringify({ holidays: y.holidays, workdays: y.workdays }), source: y.source, enteredByUserId: user.userId });
      await this.audit.recordAct(user, { action: 'calendar.put_year', entity: 'holiday_year', entityId: year, detail: { source: y.source } }, m);
    });
    this.calendar.addYear(y);
    return this.list().find((v) => v.year === year)!;
  }
}

function toYear(row: HolidayYearRow): HolidayYear {
  const d = JSON.parse(row.data) as { holidays: Record<string, string[]>; workdays: string[] };
  return { year: row.year, holidays: d.holidays, workdays: d.workdays, source: row.source };
}
