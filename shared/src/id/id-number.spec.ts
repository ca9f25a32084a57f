import fc from 'fast-check';
import { EngineError } from '../core/errors';
import { addDays, dayNumber, fromDayNumber } from '../core/dates';
import {
  computeCheckChar,
  IdProblem,
  makeIdNumber,
  maskIdNumber,
  parseIdNumber,
  validateIdNumber,
} from './id-number';
import { KNOWN_REGIONS, PROVINCES, regionName } from './regions';

const TODAY = '2025-06-01';
const opts = { today: TODAY };
/** First 17 characters plus the right check character. */
const withCheck = (first17: string) => first17 + computeCheckChar(first17);

describe('computeCheckChar', () => {
  it.each([
    ['11010519491231002', 'X'], // GB 11643-1999 example
    ['44052418800101001', '4'], // GB 11643-1999 example
    ['50010119900307123', '6'], // weighted sum 193, 193 mod 11 = 6
  ])('%s → %s', (first17, check) => {
    expect(computeCheckChar(first17)).toBe(check);
  });

  it.each(['', '1101051949123100', '110105194912310021', '1101051949123100X', '１１０１０５１９４９１２３１００２'])(
    'rejects %j',
    (bad) => {
      expect(() => computeCheckChar(bad)).toThrow(EngineError);
    },
  );
});

describe('validateIdNumber: valid numbers', () => {
  it.each([
    ['11010519491231002X', '11010519491231002X', '1949-12-31', 'female', '北京市'],
    ['11010519491231002x', '11010519491231002X', '1949-12-31', 'female', '北京市'],
    ['  11010519491231002X\t', '11010519491231002X', '1949-12-31', 'female', '北京市'],
    ['\u300011010519491231002x\u3000', '11010519491231002X', '1949-12-31', 'female', '北京市'],
    ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X', '1949-12-31', 'female', '北京市'],
    ['１１０１０５１９４９１２３１００２ｘ', '11010519491231002X', '1949-12-31', 'female', '北京市'],
    [withCheck('50010119900307123'), withCheck('50010119900307123'), '1990-03-07', 'male', '重庆市'],
    [withCheck('41172920240229002'), withCheck('41172920240229002'), '2024-02-29', 'female', '河南省'],
    [withCheck('14052519300101001'), withCheck('14052519300101001'), '1930-01-01', 'male', '山西省'],
    [withCheck('82000020250601000'), withCheck('82000020250601000'), '2025-06-01', 'female', '澳门特别行政区'],
  ])('%j', (input, id, birthDate, sex, province) => {
    const r = validateIdNumber(input, opts);
    expect(r).toEqual({
      valid: true,
      value: {
        id,
        regionCode: id.slice(0, 6),
        provinceCode: id.slice(0, 2),
        province,
        birthDate,
        sex,
        checkChar: id[17],
      },
    });
  });

  it('accepts a birth date exactly 130 years before today', () => {
    expect(validateIdNumber(withCheck('31011218950601001'), opts).valid).toBe(true);
  });

  it('handles 29 February as today for the 130-year limit', () => {
    const today = '2024-02-29';
    expect(validateIdNumber(withCheck('31011218940228001'), { today }).valid).toBe(true);
    expect(validateIdNumber(withCheck('31011218940227001'), { today })).toMatchObject({ problem: 'too_old' });
  });

  it('defaults today to the current date', () => {
    expect(validateIdNumber('11010519491231002X').valid).toBe(true);
    expect(validateIdNumber(withCheck('11010530000101001'))).toMatchObject({ problem: 'birth_in_future' });
  });
});

describe('validateIdNumber: problems', () => {
  // [case, input, problem, parts the message must contain]
  const cases: Array<[string, unknown, IdProblem, string[]]> = [
    ['empty string', '', 'empty', ['请填写身份证号']],
    ['only spaces', '  \u3000 ', 'empty', ['请填写身份证号']],
    ['undefined', undefined, 'empty', ['请填写身份证号']],
    ['null', null, 'empty', ['请填写身份证号']],
    ['a number', 110105194912310020, 'characters', ['18 位']],
    ['an object', { id: '11010519491231002X' }, 'characters', ['18 位']],
    ['a letter at the end', '11010519491231002A', 'characters', ['第 18 位', '“A”']],
    ['a letter inside', '1101051949A231002X', 'characters', ['第 11 位', '“A”']],
    ['a space inside', '110105 19491231002X', 'characters', ['第 7 位', '空格']],
    ['a hyphen', '110105-19491231-002X', 'characters', ['第 7 位', '“-”']],
    ['Chinese text', '身份证', 'characters', ['第 1 位', '“身”']],
    ['X not last', '1101051949123100X2', 'characters', ['第 17 位', 'X']],
    ['x first', 'x10105194912310021', 'characters', ['第 1 位', 'X']],
    ['too short', '1101051949123100', 'length', ['18 位', '16 位']],
    ['one digit', '1', 'length', ['1 位']],
    ['too long', '11010519491231002X1', 'length', ['19 位']],
    ['15-digit old number', '110105491231002', 'length', ['15 位', '旧身份证号']],
    ['province 00', withCheck('00010519491231002'), 'region', ['“00”']],
    ['province 16', withCheck('16010519491231002'), 'region', ['“16”']],
    ['province 99', withCheck('99010519491231002'), 'region', ['“99”']],
    ['province 72', withCheck('72010519491231002'), 'region', ['“72”']],
    ['province 83', withCheck('83000019800101002'), 'region', ['“83”']],
    ['month 13', withCheck('11010519491331002'), 'birth_date', ['19491331', '第 7 到 14 位']],
    ['month 00', withCheck('11010519490031002'), 'birth_date', ['19490031']],
    ['day 00', withCheck('11010519491200002'), 'birth_date', ['19491200']],
    ['30 February', withCheck('11010519490230002'), 'birth_date', ['19490230']],
    ['29 February in a common year', withCheck('11010520230229002'), 'birth_date', ['20230229']],
    ['29 February 1900', withCheck('11010519000229002'), 'birth_date', ['19000229']],
    ['31 April', withCheck('11010519490431002'), 'birth_date', ['19490431']],
    ['tomorrow', withCheck('11010520250602002'), 'birth_in_future', ['2025-06-02', '晚于今天']],
    ['next century', withCheck('11010521000101002'), 'birth_in_future', ['2100-01-01']],
    ['130 years and a day', withCheck('11010518950531002'), 'too_old', ['1895-05-31', '130 年']],
    ['GB example born 1880', '440524188001010014', 'too_old', ['1880-01-01']],
    ['year 0000', withCheck('11010500000101002'), 'too_old', ['0000-01-01']],
    ['wrong check digit', '110105194912310021', 'check_digit', ['校验码', '应为 X']],
    ['wrong check X', '11010519491231003X', 'check_digit', ['应为 8']],
    ['swapped digits', '11010519491321002X', 'birth_date', ['19491321']],
    ['swapped sequence digits', '11010519491231020X', 'check_digit', ['应为']],
  ];

  it.each(cases)('%s', (_name, input, problem, parts) => {
    const r = validateIdNumber(input, opts);
    expect(r.valid).toBe(false);
    if (r.valid) return;
    expect(r.problem).toBe(problem);
    for (const p of parts) expect(r.message).toContain(p);
    expect(r.message).toMatch(/[\u4e00-\u9fff]/);
    if (problem === 'check_digit') {
      expect(r.expectedCheckChar).toBe(computeCheckChar(String(input).slice(0, 17)));
      expect(r.message).toContain(r.expectedCheckChar);
    } else {
      expect(r.expectedCheckChar).toBeUndefined();
    }
  });

  it('covers every problem kind', () => {
    const kinds: IdProblem[] = ['empty', 'length', 'characters', 'region', 'birth_date', 'birth_in_future', 'too_old', 'check_digit'];
    expect(new Set(cases.map((c) => c[2]))).toEqual(new Set(kinds));
  });

  it('never echoes the whole number in a message', () => {
    for (const [, input] of cases) {
      const r = validateIdNumber(input, opts);
      if (!r.valid && typeof input === 'string' && input.trim().length >= 15) {
        expect(r.message).not.toContain(input.trim());
      }
    }
  });

  it('rejects a malformed today', () => {
    expect(() => validateIdNumber('11010519491231002X', { today: '2025-13-01' })).toThrow(EngineError);
  });
});

describe('parseIdNumber', () => {
  it('returns the parsed number', () => {
    expect(parseIdNumber(' 11010519491231002x ', 'applicant.idNumber', opts)).toMatchObject({
      id: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
    });
  });

  it('throws INVALID_ID_NUMBER with the field and the plain message, without the number', () => {
    const input = '110105194912310021';
    let err: unknown;
    try {
      parseIdNumber(input, 'applicant.idNumber', opts);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EngineError);
    const e = err as EngineError;
    expect(e.code).toBe('INVALID_ID_NUMBER');
    expect(e.field).toBe('applicant.idNumber');
    expect(e.message).toContain('应为 X');
    expect(e.details).toEqual({ problem: 'check_digit', expectedCheckChar: 'X' });
    expect(JSON.stringify(e.toJSON())).not.toContain(input);
  });

  it('defaults the field name', () => {
    expect(() => parseIdNumber('', undefined, opts)).toThrow(expect.objectContaining({ field: 'idNumber', code: 'INVALID_ID_NUMBER' }));
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['500101199003071230', '500***********1230'],
    ['11010519491231002x', '110***********002X'],
    [' 11010519491231002X ', '110***********002X'],
    ['110105491231002', '110********1002'],
    ['1234567', '*******'],
    ['1234567890123', '*************'],
    ['', ''],
  ])('%j → %j', (input, masked) => {
    expect(maskIdNumber(input)).toBe(masked);
  });
});

describe('makeIdNumber', () => {
  it('builds the GB example', () => {
    expect(makeIdNumber('110105', '1949-12-31', 2)).toBe('11010519491231002X');
  });

  it.each([
    ['11010', '1949-12-31', 2, 'regionCode'],
    ['990105', '1949-12-31', 2, 'regionCode'],
    ['110105', '1949-02-30', 2, 'birthDate'],
    ['110105', '19491231', 2, 'birthDate'],
    ['110105', '1949-12-31', -1, 'sequence'],
    ['110105', '1949-12-31', 1000, 'sequence'],
    ['110105', '1949-12-31', 1.5, 'sequence'],
  ])('rejects %j %j %j', (region, birth, seq, field) => {
    expect(() => makeIdNumber(region, birth, seq)).toThrow(expect.objectContaining({ field }));
  });
});

describe('regionName', () => {
  it.each([
    ['411729', '河南省驻马店市新蔡县'],
    ['41172919800101001X', '河南省驻马店市新蔡县'],
    ['411771', '河南省驻马店市'],
    ['4117', '河南省驻马店市'],
    ['410101', '河南省'],
    ['500103', '重庆市'],
    ['500229', '重庆市'],
    ['371502', '山东省聊城市'],
    ['140525', '山西省晋城市泽州县'],
    ['140581', '山西省晋城市高平市'],
    ['140522', '山西省晋城市阳城县'],
    ['140521', '山西省晋城市沁水县'],
    ['140524', '山西省晋城市陵川县'],
    ['140502', '山西省晋城市城区'],
    ['310112', '上海市闵行区'],
    ['310101', '上海市'],
    ['65', '新疆维吾尔自治区'],
  ])('%s → %s', (code, name) => {
    expect(regionName(code)).toBe(name);
  });

  it.each(['', '9', '990000', 'ab', '83'])('%j is unknown', (code) => {
    expect(regionName(code)).toBeUndefined();
  });

  it('has only 4- and 6-digit keys whose province is known', () => {
    for (const [code, name] of Object.entries(KNOWN_REGIONS)) {
      expect(code).toMatch(/^\d{4}(\d{2})?$/);
      expect(name.startsWith(PROVINCES[code.slice(0, 2)])).toBe(true);
    }
  });

  it('lists 34 province-level codes', () => {
    expect(Object.keys(PROVINCES)).toHaveLength(34);
  });
});

describe('properties', () => {
  const provinces = Object.keys(PROVINCES);
  const oldest = dayNumber('1895-06-01');
  const newest = dayNumber(TODAY);
  const region = fc
    .tuple(fc.constantFrom(...provinces), fc.integer({ min: 0, max: 9999 }))
    .map(([p, rest]) => p + String(rest).padStart(4, '0'));
  const birth = fc.integer({ min: oldest, max: newest }).map(fromDayNumber);
  const sequence = fc.integer({ min: 0, max: 999 });
  const validId = fc.tuple(region, birth, sequence).map(([r, b, s]) => makeIdNumber(r, b, s));

  it('makeIdNumber always validates, and parses back to its parts', () => {
    fc.assert(
      fc.property(region, birth, sequence, (r, b, s) => {
        const id = makeIdNumber(r, b, s);
        const res = validateIdNumber(id, opts);
        expect(res.valid).toBe(true);
        if (!res.valid) return;
        expect(res.value.id).toBe(id);
        expect(res.value.regionCode).toBe(r);
        expect(res.value.birthDate).toBe(b);
        expect(res.value.sex).toBe(s % 2 === 1 ? 'male' : 'female');
        // lower-case x and full-width digits give the same result
        const wide = id.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).toLowerCase();
        expect(validateIdNumber(` ${wide} `, opts)).toEqual(res);
      }),
      { numRuns: 500 },
    );
  });

  it('a birth date after today, or before the 130-year limit, never validates', () => {
    fc.assert(
      fc.property(region, fc.integer({ min: 1, max: 3000 }), sequence, fc.boolean(), (r, days, s, future) => {
        const b = future ? addDays(TODAY, days) : addDays('1895-06-01', -days);
        const res = validateIdNumber(makeIdNumber(r, b, s), opts);
        expect(res).toMatchObject({ valid: false, problem: future ? 'birth_in_future' : 'too_old' });
      }),
    );
  });

  it('changing any one of the first 17 digits to another digit always fails', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (id, pos, delta) => {
        const digit = (Number(id[pos]) + delta) % 10;
        const changed = id.slice(0, pos) + digit + id.slice(pos + 1);
        const res = validateIdNumber(changed, opts);
        expect(res.valid).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('changing the check character always fails with check_digit', () => {
    fc.assert(
      fc.property(validId, fc.constantFrom(...'0123456789X'), (id, c) => {
        fc.pre(c !== id[17]);
        const res = validateIdNumber(id.slice(0, 17) + c, opts);
        expect(res).toMatchObject({ valid: false, problem: 'check_digit', expectedCheckChar: id[17] });
      }),
    );
  });

  it('mask never reveals more than 7 characters', () => {
    const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 40 }), validId);
    fc.assert(
      fc.property(anyText, (s) => {
        const m = maskIdNumber(s);
        expect(Array.from(m).filter((c) => c !== '*').length).toBeLessThanOrEqual(7);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(validId, (id) => {
        expect(maskIdNumber(id)).toBe(`${id.slice(0, 3)}***********${id.slice(14)}`);
      }),
    );
  });

  it('validateIdNumber never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[0-9xX]{18}$/)), (v) => {
        const res = validateIdNumber(v, opts);
        if (!res.valid) expect(res.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });
});
