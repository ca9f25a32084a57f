/**
 * Demo data of the 沪惠保 subsidy (SEED_DEMO only, never production): 周建华 (持证残疾人, 七宝镇) bought
 * 沪惠保 through the Minhang QR code on 2024-06-18; the insurer's list had his policy, the engine decided
 * 129 yuan (district 35% / town 65%), he confirmed a bank card, 七宝镇's batch paid it on 2024-08-15.
 * This is the payment the yearly ledger of the demo already shows (huhuibao_subsidy 2024: 129 paid).
 */
import { computePremium, estimate } from '@huimin/shared';
import Decimal from 'decimal.js';
import type { EntityManager } from 'typeorm';
import { PiiCryptoService } from '../common/crypto/pii-crypto.service';
import { maskBankAccount } from '../common/crypto/mask';
import { parsePersonFlags, withFlags } from '../people/person-flags';
import { SubsidyBankAccount } from './entities/bank-account.entity';
import { SubsidyPaymentBatch } from './entities/payment-batch.entity';
import { SubsidyPaymentItem } from './entities/payment-item.entity';
import { HuhuibaoPolicy } from './entities/policy.entity';
import { HuhuibaoSubsidy } from './entities/subsidy.entity';
import { ACCOUNT_CONTEXT } from './me-subsidy.service';
import { storedReasons } from './matching.service';
import { dateStr } from './sql';
import { MINHANG_SCHEME, SUBSIDY_BENEFIT } from './subsidy-access';

/** A demo UnionPay card (Luhn-valid; not a real account). */
export const DEMO_CARD = '6217001234567890125';

export async function loadSubsidyDemo(m: EntityManager, pii: PiiCryptoService, personId: number): Promise<void> {
  const [p] = (await m.query(
    'SELECT p.name AS name, p.id_number_enc AS enc, p.birth_date AS birthDate, p.flags AS flags, p.district_id AS districtId, d.name AS area FROM `person` p JOIN `district` d ON d.id = p.district_id WHERE p.id = ?',
    [personId],
  )) as Record<string, unknown>[];
  const identities = (await m.query('SELECT category_code AS code, valid_from AS validFrom, valid_to AS validTo FROM `identity` WHERE person_id = ?', [personId])) as Record<string, unknown>[];
  const facts = withFlags(
    {
      birthDate: dateStr(p.birthDate)!,
      area: String(p.area),
      identities: identities.map((i) => ({ code: String(i.code), validFrom: dateStr(i.validFrom)!, ...(i.validTo ? { validTo: dateStr(i.validTo)! } : {}) })),
    },
    parsePersonFlags(p.flags),
  );
  const policyNo = 'HHB2024DEMO0001';
  const r = estimate({
    schemeId: MINHANG_SCHEME,
    benefitId: SUBSIDY_BENEFIT,
    incidentDate: '2024-06-18',
    person: facts,
    facts: { policyNo, purchaseDate: '2024-06-18', policyIssued: true, groupPolicy: false, viaMinhangLink: true },
  });
  if (!r.covered) return; // the demo data changed: no subsidy to show
  const id = pii.protectIdNumber(pii.decrypt(String(p.enc), 'person.id_number'));
  const policy = await m.getRepository(HuhuibaoPolicy).insert({
    policyNo, holderName: String(p.name), idNumberEnc: id.enc, idNumberHash: id.hash, idNumberMasked: id.masked, personId,
    groupPolicy: false, viaMinhangLink: true, purchaseDate: '2024-06-18', issueDate: '2024-06-20', premium: new Decimal('129.00'), policyYear: 2024, importId: null,
  });
  const split = computePremium({ schemeId: MINHANG_SCHEME, year: '2024', area: facts.area, subsidies: 1 }).items[0].payers;
  const accountEnc = pii.encrypt(DEMO_CARD, ACCOUNT_CONTEXT);
  await m.getRepository(SubsidyBankAccount).insert({ personId, bankName: '上海农商银行', holderName: String(p.name), accountEnc, accountMasked: maskBankAccount(DEMO_CARD), confirmedByUserId: null });
  const batch = await m.getRepository(SubsidyPaymentBatch).insert({
    districtId: Number(p.districtId), policyYear: 2024, status: 'settled', itemCount: 1, totalAmount: new Decimal(r.payout), createdById: null,
    exportedAt: new Date('2024-08-12T10:00:00+08:00'), settledAt: new Date('2024-08-15T16:00:00+08:00'),
  });
  const batchId = batch.identifiers[0].id as number;
  const sub = await m.getRepository(HuhuibaoSubsidy).insert({
    policyId: policy.identifiers[0].id as number, personId, policyYear: 2024, decision: 'eligible', amount: new Decimal(r.payout), reasons: storedReasons(r.reasons),
    districtId: Number(p.districtId), payers: split.map((x) => ({ payer: x.payer, ...(x.share ? { share: x.share } : {}), amount: x.amount })),
    grantKey: `p:${personId}:2024`, status: 'paid', failureReason: null, batchId, paidOn: '2024-08-15', matchedAt: new Date('2024-08-01T09:00:00+08:00'),
  });
  await m.getRepository(SubsidyPaymentItem).insert({
    batchId, subsidyId: sub.identifiers[0].id as number, openSubsidyId: null, personId, amount: new Decimal(r.payout), holderName: String(p.name), bankName: '上海农商银行',
    accountEnc, accountMasked: maskBankAccount(DEMO_CARD), result: 'paid', failureReason: null, paidOn: '2024-08-15', resultAt: new Date('2024-08-15T16:00:00+08:00'),
  });
}
