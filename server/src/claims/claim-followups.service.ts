import { createHash } from 'node:crypto';
import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { computeDeadline, findVersion, isIsoDate, listSchemes, stateInfo, validateIdNumber } from '@huimin/shared';
import { parse } from 'csv-parse/sync';
import { DataSource, EntityManager, In } from 'typeorm';
import { AccessService, notFound } from '../auth/access.service';
import type { AuthUser } from '../auth/auth-user';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { PiiCryptoService } from '../common/crypto/pii-crypto.service';
import { ValidationFailedException } from '../common/validation/validation';
import { WorkCalendar } from '../common/work-calendar';
import { effectivePersonId } from '../coverage/effective-person';
import { Person } from '../people/person.entity';
import { ClaimAlert } from './claim-alert.entity';
import { ClaimDispute, DisputeOutcome } from './claim-dispute.entity';
import { DISPUTE_DEADLINE, disputeView, OUTCOME_LABELS as OUTCOME_LABELS_TEXT, type DisputeView } from './claim-dispute.view';
import { ClaimEvent } from './claim-event.entity';
import { ClaimEventMessage, ClaimEventsBus } from './claim-events.bus';
import { Claim } from './claim.entity';
import { ClaimsReader, OPEN_STATES } from './claims.reader';
import { actorRoleOf } from './claim-actors';

const KIND_LABELS: Record<string, string> = { hospitalisation: '住院', admission: '录取', death: '身故', disability: '伤残', other: '其他' };
const KIND_BY_LABEL: Record<string, string> = Object.fromEntries(Object.entries(KIND_LABELS).map(([k, v]) => [v, k]));

export interface AlertView {
  id: number;
  personId: number;
  personName?: string;
  districtId: number;
  schemeId: string;
  schemeName: string;
  benefitId: string;
  benefitName: string;
  kind: string;
  kindLabel: string;
  eventDate: string;
  detail: string;
  state: string;
  claimId: number | null;
  note: string | null;
  /** What a reminder says, in plain words. */
  message: string;
  createdAt: string;
}

export interface AlertImportReport {
  rows: number;
  created: number;
  duplicates: number;
  errors: { row: number; field: string; message: string }[];
}

/** Disputes (异议) and proactive-claim alerts (主动理赔): what follows or precedes a claim. */
@Injectable()
export class ClaimFollowupsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly reader: ClaimsReader,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly calendar: WorkCalendar,
    private readonly bus: ClaimEventsBus,
    private readonly pii: PiiCryptoService,
  ) {}

  // ------------------------------------------------------------------ disputes

  async raiseDispute(user: AuthUser, claimId: number, reason: string): Promise<DisputeView> {
    if (user.role !== 'beneficiary') throw new ForbiddenException({ code: 'FORBIDDEN', message: '异议由参保人本人或受托人提出' });
    const claim = await this.reader.visibleClaim(user, claimId);
    if (!stateInfo(claim.state).decided) {
      throw new ConflictException({ statusCode: 409, code: 'NOT_DECIDED', message: `这笔理赔还没有结果（${stateInfo(claim.state).plainLabel}），有结果后才能提出异议` });
    }
    const text = reason.trim();
    if (!text) throw new ValidationFailedException([{ field: 'reason', message: '请写明对哪一点有异议' }]);
    const events: ClaimEventMessage[] = [];
    const saved = await this.ds.transaction(async (m) => {
      const open = await m.getRepository(ClaimDispute).findOneBy({ claimId, state: 'open' });
      if (open) throw new ConflictException({ statusCode: 409, code: 'DISPUTE_OPEN', message: '这笔理赔已有一条异议正在处理，请等待答复' });
      const today = this.clock.today();
      let dueDate: string | null = null;
      try {
        dueDate = computeDeadline({ rule: DISPUTE_DEADLINE, documentsCompleteOn: today }, this.calendar.get()).dueDate;
      } catch {
        dueDate = null; // a year without holiday data: no date rather than a guess
      }
      const d = await m.getRepository(ClaimDispute).save(
        m.getRepository(ClaimDispute).create({ claimId, personId: claim.personId, districtId: claim.districtId, raisedByUserId: user.userId, reason: text, state: 'open', dueDate }),
      );
      events.push(await this.note(m, claim, user, 'dispute_raised', '提出异议', text));
      await this.audit.recordAct(user, { action: 'claim.dispute', entity: 'claim', entityId: claimId, detail: { disputeId: d.id } }, m);
      return d;
    });
    this.bus.publish(events);
    return disputeView(saved, claim.claimNo, this.clock.today());
  }

  async answerDispute(user: AuthUser, disputeId: number, outcome: DisputeOutcome, answer: string): Promise<DisputeView> {
    if (user.role !== 'caseworker' && user.role !== 'adjuster') throw new ForbiddenException({ code: 'FORBIDDEN', message: '异议由社区工作人员或保险公司理赔人员答复' });
    const d = await this.visibleDispute(user, disputeId);
    const text = answer.trim();
    if (!text) throw new ValidationFailedException([{ field: 'answer', message: '请写明答复内容' }]);
    const events: ClaimEventMessage[] = [];
    const claim = await this.ds.getRepository(Claim).findOneByOrFail({ id: d.claimId });
    const updated = await this.ds.transaction(async (m) => {
      const res = await m
        .createQueryBuilder()
        .update(ClaimDispute)
        .set({ state: 'answered', outcome, answer: text, answeredByUserId: user.userId, answeredAt: this.clock.now() })
        .where('id = :id AND state = :state', { id: d.id, state: 'open' })
        .execute();
      if (res.affected !== 1) throw new ConflictException({ statusCode: 409, code: 'DISPUTE_ANSWERED', message: '这条异议已经答复过了' });
      events.push(await this.note(m, claim, user, 'dispute_answered', `答复异议：${OUTCOME_LABELS_TEXT[outcome]}`, text));
      await this.audit.recordAct(user, { action: 'claim.dispute.answer', entity: 'claim', entityId: d.claimId, detail: { disputeId: d.id, outcome } }, m);
      return m.getRepository(ClaimDispute).findOneByOrFail({ id: d.id });
    });
    this.bus.publish(events);
    return disputeView(updated, claim.claimNo, this.clock.today());
  }

  async listDisputes(user: AuthUser, state?: 'open' | 'answered'): Promise<DisputeView[]> {
    const qb = this.ds.getRepository(ClaimDispute).createQueryBuilder('d');
    if (user.role === 'beneficiary') qb.where('d.person_id = :pid', { pid: effectivePersonId(user) });
    else if (AccessService.isDistrictScoped(user)) {
      if (!user.districtIds.length) return [];
      qb.where('d.district_id IN (:...dids)', { dids: user.districtIds });
    } else qb.where('1 = 1');
    if (state) qb.andWhere('d.state = :state', { state });
    qb.orderBy("CASE WHEN d.state = 'open' THEN 0 ELSE 1 END", 'ASC').addOrderBy('d.due_date', 'ASC').addOrderBy('d.id', 'DESC').take(200);
    const rows = await qb.getMany();
    const nos = new Map<number, string | null>();
    if (rows.length) for (const c of await this.ds.getRepository(Claim).find({ where: { id: In(rows.map((r) => r.claimId)) }, select: { id: true, claimNo: true } })) nos.set(c.id, c.claimNo);
    return rows.map((r) => disputeView(r, nos.get(r.claimId) ?? null, this.clock.today()));
  }

  async disputesOfClaim(claimId: number, m: EntityManager = this.ds.manager): Promise<DisputeView[]> {
    const rows = await m.getRepository(ClaimDispute).find({ where: { claimId }, order: { id: 'ASC' } });
    const claim = await m.getRepository(Claim).findOne({ where: { id: claimId }, select: { id: true, claimNo: true } });
    return rows.map((r) => disputeView(r, claim?.claimNo ?? null, this.clock.today()));
  }

  private async visibleDispute(user: AuthUser, id: number): Promise<ClaimDispute> {
    const d = await this.ds.getRepository(ClaimDispute).findOneBy({ id });
    if (!d) throw notFound('dispute');
    await this.reader.visibleClaim(user, d.claimId); // 404 when the claim is not the caller's
    return d;
  }

  private async note(m: EntityManager, claim: Claim, user: AuthUser, action: string, label: string, reason: string): Promise<ClaimEventMessage> {
    const e = await m.getRepository(ClaimEvent).save(
      m.getRepository(ClaimEvent).create({
        claimId: claim.id, districtId: claim.districtId, personId: claim.personId, type: 'note', action, label,
        fromState: claim.state, toState: claim.state, actorUserId: user.userId, actorRole: actorRoleOf(user),
        onBehalfOfPersonId: user.actingForPersonId ?? null, reason: reason.slice(0, 500), amount: null,
      }),
    );
    return {
      id: e.id, claimId: claim.id, claimNo: claim.claimNo, personId: claim.personId, districtId: claim.districtId, schemeId: claim.schemeId,
      benefitId: claim.benefitId, type: 'note', action, label, fromState: claim.state, toState: claim.state, actorRole: e.actorRole,
      reason: e.reason, amount: null, at: e.createdAt.toISOString(),
    };
  }

  // ------------------------------------------------------------------ proactive claims (主动理赔)

  /**
   * Import monitoring alerts (CSV, UTF-8, header row): 身份证号, 类型 (住院/录取/身故/伤残/其他), 日期 (YYYY-MM-DD),
   * 方案 (scheme id), 保障项目 (benefit id), 说明, 来源编号. Each row is checked; a caseworker may only import
   * people of their districts. All good rows are written in one transaction; a row seen before is skipped.
   */
  async importAlerts(user: AuthUser, csv: Buffer | undefined, source?: string): Promise<AlertImportReport> {
    if (user.role !== 'caseworker' && user.role !== 'admin') throw new ForbiddenException({ code: 'FORBIDDEN', message: '只有社区工作人员或管理员可以导入监测预警' });
    if (!csv?.length) throw new ValidationFailedException([{ field: 'file', message: '请上传监测预警名单（CSV 文件）' }]);
    let records: Record<string, string>[];
    try {
      records = parse(csv, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
    } catch {
      throw new ValidationFailedException([{ field: 'file', message: '文件不是有效的 CSV（第一行应为表头：身份证号,类型,日期,方案,保障项目,说明,来源编号）' }]);
    }
    if (records.length > 10_000) throw new ValidationFailedException([{ field: 'file', message: '一次最多导入 10000 条' }]);
    const report: AlertImportReport = { rows: records.length, created: 0, duplicates: 0, errors: [] };
    const good: Omit<ClaimAlert, 'id' | 'createdAt' | 'person'>[] = [];
    for (const [i, r] of records.entries()) {
      const row = i + 2;
      const err = (field: string, message: string) => report.errors.push({ row, field, message });
      const idNumber = (r['身份证号'] ?? '').toUpperCase();
      const check = validateIdNumber(idNumber, { today: this.clock.today() });
      if (!check.valid) { err('身份证号', check.message); continue; }
      const kind = KIND_BY_LABEL[r['类型'] ?? ''];
      if (!kind) { err('类型', '类型应为 住院、录取、身故、伤残 或 其他'); continue; }
      const date = r['日期'] ?? '';
      if (!isIsoDate(date) || date > this.clock.today()) { err('日期', '日期应为真实的日期，写成 2026-05-10，且不晚于今天'); continue; }
      const scheme = listSchemes().find((s) => s.id === r['方案']);
      if (!scheme) { err('方案', '不认识这个保障方案编号'); continue; }
      const version = findVersion(scheme, date);
      if (!version) { err('日期', `这一天不在“${scheme.shortName}”的保障期内`); continue; }
      if (!version.benefits.some((b) => b.id === r['保障项目'])) { err('保障项目', `“${scheme.shortName}”没有这个保障项目`); continue; }
      const person = await this.ds.getRepository(Person).findOne({ where: { idNumberHash: this.pii.hashIdNumber(idNumber) }, select: { id: true, districtId: true } });
      if (!person) { err('身份证号', '名单中没有这个人'); continue; }
      if (user.role === 'caseworker' && !user.districtIds.includes(person.districtId)) { err('身份证号', '这个人不在您负责的区县'); continue; }
      const detail = (r['说明'] ?? '').slice(0, 300);
      const sourceKey = createHash('sha256').update(`${person.id}|${kind}|${date}|${r['方案']}|${r['保障项目']}|${r['来源编号'] ?? ''}`).digest('hex');
      good.push({
        personId: person.id, districtId: person.districtId, schemeId: scheme.id, benefitId: r['保障项目'], kind, eventDate: date, detail,
        sourceKey, state: 'open', claimId: null, note: null, importedByUserId: user.userId, closedAt: null,
      });
    }
    await this.ds.transaction(async (m) => {
      const keys = good.map((g) => g.sourceKey);
      const seen = new Set<string>();
      for (let i = 0; i < keys.length; i += 500) {
        for (const a of await m.getRepository(ClaimAlert).find({ where: { sourceKey: In(keys.slice(i, i + 500)) }, select: { id: true, sourceKey: true } })) seen.add(a.sourceKey);
      }
      const fresh = good.filter((g) => !seen.has(g.sourceKey) && (seen.add(g.sourceKey), true));
      report.duplicates = good.length - fresh.length;
      for (let i = 0; i < fresh.length; i += 500) await m.getRepository(ClaimAlert).insert(fresh.slice(i, i + 500));
      report.created = fresh.length;
      await this.audit.recordAct(user, { action: 'claim_alert.import', entity: 'claim_alert', entityId: null, detail: { source: source?.trim() || null, rows: report.rows, created: report.created, duplicates: report.duplicates, errors: report.errors.length } }, m);
    });
    return report;
  }

  async listAlerts(user: AuthUser, state: 'open' | 'reported' | 'dismissed' = 'open'): Promise<AlertView[]> {
    const qb = this.ds.getRepository(ClaimAlert).createQueryBuilder('a').where('a.state = :state', { state });
    if (user.role === 'beneficiary') qb.andWhere('a.person_id = :pid', { pid: effectivePersonId(user) });
    else if (AccessService.isDistrictScoped(user)) {
      if (!user.districtIds.length) return [];
      qb.andWhere('a.district_id IN (:...dids)', { dids: user.districtIds });
    }
    const rows = await qb.orderBy('a.event_date', 'DESC').addOrderBy('a.id', 'DESC').take(200).getMany();
    const names = new Map<number, string>();
    if (user.role !== 'beneficiary' && rows.length) {
      for (const p of await this.ds.getRepository(Person).find({ where: { id: In([...new Set(rows.map((r) => r.personId))]) }, select: { id: true, name: true } })) names.set(p.id, p.name);
    }
    return rows.map((a) => this.alertView(a, user.role !== 'beneficiary' ? names.get(a.personId) : undefined));
  }

  async dismissAlert(user: AuthUser, id: number, note: string): Promise<AlertView> {
    if (user.role !== 'caseworker' && user.role !== 'admin') throw new ForbiddenException({ code: 'FORBIDDEN', message: '只有社区工作人员或管理员可以关闭提醒' });
    const a = await this.visibleAlert(user, id);
    if (!note.trim()) throw new ValidationFailedException([{ field: 'note', message: '请写明为什么不需要理赔' }]);
    const res = await this.ds
      .createQueryBuilder()
      .update(ClaimAlert)
      .set({ state: 'dismissed', note: note.trim(), closedAt: this.clock.now() })
      .where('id = :id AND state = :state', { id, state: 'open' })
      .execute();
    if (res.affected !== 1) throw new ConflictException({ statusCode: 409, code: 'ALERT_CLOSED', message: '这条提醒已经处理过了' });
    await this.audit.recordAct(user, { action: 'claim_alert.dismiss', entity: 'claim_alert', entityId: id }, undefined);
    return this.alertView({ ...a, state: 'dismissed', note: note.trim() });
  }

  /** Inside the report's transaction: the alert the claim answers is closed with it (or the report fails). */
  async linkAlert(m: EntityManager, user: AuthUser, alertId: number, personId: number, claimId: number): Promise<void> {
    const a = await m.getRepository(ClaimAlert).findOneBy({ id: alertId });
    if (!a || a.personId !== personId) throw new ValidationFailedException([{ field: 'alertId', message: '没有找到这条提醒' }]);
    const res = await m
      .createQueryBuilder()
      .update(ClaimAlert)
      .set({ state: 'reported', claimId, closedAt: this.clock.now() })
      .where('id = :id AND state = :state', { id: alertId, state: 'open' })
      .execute();
    if (res.affected !== 1) throw new ConflictException({ statusCode: 409, code: 'ALERT_CLOSED', message: '这条提醒已经处理过了' });
    void user;
  }

  private async visibleAlert(user: AuthUser, id: number): Promise<ClaimAlert> {
    const a = await this.ds.getRepository(ClaimAlert).findOneBy({ id });
    const ok = a && (user.role === 'admin' || user.role === 'finance' || (AccessService.isDistrictScoped(user) && user.districtIds.includes(a.districtId)) || (user.role === 'beneficiary' && a.personId === effectivePersonId(user)));
    if (!ok) throw notFound('alert');
    return a!;
  }

  private alertView(a: ClaimAlert, personName?: string): AlertView {
    const scheme = listSchemes().find((s) => s.id === a.schemeId);
    const benefit = scheme?.versions.flatMap((v) => v.benefits).find((b) => b.id === a.benefitId);
    const schemeName = scheme?.shortName ?? a.schemeId;
    const benefitName = benefit?.name ?? a.benefitId;
    return {
      id: a.id,
      personId: a.personId,
      ...(personName !== undefined ? { personName } : {}),
      districtId: a.districtId,
      schemeId: a.schemeId,
      schemeName,
      benefitId: a.benefitId,
      benefitName,
      kind: a.kind,
      kindLabel: KIND_LABELS[a.kind] ?? a.kind,
      eventDate: a.eventDate,
      detail: a.detail,
      state: a.state,
      claimId: a.claimId,
      note: a.note,
      message: `${a.eventDate} 有一次${KIND_LABELS[a.kind] ?? ''}记录，可能可以申请“${schemeName}”的“${benefitName}”。请点“去报案”，或请社区工作人员帮您办理。`,
      createdAt: a.createdAt.toISOString(),
    };
  }
}

export { OPEN_STATES };
