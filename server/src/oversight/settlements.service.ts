/**
 * Year-end settlement statements (风险分担结算单) per county, by the engine's computeRiskSharing:
 * - Zhumadian (五、风险分担调节机制): claims paid C against premium P: below 85% P the rest of 85% P goes back to
 *   the county's finance; otherwise the insurer bears C − 85% P up to 15% P and the county tops up C − P.
 * - Jincheng (七、风险共担): simple loss ratio (paid + reported estimates) ÷ net premium; below 80% the
 *   difference × P carries to next year; above 120% the government bears the claims beyond 120% P, split
 *   city:county at the county's premium shares (3:7 or 5:5).
 * Each county is settled on its own premium (each county pays for its own residents and is refunded or tops
 * up on its own); the city line adds the counties' amounts. Before the year ends the statement is provisional.
 */
import { Injectable } from '@nestjs/common';
import { computeRiskSharing, isEngineError, type RiskSharingResult } from '@huimin/shared';
import Decimal from 'decimal.js';
import { Clock } from '../common/clock';
import { ValidationFailedException } from '../common/validation/validation';
import { ClaimsMoneyService, type ClaimsMoneyView } from './claims-money.service';
import type { OversightScope } from './oversight-scope';
import { PremiumsService, type PremiumsView } from './premiums.service';

export interface Statement {
  districtId: number;
  name: string;
  premium: string;
  paid: string;
  /** Reported estimates + approved unpaid (Jincheng counts them; Zhumadian settles on paid claims only). */
  reported: string;
  /** How the premium was computed (the engine's premium lines). */
  premiumLines: string[];
  /** The engine's result: loss ratio, the amounts that move, the arithmetic lines and the clause. */
  result: RiskSharingResult | null;
  /** Why there is no result (e.g. no premium). */
  error: string | null;
}

export interface CityTotals {
  premium: string;
  paid: string;
  reported: string;
  refundToGovernment: string;
  insurerBears: string;
  governmentTopUp: string;
  carryForward: string;
  governmentBears: string;
  governmentSplit: { payer: string; amount: string }[];
}

export interface SettlementsView {
  schemeId: string;
  schemeName: string;
  year: string;
  period: { from: string; to: string };
  level: 'city' | 'districts';
  kind: 'refundAndShare' | 'corridor';
  asOf: string;
  /** false while the insurance year has not ended: the statement shows where the year stands today. */
  final: boolean;
  source: string;
  statements: Statement[];
  total: CityTotals;
}

const AMOUNTS = ['refundToGovernment', 'insurerBears', 'governmentTopUp', 'carryForward', 'governmentBears'] as const;

@Injectable()
export class SettlementsService {
  constructor(
    private readonly premiums: PremiumsService,
    private readonly money: ClaimsMoneyService,
    private readonly clock: Clock,
  ) {}

  async view(scope: OversightScope, pre?: { premiums: PremiumsView; money: ClaimsMoneyView }): Promise<SettlementsView> {
    const { scheme, version, year } = scope;
    const rule = version.riskSharing;
    if (!rule) throw new ValidationFailedException([{ field: 'schemeId', message: `${scheme.name}没有风险分担机制，没有年终结算单` }]);
    const premiums = pre?.premiums ?? (await this.premiums.view(scope));
    const money = pre?.money ?? (await this.money.view(scope, premiums));
    const statements = scope.districts.map((d): Statement => {
      const p = premiums.districts.find((x) => x.districtId === d.id)!;
      const m = money.districts.find((x) => x.districtId === d.id)!;
      const base = { districtId: d.id, name: d.name, premium: p.premiumDue, paid: m.paid.amount, reported: m.outstanding, premiumLines: p.items.flatMap((i) => i.explanation) };
      try {
        const result = computeRiskSharing({ schemeId: scheme.id, year: year.id, premium: p.premiumDue, paid: m.paid.amount, reported: m.outstanding, area: d.name });
        return { ...base, result, error: null };
      } catch (e) {
        if (isEngineError(e)) return { ...base, result: null, error: e.message };
        throw e;
      }
    });
    const sum = (f: (s: Statement) => string | undefined) => statements.reduce((a, s) => a.plus(f(s) ?? '0'), new Decimal(0)).toFixed(2);
    const split = new Map<string, Decimal>();
    for (const s of statements) for (const x of s.result?.governmentSplit ?? []) split.set(x.payer, (split.get(x.payer) ?? new Decimal(0)).plus(x.amount));
    const today = this.clock.today();
    const total: CityTotals = {
      premium: sum((s) => s.premium),
      paid: sum((s) => s.paid),
      reported: sum((s) => s.reported),
      ...(Object.fromEntries(AMOUNTS.map((k) => [k, sum((s) => s.result?.[k])])) as Record<(typeof AMOUNTS)[number], string>),
      governmentSplit: [...split].map(([payer, amount]) => ({ payer, amount: amount.toFixed(2) })),
    };
    return {
      schemeId: scheme.id,
      schemeName: scheme.name,
      year: year.id,
      period: { from: year.from, to: year.to },
      level: scope.level,
      kind: rule.kind,
      asOf: today,
      final: today > year.to,
      source: statements.find((s) => s.result)?.result?.source ?? '',
      statements,
      total,
    };
  }
}
