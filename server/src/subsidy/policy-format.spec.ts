import { makeIdNumber } from '@huimin/shared';
import { checkPolicyRow, parseKind } from './policy-format';

const opts = { expectedYear: null, today: '2024-08-20', hasKindColumn: true };
const id = makeIdNumber('310112', '1970-11-08', 123);
const row = (over: Record<string, unknown> = {}) => ({
  policyNo: 'hhb-1', name: '周建华', idNumber: id, kind: '个人', issueDate: '2024-06-20', purchaseDate: '2024/6/18', premium: '129', policyYear: '2024', ...over,
});

describe('policy list rows', () => {
  it('normalises a good row; the purchase date defaults to the issue date', () => {
    expect(checkPolicyRow(row(), opts)).toEqual({
      record: { policyNo: 'HHB-1', name: '周建华', idNumber: id, groupPolicy: false, viaMinhangLink: true, issueDate: '2024-06-20', purchaseDate: '2024-06-18', premium: '129.00', policyYear: 2024 },
      messages: [],
    });
    expect(checkPolicyRow(row({ purchaseDate: '' }), opts).record?.purchaseDate).toBe('2024-06-20');
    expect(checkPolicyRow(row({ kind: '团单' }), opts).record?.groupPolicy).toBe(true);
  });

  it('names every bad field in Chinese', () => {
    const r = checkPolicyRow(
      row({ policyNo: '', name: 'A', idNumber: id.slice(0, 17) + (id[17] === '1' ? '2' : '1'), kind: '家庭', issueDate: '2024-13-01', premium: '-1', policyYear: '24' }),
      opts,
    );
    expect(r.record).toBeNull();
    expect(r.messages.map((m) => m.field)).toEqual(['保单号', '被保险人姓名', '身份证号', '投保方式', '出单日期', '保费', '保单年度']);
  });

  it('refuses a purchase after the issue, a year that is not the purchase year, and a row of another year than asked', () => {
    expect(checkPolicyRow(row({ purchaseDate: '2024-06-21' }), opts).messages[0].message).toContain('晚于出单日期');
    expect(checkPolicyRow(row({ policyYear: '2025' }), opts).messages[0].message).toContain('不在同一年');
    expect(checkPolicyRow(row(), { ...opts, expectedYear: 2023 }).messages[0].message).toContain('2023 年度清单');
    expect(checkPolicyRow(row({ issueDate: '2024-09-01' }), opts).messages[0].message).toContain('晚于今天');
  });

  it('reads 个人 / 团体 in their usual spellings', () => {
    expect(['个人', '个单', '团体', '团单', '', 'x'].map(parseKind)).toEqual([false, false, true, true, null, 'invalid']);
  });
});
