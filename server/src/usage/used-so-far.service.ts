import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { findVersion, insuranceYearOn, isIsoDate, type BenefitDef, type SchemeDefinition, type SchemeVersion, type UsedSoFar } from '@huimin/shared';
import { DataSource, EntityManager } from 'typeorm';
import { decimalTransformer } from '../common/money/decimal.transformer';
import { runStatements, type Statement } from '../database/sql-batch';

/** Claims that count against limits: decided with a payout. */
export const COUNTED_STATES = ['approved', 'paid'] as const;

export interface UsageSubject {
  id: number;
  householdId: number | null;
}

export interface UsedSoFarResult {
  used: UsedSoFar;
  year: number;
  /** 'p:<person>' or 'h:<household>' (the ledger row's subject). */
  subjectKey: string;
  ledger: 'person' | 'household';
}

/** Whose ledger a benefit uses: the household's for household benefits (when the person has one). */
export function ledgerSubject(unit: BenefitDef['unit'], p: UsageSubject): { key: string; ledger: 'person' | 'household' } {
  return unit === 'household' && p.householdId != null ? { key: `h:${p.householdId}`, ledger: 'household' } : { key: `p:${p.id}`, ledger: 'person' };
}

/**
 * What the engine needs to know of earlier claims: this insurance year's ledger (deductible base used,
 * payouts approved or paid) and the counts and options of approved or paid claims. One place, so the
 * estimate a beneficiary sees and the approval a caseworker makes read the same history.
 */
@Injectable()
export class UsedSoFarService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async forClaim(
    subject: UsageSubject,
    scheme: SchemeDefinition,
    version: SchemeVersion,
    benefit: BenefitDef,
    incidentDate: string,
    opts: { excludeClaimId?: number; manager?: EntityManager } = {},
  ): Promise<UsedSoFarResult> {
    const q = this.forClaimStatements(subject, scheme, version, benefit, incidentDate, opts);
    return q.result(await runStatements(opts.manager ?? this.ds.manager, q.statements));
  }

  /**
   * forClaim() as two statements and how to read their results, to send in one round trip with other reads
   * (database/sql-batch.ts).
   */
  forClaimStatements(
    subject: UsageSubject,
    scheme: SchemeDefinition,
    version: SchemeVersion,
    benefit: BenefitDef,
    incidentDate: string,
    opts: { excludeClaimId?: number } = {},
  ): { statements: [Statement, Statement]; result: (raws: unknown[]) => UsedSoFarResult } {
    const year = Number(insuranceYearOn(version, incidentDate).id);
    const { key, ledger } = ledgerSubject(benefit.unit, subject);
    // Plain SQL (backticks and `?` on both dialects): every estimate, report and approval reads these two.
    const statements: [Statement, Statement] = [
      {
        sql: 'SELECT base_used AS baseUsed, paid FROM `annual_usage` WHERE subject_key = ? AND scheme_id = ? AND benefit_code = ? AND year = ?',
        params: [key, scheme.id, benefit.id, year],
      },
      {
        sql:
          `SELECT insurance_year AS insuranceYear, granted_option AS grantedOption FROM \`claim\` WHERE ${ledger === 'household' ? 'household_id' : 'person_id'} = ? ` +
          `AND scheme_id = ? AND benefit_id = ? AND state IN (${COUNTED_STATES.map(() => '?').join(', ')})${opts.excludeClaimId ? ' AND id <> ?' : ''}`,
        params: [ledger === 'household' ? subject.householdId! : subject.id, scheme.id, benefit.id, ...COUNTED_STATES, ...(opts.excludeClaimId ? [opts.excludeClaimId] : [])],
      },
    ];
    const result = (raws: unknown[]): UsedSoFarResult => {
      const [row] = raws[0] as { baseUsed: string | number; paid: string | number }[];
      const claims = raws[1] as { insuranceYear: number | string; grantedOption: string | null }[];
      const options = [...new Set(claims.map((c) => c.grantedOption).filter((o): o is string => !!o))];
      return {
        year,
        subjectKey: key,
        ledger,
        used: {
          base: row ? decimalTransformer.from(row.baseUsed)!.toFixed(2) : '0.00',
          paid: row ? decimalTransformer.from(row.paid)!.toFixed(2) : '0.00',
          claimsThisYear: claims.filter((c) => Number(c.insuranceYear) === year).length,
          claimsEver: claims.length,
          ...(options.length ? { optionsGranted: options } : {}),
        },
      };
    };
    return { statements, result };
  }

  /** For a request that may name an unknown scheme, benefit or date: undefined lets the engine name the error. */
  async forRequest(subject: UsageSubject, scheme: SchemeDefinition | undefined, benefitId: string, incidentDate: string, manager?: EntityManager): Promise<UsedSoFar | undefined> {
    if (!scheme || !isIsoDate(incidentDate)) return undefined;
    const version = findVersion(scheme, incidentDate);
    const benefit = version?.benefits.find((b) => b.id === benefitId);
    if (!version || !benefit) return undefined;
    return (await this.forClaim(subject, scheme, version, benefit, incidentDate, { manager })).used;
  }
}
