import { BadRequestException, Injectable } from '@nestjs/common';
import {
  estimate,
  isEngineError,
  listSchemes,
  type EstimateResult,
  type SchemeDefinition,
} from '@huimin/shared';
import { AccessService } from '../auth/access.service';
import { ValidationFailedException } from '../common/validation/validation';
import { ActingUser, effectivePersonId } from '../coverage/effective-person';
import { deadlineInWords, sourceOf, telLink } from '../schemes/plain-words';
import { toDocuments } from '../schemes/scheme.mapper';
import { UsedSoFarService } from '../usage/used-so-far.service';
import { EstimateRequestDto } from './dto/estimate-request.dto';
import { EstimateResponseDto } from './dto/estimate-response.dto';
import { PersonFactsService } from './person-facts.service';

/**
 * Estimates for a real person: the engine's PersonFacts and the yearly ledger come from the database,
 * never from the request. Beneficiaries estimate for themselves (or whom they act for); caseworkers and
 * adjusters for people of their districts (anyone else: 404, as if the person did not exist).
 */
@Injectable()
export class EstimatesService {
  constructor(
    private readonly access: AccessService,
    private readonly people: PersonFactsService,
    private readonly usedSoFar: UsedSoFarService,
  ) {}

  async estimate(user: ActingUser, req: EstimateRequestDto): Promise<EstimateResponseDto> {
    const personId = await this.whose(user, req.personId);
    const person = await this.people.load(personId);
    const used = await this.usedSoFar.forRequest(person, listSchemes().find((s) => s.id === req.schemeId), req.benefitId, req.incidentDate);
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
    return toEstimateResponse(person.id, result, listSchemes().find((s) => s.id === result.schemeId)!);
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
}

export function toEstimateResponse(personId: number, r: EstimateResult, scheme: SchemeDefinition): EstimateResponseDto {
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
