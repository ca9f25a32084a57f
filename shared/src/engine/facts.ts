/** Validates a claim's facts against the benefit's declared facts: each error names its field, in Chinese. */
import { assertIsoDate, isIsoDate } from '../core/dates';
import { EngineError } from '../core/errors';
import { fenOf, parseMoney } from '../core/money';
import type { BenefitDef, FactDef } from '../schemes/types';
import type { Facts } from './conditions';

export function validateFacts(benefit: BenefitDef, input: unknown): Facts {
  if (input === undefined || input === null) input = {};
  if (typeof input !== 'object' || Array.isArray(input)) throw new EngineError('INVALID_FIELD', '理赔信息（facts）应为对象', 'facts');
  const facts = input as Facts;
  if (factsValid(benefit, facts)) {
    checkFormulaFacts(benefit, facts);
    return facts;
  }
  return validateFactsInOrder(benefit, facts);
}

/**
 * One pass over the claim's own keys: true when every key is a fact the benefit declares, every value is valid for
 * its type, and every required fact is present (the common case: a plain object, as JSON gives). Each value is
 * read inside the for…in loop, by the loop's own key, which the JavaScript engine does cheaply; reading it by each
 * declared fact's name instead is a lookup on a new key every time. False at the first thing that is not so:
 * validateFactsInOrder then finds the error to report, in the order it always has.
 */
function factsValid(benefit: BenefitDef, facts: Facts): boolean {
  // Facts inherited from another prototype would be read by name but not seen by for…in: those take the long way.
  if (Object.getPrototypeOf(facts) !== Object.prototype) return false;
  const known = benefit.facts;
  let required = 0;
  // With that prototype, for…in visits the object's own keys (and an enumerable key added to Object.prototype
  // itself, which no benefit declares: the long way again), so there is no own-property test here.
  for (const key in facts) {
    let def: FactDef | undefined;
    for (let i = 0; i < known.length; i++) {
      if (known[i].name === key) {
        def = known[i];
        break;
      }
    }
    if (def === undefined) return false;
    const v = facts[key];
    if (v === undefined || v === null || v === '') {
      if (def.required) return false;
      continue;
    }
    if (!valueValid(def, v)) return false;
    if (def.required) required++;
  }
  for (let i = 0; i < known.length; i++) if (known[i].required) required--;
  return required === 0;
}

function valueValid(def: FactDef, v: unknown): boolean {
  switch (def.type) {
    case 'money':
      return fenOf(v) >= 0;
    case 'grade':
      return Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 10;
    case 'enum': {
      const options = def.options!;
      for (let i = 0; i < options.length; i++) if (options[i].value === v) return true;
      return false;
    }
    case 'boolean':
      return typeof v === 'boolean';
    case 'date':
      return isIsoDate(v);
    case 'text':
      return typeof v === 'string' && v.length <= 200;
  }
  return true;
}

/** Every check, in order (unknown keys first, then each declared fact in turn), throwing the first error met. */
function validateFactsInOrder(benefit: BenefitDef, facts: Facts): Facts {
  const known = benefit.facts;
  // (Plain loops, and field names built only for errors: this runs on every estimate.)
  // for…in with an own-property test: the keys Object.keys gives, in its order, without the array.
  for (const key in facts) {
    if (!Object.prototype.hasOwnProperty.call(facts, key)) continue;
    let found = false;
    for (let i = 0; i < known.length && !found; i++) found = known[i].name === key;
    if (!found) {
      const list = known.map((f) => `${f.name}（${f.label}）`).join('、') || '无';
      throw new EngineError('INVALID_FIELD', `“${benefit.name}”不需要这项信息：${key}。需要的是：${list}`, `facts.${key}`);
    }
  }
  for (const def of known) {
    const v = facts[def.name];
    if (v === undefined || v === null || v === '') {
      if (def.required) throw new EngineError('MISSING_FIELD', `请填写：${def.label}`, `facts.${def.name}`);
      continue;
    }
    switch (def.type) {
      case 'money':
        // The checked parser names the fault, and the fact by its label ("（元）" left out: the message says 元).
        if (fenOf(v) < 0) parseMoney(v, `facts.${def.name}`, {}, def.label.replace(/（元）$/, ''));
        break;
      case 'grade':
        if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 10) {
          throw new EngineError('INVALID_FIELD', `${def.label}应为 1 到 10 的整数`, `facts.${def.name}`, { value: v });
        }
        break;
      case 'enum': {
        const options = def.options!;
        let ok = false;
        for (let i = 0; i < options.length && !ok; i++) ok = options[i].value === v;
        if (!ok) {
          throw new EngineError('INVALID_FIELD', `${def.label}只能选：${options.map((o) => o.label).join('、')}`, `facts.${def.name}`, { value: v });
        }
        break;
      }
      case 'boolean':
        if (typeof v !== 'boolean') throw new EngineError('INVALID_FIELD', `${def.label}应为“是”或“否”（true/false）`, `facts.${def.name}`, { value: v });
        break;
      case 'date':
        if (!isIsoDate(v)) assertIsoDate(v, `facts.${def.name}`);
        break;
      case 'text':
        if (typeof v !== 'string' || v.length > 200) throw new EngineError('INVALID_FIELD', `${def.label}应为 200 字以内的文字`, `facts.${def.name}`);
        break;
    }
  }
  checkFormulaFacts(benefit, facts);
  return facts;
}

/** Checks that depend on the formula, made before eligibility so a bad request is an error, never "not covered". */
function checkFormulaFacts(benefit: BenefitDef, facts: Facts): void {
  const f = benefit.formula;
  if (f.kind === 'disability' && (!f.deathAmount || facts.outcome === 'disability') && !Number.isInteger(facts.grade)) {
    throw new EngineError('MISSING_FIELD', '伤残的，请填写伤残等级（1-10 级）', 'facts.grade');
  }
  if (f.kind === 'burdenCap') {
    const totalFen = fenOf(facts[f.totalFact]);
    const burdenFen = fenOf(facts[f.burdenFact]);
    // Integer fen when both parse (exact); otherwise the decimal parser, which also raises the error.
    let over: boolean;
    if (totalFen >= 0 && burdenFen >= 0) over = burdenFen > totalFen;
    else {
      const total = parseMoney(facts[f.totalFact], `facts.${f.totalFact}`);
      over = parseMoney(facts[f.burdenFact], `facts.${f.burdenFact}`).greaterThan(total);
    }
    if (over) {
      throw new EngineError('INVALID_FIELD', '个人负担的政策范围内费用不能大于政策范围内总费用', `facts.${f.burdenFact}`);
    }
  }
}
