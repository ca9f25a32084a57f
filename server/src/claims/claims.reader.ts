import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { allowedTransitions, dueStatus, listSchemes, stateInfo, type ClaimState, type DueStatus } from '@huimin/shared';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { AccessService, notFound } from '../auth/access.service';
import type { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { WorkCalendar } from '../common/work-calendar';
import { effectivePersonId } from '../coverage/effective-person';
import type { EstimateResponseDto } from '../estimates/dto/estimate-response.dto';
import { District } from '../geo/district.entity';
import { Person } from '../people/person.entity';
import { Attachment } from '../attachments/attachment.entity';
import { ClaimDispute } from './claim-dispute.entity';
import { disputeView } from './claim-dispute.view';
import { ClaimDocument } from './claim-document.entity';
import { ClaimEvent } from './claim-event.entity';
import { Claim } from './claim.entity';
import type { ListClaimsQueryDto } from './dto/claim-requests.dto';
import type { ClaimDetailDto, ClaimListDto, ClaimSummaryDto, ClaimTimelineEntryDto } from './dto/claim-response.dto';

/** States in which the payout deadline still runs (not yet paid, not finished otherwise). */
export const OPEN_STATES: ClaimState[] = ['reported', 'accepted', 'waiting_documents', 'under_review', 'approved'];
const CLOSED_STATES: ClaimState[] = ['rejected', 'paid', 'withdrawn'];

const DOCUMENT_LABELS: Record<string, string> = { missing: '还没交', received: '已收到', accepted: '已核验', rejected: '需要重交' };
const ACTOR_LABELS: Record<string, string> = {
  beneficiary: '本人',
  proxy: '受托人（代办）',
  caseworker: '社区工作人员',
  adjuster: '保险公司理赔人员',
  finance: '财务人员',
  admin: '管理员',
  system: '系统',
};

function actorOf(role: AuthUser['role']): 'beneficiary' | 'staff' | 'finance' | null {
  if (role === 'beneficiary') return 'beneficiary';
  if (role === 'caseworker' || role === 'adjuster') return 'staff';
  if (role === 'finance') return 'finance';
  return null;
}

function names(schemeId: string, versionId: string, benefitId: string): { schemeName: string; benefitName: string } {
  const scheme = listSchemes().find((s) => s.id === schemeId);
  const benefit = scheme?.versions.find((v) => v.id === versionId)?.benefits.find((b) => b.id === benefitId);
  return { schemeName: scheme?.shortName ?? scheme?.name ?? schemeId, benefitName: benefit?.name ?? benefitId };
}

/** Reads of claims, each checked against the caller: own (or acted-for) claims; staff their districts. */
@Injectable()
export class ClaimsReader {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly calendar: WorkCalendar,
  ) {}

  /** The claim if the caller may see it; otherwise 404, exactly as if it did not exist. */
  async visibleClaim(user: AuthUser, claimId: number, m: EntityManager = this.ds.manager): Promise<Claim> {
    const claim = await m.getRepository(Claim).findOneBy({ id: claimId });
    if (!claim || !(await this.maySee(user, claim))) throw notFound('claim');
    return claim;
  }

  /** The same check as visibleClaim, on a claim in hand (e.g. one just written): 404 when the caller may not see it. */
  async assertVisible(user: AuthUser, claim: Claim): Promise<void> {
    if (!(await this.maySee(user, claim))) throw notFound('claim');
  }

  private async maySee(user: AuthUser, claim: Claim): Promise<boolean> {
    if (user.role === 'admin' || user.role === 'finance') return true;
    if (AccessService.isDistrictScoped(user)) return user.districtIds.includes(claim.districtId);
    if (user.role === 'beneficiary') return claim.personId === effectivePersonId(user);
    return false;
  }

  private dueStatusOf(c: Pick<Claim, 'dueDate' | 'state'>): DueStatus | undefined {
    if (!c.dueDate || !OPEN_STATES.includes(c.state)) return undefined;
    try {
      return dueStatus(c.dueDate, this.clock.today(), this.calendar.get());
    } catch {
      return c.dueDate < this.clock.today() ? 'overdue' : undefined;
    }
  }

  async detail(user: AuthUser, claimId: number, m: EntityManager = this.ds.manager): Promise<ClaimDetailDto> {
    const c = await this.visibleClaim(user, claimId, m);
    const staff = user.role !== 'beneficiary';
    const [docs, events, district, person, disputes, files] = await Promise.all([
      m.getRepository(ClaimDocument).find({ where: { claimId }, order: { position: 'ASC' } }),
      m.getRepository(ClaimEvent).find({ where: { claimId }, order: { id: 'ASC' } }),
      m.getRepository(District).findOne({ where: { id: c.districtId }, select: { id: true, name: true } }),
      staff ? m.getRepository(Person).findOne({ where: { id: c.personId }, select: { id: true, name: true } }) : null,
      m.getRepository(ClaimDispute).find({ where: { claimId }, order: { id: 'ASC' } }),
      m.getRepository(Attachment).find({ where: { claimId }, order: { id: 'ASC' }, select: { id: true, documentId: true, mime: true, byteSize: true, thumbKey: true, createdAt: true } }),
    ]);
    return this.detailOf(user, c, docs, events, district?.name ?? '', person?.name, disputes, files);
  }

  /**
   * The detail from rows in hand: detail() after reading them, or the report right after writing them (the
   * claim as saved, its checklist in position order, its history in id order). The caller must have checked
   * that the user may see the claim. personName is only shown to staff.
   */
  detailOf(
    user: AuthUser,
    c: Claim,
    docs: ClaimDocument[],
    events: ClaimEvent[],
    districtName: string,
    personName: string | undefined,
    disputes: ClaimDispute[] = [],
    files: Pick<Attachment, 'id' | 'documentId' | 'mime' | 'byteSize' | 'thumbKey' | 'createdAt'>[] = [],
  ): ClaimDetailDto {
    const staff = user.role !== 'beneficiary';
    const actor = actorOf(user.role);
    const deadline = c.deadline ? (JSON.parse(c.deadline) as string[]) : [];
    return {
      ...this.summary(c, docs.filter((d) => d.status === 'missing' || d.status === 'rejected').length, districtName, staff ? personName : undefined),
      insuranceYear: c.insuranceYear,
      place: c.place,
      description: c.description,
      facts: JSON.parse(c.facts) as Record<string, unknown>,
      source: c.source,
      ...(c.estimate ? { estimate: JSON.parse(c.estimate) as EstimateResponseDto } : {}),
      amountChangeReason: c.amountChangeReason,
      decisionReason: c.decisionReason,
      documents: docs.map((d) => ({
        documentId: d.documentId,
        name: d.name,
        ...(d.note ? { note: d.note } : {}),
        status: d.status,
        statusLabel: DOCUMENT_LABELS[d.status],
        ...(d.reviewNote ? { reviewNote: d.reviewNote } : {}),
        attachments: files
          .filter((f) => f.documentId === d.documentId)
          .map((f) => ({
            id: f.id,
            mime: f.mime,
            byteSize: f.byteSize,
            contentUrl: `/api/attachments/${f.id}/content`,
            thumbnailUrl: f.thumbKey ? `/api/attachments/${f.id}/thumbnail` : null,
            createdAt: new Date(f.createdAt).toISOString(),
          })),
      })),
      documentsCompleteOn: c.documentsCompleteOn,
      deadline: {
        dueDate: c.dueDate,
        ...(this.dueStatusOf(c) ? { dueStatus: this.dueStatusOf(c) } : {}),
        explanation: c.documentsCompleteOn ? deadline : ['材料齐全后开始计算赔付期限'],
      },
      timeline: events.map((e): ClaimTimelineEntryDto => ({
        id: e.id,
        at: e.createdAt.toISOString(),
        label: e.label,
        type: e.type,
        fromState: e.fromState,
        toState: e.toState,
        actor: ACTOR_LABELS[e.actorRole] ?? e.actorRole,
        ...(e.onBehalfOfPersonId != null ? { onBehalf: true } : {}),
        ...(e.reason ? { reason: e.reason } : {}),
        ...(e.amount ? { amount: e.amount.toFixed(2) } : {}),
      })),
      actions: actor
        ? allowedTransitions(c.state, actor).map((t) => ({
            to: t.to,
            label: t.label,
            reasonRequired: t.reasonRequired,
            ...(t.reasonHint ? { reasonHint: t.reasonHint } : {}),
            ...(t.reasonIfAmountChanged ? { reasonIfAmountChanged: true } : {}),
            ...(t.recordsAmount ? { recordsAmount: true } : {}),
          }))
        : [],
      disputes: disputes.map((d) => disputeView(d, c.claimNo, this.clock.today())),
      canDispute: user.role === 'beneficiary' && stateInfo(c.state).decided && !disputes.some((d) => d.state === 'open'),
      decidedAt: c.decidedAt ? c.decidedAt.toISOString() : null,
      paidAt: c.paidAt ? c.paidAt.toISOString() : null,
      paymentRef: c.paymentRef,
    };
  }

  private summary(c: Claim, missing: number, districtName: string, personName?: string): ClaimSummaryDto {
    const info = stateInfo(c.state);
    const due = this.dueStatusOf(c);
    return {
      id: c.id,
      claimNo: c.claimNo ?? '',
      personId: c.personId,
      ...(personName !== undefined ? { personName } : {}),
      districtId: c.districtId,
      districtName,
      schemeId: c.schemeId,
      ...names(c.schemeId, c.versionId, c.benefitId),
      benefitId: c.benefitId,
      incidentDate: c.incidentDate,
      state: c.state,
      stateLabel: info.label,
      plainLabel: info.plainLabel,
      estimatedPayout: c.estimatedPayout ? c.estimatedPayout.toFixed(2) : null,
      approvedAmount: c.approvedAmount ? c.approvedAmount.toFixed(2) : null,
      documentsMissing: missing,
      dueDate: c.dueDate,
      ...(due ? { dueStatus: due } : {}),
      reportedAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }

  /** Beneficiaries: their claims, newest first. Staff: the queue of their districts, overdue first, then by due date. */
  async list(user: AuthUser, q: ListClaimsQueryDto): Promise<ClaimListDto> {
    const page = q.page ?? 1;
    const pageSize = Math.min(q.pageSize ?? 20, 100);
    const qb = this.ds.getRepository(Claim).createQueryBuilder('c');
    if (user.role === 'beneficiary') {
      qb.where('c.person_id = :pid', { pid: effectivePersonId(user) });
    } else if (AccessService.isDistrictScoped(user)) {
      if (!user.districtIds.length) return { items: [], total: 0, page, pageSize };
      qb.where('c.district_id IN (:...dids)', { dids: user.districtIds });
    } else {
      qb.where('1 = 1');
    }
    if (q.personId !== undefined && user.role !== 'beneficiary') qb.andWhere('c.person_id = :fp', { fp: q.personId });
    if (q.state) qb.andWhere('c.state = :state', { state: q.state });
    if (q.scope) qb.andWhere('c.state IN (:...scopeStates)', { scopeStates: q.scope === 'open' ? OPEN_STATES : CLOSED_STATES });
    if (q.schemeId) qb.andWhere('c.scheme_id = :sid', { sid: q.schemeId });
    const today = this.clock.today();
    if (q.due) {
      qb.andWhere('c.state IN (:...openStates)', { openStates: OPEN_STATES }).andWhere('c.due_date IS NOT NULL');
      if (q.due === 'overdue') qb.andWhere('c.due_date < :today', { today });
      else {
        let soon = today;
        try {
          soon = this.calendar.get().addWorkingDays(today, 1);
        } catch {
          /* a year without holiday data: today only */
        }
        qb.andWhere(new Brackets((w) => w.where('c.due_date >= :today', { today }).andWhere('c.due_date <= :soon', { soon })));
      }
    }
    if (user.role === 'beneficiary') {
      qb.orderBy('c.id', 'DESC');
    } else {
      qb.setParameter('openList', OPEN_STATES)
        .setParameter('todayOrder', today)
        .orderBy('CASE WHEN c.state IN (:...openList) AND c.due_date IS NOT NULL AND c.due_date < :todayOrder THEN 0 WHEN c.state IN (:...openList) THEN 1 ELSE 2 END', 'ASC')
        .addOrderBy('CASE WHEN c.due_date IS NULL THEN 1 ELSE 0 END', 'ASC')
        .addOrderBy('c.due_date', 'ASC')
        .addOrderBy('c.id', 'DESC');
    }
    const [rows, total] = await qb.skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    const ids = rows.map((r) => r.id);
    const missing = new Map<number, number>();
    const districts = new Map<number, string>();
    const people = new Map<number, string>();
    if (ids.length) {
      const counts: { claimId: number; n: number }[] = await this.ds
        .getRepository(ClaimDocument)
        .createQueryBuilder('d')
        .select('d.claim_id', 'claimId')
        .addSelect('COUNT(*)', 'n')
        .where('d.claim_id IN (:...ids)', { ids })
        .andWhere("d.status IN ('missing', 'rejected')")
        .groupBy('d.claim_id')
        .getRawMany();
      for (const r of counts) missing.set(Number(r.claimId), Number(r.n));
      for (const d of await this.ds.getRepository(District).find({ where: { id: In([...new Set(rows.map((r) => r.districtId))]) }, select: { id: true, name: true } })) districts.set(d.id, d.name);
      if (user.role !== 'beneficiary') {
        for (const p of await this.ds.getRepository(Person).find({ where: { id: In([...new Set(rows.map((r) => r.personId))]) }, select: { id: true, name: true } })) people.set(p.id, p.name);
      }
    }
    return {
      items: rows.map((r) => this.summary(r, missing.get(r.id) ?? 0, districts.get(r.districtId) ?? '', user.role !== 'beneficiary' ? people.get(r.personId) : undefined)),
      total,
      page,
      pageSize,
    };
  }
}
