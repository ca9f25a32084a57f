import { listSchemes } from '@huimin/shared';
import { DataSource, EntityManager } from 'typeorm';
import type { ClaimEventMessage } from '../claims/claim-events.bus';
import { ClaimEvent } from '../claims/claim-event.entity';

/** A claim_event row with the few claim columns the feeds need (no join to person: no names). */
export type FeedRow = ClaimEvent & { claim: { id: number; claimNo: string | null; schemeId: string; versionId: string; benefitId: string } };

/** The claim_event query every feed starts from: the event and its claim's number, scheme and benefit. */
export function feedQuery(m: DataSource | EntityManager) {
  return m
    .getRepository(ClaimEvent)
    .createQueryBuilder('e')
    .innerJoin('e.claim', 'c')
    .addSelect(['c.id', 'c.claimNo', 'c.schemeId', 'c.versionId', 'c.benefitId']);
}

/** The same message the bus publishes live, rebuilt from the durable row (for replay). */
export function toMessage(r: FeedRow): ClaimEventMessage {
  return {
    id: r.id,
    claimId: r.claimId,
    claimNo: r.claim.claimNo,
    personId: r.personId,
    districtId: r.districtId,
    schemeId: r.claim.schemeId,
    benefitId: r.claim.benefitId,
    type: r.type,
    action: r.action,
    label: r.label,
    fromState: r.fromState,
    toState: r.toState,
    actorRole: r.actorRole,
    reason: r.reason,
    amount: r.amount ? r.amount.toFixed(2) : null,
    at: r.createdAt.toISOString(),
  };
}

/** Scheme short name and benefit name as people read them. */
export function claimNames(schemeId: string, versionId: string, benefitId: string): { schemeName: string; benefitName: string } {
  const scheme = listSchemes().find((s) => s.id === schemeId);
  const version = scheme?.versions.find((v) => v.id === versionId) ?? scheme?.versions.at(-1);
  const benefit = version?.benefits.find((b) => b.id === benefitId);
  return { schemeName: scheme?.shortName ?? scheme?.name ?? schemeId, benefitName: benefit?.name ?? benefitId };
}
