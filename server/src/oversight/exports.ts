/** The settlement statements and the KPIs as worksheets: the JSON's numbers, cell for cell. */
import Decimal from 'decimal.js';
import type { KpisView } from './kpis.service';
import type { SettlementsView } from './settlements.service';
import type { SheetSpec } from './xlsx';

const scopeText = (level: 'city' | 'districts') => (level === 'city' ? '范围：全市' : '范围：所辖区县');

export function settlementSheets(v: SettlementsView): SheetSpec[] {
  const title = [`${v.schemeName} ${v.year} 保险年度 年终风险分担结算单`, `保险期间 ${v.period.from} 至 ${v.period.to}；${scopeText(v.level)}；截至 ${v.asOf}${v.final ? '' : '（保险年度未结束，为预结算）'}`, `依据：${v.source}`];
  const split = (s: { result: { governmentSplit?: { amount: string }[] } | null }, i: number) => s.result?.governmentSplit?.[i]?.amount ?? null;
  const rows = v.statements.map((s) => [
    s.name,
    s.premium,
    s.paid,
    s.reported,
    s.result?.lossRatioPercent ?? null,
    s.result?.refundToGovernment ?? null,
    s.result?.insurerBears ?? null,
    s.result?.governmentTopUp ?? null,
    s.result?.carryForward ?? null,
    s.result?.governmentBears ?? null,
    split(s, 0),
    split(s, 1),
    s.error ?? '',
  ]);
  const t = v.total;
  rows.push(['合计', t.premium, t.paid, t.reported, null, t.refundToGovernment, t.insurerBears, t.governmentTopUp, t.carryForward, t.governmentBears, t.governmentSplit[0]?.amount ?? null, t.governmentSplit.slice(1).reduce((a, x) => a.plus(x.amount), new Decimal(0)).toFixed(2), '']);
  const lines: (string | number | null)[][] = [];
  for (const s of v.statements) {
    let i = 0;
    for (const l of s.premiumLines) lines.push([s.name, ++i, `保费：${l}`]);
    for (const l of s.result?.lines ?? []) lines.push([s.name, ++i, l]);
    if (s.error) lines.push([s.name, ++i, s.error]);
  }
  return [
    {
      name: '结算单',
      title,
      columns: [
        { header: '区县', kind: 'text' },
        { header: '净保费（元）', kind: 'money' },
        { header: '已赔付（元）', kind: 'money' },
        { header: '已报案估损及已核定未付（元）', kind: 'money' },
        { header: '赔付率（%）', kind: 'percent' },
        { header: '结余退回县区财政（元）', kind: 'money' },
        { header: '保险机构承担（元）', kind: 'money' },
        { header: '县区财政补充（元）', kind: 'money' },
        { header: '结转下一年度（元）', kind: 'money' },
        { header: '政府承担（元）', kind: 'money' },
        { header: '其中市级财政（元）', kind: 'money' },
        { header: '其中县（区）级财政（元）', kind: 'money' },
        { header: '说明', kind: 'text', width: 30 },
      ],
      rows,
    },
    { name: '计算过程', title, columns: [{ header: '区县', kind: 'text' }, { header: '序号', kind: 'int', width: 6 }, { header: '计算', kind: 'text', width: 100 }], rows: lines },
  ];
}

export function kpiSheets(v: KpisView): SheetSpec[] {
  const title = [`${v.schemeName} ${v.year} 保险年度 绩效指标`, `${scopeText(v.level)}；截至 ${v.today}`];
  // Minhang: the subsidy targets are in `kpis` (with their trends) like every scheme's; say how "on time" is read.
  if (v.subsidy) title.push(`沪惠保补贴指标（补贴模块 ${v.subsidy.route}）；及时口径：${v.subsidy.kpis.deadlineNote}`);
  const sheets: SheetSpec[] = [
    {
      name: '指标',
      title,
      columns: [{ header: '指标', kind: 'text' }, { header: '分子', kind: 'int' }, { header: '分母', kind: 'int' }, { header: '百分比（%）', kind: 'percent' }, { header: '目标', kind: 'text' }, { header: '口径', kind: 'text', width: 60 }, { header: '依据', kind: 'text', width: 50 }],
      rows: v.kpis.map((k) => [k.name, k.numerator, k.denominator, k.percent, k.target, k.definition, k.source]),
    },
  ];
  if (v.onTime) {
    sheets.push({
      name: '按时赔付分档',
      title: [...title, `依据：${v.onTime.source}`],
      columns: [
        { header: '档次', kind: 'text', width: 36 },
        { header: '期限（工作日）', kind: 'int' },
        { header: '按时（件）', kind: 'int' },
        { header: '到期（件）', kind: 'int' },
        { header: '按件（%）', kind: 'percent' },
        { header: '按时金额（元）', kind: 'money' },
        { header: '到期金额（元）', kind: 'money' },
        { header: '按金额（%）', kind: 'percent' },
        { header: '未计量（件）', kind: 'int' },
      ],
      rows: v.onTime.bands.map((b) => [b.label, b.workingDays, b.numerator, b.denominator, b.percent, b.amountOnTime, b.amountDue, b.amountPercent, b.unmeasured]),
    });
  }
  const trendCols = v.kpis.flatMap((k) => [
    { header: `${k.name}分子`, kind: 'int' as const },
    { header: `${k.name}分母`, kind: 'int' as const },
    { header: `${k.name}（%）`, kind: 'percent' as const },
  ]);
  sheets.push({
    name: '月度趋势',
    title,
    columns: [{ header: '月份', kind: 'text' }, ...trendCols],
    rows: v.months.map((m, i) => [m, ...v.kpis.flatMap((k) => [k.trend[i].numerator, k.trend[i].denominator, k.trend[i].percent])]),
  });
  if (v.byBenefitInsurer) {
    sheets.push({
      name: '按险种和保险公司',
      title,
      columns: [
        { header: '保障项目', kind: 'text', width: 24 },
        { header: '保险公司', kind: 'text', width: 28 },
        { header: '报案（件）', kind: 'int' },
        { header: '未决估损（元）', kind: 'money' },
        { header: '核定（件）', kind: 'int' },
        { header: '核定金额（元）', kind: 'money' },
        { header: '赔付（件）', kind: 'int' },
        { header: '赔付金额（元）', kind: 'money' },
        { header: '不予赔付（件）', kind: 'int' },
      ],
      rows: v.byBenefitInsurer.rows.map((r) => [r.benefitName, r.insurerName, r.claims, r.reportedAmount, r.approvedCount, r.approvedAmount, r.paidCount, r.paidAmount, r.rejected]),
    });
    sheets.push({
      name: '按险种和保险公司-月度',
      title: [...title, '按报案月份：报案件数、其中已赔付的金额'],
      columns: [{ header: '月份', kind: 'text' }, { header: '报案（件）', kind: 'int' }, { header: '赔付金额（元）', kind: 'money' }],
      rows: v.byBenefitInsurer.trend.map((p) => [p.month, p.reported, p.paidAmount]),
    });
  }
  return sheets;
}
