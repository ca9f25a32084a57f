/**
 * uniformShapes (../shapes.ts): the registry's schemes are the data files' values, with one key order per kind.
 */
import { CHONGQING } from '../data/chongqing';
import { JINCHENG } from '../data/jincheng';
import { LIAOCHENG } from '../data/liaocheng';
import { MINHANG } from '../data/minhang';
import { ZHUMADIAN } from '../data/zhumadian';
import { SCHEMES } from '../registry';
import { uniformShapes } from '../shapes';

/** JSON with every object's keys sorted: the values, whatever the key order (which uniformShapes changes). */
const canon = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );

const ORIGINALS = [CHONGQING, ZHUMADIAN, LIAOCHENG, JINCHENG, MINHANG];
const benefits = SCHEMES.flatMap((s) => s.versions.flatMap((v) => v.benefits));

describe('uniformShapes', () => {
  it.each(ORIGINALS.map((o, i) => [o.id, o, SCHEMES[i]] as const))('%s: the same values as the data file', (_id, original, rebuilt) => {
    expect(rebuilt).not.toBe(original);
    expect(canon(rebuilt)).toBe(canon(original));
    expect(canon(rebuilt).length).toBeGreaterThan(1000);
  });

  const kinds: [string, object[]][] = [
    ['scheme', [...SCHEMES]],
    ['version', SCHEMES.flatMap((s) => s.versions)],
    ['insurance year', SCHEMES.flatMap((s) => s.versions.flatMap((v) => v.insuranceYears))],
    ['benefit', benefits],
    ['formula', benefits.map((b) => b.formula)],
    ['condition', benefits.flatMap((b) => b.conditions)],
    ['fact', benefits.flatMap((b) => b.facts)],
    ['document', benefits.flatMap((b) => b.documents)],
    ['clause', benefits.flatMap((b) => [b.clause, b.formula.clause, ...b.conditions.map((c) => c.clause)])],
  ];
  it.each(kinds)('every %s has the same keys in the same order', (_kind, objects) => {
    expect(objects.length).toBeGreaterThan(1);
    const first = Object.keys(objects[0]).join(',');
    for (const o of objects) expect(Object.keys(o).join(',')).toBe(first);
  });

  it('an absent optional key is present as undefined, and only then', () => {
    const fixed = benefits.find((b) => b.formula.kind === 'fixed')!.formula as unknown as Record<string, unknown>;
    expect('rate' in fixed).toBe(true);
    expect(fixed.rate).toBeUndefined();
    expect(fixed.kind).toBe('fixed');
  });

  it('keeps shared objects shared, and records (keyed by data) as they are', () => {
    const clause = { doc: 'd', clause: '一' };
    const amounts = { benke: '3000' };
    const scheme = {
      id: 's',
      versions: [
        {
          id: 'v',
          benefits: [
            { id: 'a', formula: { kind: 'fixedByOption', fact: 'level', amounts, clause }, clause },
            { id: 'b', formula: { kind: 'fixed', amount: '1', clause: { doc: 'd', clause: '二', reading: 'r' } }, clause },
          ],
        },
      ],
    };
    const [out] = uniformShapes([scheme]);
    const [a, b] = out.versions[0].benefits as unknown as Record<string, Record<string, unknown>>[];
    expect(a.clause).toBe(b.clause);
    expect(a.formula.clause).toBe(a.clause);
    expect(a.clause).not.toBe(clause);
    expect(Object.keys(a.clause as object)).toEqual(['doc', 'clause', 'reading']);
    expect(a.formula.amounts).toBe(amounts);
    expect(Object.keys(a.formula)).toEqual(Object.keys(b.formula));
    expect(scheme.versions[0].benefits[0].formula.clause).toBe(clause); // the input is not changed
    expect(Object.keys(clause)).toEqual(['doc', 'clause']);
  });
});
