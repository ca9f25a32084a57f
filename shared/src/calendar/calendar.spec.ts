import fc from 'fast-check';
import { getDayDetail, isWorkday } from 'chinese-days';
import { addDays, fromDayNumber, dayNumber } from '../core/dates';
import { EngineError } from '../core/errors';
import { HolidayCalendar, HolidayYear, SEEDED_HOLIDAY_YEARS } from './index';

const cal = HolidayCalendar.seeded();

/** A small hand-made 2027 arrangement, for tests only (not the real one). */
const HAND_MADE_2027: HolidayYear = {
  year: 2027,
  holidays: {
    '元旦': ['01-01', '01-02', '01-03'],
    '春节': ['02-06', '02-07', '02-08', '02-09', '02-10', '02-11', '02-12'],
  },
  workdays: ['02-20'],
  source: '测试用手工数据',
};

function caught(fn: () => unknown): { code: string; field?: string; message: string; details?: unknown } {
  try {
    fn();
  } catch (e) {
    if (e instanceof EngineError) return { code: e.code, field: e.field, message: e.message, details: e.details };
    throw e;
  }
  throw new Error('expected an EngineError');
}

const GAP_2027 = {
  code: 'CALENDAR_GAP',
  field: 'date',
  message: '2027 年的法定节假日安排尚未录入，无法计算工作日；请管理员先录入该年安排',
  details: { year: 2027 },
};

describe('seeded data', () => {
  test('covers 2004–2026 and nothing later', () => {
    expect(cal.years().join(',')).toBe(Array.from({ length: 23 }, (_, k) => 2004 + k).join(','));
    expect(cal.hasYear(2026)).toBe(true);
    expect(cal.hasYear(2027)).toBe(false);
    expect(cal.yearData(2026)!.source).toBe('chinese-days 1.5.7（国务院办公厅节假日安排）');
  });

  test('matches chinese-days isWorkday and holiday names for every date of 2004–2026', () => {
    const mismatches: string[] = [];
    let days = 0;
    for (let n = dayNumber('2004-01-01'), end = dayNumber('2026-12-31'); n <= end; n++) {
      const d = fromDayNumber(n);
      days++;
      if (cal.isWorkingDay(d) !== isWorkday(d)) mismatches.push(`${d} isWorkday`);
      const detail = getDayDetail(d);
      const theirs = !detail.work && detail.name.includes(',') ? detail.name.split(',')[1] : undefined;
      if (cal.holidayName(d) !== theirs) mismatches.push(`${d} name ${cal.holidayName(d)} vs ${theirs}`);
    }
    expect(days).toBe(8401);
    expect(mismatches).toEqual([]);
  });

  test('the generated module is plain data', () => {
    const y2026 = SEEDED_HOLIDAY_YEARS.find((y) => y.year === 2026)!;
    expect(y2026.workdays.join(',')).toBe('01-04,02-14,02-28,05-09,09-20,10-10');
    expect(y2026.holidays['国庆节'].join(',')).toBe('10-01,10-02,10-03,10-04,10-05,10-06,10-07');
  });
});

describe('isWorkingDay / dayKind / holidayName', () => {
  const cases: { name: string; date: string; expected: string }[] = [
    { name: 'make-up workday on a Sunday before National Day', date: '2026-09-20', expected: 'true makeup_workday -' },
    { name: 'make-up workday on a Saturday after National Day', date: '2026-10-10', expected: 'true makeup_workday -' },
    { name: 'Mid-Autumn 2026 (Friday)', date: '2026-09-25', expected: 'false holiday 中秋' },
    { name: 'National Day 10-01', date: '2026-10-01', expected: 'false holiday 国庆节' },
    { name: 'National Day 10-03 (Saturday)', date: '2026-10-03', expected: 'false holiday 国庆节' },
    { name: 'National Day 10-05 (Monday)', date: '2026-10-05', expected: 'false holiday 国庆节' },
    { name: 'National Day 10-07 (Wednesday)', date: '2026-10-07', expected: 'false holiday 国庆节' },
    { name: 'first working day after National Day', date: '2026-10-08', expected: 'true workday -' },
    { name: 'Sunday after the make-up Saturday', date: '2026-10-11', expected: 'false weekend -' },
    { name: 'Spring Festival make-up Saturday before', date: '2026-02-14', expected: 'true makeup_workday -' },
    { name: 'Spring Festival first day (Sunday)', date: '2026-02-15', expected: 'false holiday 春节' },
    { name: 'Spring Festival weekday', date: '2026-02-18', expected: 'false holiday 春节' },
    { name: 'Spring Festival last day (Monday)', date: '2026-02-23', expected: 'false holiday 春节' },
    { name: 'after Spring Festival', date: '2026-02-24', expected: 'true workday -' },
    { name: 'Spring Festival make-up Saturday after', date: '2026-02-28', expected: 'true makeup_workday -' },
    { name: 'New Year 2026', date: '2026-01-01', expected: 'false holiday 元旦' },
    { name: 'New Year make-up Sunday', date: '2026-01-04', expected: 'true makeup_workday -' },
    { name: 'ordinary Saturday', date: '2026-03-07', expected: 'false weekend -' },
    { name: 'last day of the data', date: '2026-12-31', expected: 'true workday -' },
    { name: 'leap day', date: '2024-02-29', expected: 'true workday -' },
    { name: '2015 one-off holiday', date: '2015-09-03', expected: 'false holiday 中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日' },
  ];
  test.each(cases)('$name: $date', ({ date, expected }) => {
    expect(`${cal.isWorkingDay(date)} ${cal.dayKind(date)} ${cal.holidayName(date) ?? '-'}`).toBe(expected);
  });
});

describe('addWorkingDays / nextWorkingDay / workingDaysBetween', () => {
  const add: { name: string; date: string; n: number; expected: string }[] = [
    { name: 'over National Day', date: '2026-09-30', n: 1, expected: '2026-10-08' },
    { name: 'onto the make-up Saturday', date: '2026-09-30', n: 3, expected: '2026-10-10' },
    { name: 'past the make-up Saturday', date: '2026-09-30', n: 4, expected: '2026-10-12' },
    { name: 'Friday onto make-up Sunday', date: '2026-09-18', n: 1, expected: '2026-09-20' },
    { name: 'Friday before Mid-Autumn, over it', date: '2026-09-24', n: 1, expected: '2026-09-28' },
    { name: 'onto Spring Festival make-up Saturday', date: '2026-02-13', n: 1, expected: '2026-02-14' },
    { name: 'over Spring Festival', date: '2026-02-14', n: 1, expected: '2026-02-24' },
    { name: 'from inside a holiday', date: '2026-10-03', n: 1, expected: '2026-10-08' },
    { name: 'across New Year 2025→2026', date: '2025-12-31', n: 1, expected: '2026-01-04' },
    { name: 'across New Year 2025→2026, 2 days', date: '2025-12-31', n: 2, expected: '2026-01-05' },
    { name: 'last working day of the data', date: '2026-12-30', n: 1, expected: '2026-12-31' },
    { name: 'whole year 2025 (248 working days)', date: '2024-12-31', n: 248, expected: '2025-12-31' },
  ];
  test.each(add)('addWorkingDays $name: $date + $n', ({ date, n, expected }) => {
    expect(cal.addWorkingDays(date, n)).toBe(expected);
  });

  const next: { name: string; date: string; expected: string }[] = [
    { name: 'Friday → Monday', date: '2026-03-06', expected: '2026-03-09' },
    { name: 'Saturday → Monday', date: '2026-03-07', expected: '2026-03-09' },
    { name: 'Thursday before Qingming → Tuesday', date: '2026-04-02', expected: '2026-04-03' },
    { name: 'Friday before Qingming → Tuesday', date: '2026-04-03', expected: '2026-04-07' },
    { name: 'Labour Day', date: '2026-04-30', expected: '2026-05-06' },
  ];
  test.each(next)('nextWorkingDay $name', ({ date, expected }) => {
    expect(cal.nextWorkingDay(date)).toBe(expected);
  });

  const between: { name: string; from: string; to: string; expected: number }[] = [
    { name: 'National Day span', from: '2026-09-30', to: '2026-10-10', expected: 3 },
    { name: 'reversed', from: '2026-10-10', to: '2026-09-30', expected: -3 },
    { name: 'same day', from: '2026-10-08', to: '2026-10-08', expected: 0 },
    { name: 'year 2025', from: '2024-12-31', to: '2025-12-31', expected: 248 },
    { name: 'year 2026', from: '2025-12-31', to: '2026-12-31', expected: 248 },
    { name: 'several years', from: '2023-12-31', to: '2026-12-31', expected: 251 + 248 + 248 },
  ];
  test.each(between)('workingDaysBetween $name', ({ from, to, expected }) => {
    expect(cal.workingDaysBetween(from, to)).toBe(expected);
  });

  test('agrees with a naive day-by-day count (property)', () => {
    const first = dayNumber('2004-01-01');
    const last = dayNumber('2026-11-30');
    const naive = (d: string, n: number): string => {
      let cur = d;
      while (n > 0) {
        cur = addDays(cur, 1);
        if (cal.isWorkingDay(cur)) n--;
      }
      return cur;
    };
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), fc.integer({ min: 1, max: 15 }), (dn, n) => {
        const d = fromDayNumber(dn);
        const due = cal.addWorkingDays(d, n);
        return due === naive(d, n) && cal.workingDaysBetween(d, due) === n && cal.isWorkingDay(due);
      }),
      { numRuns: 2000 },
    );
  });

  test('is fast: 100k addWorkingDays calls', () => {
    const t0 = Date.now();
    let d = '2004-01-01';
    for (let k = 0; k < 100_000; k++) {
      const due = cal.addWorkingDays(d, 1 + (k % 10));
      d = k % 3 === 0 ? '2004-01-01' : due > '2026-11-30' ? '2004-01-01' : due;
    }
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});

describe('years not entered: CALENDAR_GAP, never a guess', () => {
  const cases: { name: string; run: (c: HolidayCalendar) => unknown; year: number }[] = [
    { name: 'isWorkingDay in 2027', run: (c) => c.isWorkingDay('2027-01-04'), year: 2027 },
    { name: 'holidayName in 2027', run: (c) => c.holidayName('2027-01-01'), year: 2027 },
    { name: 'addWorkingDays crossing into 2027', run: (c) => c.addWorkingDays('2026-12-30', 2), year: 2027 },
    { name: 'nextWorkingDay on 2026-12-31', run: (c) => c.nextWorkingDay('2026-12-31'), year: 2027 },
    { name: 'workingDaysBetween into 2027', run: (c) => c.workingDaysBetween('2026-12-01', '2027-01-10'), year: 2027 },
    { name: 'before the data', run: (c) => c.isWorkingDay('2003-12-31'), year: 2003 },
  ];
  test.each(cases)('$name', ({ run, year }) => {
    expect(caught(() => run(cal))).toEqual({
      code: 'CALENDAR_GAP',
      field: 'date',
      message: `${year} 年的法定节假日安排尚未录入，无法计算工作日；请管理员先录入该年安排`,
      details: { year },
    });
  });

  test('exact error for 2027', () => {
    expect(caught(() => cal.addWorkingDays('2026-12-31', 1))).toEqual(GAP_2027);
  });

  test('a year missing in the middle is a gap too', () => {
    const c = cal.withYear({ ...HAND_MADE_2027, year: 2028, holidays: { '元旦': ['01-01'] }, workdays: [] });
    expect(c.hasYear(2027)).toBe(false);
    expect(caught(() => c.workingDaysBetween('2026-12-01', '2028-01-10'))).toEqual(GAP_2027);
  });
});

describe('withYear', () => {
  test('adding 2027 makes New Year 2026→2027 computable, without changing the seeded calendar', () => {
    const c = cal.withYear(HAND_MADE_2027);
    expect(c.years().slice(-2).join(',')).toBe('2026,2027');
    expect(c.addWorkingDays('2026-12-30', 2)).toBe('2027-01-04');
    expect(c.nextWorkingDay('2027-02-05')).toBe('2027-02-15');
    expect(c.isWorkingDay('2027-02-20')).toBe(true);
    expect(c.holidayName('2027-02-08')).toBe('春节');
    expect(c.workingDaysBetween('2026-12-30', '2027-01-04')).toBe(2);
    expect(cal.hasYear(2027)).toBe(false);
    expect(caught(() => cal.addWorkingDays('2026-12-30', 2))).toEqual(GAP_2027);
  });

  test('is immune to later changes of the input and hands out frozen data', () => {
    const input: HolidayYear = JSON.parse(JSON.stringify(HAND_MADE_2027));
    const c = cal.withYear(input);
    input.holidays['元旦'].push('01-04');
    input.workdays.length = 0;
    expect(c.isWorkingDay('2027-01-04')).toBe(true);
    expect(c.isWorkingDay('2027-02-20')).toBe(true);
    const data = c.yearData(2027)!;
    expect(Object.isFrozen(data) && Object.isFrozen(data.holidays) && Object.isFrozen(data.holidays['元旦'])).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  test('replaces an existing year', () => {
    const c = cal.withYear({ year: 2026, holidays: { '元旦': ['01-01'] }, workdays: [], source: '更正' });
    expect(c.isWorkingDay('2026-10-01')).toBe(true);
    expect(cal.isWorkingDay('2026-10-01')).toBe(false);
  });

  const bad: { name: string; patch: Partial<Record<keyof HolidayYear, unknown>>; field: string; message?: string }[] = [
    { name: 'year not a number', patch: { year: '2027' }, field: 'year' },
    { name: 'year too short', patch: { year: 27 }, field: 'year' },
    { name: 'source missing', patch: { source: '' }, field: 'source' },
    { name: 'holidays not an object', patch: { holidays: ['01-01'] }, field: 'holidays' },
    { name: 'no holidays at all', patch: { holidays: {} }, field: 'holidays' },
    { name: 'holiday with no days', patch: { holidays: { '元旦': [] } }, field: 'holidays.元旦' },
    {
      name: 'not a real date (29 Feb in a common year)',
      patch: { holidays: { '春节': ['02-28', '02-29'] } },
      field: 'holidays.春节[1]',
      message: 'holidays.春节[1] 不是 2027 年真实存在的日期：02-29',
    },
    { name: 'month 13', patch: { holidays: { '元旦': ['13-01'] } }, field: 'holidays.元旦[0]' },
    { name: 'wrong format', patch: { holidays: { '元旦': ['1-1'] } }, field: 'holidays.元旦[0]' },
    { name: 'full ISO date instead of month-day', patch: { holidays: { '元旦': ['2027-01-01'] } }, field: 'holidays.元旦[0]' },
    {
      name: 'same day under two holidays',
      patch: { holidays: { '元旦': ['01-01'], '春节': ['01-01'] } },
      field: 'holidays.春节[0]',
      message: '2027-01-01 重复录入（已列为元旦）',
    },
    {
      name: 'both holiday and workday',
      patch: { holidays: { '元旦': ['01-01', '01-02'] }, workdays: ['01-02'] },
      field: 'workdays[0]',
      message: '2027-01-02 不能既是元旦假日又是调休上班日',
    },
    {
      name: 'make-up workday on a weekday',
      patch: { workdays: ['02-20', '01-04'] },
      field: 'workdays[1]',
      message: '2027-01-04 不是周末，无需列为调休上班日',
    },
    { name: 'workday not a real date', patch: { workdays: ['02-30'] }, field: 'workdays[0]' },
    { name: 'workdays not a list', patch: { workdays: '02-20' }, field: 'workdays' },
  ];
  test.each(bad)('rejects $name', ({ patch, field, message }) => {
    const e = caught(() => cal.withYear({ ...HAND_MADE_2027, ...patch } as HolidayYear));
    expect(e.code).toBe('INVALID_FIELD');
    expect(e.field).toBe(field);
    if (message) expect(e.message).toBe(message);
  });

  test('rejects bad dates and n in questions', () => {
    expect(caught(() => cal.isWorkingDay('2026-02-30'))).toMatchObject({ code: 'INVALID_DATE', field: 'date' });
    expect(caught(() => cal.addWorkingDays('2026-10-01', 0))).toMatchObject({ code: 'INVALID_FIELD', field: 'n' });
    expect(caught(() => cal.addWorkingDays('2026-10-01', 1.5))).toMatchObject({ code: 'INVALID_FIELD', field: 'n' });
    expect(caught(() => cal.workingDaysBetween('2026-10-01', '10-08'))).toMatchObject({ code: 'INVALID_DATE', field: 'to' });
  });
});
