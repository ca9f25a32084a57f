/**
 * Paying subsidies: a batch per 街道 / 镇 and policy year, its .xlsx for the bank (the only place full
 * account numbers ever leave the database, each export an audited act), and the bank's result file.
 *
 * Never one subsidy in two batches: a batch takes its subsidies with one conditional UPDATE
 * (status ready/failed → in_batch, batch_id = the new batch) inside the transaction that creates it, then
 * reads back exactly the rows it took; a concurrent batch finds them taken. The items' open_subsidy_id
 * unique index says the same in the schema.
 */
import { ConflictException, HttpException, HttpStatus, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DownloadStart } from '../common/http/download';
import Decimal from 'decimal.js';
import ExcelJS from 'exceljs';
import { DataSource, EntityManager } from 'typeorm';
import { notFound } from '../auth/access.service';
import type { AuthUser } from '../auth/auth-user';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { PiiCryptoService } from '../common/crypto/pii-crypto.service';
import { ValidationFailedException } from '../common/validation/validation';
import { District } from '../geo/district.entity';
import { IdempotencyService, type IdempotentResult } from '../idempotency/idempotency.service';
import { cellText, parseDateCell, type RawCell } from '../rosters/roster-format';
import { SubsidyPaymentBatch } from './entities/payment-batch.entity';
import { SubsidyPaymentItem } from './entities/payment-item.entity';
import { ACCOUNT_CONTEXT } from './me-subsidy.service';
import { exec, dateStr, marks, nowSql } from './sql';
import { BATCHABLE } from './subsidy-states';
import { MINHANG_SCHEME, SUBSIDY_BENEFIT, SubsidyAccess } from './subsidy-access';
import { readTable, TableFileError, type ColumnDef } from './table-reader';
import type { UploadedFile } from './policy-import.service';

export interface BatchItemView {
  itemNo: number;
  subsidyId: number;
  personId: number;
  holderName: string;
  bankName: string;
  accountMasked: string;
  amount: string;
  result: string;
  resultText: string;
  failureReason: string | null;
  paidOn: string | null;
}

export interface BatchView {
  id: number;
  districtId: number;
  districtName: string;
  policyYear: number;
  status: string;
  statusText: string;
  itemCount: number;
  totalAmount: string;
  paid: number;
  failed: number;
  pending: number;
  createdAt: string;
  exportedAt: string | null;
  settledAt: string | null;
  items?: BatchItemView[];
}

export interface ResultRowView {
  rowNo: number;
  itemNo: string;
  outcome: 'paid' | 'failed' | 'unchanged' | 'error';
  messages: { field: string; message: string }[];
}

export interface ResultsReport {
  batchId: number;
  dryRun: boolean;
  applied: boolean;
  counts: { paid: number; failed: number; unchanged: number; error: number };
  rows: ResultRowView[];
  batch: BatchView;
}

const BATCH_STATUS_TEXT: Record<string, string> = {
  created: '已生成，待导出交银行',
  exported: '已导出交银行，待回盘',
  settled: '银行已回盘，全部有结果',
};
const RESULT_TEXT: Record<string, string> = { pending: '发放中', paid: '已发放', failed: '发放失败' };

type ResultColumn = 'itemNo' | 'name' | 'result' | 'reason' | 'paidOn';
const RESULT_COLUMNS: readonly ColumnDef<ResultColumn>[] = [
  { key: 'itemNo', headers: ['明细编号'], required: true },
  { key: 'name', headers: ['姓名', '户名', '账户名'] },
  { key: 'result', headers: ['发放结果', '处理结果', '结果'], required: true },
  { key: 'reason', headers: ['失败原因', '退回原因'] },
  { key: 'paidOn', headers: ['到账日期', '发放日期', '处理日期'] },
];
export const EXPORT_HEADERS = ['明细编号', '批次号', '街镇', '姓名', '开户银行', '银行账号', '金额（元）', '保单号', '保单年度', '发放结果', '失败原因', '到账日期'];

function parseResult(v: RawCell): 'paid' | 'failed' | null | 'invalid' {
  const s = cellText(v).toLowerCase();
  if (!s) return null;
  if (['成功', '已发放', '已到账', '发放成功', '转账成功', 'paid', 'success', 's'].includes(s)) return 'paid';
  if (['失败', '发放失败', '退回', '转账失败', '已退回', 'failed', 'fail', 'f'].includes(s)) return 'failed';
  return 'invalid';
}

@Injectable()
export class PaymentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly pii: PiiCryptoService,
    private readonly audit: AuditService,
    private readonly access: SubsidyAccess,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
  ) {}

  // ------------------------------------------------------------------ batches

  async create(user: AuthUser, dto: { districtId: number; policyYear: number }, key: string | undefined): Promise<IdempotentResult<BatchView>> {
    const district = await this.ds.getRepository(District).findOneBy({ id: dto.districtId });
    if (!district || !this.access.canSeeDistrict(user, district.id)) throw notFound('district');
    if (district.schemeId !== MINHANG_SCHEME) {
      throw new UnprocessableEntityException({ code: 'NOT_MINHANG', message: `${district.name}不是闵行区的街道或镇，没有“沪惠保”补贴` });
    }
    return this.idempotency.run({ userId: user.userId, scope: 'subsidy.batch.create', key, request: { districtId: dto.districtId, policyYear: dto.policyYear } }, async (m) => {
      const batch = await m.getRepository(SubsidyPaymentBatch).save(
        m.getRepository(SubsidyPaymentBatch).create({
          districtId: district.id,
          policyYear: dto.policyYear,
          status: 'created',
          itemCount: 0,
          totalAmount: new Decimal(0),
          createdById: user.userId,
        }),
      );
      // The one conditional UPDATE that takes subsidies: only those with a confirmed account, not in another batch.
      await m.query(
        `UPDATE \`huhuibao_subsidy\` SET status = 'in_batch', batch_id = ?, failure_reason = NULL
          WHERE district_id = ? AND policy_year = ? AND decision = 'eligible' AND status IN (${marks(BATCHABLE.length)})
            AND person_id IN (SELECT person_id FROM \`subsidy_bank_account\`)`,
        [batch.id, district.id, dto.policyYear, ...BATCHABLE],
      );
      const taken = (await m.query(
        `SELECT s.id AS id, s.person_id AS personId, s.amount AS amount, a.holder_name AS holderName, a.bank_name AS bankName,
                a.account_enc AS accountEnc, a.account_masked AS accountMasked
           FROM \`huhuibao_subsidy\` s INNER JOIN \`subsidy_bank_account\` a ON a.person_id = s.person_id
          WHERE s.batch_id = ? AND s.status = 'in_batch' ORDER BY s.id`,
        [batch.id],
      )) as Record<string, unknown>[];
      if (!taken.length) {
        throw new UnprocessableEntityException({
          code: 'NOTHING_TO_PAY',
          message: `${district.name} ${dto.policyYear} 年度没有可发放的补贴：需已确认银行卡、且不在其他批次中`,
        });
      }
      let total = new Decimal(0);
      const items = taken.map((t) => {
        const amount = new Decimal(typeof t.amount === 'number' ? t.amount.toFixed(2) : String(t.amount));
        total = total.plus(amount);
        return {
          batchId: batch.id,
          subsidyId: Number(t.id),
          openSubsidyId: Number(t.id),
          personId: Number(t.personId),
          amount,
          holderName: String(t.holderName),
          bankName: String(t.bankName),
          accountEnc: String(t.accountEnc),
          accountMasked: String(t.accountMasked),
          result: 'pending' as const,
          failureReason: null,
          paidOn: null,
          resultAt: null,
        };
      });
      for (let i = 0; i < items.length; i += 500) await m.getRepository(SubsidyPaymentItem).insert(items.slice(i, i + 500));
      await m.getRepository(SubsidyPaymentBatch).update(batch.id, { itemCount: items.length, totalAmount: total });
      await this.audit.recordAct(
        user,
        { action: 'subsidy_batch.create', entity: 'subsidy_payment_batch', entityId: batch.id, detail: { districtId: district.id, policyYear: dto.policyYear, items: items.length, total: total.toFixed(2) } },
        m,
      );
      return { status: 201, body: await this.view(m, batch.id, false) };
    });
  }

  private async visible(user: AuthUser, id: number): Promise<SubsidyPaymentBatch> {
    const b = await this.ds.getRepository(SubsidyPaymentBatch).findOneBy({ id });
    if (!b || !this.access.canSeeDistrict(user, b.districtId)) throw notFound('subsidy_payment_batch');
    return b;
  }

  async get(user: AuthUser, id: number): Promise<BatchView> {
    await this.visible(user, id);
    return this.view(this.ds.manager, id, true);
  }

  async list(user: AuthUser, q: { districtId?: number; policyYear?: number }): Promise<BatchView[]> {
    const scope = this.access.scopeDistricts(user, q.districtId, 'district');
    if (scope && !scope.length) return [];
    const where: string[] = [];
    const params: unknown[] = [];
    if (scope) {
      where.push(`district_id IN (${marks(scope.length)})`);
      params.push(...scope);
    }
    if (q.policyYear !== undefined) {
      where.push('policy_year = ?');
      params.push(q.policyYear);
    }
    const ids = (await this.ds.query(`SELECT id FROM \`subsidy_payment_batch\` ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT 500`, params)) as { id: number }[];
    const out: BatchView[] = [];
    for (const r of ids) out.push(await this.view(this.ds.manager, Number(r.id), false));
    return out;
  }

  private async view(m: EntityManager, id: number, withItems: boolean): Promise<BatchView> {
    const b = await m.getRepository(SubsidyPaymentBatch).findOneByOrFail({ id });
    const d = await m.getRepository(District).findOneByOrFail({ id: b.districtId });
    const items = await m.getRepository(SubsidyPaymentItem).find({ where: { batchId: id }, order: { id: 'ASC' } });
    const count = (r: string) => items.filter((i) => i.result === r).length;
    return {
      id: b.id,
      districtId: b.districtId,
      districtName: d.name,
      policyYear: b.policyYear,
      status: b.status,
      statusText: BATCH_STATUS_TEXT[b.status] ?? b.status,
      itemCount: b.itemCount,
      totalAmount: b.totalAmount.toFixed(2),
      paid: count('paid'),
      failed: count('failed'),
      pending: count('pending'),
      createdAt: b.createdAt.toISOString(),
      exportedAt: b.exportedAt?.toISOString() ?? null,
      settledAt: b.settledAt?.toISOString() ?? null,
      ...(withItems
        ? {
            items: items.map((i) => ({
              itemNo: i.id,
              subsidyId: i.subsidyId,
              personId: i.personId,
              holderName: i.holderName,
              bankName: i.bankName,
              accountMasked: i.accountMasked,
              amount: i.amount.toFixed(2),
              result: i.result,
              resultText: RESULT_TEXT[i.result] ?? i.result,
              failureReason: i.failureReason,
              paidOn: i.paidOn,
            })),
          }
        : {}),
    };
  }

  // ------------------------------------------------------------------ export (full account numbers, audited)

  async export(user: AuthUser, id: number, start: DownloadStart): Promise<void> {
    const b = await this.visible(user, id);
    const d = await this.ds.getRepository(District).findOneByOrFail({ id: b.districtId });
    const items = (await this.ds.query(
      `SELECT i.id AS id, i.holder_name AS holderName, i.bank_name AS bankName, i.account_enc AS accountEnc, i.amount AS amount,
              i.result AS result, i.failure_reason AS failureReason, i.paid_on AS paidOn, p.policy_no AS policyNo, p.policy_year AS policyYear
         FROM \`subsidy_payment_item\` i INNER JOIN \`huhuibao_subsidy\` s ON s.id = i.subsidy_id INNER JOIN \`huhuibao_policy\` p ON p.id = s.policy_id
        WHERE i.batch_id = ? ORDER BY i.id`,
      [id],
    )) as Record<string, unknown>[];
    // The audit event commits before a single account number is written out.
    await this.ds.transaction(async (m) => {
      await this.audit.recordAct(
        user,
        { action: 'subsidy_batch.export', entity: 'subsidy_payment_batch', entityId: id, detail: { districtId: b.districtId, items: items.length, fullAccountNumbers: items.length } },
        m,
      );
      await m.query(`UPDATE \`subsidy_payment_batch\` SET status = 'exported', exported_at = ${nowSql(m)} WHERE id = ? AND status = 'created'`, [id]);
    });
    const res = start({
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Cache-Control': 'no-store',
      'Content-Disposition': `attachment; filename="subsidy-batch-${id}.xlsx"; filename*=UTF-8''${encodeURIComponent(`沪惠保补贴发放-${d.name}-第${id}批.xlsx`)}`,
    });
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useSharedStrings: false, useStyles: true });
    const ws = wb.addWorksheet('发放明细', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [{ width: 10 }, { width: 8 }, { width: 14 }, { width: 12 }, { width: 18 }, { width: 26 }, { width: 12 }, { width: 22 }, { width: 10 }, { width: 10 }, { width: 24 }, { width: 12 }];
    const head = ws.addRow(EXPORT_HEADERS);
    head.font = { bold: true };
    head.commit();
    for (const i of items) {
      const row = ws.addRow([
        Number(i.id),
        id,
        d.name,
        String(i.holderName),
        String(i.bankName),
        this.pii.decrypt(String(i.accountEnc), ACCOUNT_CONTEXT),
        new Decimal(typeof i.amount === 'number' ? i.amount.toFixed(2) : String(i.amount)).toNumber(),
        String(i.policyNo),
        Number(i.policyYear),
        i.result === 'pending' ? '' : RESULT_TEXT[String(i.result)],
        i.failureReason ? String(i.failureReason) : '',
        dateStr(i.paidOn) ?? '',
      ]);
      row.getCell(6).numFmt = '@'; // the account stays text: Excel would round a 19-digit number
      row.getCell(7).numFmt = '0.00';
      row.commit();
    }
    ws.commit();
    await wb.commit();
  }

  // ------------------------------------------------------------------ the bank's results

  async results(user: AuthUser, id: number, file: UploadedFile | undefined, dryRun: boolean): Promise<ResultsReport> {
    const b = await this.visible(user, id);
    if (!file?.buffer?.length) throw new ValidationFailedException([{ field: 'file', message: '请选择银行回盘文件（.csv 或 .xlsx）' }]);
    if (b.status === 'created') throw new ConflictException({ code: 'NOT_EXPORTED', message: '这一批还没有导出交银行，不能导入银行回盘' });
    let table: Awaited<ReturnType<typeof readTable<ResultColumn>>>;
    try {
      table = await readTable(file.buffer, RESULT_COLUMNS, '银行回盘文件');
    } catch (e) {
      if (e instanceof TableFileError) {
        const unsupported = e.message.includes('不是 CSV');
        throw new HttpException({ code: unsupported ? 'UNSUPPORTED_FILE' : 'BAD_FILE', message: e.message }, unsupported ? HttpStatus.UNSUPPORTED_MEDIA_TYPE : HttpStatus.UNPROCESSABLE_ENTITY);
      }
      throw e;
    }
    const today = this.clock.today();
    const items = new Map((await this.ds.getRepository(SubsidyPaymentItem).find({ where: { batchId: id } })).map((i) => [i.id, i]));
    const seen = new Map<number, number>();
    const plan: { item: SubsidyPaymentItem; outcome: 'paid' | 'failed'; reason: string | null; paidOn: string | null }[] = [];
    const rows: ResultRowView[] = table.rows.map((r) => {
      const messages: { field: string; message: string }[] = [];
      const itemText = cellText(r.cells.itemNo);
      const itemNo = /^\d+$/.test(itemText) ? Number(itemText) : NaN;
      const item = items.get(itemNo);
      const outcome = parseResult(r.cells.result);
      const reason = cellText(r.cells.reason).slice(0, 255) || null;
      const paidCell = parseDateCell(r.cells.paidOn);
      if (!itemText) messages.push({ field: '明细编号', message: '请填写明细编号（导出文件第一列）' });
      else if (!item) messages.push({ field: '明细编号', message: `明细编号 ${itemText} 不属于第 ${id} 批` });
      else if (seen.has(itemNo)) messages.push({ field: '明细编号', message: `与第 ${seen.get(itemNo)} 行重复` });
      if (item) seen.set(itemNo, r.rowNo);
      const name = cellText(r.cells.name);
      if (item && name && name !== item.holderName) messages.push({ field: '姓名', message: '姓名与发放明细不一致' });
      if (outcome === null) messages.push({ field: '发放结果', message: '请填写发放结果：成功或失败' });
      else if (outcome === 'invalid') messages.push({ field: '发放结果', message: '发放结果应为“成功”或“失败”' });
      if (outcome === 'failed' && !reason) messages.push({ field: '失败原因', message: '发放失败的，请写明银行退回的原因' });
      if (paidCell === 'invalid') messages.push({ field: '到账日期', message: '到账日期不是有效日期，如 2024-08-15' });
      else if (paidCell && paidCell > today) messages.push({ field: '到账日期', message: `到账日期 ${paidCell} 晚于今天` });
      if (item && (outcome === 'paid' || outcome === 'failed') && item.result !== 'pending' && item.result !== outcome) {
        messages.push({ field: '发放结果', message: `这一笔已记为“${RESULT_TEXT[item.result]}”，不能改为“${RESULT_TEXT[outcome]}”；如银行更正，请联系区民政局` });
      }
      if (messages.length || !item || (outcome !== 'paid' && outcome !== 'failed')) return { rowNo: r.rowNo, itemNo: itemText, outcome: 'error' as const, messages };
      if (item.result === outcome) return { rowNo: r.rowNo, itemNo: itemText, outcome: 'unchanged' as const, messages };
      plan.push({ item, outcome, reason: outcome === 'failed' ? reason : null, paidOn: outcome === 'paid' ? ((paidCell as string | null) ?? today) : null });
      return { rowNo: r.rowNo, itemNo: itemText, outcome, messages };
    });
    const counts = { paid: 0, failed: 0, unchanged: 0, error: 0 };
    for (const r of rows) counts[r.outcome]++;
    const report = (applied: boolean, batch: BatchView): ResultsReport => ({ batchId: id, dryRun, applied, counts, rows: rows.filter((r) => r.outcome !== 'unchanged' || dryRun), batch });
    if (counts.error) {
      throw new UnprocessableEntityException({
        code: 'RESULT_FILE_HAS_ERRORS',
        message: `银行回盘文件有 ${counts.error} 行错误，整份文件都没有导入，请改正后重新上传`,
        rows: rows.filter((r) => r.outcome === 'error'),
        counts,
      });
    }
    if (dryRun || !plan.length) return report(false, await this.view(this.ds.manager, id, false));

    await this.ds.transaction(async (m) => {
      let applied = { paid: 0, failed: 0 };
      for (const p of plan) {
        // Each result lands once: only on a pending item, only on the subsidy this batch holds.
        const n = await exec(m, `UPDATE \`subsidy_payment_item\` SET result = ?, failure_reason = ?, paid_on = ?, result_at = ${nowSql(m)}, open_subsidy_id = NULL WHERE id = ? AND result = ?`, [
            p.outcome,
            p.reason,
            p.paidOn,
            p.item.id,
            'pending',
          ]);
        if (n !== 1) continue;
        await m.query("UPDATE `huhuibao_subsidy` SET status = ?, failure_reason = ?, paid_on = ? WHERE id = ? AND batch_id = ? AND status = 'in_batch'", [
          p.outcome,
          p.reason,
          p.paidOn,
          p.item.subsidyId,
          id,
        ]);
        if (p.outcome === 'paid') await this.ledger(m, p.item.personId, b.policyYear, p.item.amount);
        applied = { ...applied, [p.outcome]: applied[p.outcome] + 1 };
      }
      const [{ n }] = (await m.query("SELECT COUNT(*) AS n FROM `subsidy_payment_item` WHERE batch_id = ? AND result = 'pending'", [id])) as { n: unknown }[];
      if (Number(n) === 0) await m.query(`UPDATE \`subsidy_payment_batch\` SET status = 'settled', settled_at = ${nowSql(m)} WHERE id = ? AND status <> 'settled'`, [id]);
      await this.audit.recordAct(user, { action: 'subsidy_batch.results', entity: 'subsidy_payment_batch', entityId: id, detail: { ...applied, unchanged: counts.unchanged } }, m);
    });
    return report(true, await this.view(this.ds.manager, id, false));
  }

  /** The yearly ledger (annual_usage): what "my coverage" shows used, and what "once a year" reads. */
  private async ledger(m: EntityManager, personId: number, year: number, amount: Decimal): Promise<void> {
    const key = `p:${personId}`;
    const n = await exec(m, 'UPDATE `annual_usage` SET paid = paid + ?, version = version + 1 WHERE subject_key = ? AND scheme_id = ? AND benefit_code = ? AND year = ?', [
        amount.toFixed(2),
        key,
        MINHANG_SCHEME,
        SUBSIDY_BENEFIT,
        year,
      ]);
    if (n === 0) {
      await m.query(
        'INSERT INTO `annual_usage` (subject_key, person_id, household_id, scheme_id, benefit_code, year, base_used, paid, version) VALUES (?, ?, NULL, ?, ?, ?, ?, ?, 1)',
        [key, personId, MINHANG_SCHEME, SUBSIDY_BENEFIT, year, '0.00', amount.toFixed(2)],
      );
    }
  }
}
