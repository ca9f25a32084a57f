/**
 * The insurer's list of issued policies: upload = dry run (every row checked, what applying would do
 * recorded, nothing written to policies), then apply (one transaction; the same content again changes
 * nothing).
 */
import { createHash } from 'node:crypto';
import { ConflictException, HttpException, HttpStatus, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Decimal from 'decimal.js';
import { DataSource, EntityManager } from 'typeorm';
import { notFound } from '../auth/access.service';
import type { AuthUser } from '../auth/auth-user';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { maskIdNumber } from '../common/crypto/mask';
import { PiiCryptoService } from '../common/crypto/pii-crypto.service';
import { ValidationFailedException } from '../common/validation/validation';
import { HuhuibaoPolicyImportRow, type PolicyRowAction, type PolicyRowStatus } from './entities/policy-import-row.entity';
import { HuhuibaoPolicyImport } from './entities/policy-import.entity';
import { HuhuibaoPolicy } from './entities/policy.entity';
import { checkPolicyRow, POLICY_COLUMNS, type PolicyRecord, type RowMessage } from './policy-format';
import { exec, bool, dateStr, parseJson, selectIn } from './sql';
import { REMATCHABLE } from './subsidy-states';
import { SubsidyAccess } from './subsidy-access';
import { readTable, TableFileError } from './table-reader';
import type { PolicyImportView, PolicyRowsPage, PolicyRowsQueryDto, PolicyRowView, UploadPolicyListDto } from './subsidy.dto';

export const ROW_CONTEXT = 'huhuibao_policy_row.data';

export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

interface ExistingPolicy {
  id: number;
  holderName: string;
  idNumberHash: string;
  groupPolicy: boolean;
  viaMinhangLink: boolean;
  purchaseDate: string;
  issueDate: string;
  premium: string;
  policyYear: number;
  subsidyStatus: string | null;
}

const STATUS_TEXT: Record<string, string> = {
  validated: '校验完成（未应用）：请查看每行结果，确认后应用',
  applied: '已应用',
  failed: '处理失败',
};

/** busboy hands multipart file names over as latin1; browsers send UTF-8. */
export function fixName(name: string): string {
  const utf8 = Buffer.from(name, 'latin1').toString('utf8');
  return utf8.includes('\uFFFD') ? name : utf8;
}

@Injectable()
export class PolicyImportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly pii: PiiCryptoService,
    private readonly audit: AuditService,
    private readonly access: SubsidyAccess,
    private readonly clock: Clock,
  ) {}

  // ------------------------------------------------------------------ upload (dry run)

  async upload(user: AuthUser, dto: UploadPolicyListDto, file: UploadedFile | undefined): Promise<PolicyImportView> {
    await this.access.assertMinhangStaff(user, 'policy_import');
    if (!file?.buffer?.length) throw new ValidationFailedException([{ field: 'file', message: '请选择保险公司的出单清单文件（.csv 或 .xlsx）' }]);
    const expectedYear = dto.policyYear ?? null;
    let table: Awaited<ReturnType<typeof readTable<(typeof POLICY_COLUMNS)[number]['key']>>>;
    try {
      table = await readTable(file.buffer, POLICY_COLUMNS, '出单清单');
      if (!table.present.has('kind') && !table.present.has('group')) throw new TableFileError('出单清单缺少列：投保方式（个人 / 团体），或 是否团单');
    } catch (e) {
      if (e instanceof TableFileError) {
        const unsupported = e.message.includes('不是 CSV');
        throw new HttpException(
          { code: unsupported ? 'UNSUPPORTED_FILE' : 'BAD_FILE', message: e.message },
          unsupported ? HttpStatus.UNSUPPORTED_MEDIA_TYPE : HttpStatus.UNPROCESSABLE_ENTITY,
        );
      }
      throw e;
    }
    if (!table.rows.length) throw new UnprocessableEntityException({ code: 'EMPTY_FILE', message: '出单清单除表头外没有数据行' });

    const today = this.clock.today();
    const checked = table.rows.map((r) => ({
      rowNo: r.rowNo,
      ...checkPolicyRow(r.cells, { expectedYear, today, hasKindColumn: table.present.has('kind') }),
    }));
    // The same policy twice in one file: the later rows are errors. The same person on several policies: a warning.
    const firstRow = new Map<string, number>();
    const byPerson = new Map<string, number[]>();
    for (const c of checked) {
      if (!c.record) continue;
      const seen = firstRow.get(c.record.policyNo);
      if (seen !== undefined) {
        c.messages.push({ field: '保单号', message: `与第 ${seen} 行的保单号相同`, level: 'error' });
        c.record = null;
        continue;
      }
      firstRow.set(c.record.policyNo, c.rowNo);
      const h = this.pii.hashIdNumber(c.record.idNumber);
      byPerson.set(h, [...(byPerson.get(h) ?? []), c.rowNo]);
    }
    for (const c of checked) {
      if (!c.record) continue;
      const rows = byPerson.get(this.pii.hashIdNumber(c.record.idNumber))!;
      if (rows.length > 1) {
        c.messages.push({
          field: '身份证号',
          message: `同一被保险人在第 ${rows.join('、')} 行有 ${rows.length} 张保单：补贴每个保单年度只发一次`,
          level: 'warning',
        });
      }
    }

    const existing = await this.existing(this.ds.manager, checked.flatMap((c) => (c.record ? [c.record.policyNo] : [])));
    const verdicts = checked.map((c) => {
      let action: PolicyRowAction | null = null;
      if (c.record) {
        const cur = existing.get(c.record.policyNo);
        action = !cur ? 'add' : this.differs(cur, c.record) ? 'change' : 'unchanged';
        if (cur && action === 'change' && cur.subsidyStatus && !REMATCHABLE.includes(cur.subsidyStatus as never)) {
          c.messages.push({ field: '保单号', message: '这张保单的补贴已交银行发放，不能再修改；如清单有误，请联系区民政局', level: 'error' });
          action = null;
          c.record = null;
        } else if (cur && action === 'change' && cur.idNumberHash !== this.pii.hashIdNumber(c.record.idNumber)) {
          c.messages.push({ field: '身份证号', message: '这个保单号此前登记的是另一位被保险人，应用后以本清单为准', level: 'warning' });
        }
      }
      const status: PolicyRowStatus = !c.record ? 'error' : c.messages.some((m) => m.level === 'warning') ? 'warning' : 'ok';
      return { ...c, action, status };
    });

    const counts: Record<string, number> = { add: 0, change: 0, unchanged: 0, error: 0 };
    for (const v of verdicts) counts[v.action ?? 'error']++;
    const sha = createHash('sha256').update(file.buffer).digest('hex');
    const imp = await this.ds.transaction(async (m) => {
      const saved = await m.getRepository(HuhuibaoPolicyImport).save(
        m.getRepository(HuhuibaoPolicyImport).create({
          fileName: fixName(file.originalname ?? 'policies').slice(0, 255),
          fileSha256: sha,
          fileFormat: table.format,
          policyYear: expectedYear,
          status: 'validated',
          rowCount: verdicts.length,
          errorCount: verdicts.filter((v) => v.status === 'error').length,
          warningCount: verdicts.filter((v) => v.status === 'warning').length,
          counts,
          importedById: user.userId,
        }),
      );
      const rows = verdicts.map((v) => {
        const raw = v.record ?? rawOf(table.rows.find((r) => r.rowNo === v.rowNo)!.cells);
        const idNumber = typeof raw.idNumber === 'string' ? raw.idNumber : '';
        return {
          importId: saved.id,
          rowNo: v.rowNo,
          status: v.status,
          action: v.action,
          policyNo: typeof raw.policyNo === 'string' && raw.policyNo ? raw.policyNo.slice(0, 64) : null,
          idNumberMasked: idNumber ? maskIdNumber(idNumber).slice(0, 24) : null,
          dataEnc: this.pii.encrypt(JSON.stringify(raw), ROW_CONTEXT),
          messages: v.messages,
        };
      });
      for (let i = 0; i < rows.length; i += 500) await m.getRepository(HuhuibaoPolicyImportRow).insert(rows.slice(i, i + 500));
      return saved;
    });
    return this.view(imp);
  }

  private differs(cur: ExistingPolicy, r: PolicyRecord): boolean {
    return (
      cur.holderName !== r.name ||
      cur.idNumberHash !== this.pii.hashIdNumber(r.idNumber) ||
      cur.groupPolicy !== r.groupPolicy ||
      cur.viaMinhangLink !== r.viaMinhangLink ||
      cur.purchaseDate !== r.purchaseDate ||
      cur.issueDate !== r.issueDate ||
      !new Decimal(cur.premium).eq(r.premium) ||
      cur.policyYear !== r.policyYear
    );
  }

  private async existing(m: EntityManager, policyNos: string[]): Promise<Map<string, ExistingPolicy>> {
    const rows = await selectIn<Record<string, unknown>>(
      m,
      (q) =>
        'SELECT p.id AS id, p.policy_no AS policyNo, p.holder_name AS holderName, p.id_number_hash AS idNumberHash, p.group_policy AS groupPolicy, ' +
        'p.via_minhang_link AS viaMinhangLink, p.purchase_date AS purchaseDate, p.issue_date AS issueDate, p.premium AS premium, p.policy_year AS policyYear, ' +
        `s.status AS subsidyStatus FROM \`huhuibao_policy\` p LEFT JOIN \`huhuibao_subsidy\` s ON s.policy_id = p.id WHERE p.policy_no IN (${q})`,
      [...new Set(policyNos)],
    );
    return new Map(
      rows.map((r) => [
        String(r.policyNo),
        {
          id: Number(r.id),
          holderName: String(r.holderName),
          idNumberHash: String(r.idNumberHash),
          groupPolicy: bool(r.groupPolicy),
          viaMinhangLink: bool(r.viaMinhangLink),
          purchaseDate: dateStr(r.purchaseDate)!,
          issueDate: dateStr(r.issueDate)!,
          premium: typeof r.premium === 'number' ? r.premium.toFixed(2) : String(r.premium),
          policyYear: Number(r.policyYear),
          subsidyStatus: r.subsidyStatus == null ? null : String(r.subsidyStatus),
        },
      ]),
    );
  }

  // ------------------------------------------------------------------ reading

  private async visible(user: AuthUser, id: number): Promise<HuhuibaoPolicyImport> {
    await this.access.assertMinhangStaff(user, 'policy_import');
    const imp = await this.ds.getRepository(HuhuibaoPolicyImport).findOneBy({ id });
    if (!imp) throw notFound('policy_import');
    return imp;
  }

  async get(user: AuthUser, id: number): Promise<PolicyImportView> {
    return this.view(await this.visible(user, id));
  }

  async rows(user: AuthUser, id: number, q: PolicyRowsQueryDto): Promise<PolicyRowsPage> {
    await this.visible(user, id);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const where = { importId: id, ...(q.status ? { status: q.status } : {}) };
    const [rows, total] = await this.ds.getRepository(HuhuibaoPolicyImportRow).findAndCount({
      where,
      order: { rowNo: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { page, pageSize, total, rows: rows.map((r) => this.rowView(r)) };
  }

  private rowView(r: HuhuibaoPolicyImportRow): PolicyRowView {
    let name: string | null = null;
    try {
      const data = JSON.parse(this.pii.decrypt(r.dataEnc, ROW_CONTEXT)) as { name?: unknown };
      name = typeof data.name === 'string' && data.name ? data.name.slice(0, 30) : null;
    } catch {
      name = null;
    }
    return {
      rowNo: r.rowNo,
      status: r.status,
      action: r.action,
      policyNo: r.policyNo,
      name,
      idNumberMasked: r.idNumberMasked,
      messages: parseJson<RowMessage[]>(r.messages) ?? [],
    };
  }

  private async view(imp: HuhuibaoPolicyImport): Promise<PolicyImportView> {
    const fresh = (await this.ds.getRepository(HuhuibaoPolicyImport).findOneBy({ id: imp.id })) ?? imp;
    const same = await this.ds.getRepository(HuhuibaoPolicyImport).findOne({ where: { fileSha256: fresh.fileSha256, status: 'applied' }, order: { id: 'ASC' } });
    const sameFileAs = same && same.id !== fresh.id ? { id: same.id, appliedAt: same.appliedAt?.toISOString() ?? null } : null;
    let statusText = STATUS_TEXT[fresh.status] ?? fresh.status;
    if (sameFileAs) statusText += `；与第 ${sameFileAs.id} 号清单内容完全相同，该清单已应用过`;
    const r = fresh.applyResult;
    if (fresh.status === 'applied' && r) statusText += r.added + r.changed === 0 ? '：没有任何变化' : `：新增 ${r.added} 张，修改 ${r.changed} 张保单`;
    const problems = await this.ds.getRepository(HuhuibaoPolicyImportRow).find({
      where: [{ importId: fresh.id, status: 'error' }, { importId: fresh.id, status: 'warning' }],
      order: { rowNo: 'ASC' },
      take: 50,
    });
    return {
      id: fresh.id,
      fileName: fresh.fileName,
      fileFormat: fresh.fileFormat,
      policyYear: fresh.policyYear,
      status: fresh.status,
      statusText,
      rowCount: fresh.rowCount,
      errorCount: fresh.errorCount,
      warningCount: fresh.warningCount,
      counts: parseJson<Record<string, number>>(fresh.counts),
      sameFileAs,
      applyResult: parseJson<Record<string, number>>(fresh.applyResult),
      problems: problems.map((p) => this.rowView(p)),
      createdAt: fresh.createdAt.toISOString(),
      appliedAt: fresh.appliedAt?.toISOString() ?? null,
    };
  }

  // ------------------------------------------------------------------ apply

  async apply(user: AuthUser, id: number): Promise<PolicyImportView> {
    const imp = await this.visible(user, id);
    if (imp.status === 'applied') return this.view(imp);
    if (imp.status !== 'validated') throw new ConflictException({ code: 'NOT_VALIDATED', message: '这份清单处理失败，不能应用，请修改后重新上传' });
    await this.ds.transaction(async (m) => {
      // Claims the import: a concurrent apply of the same import waits here, then finds it applied.
      const claimed = await exec(m, 'UPDATE `huhuibao_policy_import` SET status = ?, applied_by_id = ? WHERE id = ? AND status = ?', [
        'applied',
        user.userId,
        id,
        'validated',
      ]);
      if (claimed !== 1) return;
      const rows = await m.getRepository(HuhuibaoPolicyImportRow).find({ where: [{ importId: id, status: 'ok' }, { importId: id, status: 'warning' }], order: { rowNo: 'ASC' } });
      const records = rows.map((r) => JSON.parse(this.pii.decrypt(r.dataEnc, ROW_CONTEXT)) as PolicyRecord);
      const existing = await this.existing(m, records.map((r) => r.policyNo));
      const hashes = records.map((r) => this.pii.hashIdNumber(r.idNumber));
      const people = new Map(
        (await selectIn<{ id: number; hash: string }>(m, (q) => `SELECT id, id_number_hash AS hash FROM \`person\` WHERE id_number_hash IN (${q})`, [...new Set(hashes)])).map(
          (p) => [String(p.hash), Number(p.id)],
        ),
      );
      const result = { added: 0, changed: 0, unchanged: 0, frozen: 0, errorRows: imp.errorCount };
      const repo = m.getRepository(HuhuibaoPolicy);
      for (let i = 0; i < records.length; i++) {
        const r = records[i];
        const cur = existing.get(r.policyNo);
        if (cur && !this.differs(cur, r)) {
          result.unchanged++;
          continue;
        }
        if (cur?.subsidyStatus && !REMATCHABLE.includes(cur.subsidyStatus as never)) {
          result.frozen++;
          continue;
        }
        const id = this.pii.protectIdNumber(r.idNumber);
        const values = {
          holderName: r.name,
          idNumberEnc: id.enc,
          idNumberHash: id.hash,
          idNumberMasked: id.masked,
          personId: people.get(hashes[i]) ?? null,
          groupPolicy: r.groupPolicy,
          viaMinhangLink: r.viaMinhangLink,
          purchaseDate: r.purchaseDate,
          issueDate: r.issueDate,
          premium: new Decimal(r.premium),
          policyYear: r.policyYear,
          importId: imp.id,
        };
        if (cur) {
          await repo.update({ id: cur.id }, values);
          result.changed++;
        } else {
          await repo.insert({ policyNo: r.policyNo, ...values });
          result.added++;
        }
      }
      await m.getRepository(HuhuibaoPolicyImport).update(id, { appliedAt: new Date(), applyResult: result });
      await this.audit.recordAct(user, { action: 'subsidy.policy_import.apply', entity: 'huhuibao_policy_import', entityId: id, detail: { fileSha256: imp.fileSha256, ...result } }, m);
    });
    return this.view(imp);
  }
}

/** A row with errors, kept as read (text), so the report can name what was in it. */
function rawOf(cells: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(cells)) out[k] = v instanceof Date ? v.toISOString().slice(0, 10) : v == null ? '' : String(v).trim().slice(0, 100);
  return out;
}
