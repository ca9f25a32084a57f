import Decimal from 'decimal.js';
import {
  ConflictException,
  ForbiddenException,
  HttpException,
  Injectable,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  assertTransition,
  computeDeadline,
  estimate,
  findVersion,
  isEngineError,
  isIsoDate,
  listSchemes,
  type ClaimActor,
  type ClaimState,
  type DeadlineRule,
  type EstimateResult,
  type SchemeDefinition,
  type UsedSoFar,
} from '@huimin/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, notFound } from '../auth/access.service';
import type { AuthUser } from '../auth/auth-user';
import { AttachmentsService } from '../attachments/attachments.service';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { toMoneyColumnValue } from '../common/money/decimal.transformer';
import { WorkCalendar } from '../common/work-calendar';
import { ValidationFailedException } from '../common/validation/validation';
import { effectivePersonId } from '../coverage/effective-person';
import { insertRows, runStatements, type Statement } from '../database/sql-batch';
import { toEstimateResponse } from '../estimates/estimates.service';
import { LoadedPerson, PersonFactsService } from '../estimates/person-facts.service';
import { IdempotencyService, RetryTransaction, type IdempotentResult, type Prefetch } from '../idempotency/idempotency.service';
import { Person } from '../people/person.entity';
import { AnnualUsageService } from '../usage/annual-usage.service';
import { UsedSoFarService } from '../usage/used-so-far.service';
import { ClaimDocument } from './claim-document.entity';
import { ClaimEvent } from './claim-event.entity';
import { ClaimEventMessage, ClaimEventsBus } from './claim-events.bus';
import { Claim, ClaimSource } from './claim.entity';
import { actorOf, actorRoleOf } from './claim-actors';
import { ClaimFollowupsService } from './claim-followups.service';
import { ClaimsReader } from './claims.reader';
import type { AttachDocumentsDto, ReportClaimDto, ReviewDocumentDto, TransitionClaimDto } from './dto/claim-requests.dto';
import type { ClaimDetailDto } from './dto/claim-response.dto';

function engineToHttp(e: unknown): never {
  if (isEngineError(e)) {
    throw new ValidationFailedException([{ field: e.field ?? 'request', message: e.message }]);
  }
  throw e;
}

/** The columns a report writes (the rest take their defaults or stay NULL until later steps). */
const CLAIM_INSERT = [
  'personId', 'householdId', 'districtId', 'schemeId', 'versionId', 'benefitId', 'insuranceYear', 'incidentDate', 'place', 'description', 'facts',
  'grantedOption', 'state', 'source', 'estimatedPayout', 'estimate', 'reportedByUserId', 'documentsCompleteOn', 'dueDate', 'deadline',
] as const satisfies readonly (keyof Claim)[];
const DOCUMENT_INSERT = ['claimId', 'documentId', 'name', 'note', 'position', 'status', 'reviewNote'] as const satisfies readonly (keyof ClaimDocument)[];
const EVENT_INSERT = [
  'claimId', 'districtId', 'personId', 'type', 'action', 'label', 'fromState', 'toState', 'actorUserId', 'actorRole', 'onBehalfOfPersonId', 'reason', 'amount',
] as const satisfies readonly (keyof ClaimEvent)[];

interface Pending {
  events: ClaimEventMessage[];
}

interface ReportReads {
  person: LoadedPerson;
  /** Undefined when it could not be read up front (a household benefit) or the request names no such benefit. */
  used: UsedSoFar | undefined;
}

interface HistoryEntry {
  type: ClaimEvent['type'];
  action: string;
  label: string;
  fromState: ClaimState | null;
  toState: ClaimState;
  reason?: string | null;
  amount?: Decimal | null;
}

/**
 * Claims from report to payment. Every change is one transaction: the claim row moves with a conditional
 * UPDATE on its state (two people acting at once: one wins, the other gets 409), the history row is
 * written beside it, the yearly ledger is charged at approval with a version-checked UPDATE (two approvals
 * racing a cap: the later one recomputes against the new total), and live listeners hear of it after commit.
 * Every POST that creates a claim or money runs under the caller's Idempotency-Key.
 */
@Injectable()
export class ClaimsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly people: PersonFactsService,
    private readonly usedSoFar: UsedSoFarService,
    private readonly ledger: AnnualUsageService,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly calendar: WorkCalendar,
    private readonly bus: ClaimEventsBus,
    private readonly reader: ClaimsReader,
    private readonly followups: ClaimFollowupsService,
    private readonly attachments: AttachmentsService,
  ) {}

  // ------------------------------------------------------------------ report

  async report(user: AuthUser, dto: ReportClaimDto, key: string | undefined): Promise<IdempotentResult<ClaimDetailDto>> {
    const { personId, source: who } = await this.reporter(user, dto.personId);
    const source: ClaimSource = dto.alertId !== undefined ? 'proactive' : who;
    const pending: Pending = { events: [] };
    const result = await this.idempotency.run(
      { userId: user.userId, scope: 'claims.report', key, request: { ...dto, personId } },
      async (m, reads) => {
        pending.events = []; // a retried transaction starts over
        return { status: 201, body: await this.createClaim(m, user, personId, source, dto, pending, reads) };
      },
      this.reportReads(personId, dto),
    );
    if (!result.replayed) this.bus.publish(pending.events);
    return result;
  }

  private async reporter(user: AuthUser, requested: number | undefined): Promise<{ personId: number; source: ClaimSource }> {
    if (user.role === 'beneficiary') {
      const own = effectivePersonId(user);
      if (requested !== undefined && requested !== own) {
        await this.access.assertCanSeePerson(user, requested);
        return { personId: requested, source: 'proxy' };
      }
      return { personId: own, source: own === user.personId ? 'beneficiary' : 'proxy' };
    }
    if (user.role !== 'caseworker') {
      throw new ForbiddenException({ code: 'FORBIDDEN', message: '只有参保人、受托人或社区工作人员可以报案' });
    }
    if (requested === undefined) throw new ValidationFailedException([{ field: 'personId', message: '请选择为哪位参保人报案' }]);
    await this.access.assertCanSeePerson(user, requested);
    return { personId: requested, source: 'staff' };
  }

  /**
   * What a report reads first: the person, and (when the ledger's subject is known before the person is read,
   * i.e. the benefit is not counted per household) this year's usage. Sent with the idempotency check.
   */
  private reportReads(personId: number, dto: ReportClaimDto): Prefetch<ReportReads> {
    const person = this.people.loadStatement(personId);
    const scheme = listSchemes().find((s) => s.id === dto.schemeId);
    const version = scheme && isIsoDate(dto.incidentDate) ? findVersion(scheme, dto.incidentDate) : undefined;
    const benefit = version?.benefits.find((b) => b.id === dto.benefitId);
    const usage = scheme && version && benefit && benefit.unit !== 'household' ? this.usedSoFar.forClaimStatements({ id: personId, householdId: null }, scheme, version, benefit, dto.incidentDate) : undefined;
    return {
      // The person's rows raw: an unknown person is a 404 only once there is no earlier answer to replay.
      statements: [{ sql: person.sql, params: person.params }, ...(usage?.statements ?? [])],
      read: (results) => ({ person: person.read!(results[0]), used: usage?.result(results.slice(1)).used }),
    };
  }

  /** Writes the claim, its checklist, history and audit; answers with its detail built from what was written (no re-read). */
  private async createClaim(
    m: EntityManager,
    user: AuthUser,
    personId: number,
    source: ClaimSource,
    dto: ReportClaimDto,
    pending: Pending,
    reads: ReportReads | undefined,
  ): Promise<ClaimDetailDto> {
    const person = reads?.person ?? (await this.people.load(personId, m));
    const districtId = person.districtId;
    const scheme = listSchemes().find((s) => s.id === dto.schemeId);
    if (scheme?.kind === 'purchase_subsidy') {
      // A purchase subsidy is matched from the insurer's policy list and paid in batches (server/src/subsidy), not claimed.
      throw new UnprocessableEntityException({
        statusCode: 422,
        code: 'NOT_A_CLAIM',
        message: `“${scheme.shortName}”不用报案：出单后系统自动核对，请在“${scheme.shortName}”页面确认银行卡`,
        errors: [{ field: 'schemeId', message: `“${scheme.shortName}”不用报案` }],
      });
    }
    const used = reads?.used ?? (await this.usedSoFar.forRequest(person, scheme, dto.benefitId, dto.incidentDate, m));
    let r: EstimateResult;
    try {
      r = estimate({ schemeId: dto.schemeId, benefitId: dto.benefitId, incidentDate: dto.incidentDate, person: person.facts, facts: dto.facts, used });
    } catch (e) {
      engineToHttp(e);
    }
    if (dto.incidentDate > this.clock.today()) {
      throw new ValidationFailedException([{ field: 'incidentDate', message: '出险日期不能晚于今天' }]);
    }
    if (!r.covered) {
      const failed = r.reasons.filter((x) => !x.ok);
      throw new UnprocessableEntityException({
        statusCode: 422,
        code: 'CLAIM_NOT_COVERED',
        message: `不能报案：${failed.map((x) => x.message).join('；')}`,
        errors: failed.map((x) => ({ field: x.field ?? 'benefitId', message: x.message, code: x.code })),
      });
    }
    const s = scheme!;
    const version = findVersion(s, dto.incidentDate)!;
    const benefit = version.benefits.find((b) => b.id === dto.benefitId)!;
    const option = benefit.oncePer === 'option' && benefit.formula.kind === 'fixedByOption' ? String(dto.facts[benefit.formula.fact]) : null;
    const today = this.clock.today();
    const estimateDto = toEstimateResponse(personId, r, s);
    const noDocuments = r.documents.length === 0;
    const deadline = noDocuments ? this.deadlineFor(r.deadline, today, r.payout) : null;

    const row = {
      personId,
      householdId: benefit.unit === 'household' ? person.householdId : null,
      districtId,
      schemeId: s.id,
      versionId: version.id,
      benefitId: benefit.id,
      insuranceYear: Number(r.insuranceYear),
      incidentDate: dto.incidentDate,
      place: dto.place?.trim() || null,
      description: dto.description.trim(),
      facts: JSON.stringify(dto.facts),
      grantedOption: option,
      state: 'reported' as const,
      source,
      estimatedPayout: new Decimal(r.payout),
      estimate: JSON.stringify(estimateDto),
      reportedByUserId: user.userId,
      documentsCompleteOn: noDocuments ? today : null,
      dueDate: deadline?.dueDate ?? null,
      deadline: deadline ? JSON.stringify(deadline.explanation) : null,
    };
    // Round trips are most of this path's cost: the insert (for the id), then everything else in one batch.
    const [[generated]] = await runStatements(m, [insertRows(m, Claim, CLAIM_INSERT, [row], ['id', 'version', 'createdAt', 'updatedAt'])]);
    const claim = m.getRepository(Claim).create({
      ...row,
      ...generated,
      // Every column as the row has it: the answer is built from this object.
      claimNo: `HM${today.slice(2).replace(/-/g, '')}${String(generated.id).padStart(6, '0')}`,
      approvedAmount: null,
      amountChangeReason: null,
      ledgerBase: null,
      ledgerUsageId: null,
      decisionReason: null,
      decidedAt: null,
      paidAt: null,
      paymentRef: null,
    });
    const documents = r.documents.map((d, i) => ({ claimId: claim.id, documentId: d.id, name: d.name, note: d.note ?? null, position: i, status: 'missing' as const, reviewNote: null }));
    const batch: Statement[] = [
      // Numbering completes the insert: updated_at (set explicitly, or MariaDB's ON UPDATE would move it) and
      // version stay as inserted, as `claim` holds them.
      { sql: 'UPDATE `claim` SET claim_no = ?, updated_at = updated_at WHERE id = ?', params: [claim.claimNo, claim.id] },
      ...(documents.length ? [insertRows(m, ClaimDocument, DOCUMENT_INSERT, documents)] : []),
    ];
    const label = source === 'proactive' ? '按主动理赔提醒报案' : source === 'staff' ? '工作人员代为报案' : source === 'proxy' ? '受托人代为报案' : '报案';
    const history = () => [
      this.eventStatement(m, pending, claim, user, { type: 'reported', action: 'report', label, fromState: null, toState: 'reported' }),
      this.audit.actStatement(user, { action: 'claim.report', entity: 'claim', entityId: claim.id, detail: { personId, schemeId: s.id, benefitId: benefit.id, files: dto.attachments?.length ?? 0 } }, m),
    ] as const;
    const byDoc = new Map<string, number[]>();
    for (const a of dto.attachments ?? []) {
      if (!r.documents.some((d) => d.id === a.documentId)) {
        throw new ValidationFailedException([{ field: 'attachments', message: `这项保障不需要材料“${a.documentId}”` }]);
      }
      byDoc.set(a.documentId, [...(byDoc.get(a.documentId) ?? []), a.attachmentId]);
    }
    let reported: ClaimEvent;
    if (dto.alertId === undefined && !byDoc.size) {
      // The common report: numbering, checklist, history and audit in one round trip.
      const results = await runStatements(m, [...batch, ...history()]);
      reported = results[batch.length] as ClaimEvent;
    } else {
      await runStatements(m, batch);
      if (dto.alertId !== undefined) await this.followups.linkAlert(m, user, dto.alertId, personId, claim.id);
      for (const [documentId, ids] of byDoc) {
        await this.attachments.assignToClaim(m, ids, claim.id, personId, documentId);
        await m.getRepository(ClaimDocument).update({ claimId: claim.id, documentId }, { status: 'received' });
      }
      [reported] = await runStatements(m, history());
    }
    if (byDoc.size) {
      // Files came with the report: the checklist (and maybe the deadline and state) changed after the insert; read it back.
      if (!noDocuments) await this.afterDocumentsChanged(m, claim, pending);
      return this.reader.detail(user, claim.id, m);
    }
    await this.reader.assertVisible(user, claim);
    const personName = user.role === 'beneficiary' ? undefined : (await m.getRepository(Person).findOne({ where: { id: personId }, select: { id: true, name: true } }))?.name;
    return this.reader.detailOf(user, claim, documents as ClaimDocument[], [reported], person.districtName, personName);
  }

  // ------------------------------------------------------------------ transitions

  async transition(user: AuthUser, claimId: number, dto: TransitionClaimDto, key: string | undefined): Promise<IdempotentResult<ClaimDetailDto>> {
    const actor = actorOf(user);
    const claim = await this.reader.visibleClaim(user, claimId);
    if (!actor) throw new ForbiddenException({ code: 'FORBIDDEN', message: '管理员不办理理赔，请由社区工作人员或财务人员办理' });
    if (actor === 'beneficiary' && claim.personId !== effectivePersonId(user)) {
      // A proxy must act for the person (X-Act-For) to act on their claim.
      throw notFound('claim');
    }
    const pending: Pending = { events: [] };
    const result = await this.idempotency.run(
      { userId: user.userId, scope: `claims.transition`, key, request: { claimId, ...dto } },
      async (m) => {
        await this.transitionTx(m, user, actor, claimId, dto, pending);
        return { status: 200, body: await this.reader.detail(user, claimId, m) };
      },
    );
    if (!result.replayed) this.bus.publish(pending.events);
    return result;
  }

  private async transitionTx(m: EntityManager, user: AuthUser, actor: ClaimActor, claimId: number, dto: TransitionClaimDto, pending: Pending): Promise<void> {
    const claim = await m.getRepository(Claim).findOneByOrFail({ id: claimId });
    const reason = dto.reason?.trim() || undefined;
    if (dto.amount !== undefined && dto.to !== 'approved') {
      throw new ValidationFailedException([{ field: 'amount', message: '只有核定赔付时才填写金额' }]);
    }
    if (dto.to === 'approved') return this.approveTx(m, user, actor, claim, dto, reason, pending);

    let t;
    try {
      t = assertTransition(claim.state, dto.to, actor, { reason });
    } catch (e) {
      throw this.transitionError(e);
    }
    const set: Partial<Claim> = { state: dto.to };
    if (dto.to === 'rejected') Object.assign(set, { decisionReason: reason ?? null, decidedAt: this.clock.now() });
    if (dto.to === 'paid') Object.assign(set, { paidAt: this.clock.now(), paymentRef: dto.paymentRef?.trim() || null });
    if (dto.to === 'waiting_documents') {
      // The named lines must be sent again; the deadline waits until the checklist is complete once more.
      const ids = dto.documentIds ?? [];
      const lines = await m.getRepository(ClaimDocument).findBy({ claimId });
      const unknown = ids.filter((id) => !lines.some((l) => l.documentId === id));
      if (unknown.length) throw new ValidationFailedException([{ field: 'documentIds', message: `这笔理赔没有这些材料：${unknown.join('、')}` }]);
      for (const id of ids) await m.getRepository(ClaimDocument).update({ claimId, documentId: id }, { status: 'rejected', reviewNote: reason ?? null });
      if (ids.length) Object.assign(set, { documentsCompleteOn: null, dueDate: null, deadline: null });
    }
    await this.moveState(m, claim, set);
    await this.event(m, pending, claim, user, { type: 'transition', action: t.id, label: t.label, fromState: claim.state, toState: dto.to, reason: reason ?? null });
    await this.audit.recordAct(user, { action: `claim.${t.id}`, entity: 'claim', entityId: claim.id, detail: { from: claim.state, to: dto.to } }, m);
    claim.state = dto.to;
    if (dto.to === 'under_review' || dto.to === 'accepted') await this.refreshDeadline(m, claim);
    if (dto.to === 'accepted') {
      claim.documentsCompleteOn = (await m.getRepository(Claim).findOneByOrFail({ id: claim.id })).documentsCompleteOn;
      await this.startReviewIfReady(m, claim, pending);
    }
  }

  /**
   * 核定赔付: recompute with the ledger as it is now (excluding this claim), take the caseworker's amount
   * (a different amount needs a reason and may not exceed what the annual cap leaves), charge the ledger with
   * a version check, and move the claim — all or nothing. A lost race on the ledger restarts the transaction.
   */
  private async approveTx(m: EntityManager, user: AuthUser, actor: ClaimActor, claim: Claim, dto: TransitionClaimDto, reason: string | undefined, pending: Pending): Promise<void> {
    const { scheme, person, r, usage } = await this.recompute(m, claim);
    const proposed = new Decimal(r.payout);
    const amount = dto.amount !== undefined ? new Decimal(dto.amount) : proposed;
    const amountChanged = !amount.eq(proposed);
    let t;
    try {
      t = assertTransition(claim.state, 'approved', actor, { reason, amountChanged });
    } catch (e) {
      throw this.transitionError(e);
    }
    if (!r.covered) {
      const failed = r.reasons.filter((x) => !x.ok);
      throw new UnprocessableEntityException({
        statusCode: 422,
        code: 'CLAIM_NOT_PAYABLE',
        message: `按现在的情况不能赔付：${failed.map((x) => x.message).join('；')}。如确实不赔，请选择“不予赔付”并写明原因`,
        errors: failed.map((x) => ({ field: x.field ?? 'claim', message: x.message, code: x.code })),
      });
    }
    if (dto.amount === undefined && proposed.lte(0)) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        code: 'NOTHING_TO_PAY',
        message: `按本年度已赔情况，这笔理赔算下来赔付 0 元（${r.breakdown.filter((l) => l.kind === 'cap').map((l) => l.text).join('；') || '没有可赔付的金额'}）。如确实不赔，请选择“不予赔付”并写明原因`,
        errors: [{ field: 'amount', message: '算下来赔付 0 元' }],
      });
    }
    if (amount.lte(0)) throw new ValidationFailedException([{ field: 'amount', message: '核定金额应大于 0；不赔请选择“不予赔付”' }]);
    if (r.ledger?.annualCap) {
      const left = Decimal.max(0, new Decimal(r.ledger.annualCap).minus(r.ledger.paid.before));
      if (amount.gt(left)) {
        throw new UnprocessableEntityException({
          statusCode: 422,
          code: 'AMOUNT_OVER_CAP',
          message: `核定金额超过本年度剩余额度 ${left.toFixed(2)} 元（年度限额 ${r.ledger.annualCap} 元，已赔 ${r.ledger.paid.before} 元）`,
          errors: [{ field: 'amount', message: `最多可核定 ${left.toFixed(2)} 元` }],
        });
      }
    }
    // Lock the claim first (same order for every approver), then the ledger row.
    await this.moveState(m, claim, {
      state: 'approved',
      approvedAmount: amount,
      amountChangeReason: amountChanged ? reason! : null,
      decidedAt: this.clock.now(),
      estimatedPayout: proposed,
      estimate: JSON.stringify(toEstimateResponse(claim.personId, r, scheme)),
      ledgerBase: new Decimal(r.ledger?.base.claim ?? '0'),
    });
    const row = await this.ledger.getOrCreate(
      { ...(usage.ledger === 'household' ? { householdId: person.householdId! } : { personId: person.id }), schemeId: claim.schemeId, benefitCode: claim.benefitId, year: usage.year },
      m,
    );
    const ok = await this.ledger.apply(row, { baseUsed: new Decimal(r.ledger?.base.claim ?? '0'), paid: amount }, m);
    if (!ok || row.paid.toFixed(2) !== new Decimal(usage.used.paid ?? '0').toFixed(2)) {
      throw new RetryTransaction('the yearly ledger changed while approving');
    }
    await m.getRepository(Claim).update({ id: claim.id }, { ledgerUsageId: row.id });
    const label = amountChanged ? `${t.label}（金额由 ${proposed.toFixed(2)} 元改为 ${amount.toFixed(2)} 元）` : t.label;
    await this.event(m, pending, claim, user, { type: 'transition', action: t.id, label, fromState: claim.state, toState: 'approved', reason: reason ?? null, amount });
    await this.audit.recordAct(user, { action: 'claim.approve', entity: 'claim', entityId: claim.id, detail: { amount: amount.toFixed(2), estimate: proposed.toFixed(2) } }, m);
    claim.state = 'approved';
    // The amount decides Zhumadian's band: count the deadline again with the approved amount.
    if (claim.documentsCompleteOn) {
      const d = this.deadlineFor(r.deadline, claim.documentsCompleteOn, amount.toFixed(2));
      await m.getRepository(Claim).update({ id: claim.id }, { dueDate: d.dueDate, deadline: JSON.stringify(d.explanation) });
    }
  }

  private async recompute(m: EntityManager, claim: Claim): Promise<{ scheme: SchemeDefinition; person: LoadedPerson; r: EstimateResult; usage: Awaited<ReturnType<UsedSoFarService['forClaim']>> }> {
    const scheme = listSchemes().find((s) => s.id === claim.schemeId)!;
    const version = scheme.versions.find((v) => v.id === claim.versionId)!;
    const benefit = version.benefits.find((b) => b.id === claim.benefitId)!;
    const person = await this.people.load(claim.personId, m);
    const usage = await this.usedSoFar.forClaim(person, scheme, version, benefit, claim.incidentDate, { excludeClaimId: claim.id, manager: m });
    let r: EstimateResult;
    try {
      r = estimate({ schemeId: scheme.id, benefitId: benefit.id, incidentDate: claim.incidentDate, person: person.facts, facts: JSON.parse(claim.facts), used: usage.used });
    } catch (e) {
      engineToHttp(e);
    }
    return { scheme, person, r, usage };
  }

  /** Conditional UPDATE: only if the claim is still in the state we read. Otherwise someone else moved it first. */
  private async moveState(m: EntityManager, claim: Claim, set: Partial<Claim>): Promise<void> {
    const values: Record<string, unknown> = { ...set };
    for (const k of ['approvedAmount', 'estimatedPayout', 'ledgerBase'] as const) {
      if (values[k] instanceof Decimal) values[k] = toMoneyColumnValue(values[k] as Decimal);
    }
    const res = await m
      .createQueryBuilder()
      .update(Claim)
      .set({ ...(values as object), version: () => 'version + 1' })
      .where('id = :id AND state = :state', { id: claim.id, state: claim.state })
      .execute();
    if (res.affected !== 1) {
      throw new ConflictException({ statusCode: 409, code: 'CLAIM_CHANGED', message: '这笔理赔刚刚已被他人处理，请刷新后查看' });
    }
  }

  private transitionError(e: unknown): HttpException {
    if (isEngineError(e)) {
      if (e.field === 'reason') return new ValidationFailedException([{ field: 'reason', message: e.message }]);
      return new ConflictException({ statusCode: 409, code: 'INVALID_TRANSITION', message: e.message, errors: [{ field: 'to', message: e.message }] });
    }
    throw e;
  }

  // ------------------------------------------------------------------ documents

  /** Staff tick a checklist line: received on paper, checked (accepted), or to be sent again (rejected, with a note). */
  async reviewDocument(user: AuthUser, claimId: number, documentId: string, dto: ReviewDocumentDto): Promise<ClaimDetailDto> {
    if (user.role !== 'caseworker' && user.role !== 'adjuster') {
      throw new ForbiddenException({ code: 'FORBIDDEN', message: '只有社区工作人员或保险公司理赔人员可以核验材料' });
    }
    await this.reader.visibleClaim(user, claimId);
    if (dto.status === 'rejected' && !dto.note?.trim()) throw new ValidationFailedException([{ field: 'note', message: '请写明这份材料有什么问题，需要怎样重交' }]);
    const pending: Pending = { events: [] };
    for (let attempt = 0; ; attempt++) {
      try {
        await this.ds.transaction(async (m) => {
          pending.events = [];
          const claim = await m.getRepository(Claim).findOneByOrFail({ id: claimId });
          if (['rejected', 'paid', 'withdrawn', 'approved'].includes(claim.state)) {
            throw new ConflictException({ statusCode: 409, code: 'CLAIM_CLOSED', message: '这笔理赔已经核定或结束，材料不能再改动' });
          }
          const line = await m.getRepository(ClaimDocument).findOneBy({ claimId, documentId });
          if (!line) throw notFound('document');
          await m.getRepository(ClaimDocument).update({ id: line.id }, { status: dto.status, reviewNote: dto.note?.trim() || null });
          const label = { received: '收到材料', accepted: '材料核验通过', rejected: '材料需重交' }[dto.status];
          await this.event(m, pending, claim, user, { type: 'document', action: `document_${dto.status}`, label: `${label}：${line.name}`, fromState: claim.state, toState: claim.state, reason: dto.note?.trim() || null });
          await this.audit.recordAct(user, { action: `claim.document.${dto.status}`, entity: 'claim', entityId: claimId, detail: { documentId } }, m);
          await this.afterDocumentsChanged(m, claim, pending);
        });
        break;
      } catch (e) {
        if (e instanceof RetryTransaction && attempt < 5) continue;
        throw e;
      }
    }
    this.bus.publish(pending.events);
    return this.reader.detail(user, claimId);
  }

  /** The person (or their proxy, or their caseworker) hands in files for one line of the checklist. */
  async attachDocuments(user: AuthUser, claimId: number, documentId: string, dto: AttachDocumentsDto): Promise<ClaimDetailDto> {
    if (!['beneficiary', 'caseworker', 'adjuster'].includes(user.role)) {
      throw new ForbiddenException({ code: 'FORBIDDEN', message: '材料由参保人、受托人或社区工作人员提交' });
    }
    const visible = await this.reader.visibleClaim(user, claimId);
    if (user.role === 'beneficiary' && visible.personId !== effectivePersonId(user)) throw notFound('claim');
    const pending: Pending = { events: [] };
    await this.ds.transaction(async (m) => {
      const claim = await m.getRepository(Claim).findOneByOrFail({ id: claimId });
      if (['rejected', 'paid', 'withdrawn', 'approved'].includes(claim.state)) {
        throw new ConflictException({ statusCode: 409, code: 'CLAIM_CLOSED', message: '这笔理赔已经核定或结束，不能再提交材料' });
      }
      const line = await m.getRepository(ClaimDocument).findOneBy({ claimId, documentId });
      if (!line) throw notFound('document');
      const files = await this.attachments.assignToClaim(m, dto.attachmentIds, claimId, claim.personId, documentId);
      if (line.status === 'missing' || line.status === 'rejected') {
        await m.getRepository(ClaimDocument).update({ id: line.id }, { status: 'received', reviewNote: null });
      }
      await this.event(m, pending, claim, user, { type: 'document', action: 'document_uploaded', label: `提交材料：${line.name}（${files.filter((f) => f.documentId === documentId).length} 个文件）`, fromState: claim.state, toState: claim.state });
      await this.audit.recordAct(user, { action: 'claim.document.upload', entity: 'claim', entityId: claimId, detail: { documentId, attachmentIds: dto.attachmentIds } }, m);
      await this.afterDocumentsChanged(m, claim, pending);
    });
    this.bus.publish(pending.events);
    return this.reader.detail(user, claimId);
  }

  /**
   * After any checklist change: when every line is received or accepted, the documents are complete today,
   * the payout deadline starts, and a claim waiting for documents goes to review by itself. When a line is
   * missing again, the deadline waits.
   */
  async afterDocumentsChanged(m: EntityManager, claim: Claim, pending: Pending): Promise<void> {
    const lines = await m.getRepository(ClaimDocument).findBy({ claimId: claim.id });
    const complete = lines.every((l) => l.status === 'received' || l.status === 'accepted');
    if (!complete) {
      if (claim.documentsCompleteOn) await m.getRepository(Claim).update({ id: claim.id }, { documentsCompleteOn: null, dueDate: null, deadline: null });
      return;
    }
    if (!claim.documentsCompleteOn) {
      const today = this.clock.today();
      const d = this.deadlineFor(this.ruleOf(claim), today, claim.estimatedPayout?.toFixed(2) ?? '0.00');
      await m.getRepository(Claim).update({ id: claim.id }, { documentsCompleteOn: today, dueDate: d.dueDate, deadline: JSON.stringify(d.explanation) });
      claim.documentsCompleteOn = today;
    }
    await this.startReviewIfReady(m, claim, pending);
  }

  /** An accepted claim (立案) or one waiting for documents goes to review by itself once the checklist is complete. */
  private async startReviewIfReady(m: EntityManager, claim: Claim, pending: Pending): Promise<void> {
    if (!claim.documentsCompleteOn || (claim.state !== 'waiting_documents' && claim.state !== 'accepted')) return;
    const from = claim.state;
    const t = assertTransition(from, 'under_review', 'system');
    await this.moveState(m, claim, { state: 'under_review' });
    await this.event(m, pending, claim, null, { type: 'transition', action: t.id, label: t.id === 'start_review' ? '材料齐全，开始审核' : t.label, fromState: from, toState: 'under_review' });
    claim.state = 'under_review';
  }

  private async refreshDeadline(m: EntityManager, claim: Claim): Promise<void> {
    const fresh = await m.getRepository(Claim).findOneByOrFail({ id: claim.id });
    if (fresh.documentsCompleteOn && !fresh.dueDate && !fresh.deadline) {
      const d = this.deadlineFor(this.ruleOf(fresh), fresh.documentsCompleteOn, fresh.estimatedPayout?.toFixed(2) ?? '0.00');
      await m.getRepository(Claim).update({ id: claim.id }, { dueDate: d.dueDate, deadline: JSON.stringify(d.explanation) });
    }
  }

  private ruleOf(claim: Claim): DeadlineRule | undefined {
    const scheme = listSchemes().find((s) => s.id === claim.schemeId);
    const version = scheme?.versions.find((v) => v.id === claim.versionId);
    const benefit = version?.benefits.find((b) => b.id === claim.benefitId);
    return benefit?.deadline ?? version?.defaultDeadline;
  }

  /** The payout deadline in working days; a year without holiday data says so instead of guessing. */
  deadlineFor(rule: DeadlineRule | undefined, completeOn: string, payout: string): { dueDate: string | null; explanation: string[] } {
    if (!rule) return { dueDate: null, explanation: ['这个保障项目的文件没有规定赔付期限'] };
    try {
      const d = computeDeadline({ rule, documentsCompleteOn: completeOn, payout }, this.calendar.get());
      return { dueDate: d.dueDate, explanation: d.explanation };
    } catch (e) {
      if (isEngineError(e) && e.code === 'CALENDAR_GAP') {
        return { dueDate: null, explanation: [`资料齐全日 ${completeOn}`, `${e.message}；录入后自动计算赔付期限`] };
      }
      throw e;
    }
  }

  // ------------------------------------------------------------------ history

  private async event(
    m: EntityManager,
    pending: Pending,
    claim: Claim,
    user: AuthUser | null,
    e: HistoryEntry,
  ): Promise<ClaimEvent> {
    const [saved] = await runStatements(m, [this.eventStatement(m, pending, claim, user, e)]);
    return saved;
  }

  /** The history row as a statement (to batch with others); once it ran, its live message is queued for after commit. */
  private eventStatement(m: EntityManager, pending: Pending, claim: Claim, user: AuthUser | null, e: HistoryEntry): Statement<ClaimEvent> {
    const row = {
      claimId: claim.id,
      districtId: claim.districtId,
      personId: claim.personId,
      type: e.type,
      action: e.action,
      label: e.label.slice(0, 200),
      fromState: e.fromState,
      toState: e.toState,
      actorUserId: user?.userId ?? null,
      actorRole: user ? actorRoleOf(user) : 'system',
      onBehalfOfPersonId: user?.actingForPersonId ?? null,
      reason: e.reason ?? null,
      amount: e.amount ?? null,
    };
    const insert = insertRows(m, ClaimEvent, EVENT_INSERT, [row], ['id', 'createdAt']);
    return {
      sql: insert.sql,
      params: insert.params,
      read: (raw) => {
        const [generated] = insert.read!(raw);
        const saved = m.getRepository(ClaimEvent).create({ ...row, ...generated });
        pending.events.push({
          id: saved.id,
          claimId: claim.id,
          claimNo: claim.claimNo,
          personId: claim.personId,
          districtId: claim.districtId,
          schemeId: claim.schemeId,
          benefitId: claim.benefitId,
          type: e.type,
          action: e.action,
          label: saved.label,
          fromState: e.fromState,
          toState: e.toState,
          actorRole: saved.actorRole,
          reason: saved.reason,
          amount: e.amount ? e.amount.toFixed(2) : null,
          at: (saved.createdAt ?? new Date()).toISOString(),
        });
        return saved;
      },
    };
  }
}
