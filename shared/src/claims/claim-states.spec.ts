import fc from 'fast-check';
import { EngineError } from '../core/errors';
import {
  allowedTransitions,
  assertTransition,
  canTransition,
  CLAIM_STATES,
  CLAIM_TRANSITIONS,
  ClaimActor,
  ClaimState,
  isTerminal,
  stateInfo,
  timelineStages,
} from './claim-states';

const STATES: ClaimState[] = [
  'reported', 'accepted', 'waiting_documents', 'under_review', 'approved', 'rejected', 'paid', 'withdrawn',
];
const ACTORS: ClaimActor[] = ['beneficiary', 'staff', 'finance', 'system'];
const TERMINAL: ClaimState[] = ['rejected', 'paid', 'withdrawn'];

/** The graph as the brief states it: from, to, actors, reason required. */
const EXPECTED: Array<[ClaimState, ClaimState, ClaimActor[], boolean]> = [
  ['reported', 'accepted', ['staff'], false],
  ['reported', 'rejected', ['staff'], true],
  ['reported', 'withdrawn', ['beneficiary'], false],
  ['accepted', 'waiting_documents', ['staff'], true],
  ['accepted', 'under_review', ['staff', 'system'], false],
  ['accepted', 'withdrawn', ['beneficiary'], false],
  ['waiting_documents', 'under_review', ['staff', 'system'], false],
  ['waiting_documents', 'withdrawn', ['beneficiary'], false],
  ['waiting_documents', 'rejected', ['staff'], true],
  ['under_review', 'waiting_documents', ['staff'], true],
  ['under_review', 'approved', ['staff'], false],
  ['under_review', 'rejected', ['staff'], true],
  ['under_review', 'withdrawn', ['beneficiary'], false],
  ['approved', 'paid', ['finance', 'staff'], false],
];
const allowed = new Set(EXPECTED.flatMap(([f, t, actors]) => actors.map((a) => `${f}>${t}>${a}`)));

function thrown(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error('expected an EngineError');
}

describe('the declared data', () => {
  it('lists the eight states in order, each once, with labels', () => {
    expect(CLAIM_STATES.map((s) => s.state)).toEqual(STATES);
    for (const s of CLAIM_STATES) {
      expect(s.label).toMatch(/[\u4e00-\u9fff]/);
      expect(s.plainLabel).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(stateInfo('waiting_documents').plainLabel).toBe('材料不全，请补交');
  });

  it('marks terminal and decided states', () => {
    expect(CLAIM_STATES.filter((s) => s.terminal).map((s) => s.state)).toEqual(TERMINAL);
    expect(CLAIM_STATES.filter((s) => s.decided).map((s) => s.state)).toEqual(['approved', 'rejected', 'paid']);
  });

  it('matches the graph exactly', () => {
    expect(
      CLAIM_TRANSITIONS.map((t) => [t.from, t.to, [...t.actors].sort(), t.reasonRequired]),
    ).toEqual(EXPECTED.map(([f, t, a, r]) => [f, t, [...a].sort(), r]));
  });

  it('has unique ids, one transition per (from, to), and a label on each', () => {
    expect(new Set(CLAIM_TRANSITIONS.map((t) => t.id)).size).toBe(CLAIM_TRANSITIONS.length);
    expect(new Set(CLAIM_TRANSITIONS.map((t) => `${t.from}>${t.to}`)).size).toBe(CLAIM_TRANSITIONS.length);
    for (const t of CLAIM_TRANSITIONS) expect(t.label).toMatch(/[\u4e00-\u9fff]/);
    const byPair = (f: ClaimState, t: ClaimState) => CLAIM_TRANSITIONS.find((x) => x.from === f && x.to === t)!;
    expect(byPair('reported', 'accepted').label).toBe('立案');
    expect(byPair('reported', 'rejected').label).toBe('不予立案');
    expect(byPair('accepted', 'waiting_documents').label).toBe('通知补充材料');
    expect(byPair('approved', 'paid').label).toBe('确认赔付');
  });

  it('only approval records an amount, and its reason depends on the amount', () => {
    expect(CLAIM_TRANSITIONS.filter((t) => t.recordsAmount).map((t) => t.id)).toEqual(['approve']);
    expect(CLAIM_TRANSITIONS.filter((t) => t.reasonIfAmountChanged).map((t) => t.id)).toEqual(['approve']);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(CLAIM_STATES)).toBe(true);
    expect(Object.isFrozen(CLAIM_TRANSITIONS)).toBe(true);
    expect(Object.isFrozen(timelineStages())).toBe(true);
  });

  it('timelineStages is the main path and a path of the graph', () => {
    const path = timelineStages();
    expect(path).toEqual(['reported', 'accepted', 'under_review', 'approved', 'paid']);
    for (let i = 1; i < path.length; i++) {
      expect(CLAIM_TRANSITIONS.some((t) => t.from === path[i - 1] && t.to === path[i])).toBe(true);
    }
  });
});

describe('every allowed transition passes', () => {
  const rows = CLAIM_TRANSITIONS.flatMap((t) => t.actors.map((a) => [t.id, t, a] as const));
  it.each(rows)('%s by %s', (_id, t, actor) => {
    expect(canTransition(t.from, t.to, actor)).toBe(true);
    expect(allowedTransitions(t.from, actor)).toContain(t);
    expect(assertTransition(t.from, t.to, actor, { reason: '缺少出院小结' })).toBe(t);
    if (!t.reasonRequired) expect(assertTransition(t.from, t.to, actor)).toBe(t);
  });
});

describe('every other (from, to, actor) fails', () => {
  const triples = STATES.flatMap((f) => STATES.flatMap((t) => ACTORS.map((a) => [f, t, a] as const)));
  const forbidden = triples.filter(([f, t, a]) => !allowed.has(`${f}>${t}>${a}`));

  it('covers the full cross product', () => {
    expect(triples).toHaveLength(8 * 8 * 4);
    expect(triples.length - forbidden.length).toBe(allowed.size);
    expect(allowed.size).toBe(17);
  });

  it.each(forbidden)('%s → %s by %s', (from, to, actor) => {
    expect(canTransition(from, to, actor)).toBe(false);
    expect(allowedTransitions(from, actor).some((t) => t.to === to)).toBe(false);
    const e = thrown(() => assertTransition(from, to, actor, { reason: '理由', amountChanged: false }));
    expect(e.code).toBe('INVALID_TRANSITION');
    expect(e.field).toBe('state');
    expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('explains who may act when the step exists', () => {
    expect(thrown(() => assertTransition('approved', 'paid', 'beneficiary')).message).toBe('“确认赔付”只能由财务人员或经办人员办理');
    expect(thrown(() => assertTransition('under_review', 'withdrawn', 'staff')).message).toContain('申请人');
  });

  it('names both states when the step does not exist', () => {
    expect(thrown(() => assertTransition('under_review', 'paid', 'finance')).message).toBe('理赔现在是“审核中”，不能直接改为“已赔付（结案）”');
  });

  it('rejects unknown states and actors', () => {
    expect(thrown(() => assertTransition('lost' as ClaimState, 'paid', 'staff')).field).toBe('state');
    expect(thrown(() => assertTransition('approved', 'paid', 'boss' as ClaimActor)).field).toBe('state');
    expect(canTransition('lost' as ClaimState, 'paid', 'staff')).toBe(false);
  });
});

describe('reasons', () => {
  const needReason = CLAIM_TRANSITIONS.filter((t) => t.reasonRequired);

  it('are required for refusing, rejecting and asking for documents', () => {
    expect(needReason.map((t) => t.id).sort()).toEqual(
      ['refuse_report', 'reject', 'reject_waiting', 'request_documents', 'request_more_documents'].sort(),
    );
  });

  it.each(needReason.map((t) => [t.id, t] as const))('%s: missing or blank reason fails', (_id, t) => {
    for (const reason of [undefined, '', '   ', '\u3000\n']) {
      const e = thrown(() => assertTransition(t.from, t.to, 'staff', { reason }));
      expect(e.code).toBe('INVALID_TRANSITION');
      expect(e.field).toBe('reason');
      expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(assertTransition(t.from, t.to, 'staff', { reason: '发票缺失' })).toBe(t);
  });

  it('asking for documents says what to write', () => {
    expect(thrown(() => assertTransition('accepted', 'waiting_documents', 'staff')).message).toBe('请写明还缺哪些材料');
  });

  it('approval needs a reason only when the amount was changed', () => {
    expect(assertTransition('under_review', 'approved', 'staff').id).toBe('approve');
    expect(assertTransition('under_review', 'approved', 'staff', { amountChanged: false }).id).toBe('approve');
    const e = thrown(() => assertTransition('under_review', 'approved', 'staff', { amountChanged: true, reason: ' ' }));
    expect(e.field).toBe('reason');
    expect(e.message).toContain('估算');
    expect(assertTransition('under_review', 'approved', 'staff', { amountChanged: true, reason: '扣除自费药' }).id).toBe('approve');
  });

  it('amountChanged does not make a reason necessary elsewhere', () => {
    expect(assertTransition('approved', 'paid', 'finance', { amountChanged: true }).id).toBe('pay');
  });
});

describe('terminal states', () => {
  it.each(TERMINAL)('%s is closed', (s) => {
    expect(isTerminal(s)).toBe(true);
    for (const a of ACTORS) expect(allowedTransitions(s, a)).toEqual([]);
    expect(CLAIM_TRANSITIONS.some((t) => t.from === s)).toBe(false);
    for (const to of STATES) {
      for (const a of ACTORS) {
        const e = thrown(() => assertTransition(s, to, a, { reason: '理由' }));
        expect(e.field).toBe('state');
        expect(e.message).toContain('已经结束');
      }
    }
  });

  it('the others are open', () => {
    for (const s of STATES.filter((x) => !TERMINAL.includes(x))) {
      expect(isTerminal(s)).toBe(false);
      expect(ACTORS.some((a) => allowedTransitions(s, a).length > 0)).toBe(true);
    }
  });
});

describe('random walks', () => {
  function reachableFrom(start: ClaimState): Set<ClaimState> {
    const seen = new Set<ClaimState>([start]);
    const queue = [start];
    while (queue.length) {
      const s = queue.shift()!;
      for (const t of CLAIM_TRANSITIONS) {
        if (t.from === s && !seen.has(t.to)) {
          seen.add(t.to);
          queue.push(t.to);
        }
      }
    }
    return seen;
  }
  const fromStart = reachableFrom('reported');

  it('every state is reachable from reported, and every state can still end', () => {
    expect([...fromStart].sort()).toEqual([...STATES].sort());
    for (const s of STATES) expect([...reachableFrom(s)].some((x) => isTerminal(x))).toBe(true);
  });

  it('a walk of random actions stays on the graph', () => {
    const step = fc.record({
      actor: fc.constantFrom(...ACTORS),
      pick: fc.nat(),
      to: fc.constantFrom(...STATES),
      tryForbidden: fc.boolean(),
      amountChanged: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let state: ClaimState = 'reported';
        const visited: ClaimState[] = [state];
        for (const s of steps) {
          if (s.tryForbidden) {
            // any attempt either is a declared step or is refused, and leaves the state alone when refused
            const ok = canTransition(state, s.to, s.actor);
            if (!ok) {
              expect(() => assertTransition(state, s.to, s.actor, { reason: '理由' })).toThrow(EngineError);
              continue;
            }
            expect(CLAIM_TRANSITIONS.some((t) => t.from === state && t.to === s.to && t.actors.includes(s.actor))).toBe(true);
            state = assertTransition(state, s.to, s.actor, { reason: '理由', amountChanged: s.amountChanged }).to;
          } else {
            const options = allowedTransitions(state, s.actor);
            if (isTerminal(state)) expect(options).toEqual([]);
            if (options.length === 0) continue;
            const t = options[s.pick % options.length];
            expect(CLAIM_TRANSITIONS).toContain(t);
            expect(t.from).toBe(state);
            expect(t.actors).toContain(s.actor);
            state = assertTransition(state, t.to, s.actor, { reason: '理由', amountChanged: s.amountChanged }).to;
          }
          visited.push(state);
        }
        for (const v of visited) expect(fromStart.has(v)).toBe(true);
        // once terminal, the walk never moves again
        const firstEnd = visited.findIndex((v) => isTerminal(v));
        if (firstEnd >= 0) expect(visited.length).toBe(firstEnd + 1);
        expect(isTerminal(state) || [...reachableFrom(state)].some((x) => isTerminal(x))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
