import { getScheme, versionForYear } from '@huimin/shared';
import { deadlineClasses } from './kpis.service';
import { monthsBetween, percent } from './oversight-sql';

describe('deadline classes for the on-time KPI', () => {
  it('Zhumadian: the three amount bands, then special hardship (next working day)', () => {
    const v = versionForYear(getScheme('zmd-yymsh'), '2019');
    const { classes, caseSql, params } = deadlineClasses(v);
    expect(classes.map((c) => [c.label, c.workingDays])).toEqual([
      ['1 万元以下', 3],
      ['1 万元以上、10 万元以下', 7],
      ['10 万元以上', 10],
      ['特困群众重病医疗救助：资料齐全当日立案、次日赔付', 1],
    ]);
    expect(params).toEqual(['hardship_major_illness']);
    expect(caseSql).toContain('<= 10000.00');
    expect(caseSql).toContain('< 100000.00');
  });
});

describe('helpers', () => {
  it('lists the months of an insurance year across a new year', () => {
    expect(monthsBetween('2019-07-01', '2020-06-30')).toEqual(['2019-07', '2019-08', '2019-09', '2019-10', '2019-11', '2019-12', '2020-01', '2020-02', '2020-03', '2020-04', '2020-05', '2020-06']);
  });
  it('rounds percentages half up to two decimals, null without a denominator', () => {
    expect(percent(2, 3)).toBe('66.67');
    expect(percent(1, 8)).toBe('12.50');
    expect(percent(0, 0)).toBeNull();
  });
});
