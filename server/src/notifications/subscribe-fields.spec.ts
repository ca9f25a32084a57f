import { templateFieldProblem } from '../../test/support/fake-wechat';
import { buildSubscribeData, chinaDateTime, cut, fieldValue, FieldError, STATE_PHRASES, type ClaimMessageFacts } from './subscribe-fields';

const facts = (over: Partial<ClaimMessageFacts> = {}): ClaimMessageFacts => ({
  claimNo: 'HM260520000001',
  benefitName: '住院医疗费用',
  schemeName: '晋城惠民保',
  state: 'approved',
  plainLabel: '同意赔付，等待打款',
  amount: '1500.00',
  at: new Date('2026-05-20T07:01:30Z'),
  note: '同意赔付 1500.00 元',
  ...over,
});

describe('subscribe message fields', () => {
  it('fills the default template within WeChat rules', () => {
    const data = buildSubscribeData({ thing1: 'benefit', phrase2: 'state', amount3: 'amount', date4: 'time', character_string5: 'claimNo' }, facts());
    expect(data).toEqual({
      thing1: { value: '住院医疗费用' },
      phrase2: { value: '同意赔付' },
      amount3: { value: '1500.00元' },
      date4: { value: '2026年5月20日 15:01' },
      character_string5: { value: 'HM260520000001' },
    });
    for (const [k, v] of Object.entries(data)) expect(templateFieldProblem(k, v.value)).toBeNull();
  });

  it('every state has a phrase of at most 5 Chinese characters', () => {
    for (const [state, p] of Object.entries(STATE_PHRASES)) {
      expect(templateFieldProblem('phrase1', p)).toBeNull();
      expect(fieldValue('phrase1', 'state', facts({ state: state as ClaimMessageFacts['state'] }))).toBe(p);
    }
  });

  it('cuts long things to 20 characters (counting characters, not UTF-16 units) with an ellipsis', () => {
    const long = '发票照片模糊看不清楚，请重新拍摄清晰的发票原件照片后再上传，谢谢';
    const v = fieldValue('thing7', 'note', facts({ note: long }));
    expect(Array.from(v)).toHaveLength(20);
    expect(v.endsWith('…')).toBe(true);
    expect(templateFieldProblem('thing7', v)).toBeNull();
    const rare = '𠀀'.repeat(25);
    expect(Array.from(cut(rare, 20))).toHaveLength(20);
    expect(templateFieldProblem('thing1', cut(rare, 20))).toBeNull();
    expect(cut('  a\n\tb  ', 20)).toBe('a b');
    expect(fieldValue('thing1', 'note', facts({ note: '   ' }))).toBe('无');
  });

  it('keeps character_string to 32 printable ASCII characters and amounts to WeChat format', () => {
    expect(fieldValue('character_string2', 'claimNo', facts({ claimNo: 'HM 理赔-' + 'X'.repeat(40) }))).toBe('HM-' + 'X'.repeat(29));
    expect(fieldValue('amount3', 'amount', facts({ amount: '12345678.9' }))).toBe('12345678.90元');
    expect(templateFieldProblem('amount3', fieldValue('amount3', 'amount', facts({ amount: '9999999999.99' })))).toBeNull();
    expect(() => fieldValue('amount3', 'amount', facts({ amount: '12345678901.23' }))).toThrow(FieldError);
    expect(fieldValue('amount3', 'amount', facts({ amount: null }))).toBe('0.00元');
    expect(fieldValue('number4', 'amount', facts())).toBe('1500.00');
  });

  it('writes China time whatever the server zone', () => {
    expect(chinaDateTime(new Date('2026-12-31T16:05:00Z'))).toBe('2027年1月1日 00:05');
    expect(templateFieldProblem('time9', chinaDateTime(new Date()))).toBeNull();
  });

  it('refuses a mapping that cannot fit (a claim number in an amount field)', () => {
    expect(() => fieldValue('amount1', 'claimNo', facts())).toThrow(FieldError);
    expect(() => fieldValue('name1', 'benefit', facts())).toThrow(FieldError);
  });
});
