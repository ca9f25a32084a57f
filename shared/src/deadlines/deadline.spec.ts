import { HolidayCalendar, HolidayYear } from '../calendar';
import { EngineError } from '../core/errors';
import { DeadlineRequest, DeadlineRule, computeDeadline, dueStatus } from './index';

const cal = HolidayCalendar.seeded();

/** Zhumadian, 驻政办〔2019〕66号 一(二), as we read it: ≤1万 3 日；1万以上不足10万 7 日；10万及以上 10 日. */
const ZHUMADIAN: DeadlineRule = {
  kind: 'amountBands',
  bands: [
    { max: '10000', maxInclusive: true, workingDays: 3, label: '1 万元及以下' },
    { max: '100000', maxInclusive: false, workingDays: 7, label: '1 万元以上、10 万元以下' },
    { workingDays: 10, label: '10 万元及以上' },
  ],
  clause: { doc: 'zmd-2019-66', clause: '驻政办〔2019〕66号 一(二)', reading: '10 万元整按 10 个工作日' },
};
const HARDSHIP: DeadlineRule = { kind: 'nextWorkingDay', sameDayFiling: true, clause: { doc: 'zmd-2019-66', clause: '特殊困难群体医疗费用' } };
const THREE_DAYS: DeadlineRule = { kind: 'workingDays', workingDays: 3, clause: { doc: 'test', clause: '第 3 条' } };

const HAND_MADE_2027: HolidayYear = {
  year: 2027,
  holidays: { '元旦': ['01-01', '01-02', '01-03'], '春节': ['02-06', '02-07', '02-08', '02-09', '02-10', '02-11', '02-12'] },
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

describe('Zhumadian amount bands, both sides of each edge', () => {
  const cases: { name: string; payout: string; docs: string; expected: string }[] = [
    { name: 'zero', payout: '0', docs: '2026-03-02', expected: '2026-03-05 3 1 万元及以下' },
    { name: 'exactly 10,000', payout: '10000.00', docs: '2026-03-02', expected: '2026-03-05 3 1 万元及以下' },
    { name: 'one fen above 10,000', payout: '10000.01', docs: '2026-03-02', expected: '2026-03-11 7 1 万元以上、10 万元以下' },
    { name: 'one fen below 100,000', payout: '99999.99', docs: '2026-03-02', expected: '2026-03-11 7 1 万元以上、10 万元以下' },
    { name: 'exactly 100,000', payout: '100000.00', docs: '2026-03-02', expected: '2026-03-16 10 10 万元及以上' },
    { name: 'above 100,000', payout: '100000.01', docs: '2026-03-02', expected: '2026-03-16 10 10 万元及以上' },
    { name: 'exactly 10,000 over National Day', payout: '10000.00', docs: '2026-09-30', expected: '2026-10-10 3 1 万元及以下' },
    { name: '10,000.01 over National Day', payout: '10000.01', docs: '2026-09-30', expected: '2026-10-15 7 1 万元以上、10 万元以下' },
    { name: '99,999.99 over National Day', payout: '99999.99', docs: '2026-09-30', expected: '2026-10-15 7 1 万元以上、10 万元以下' },
    { name: '100,000.00 over National Day', payout: '100000.00', docs: '2026-09-30', expected: '2026-10-20 10 10 万元及以上' },
  ];
  test.each(cases)('$name: $payout from $docs', ({ payout, docs, expected }) => {
    const r = computeDeadline({ rule: ZHUMADIAN, documentsCompleteOn: docs, payout }, cal);
    expect(`${r.dueDate} ${r.workingDays} ${r.band}`).toBe(expected);
  });
});

describe('dates over holidays and make-up days', () => {
  const cases: { name: string; req: DeadlineRequest; expected: string }[] = [
    { name: 'National Day 2026, make-up Saturday counted', req: { rule: THREE_DAYS, documentsCompleteOn: '2026-09-30' }, expected: '2026-10-10' },
    { name: 'make-up Sunday 09-20 counted', req: { rule: THREE_DAYS, documentsCompleteOn: '2026-09-17' }, expected: '2026-09-21' },
    { name: 'Spring Festival 2026, 10 days', req: { rule: { ...THREE_DAYS, workingDays: 10 }, documentsCompleteOn: '2026-02-12' }, expected: '2026-03-04' },
    { name: 'Spring Festival 2026, 3 days', req: { rule: THREE_DAYS, documentsCompleteOn: '2026-02-13' }, expected: '2026-02-25' },
    { name: 'next working day over a weekend', req: { rule: HARDSHIP, documentsCompleteOn: '2026-03-06' }, expected: '2026-03-09' },
    { name: 'next working day from a Sunday', req: { rule: HARDSHIP, documentsCompleteOn: '2026-03-08' }, expected: '2026-03-09' },
    { name: 'next working day over Qingming', req: { rule: HARDSHIP, documentsCompleteOn: '2026-04-03' }, expected: '2026-04-07' },
    { name: 'next working day over National Day', req: { rule: HARDSHIP, documentsCompleteOn: '2026-09-30' }, expected: '2026-10-08' },
    { name: 'next working day onto the make-up Saturday', req: { rule: HARDSHIP, documentsCompleteOn: '2026-10-09' }, expected: '2026-10-10' },
    { name: 'next working day over Spring Festival', req: { rule: HARDSHIP, documentsCompleteOn: '2026-02-14' }, expected: '2026-02-24' },
  ];
  test.each(cases)('$name', ({ req, expected }) => {
    expect(computeDeadline(req, cal).dueDate).toBe(expected);
  });

  test('National Day 2026: full result with explanation', () => {
    const r = computeDeadline({ rule: ZHUMADIAN, documentsCompleteOn: '2026-09-30', payout: '8000' }, cal);
    expect(r.countFrom).toBe('2026-10-01');
    expect(r.skipped.map((s) => `${s.date} ${s.reason}`).join('; ')).toBe(
      ['01', '02', '03', '04', '05', '06', '07'].map((d) => `2026-10-${d} 国庆节`).join('; '),
    );
    expect(r.clause).toBe(ZHUMADIAN.clause);
    expect(r.explanation).toEqual([
      '资料齐全日 2026-09-30（星期三）',
      '赔付金额 8,000.00 元，属“1 万元及以下”档，期限 3 个工作日',
      '自次日 2026-10-01 起算 3 个工作日',
      '跳过 10-01 至 10-07 国庆节',
      '10-10（星期六）为调休上班日，计为工作日',
      '计入的工作日：10-08、10-09、10-10',
      '应于 2026-10-10（星期六）前赔付（含当日）',
      '依据：驻政办〔2019〕66号 一(二)（口径：10 万元整按 10 个工作日）',
    ]);
  });

  test('Spring Festival 2026: weekends and holidays grouped', () => {
    const r = computeDeadline({ rule: { ...THREE_DAYS, workingDays: 10 }, documentsCompleteOn: '2026-02-12' }, cal);
    expect(r.explanation.slice(1, 7)).toEqual([
      '期限 10 个工作日',
      '自次日 2026-02-13 起算 10 个工作日',
      '跳过 02-15 至 02-23 春节',
      '跳过 03-01 周末',
      '02-14（星期六）为调休上班日，计为工作日',
      '02-28（星期六）为调休上班日，计为工作日',
    ]);
  });

  test('next working day rule explanation', () => {
    const r = computeDeadline({ rule: HARDSHIP, documentsCompleteOn: '2026-03-06' }, cal);
    expect(r.workingDays).toBe(1);
    expect(r.band).toBeUndefined();
    expect(r.explanation.slice(1, 4)).toEqual(['资料齐全当日受理，次一个工作日赔付', '自次日 2026-03-07 起算 1 个工作日', '跳过 03-07 至 03-08 周末']);
  });
});

describe('New Year 2026→2027', () => {
  const req: DeadlineRequest = { rule: ZHUMADIAN, documentsCompleteOn: '2026-12-29', payout: '5000' };

  test('throws CALENDAR_GAP while 2027 is not entered', () => {
    expect(caught(() => computeDeadline(req, cal))).toEqual({
      code: 'CALENDAR_GAP',
      field: 'date',
      message: '2027 年的法定节假日安排尚未录入，无法计算工作日；请管理员先录入该年安排',
      details: { year: 2027 },
    });
  });

  test('works once an admin has entered 2027', () => {
    const r = computeDeadline(req, cal.withYear(HAND_MADE_2027));
    expect(r.dueDate).toBe('2027-01-04');
    expect(r.skipped.map((s) => `${s.date} ${s.reason}`).join('; ')).toBe('2027-01-01 元旦; 2027-01-02 元旦; 2027-01-03 元旦');
    expect(r.explanation).toContain('跳过 2027-01-01 至 2027-01-03 元旦');
    expect(r.explanation).toContain('计入的工作日：12-30、12-31、2027-01-04');
  });

  test('a deadline ending on 2026-12-31 needs no 2027 data', () => {
    expect(computeDeadline({ ...req, documentsCompleteOn: '2026-12-28' }, cal).dueDate).toBe('2026-12-31');
  });
});

describe('bad input: an error naming the field, never a date', () => {
  const cases: { name: string; req: unknown; expected: string }[] = [
    { name: 'payout missing', req: { rule: ZHUMADIAN, documentsCompleteOn: '2026-03-02' }, expected: 'MISSING_FIELD payout' },
    { name: 'payout empty', req: { rule: ZHUMADIAN, documentsCompleteOn: '2026-03-02', payout: '' }, expected: 'MISSING_FIELD payout' },
    { name: 'payout malformed', req: { rule: ZHUMADIAN, documentsCompleteOn: '2026-03-02', payout: '1万' }, expected: 'INVALID_AMOUNT payout' },
    { name: 'payout three decimals', req: { rule: ZHUMADIAN, documentsCompleteOn: '2026-03-02', payout: '10000.001' }, expected: 'INVALID_AMOUNT payout' },
    { name: 'payout negative', req: { rule: ZHUMADIAN, documentsCompleteOn: '2026-03-02', payout: '-1.00' }, expected: 'NEGATIVE_AMOUNT payout' },
    { name: 'date missing', req: { rule: THREE_DAYS }, expected: 'MISSING_FIELD documentsCompleteOn' },
    { name: 'date not real', req: { rule: THREE_DAYS, documentsCompleteOn: '2026-02-29' }, expected: 'INVALID_DATE documentsCompleteOn' },
    { name: 'date wrong format', req: { rule: THREE_DAYS, documentsCompleteOn: '2026/03/02' }, expected: 'INVALID_DATE documentsCompleteOn' },
    { name: 'rule missing', req: { documentsCompleteOn: '2026-03-02' }, expected: 'MISSING_FIELD rule' },
    { name: 'unknown kind', req: { rule: { ...THREE_DAYS, kind: 'calendarDays' }, documentsCompleteOn: '2026-03-02' }, expected: 'INVALID_FIELD rule.kind' },
    { name: 'clause missing', req: { rule: { kind: 'workingDays', workingDays: 3 }, documentsCompleteOn: '2026-03-02' }, expected: 'INVALID_FIELD rule.clause' },
    { name: 'zero working days', req: { rule: { ...THREE_DAYS, workingDays: 0 }, documentsCompleteOn: '2026-03-02' }, expected: 'INVALID_FIELD rule.workingDays' },
    { name: 'fractional working days', req: { rule: { ...THREE_DAYS, workingDays: 2.5 }, documentsCompleteOn: '2026-03-02' }, expected: 'INVALID_FIELD rule.workingDays' },
    { name: 'sameDayFiling missing', req: { rule: { kind: 'nextWorkingDay', clause: HARDSHIP.clause }, documentsCompleteOn: '2026-03-02' }, expected: 'INVALID_FIELD rule.sameDayFiling' },
    {
      name: 'no bands',
      req: { rule: { ...ZHUMADIAN, bands: [] }, documentsCompleteOn: '2026-03-02', payout: '1' },
      expected: 'INVALID_FIELD rule.bands',
    },
    {
      name: 'bands out of order',
      req: { rule: { ...ZHUMADIAN, bands: [{ max: '100000', workingDays: 7, label: 'a' }, { max: '10000', workingDays: 3, label: 'b' }] }, documentsCompleteOn: '2026-03-02', payout: '1' },
      expected: 'INVALID_FIELD rule.bands[1].max',
    },
    {
      name: 'open band not last',
      req: { rule: { ...ZHUMADIAN, bands: [{ workingDays: 10, label: 'a' }, { max: '10000', workingDays: 3, label: 'b' }] }, documentsCompleteOn: '2026-03-02', payout: '1' },
      expected: 'INVALID_FIELD rule.bands[0].max',
    },
    {
      name: 'band max malformed',
      req: { rule: { ...ZHUMADIAN, bands: [{ max: '1e4', workingDays: 3, label: 'a' }] }, documentsCompleteOn: '2026-03-02', payout: '1' },
      expected: 'INVALID_FIELD rule.bands[0].max',
    },
    {
      name: 'payout above every band',
      req: { rule: { ...ZHUMADIAN, bands: ZHUMADIAN.kind === 'amountBands' ? ZHUMADIAN.bands.slice(0, 2) : [] }, documentsCompleteOn: '2026-03-02', payout: '100000' },
      expected: 'INVALID_FIELD payout',
    },
  ];
  test.each(cases)('$name', ({ req, expected }) => {
    const e = caught(() => computeDeadline(req as DeadlineRequest, cal));
    expect(`${e.code} ${e.field}`).toBe(expected);
  });
});

describe('dueStatus', () => {
  const cases: { name: string; due: string; today: string; soon?: number; expected: string }[] = [
    { name: 'after the due date', due: '2026-10-10', today: '2026-10-11', expected: 'overdue' },
    { name: 'on the due date', due: '2026-10-10', today: '2026-10-10', expected: 'due_soon' },
    { name: 'one working day left', due: '2026-10-10', today: '2026-10-09', expected: 'due_soon' },
    { name: 'two working days left', due: '2026-10-10', today: '2026-10-08', expected: 'on_time' },
    { name: 'inside the holiday, three left', due: '2026-10-10', today: '2026-10-03', expected: 'on_time' },
    { name: 'inside the holiday, three left, soon = 3', due: '2026-10-10', today: '2026-10-03', soon: 3, expected: 'due_soon' },
    { name: 'eve of National Day, due right after it', due: '2026-10-08', today: '2026-09-30', expected: 'due_soon' },
    { name: 'weekend before a Monday due date', due: '2026-03-09', today: '2026-03-07', expected: 'due_soon' },
    { name: 'overdue needs no 2027 data', due: '2026-12-31', today: '2027-01-05', expected: 'overdue' },
  ];
  test.each(cases)('$name', ({ due, today, soon, expected }) => {
    expect(soon === undefined ? dueStatus(due, today, cal) : dueStatus(due, today, cal, soon)).toBe(expected);
  });

  test('errors', () => {
    expect(caught(() => dueStatus('2027-01-04', '2026-12-31', cal))).toMatchObject({ code: 'CALENDAR_GAP', field: 'date' });
    expect(caught(() => dueStatus('2026-13-01', '2026-12-31', cal))).toMatchObject({ code: 'INVALID_DATE', field: 'due' });
    expect(caught(() => dueStatus('2026-12-31', '', cal))).toMatchObject({ code: 'INVALID_DATE', field: 'today' });
    expect(caught(() => dueStatus('2026-12-31', '2026-12-01', cal, -1))).toMatchObject({ code: 'INVALID_FIELD', field: 'soonWorkingDays' });
  });
});
