export { HolidayCalendar } from './calendar';
export type { HolidayYear, DayKind } from './calendar';
export { SEEDED_HOLIDAY_YEARS, HOLIDAY_DATA_SOURCE } from './holidays.data';
