/**
 * The scheme definitions, rebuilt so that every object of one kind (every benefit, every formula, every condition,
 * every clause, …) has the same keys in the same order, with `undefined` for the optional keys it does not set.
 *
 * Why: the data files write each object as its own literal, with only the keys it needs (a fixed-sum formula has no
 * `rate`, a clause without a reading no `reading`). The JavaScript engine gives each such layout its own hidden
 * class, and code that reads `benefit.formula.kind` or `cond.test` over many layouts takes the slow, generic way
 * (measured: 5% of an estimate's instructions, bench/hot-loop.js). One layout per kind makes those reads direct.
 *
 * What does not change: every value (JSON of a rebuilt scheme is the original's, up to key order), which objects are shared
 * (an object used in two places is rebuilt once and used in both), and the data files themselves. What a caller can
 * see: the keys of a kind come in one order (the order first met in the data), and an absent optional key is now
 * present with the value `undefined` (`'rate' in formula` is true for every formula; read the value instead). Only the kinds in KINDS are rebuilt; anything else (records keyed by data, such
 * as `formula.amounts` or a funding split's `byArea`) is kept as it is, by reference.
 */

/** The key under which an object is found → its kind (array elements take their array's key). */
const KINDS: Record<string, string> = {
  versions: 'version',
  effective: 'period',
  insuranceYears: 'year',
  benefits: 'benefit',
  formula: 'formula',
  annualCap: 'cap',
  perClaimCap: 'cap',
  deductible: 'cap',
  conditions: 'condition',
  facts: 'fact',
  options: 'option',
  documents: 'document',
  when: 'when',
  variants: 'variant',
  bands: 'band',
  coverage: 'coverage',
  qualifying: 'qualifying',
  areas: 'area',
  insurers: 'insurer',
  clause: 'clause',
  oncePerClause: 'clause',
  periodClause: 'clause',
  coverStartClause: 'clause',
};

type Plain = Record<string, unknown>;
/** An object written as a literal (its own keys are what for…in visits). */
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** The schemes rebuilt with one key order per kind (see the top of this file). */
export function uniformShapes<T extends object>(schemes: readonly T[]): T[] {
  // 1. Every key each kind uses anywhere, in the order first met (a Set keeps insertion order).
  const keysOf = new Map<string, Set<string>>();
  const seen = new Set<object>();
  const collect = (v: unknown, kind: string | undefined): void => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) collect(v[i], kind);
      return;
    }
    if (!isPlain(v) || seen.has(v)) return;
    seen.add(v);
    let keys: Set<string> | undefined;
    if (kind !== undefined) {
      keys = keysOf.get(kind);
      if (keys === undefined) keysOf.set(kind, (keys = new Set()));
    }
    for (const k in v) {
      keys?.add(k);
      collect(v[k], KINDS[k]);
    }
  };
  for (const s of schemes) collect(s, 'scheme');

  // 2. Each object of a kind rebuilt with all of its kind's keys. Anything else is kept as it is, by reference (a
  //    record keeps its identity and its own keys).
  const copies = new Map<object, Plain>();
  const rebuild = (v: unknown, kind: string | undefined): unknown => {
    if (Array.isArray(v)) return kind === undefined ? v : v.map((x) => rebuild(x, kind));
    if (!isPlain(v) || kind === undefined) return v;
    let out = copies.get(v);
    if (out === undefined) {
      out = {};
      copies.set(v, out);
      for (const k of keysOf.get(kind)!) out[k] = rebuild(v[k], KINDS[k]);
    }
    return out;
  };
  return schemes.map((s) => rebuild(s, 'scheme') as T);
}
