import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  estimate,
  findVersion,
  insuranceYearOn,
  isEngineError,
  listSchemes,
  type EstimateResult,
  type SchemeDefinition,
  type UsedSoFar,
} from '@huimin/shared';
import { DataSource } from 'typeorm';
import { AccessService } from '../auth/access.service';
import { ValidationFailedException } from '../common/validation/validation';
import { ledgerSubject } from '../coverage/coverage.service';
import { ActingUser, effectivePersonId } from '../coverage/effective-person';
import { deadlineInWords, sourceOf, telLink } from '../schemes/plain-words';
import { toDocuments } from '../schemes/scheme.mapper';
import { AnnualUsage } from '../usage/annual-usage.entity';
import { EstimateRequestDto } from './dto/estimate-request.dto';
import { EstimateResponseDto } from './dto/estimate-response.dto';
import { LoadedPerson, PersonFactsService } from './person-facts.service';

/**
 * Estimates for a real person: the engine's PersonFacts and the yearly ledger come from the database,
 * never from the request. Beneficiaries estimate for themselves (or whom they act for); caseworkers and
 * adjusters for people of their districts (anyone else: 404, as if the person did not exist).
 */
@Injectable()
export class EstimatesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly people: PersonFactsService,
  ) {}

  async estimate(user: ActingUser, req: EstimateRequestDto): Promise<EstimateResponseDto> {
    const personId = await this.whose(user, req.personId);
    const person = await this.people.load(personId);
    const used = await this.usedSoFar(person, req);
    let result: EstimateResult;
    try {
      result = estimate({ schemeId: req.schemeId, benefitId: req.benefitId, incidentDate: req.incidentDate, person: person.facts, facts: req.facts, used });
    } catch (e) {
      if (isEngineError(e)) {
        throw new BadRequestException({
          statusCode: 400,
          code: e.code,
          message: e.message,
          errors: [{ field: e.field ?? 'request', message: e.message }],
        });
      }
      throw e;
    }
    return toResponse(person.id, result, listSchemes().find((s) => s.id === result.schemeId)!);
  }

  private async whose(user: ActingUser, requested: number | undefined): Promise<number> {
    if (user.role === 'beneficiary') {
      const own = effectivePersonId(user);
      if (requested === undefined || requested === own) return own;
      await this.access.assertCanSeePerson(user, requested);
      return requested;
    }
    if (requested === undefined) {
      throw new ValidationFailedException([{ field: 'personId', message: '请选择要估算的参保人' }]);
    }
    await this.access.assertCanSeePerson(user, requested);
    return requested;
  }

  /** This insurance year's ledger for the benefit (person, or household for household benefits). */
  private async usedSoFar(person: LoadedPerson, req: EstimateRequestDto): Promise<UsedSoFar | undefined> {
    const scheme = listSchemes().find((s) => s.id === req.schemeId);
    if (!scheme || !/^\d{4}-\d{2}-\d{2}$/.test(req.incidentDate)) return undefined; // the engine names the error
    const version = findVersion(scheme, req.incidentDate);
    const benefit = version?.benefits.find((b) => b.id === req.benefitId);
    if (!version || !benefit) return undefined;
    const year = Number(insuranceYearOn(version, req.incidentDate).id);
    const { key } = ledgerSubject(benefit.unit, person);
    const rows = await this.ds.getRepository(AnnualUsage).find({
      where: { subjectKey: key, schemeId: scheme.id, benefitCode: benefit.id },
      select: { year: true, baseUsed: true, paid: true },
    });
    const thisYear = rows.find((r) => r.year === year);
    // TODO(claims): counts and granted options come from the claims table once it exists; until then a
    // ledger with a payout stands for one paid claim (enough for once-per-year and once-per-person benefits).
    const paidYears = rows.filter((r) => r.paid.gt(0)).length;
    return {
      base: thisYear ? thisYear.baseUsed.toFixed(2) : '0.00',
      paid: thisYear ? thisYear.paid.toFixed(2) : '0.00',
      claimsThisYear: thisYear && thisYear.paid.gt(0) ? 1 : 0,
      claimsEver: paidYears,
    };
  }
}

function toResponse(personId: number, r: EstimateResult, scheme: SchemeDefinition): EstimateResponseDto {
  const benefit = r.versionId
    ? scheme.versions.find((v) => v.id === r.versionId)?.benefits.find((b) => b.id === r.benefitId)
    : undefined;
  return {
    personId,
    schemeId: r.schemeId,
    schemeName: r.schemeName,
    ...(r.versionId ? { versionId: r.versionId } : {}),
    benefitId: r.benefitId,
    ...(r.benefitName ? { benefitName: r.benefitName } : {}),
    incidentDate: r.incidentDate,
    ...(r.insuranceYear ? { insuranceYear: r.insuranceYear } : {}),
    covered: r.covered,
    payout: r.payout,
    breakdown: r.breakdown.map((l) => ({
      kind: l.kind,
      text: l.text,
      ...(l.amount !== undefined ? { amount: l.amount } : {}),
      ...(l.source ? { source: l.source } : {}),
    })),
    reasons: r.reasons.map((x) => ({
      ok: x.ok,
      code: x.code,
      message: x.message,
      ...(x.field ? { field: x.field } : {}),
      ...(x.clause ? { source: sourceOf(scheme, x.clause) } : {}),
    })),
    ...(r.ledger
      ? {
          ledger: {
            unit: r.ledger.unit,
            insuranceYear: r.ledger.insuranceYear,
            base: { before: r.ledger.base.before, claim: r.ledger.base.claim, after: r.ledger.base.after },
            paid: { before: r.ledger.paid.before, after: r.ledger.paid.after },
            ...(r.ledger.annualCap ? { annualCap: r.ledger.annualCap } : {}),
            ...(r.ledger.capLeftAfter ? { capLeftAfter: r.ledger.capLeftAfter } : {}),
          },
        }
      : {}),
    ...(r.deadline ? { deadline: deadlineInWords(r.deadline) } : {}),
    // The full list for the benefit (一次性告知), with conditional ones marked; the engine's list is already filtered by the facts.
    documents: benefit ? toDocuments({ ...benefit, documents: r.documents }) : r.documents.map((d) => ({ id: d.id, name: d.name, ...(d.note ? { note: d.note } : {}) })),
    ...(r.insurer ? { insurer: { name: r.insurer.name, hotline: r.insurer.hotline, telLink: telLink(r.insurer.hotline) } } : {}),
  };
}
