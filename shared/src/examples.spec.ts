/** Keeps README.md's worked examples true: runs each example file through the CLI's handlers. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './cli';

const load = (name: string) => JSON.parse(readFileSync(join(__dirname, '..', 'examples', `${name}.json`), 'utf8'));

describe('README worked examples', () => {
  it('重庆 大病补充, 特困 second claim → 9600.00', () => {
    const { output, failed } = run('--estimate', load('chongqing-critical')) as { output: any; failed: boolean };
    expect(failed).toBe(false);
    expect(output.payout).toBe('9600.00');
    expect(output.breakdown.filter((l: any) => l.amount).map((l: any) => l.amount)).toEqual(['3000.00', '8400.00', '-1800.00']);
  });
  it('驻马店 特困重病 → 800.00; 新蔡县 not covered', () => {
    const { output } = run('--estimate', load('zhumadian-hardship')) as { output: any[] };
    expect(output[0].payout).toBe('800.00');
    expect(output[1].covered).toBe(false);
    expect(output[1].reasons.find((r: any) => !r.ok).code).toBe('AREA_EXCLUDED');
  });
  it('驻马店 deadline over National Day 2019 → 2019-10-12', () => {
    const { output } = run('--deadline', load('zhumadian-deadline')) as { output: any };
    expect(output.dueDate).toBe('2019-10-12');
    expect(output.workingDays).toBe(7);
  });
  it('聊城 chain → supplement 16540.00, burden 10.00%', () => {
    const { output } = run('--chain', load('liaocheng-chain')) as { output: any };
    expect(output.steps.map((s: any) => s.amount)).toEqual(['47460.00', '5000.00', '600.00', '3000.00', '16540.00']);
    expect(output.inPolicyBurden).toBe('8000.00');
    expect(output.patientPays).toBe('13400.00');
    expect(output.burdenPercent).toBe('10.00');
  });
  it('晋城 住院 → 1500.00; corridor → government 250000.00 split 3:7', () => {
    expect((run('--estimate', load('jincheng-inpatient')).output as any).payout).toBe('1500.00');
    const rs = run('--risk-sharing', load('jincheng-risk-sharing')).output as any;
    expect(rs.lossRatioPercent).toBe('130.42');
    expect(rs.governmentBears).toBe('250000.00');
    expect(rs.governmentSplit.map((x: any) => x.amount)).toEqual(['75000.00', '175000.00']);
    expect(rs.warnings.map((w: any) => w.level)).toEqual(['insurer_reports_to_county', 'county_investigates']);
  });
  it('闵行 subsidy → 129.00; 1200 subsidies in a town split 35:65', () => {
    expect((run('--estimate', load('minhang-subsidy')).output as any).payout).toBe('129.00');
    const p = run('--premium', load('minhang-premium')).output as any;
    expect(p.total).toBe('154800.00');
    expect(p.byPayer).toEqual([
      { payer: '区级财政', amount: '54180.00' },
      { payer: '镇级财政', amount: '100620.00' },
    ]);
  });
  it('a bad request in an array fails alone, with its field', () => {
    const { output, failed } = run('--estimate', [load('minhang-subsidy'), { schemeId: 'nope' }]) as { output: any[]; failed: boolean };
    expect(failed).toBe(true);
    expect(output[0].payout).toBe('129.00');
    expect(output[1].error).toMatchObject({ code: 'UNKNOWN_SCHEME', field: 'schemeId' });
  });
});
