/** Validates a claim's facts against the benefit's declared facts: each error names its field, in Chinese. */
import { assertIsoDate } from '../core/dates';
import { EngineError } from '../core/errors';
import { parseMoney } from '../core/money';
import type { BenefitDef } from '../schemes/types';
import type { Facts } from './conditions';

export function validateFacts(benefit: BenefitDef, input: unknown): Facts {
  if (input === undefined || input === null) input = {};
  if (typeof input !== 'object' || Array.isArray(input)) throw new EngineError('INVALID_FIELD', '理赔信息（facts）应为对象', 'facts');
  const facts = input as Facts;
  const known = benefit.facts;
  for (const key of Object.keys(facts)) {
    if (!known.some((f) => f.name === key)) {
      const list = known.map((f) => `${f.name}（${f.label}）`).join('、') || '无';
      throw new EngineError('INVALID_FIELD', `“${benefit.name}”不需要这项信息：${key}。需要的是：${list}`, `facts.${key}`);
    }
  }
  for (const def of known) {
    const field = `facts.${def.name}`;
    const v = facts[def.name];
    if (v === undefined || v === null || v === '') {
      if (def.required) throw new EngineError('MISSING_FIELD', `请填写：${def.label}`, field);
      continue;
    }
    switch (def.type) {
      case 'money':
        parseMoney(v, field);
        break;
      case 'grade':
        if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 10) {
          throw new EngineError('INVALID_FIELD', `${def.label}应为 1 到 10 的整数`, field, { value: v });
        }
        break;
      case 'enum':
        if (!def.options!.some((o) => o.value === v)) {
          throw new EngineError('INVALID_FIELD', `${def.label}只能选：${def.options!.map((o) => o.label).join('、')}`, field, { value: v });
        }
        break;
      case 'boolean':
        if (typeof v !== 'boolean') throw new EngineError('INVALID_FIELD', `${def.label}应为“是”或“否”（true/false）`, field, { value: v });
        break;
      case 'date':
        assertIsoDate(v, field);
        break;
      case 'text':
        if (typeof v !== 'string' || v.length > 200) throw new EngineError('INVALID_FIELD', `${def.label}应为 200 字以内的文字`, field);
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
    const total = parseMoney(facts[f.totalFact], `facts.${f.totalFact}`);
    const burden = parseMoney(facts[f.burdenFact], `facts.${f.burdenFact}`);
    if (burden.greaterThan(total)) {
      throw new EngineError('INVALID_FIELD', '个人负担的政策范围内费用不能大于政策范围内总费用', `facts.${f.burdenFact}`);
    }
  }
}
