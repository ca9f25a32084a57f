import { categoryLabel, getScheme, type SchemeVersion } from '@huimin/shared';
import {
  BadRequestException,
  ConflictException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DownloadStart } from '../common/http/download';
import { DataSource } from 'typeorm';
import { AccessService, notFound } from '../auth/access.service';
import type { AuthUser } from '../auth/auth-user';
import { AuditService } from '../audit/audit.service';
import { maskSensitiveText } from '../common/crypto/mask';
import { PiiCryptoService } from '../common/crypto/pii-crypto.service';
import { ValidationFailedException } from '../common/validation/validation';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { District } from '../geo/district.entity';
import { RosterApply, type ApplyCounts } from './roster-apply';
import { RosterFileStore } from './roster-file-store';
import { RosterImport } from './roster-import.entity';
import { RosterFileError } from './roster-reader';
import { writeReport } from './roster-report';
import { RosterContext } from './roster-validator';
import { RosterValidation, type Progress } from './roster-validation';
import type { RosterImportView, RosterRowsPage, RosterRowsQueryDto, RosterRowView, UploadRosterDto } from './rosters.dto';

export const ROSTER_FILE_STORE = Symbol('ROSTER_FILE_STORE');
/** Largest roster file accepted (a million CSV rows are about 130 MB). */
export const ROSTER_MAX_BYTES = 600 * 1024 * 1024;

/** What the upload storage engine leaves on the request for the stored file. */
export interface UploadedRoster {
  originalname: string;
  storedFile: string;
  size: number;
  sha256: string;
  format: 'csv' | 'xlsx' | null;
}

const STATUS_TEXT: Record<string, string> = {
  pending: '已上传，等待校验',
  validating: '正在逐行校验',
  validated: '校验完成，请查看校验结果后确认应用',
  applying: '正在应用',
  applied: '已应用',
  failed: '处理失败',
};

@Injectable()
export class RostersService implements OnApplicationShutdown {
  private readonly logger = new Logger('Rosters');
  private readonly progress = new Map<number, Progress>();
  private readonly jobs = new Set<Promise<unknown>>();
  private readonly districtLocks = new Map<number, Promise<unknown>>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly pii: PiiCryptoService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    @Inject(ROSTER_FILE_STORE) private readonly store: RosterFileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.jobs]);
  }

  /** Resolves when every background validation and apply has finished (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.jobs.size) await Promise.allSettled([...this.jobs]);
  }

  private track(p: Promise<unknown>): void {
    const job = p.catch((e) => this.logger.error(maskSensitiveText(String((e as Error)?.stack ?? e)))).finally(() => this.jobs.delete(job));
    this.jobs.add(job);
  }

  // ------------------------------------------------------------------ upload

  async upload(user: AuthUser, dto: UploadRosterDto, file: UploadedRoster | undefined): Promise<RosterImportView> {
    if (!file) throw new ValidationFailedException([{ field: 'file', message: '请选择要上传的名单文件（.csv 或 .xlsx）' }]);
    let imp: RosterImport;
    try {
      const district = await this.ds.getRepository(District).findOneBy({ id: dto.districtId });
      if (!district || !this.access.canSeeDistrict(user, district.id)) throw notFound('district');
      const scheme = getScheme(dto.schemeId);
      let ctx: RosterContext;
      try {
        ctx = new RosterContext(dto.schemeId, district.name, dto.month);
      } catch {
        const periods = scheme.versions.map((v) => `${v.effective.from} 至 ${v.effective.to}`).join('、');
        throw new UnprocessableEntityException({ code: 'MONTH_OUT_OF_PERIOD', message: `${dto.month} 不在${scheme.name}的保险期间内（${periods}）` });
      }
      this.assertArea(ctx.version, district.name, scheme.name);
      if (!file.format) {
        throw new HttpException(
          { code: 'UNSUPPORTED_FILE', message: '文件内容不是 CSV 文本或 Excel（.xlsx）表格，请上传名单文件本身' },
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        );
      }
      if (district.insurerId == null) {
        throw new UnprocessableEntityException({ code: 'NO_INSURER', message: `${district.name}还没有配置承保公司，请先联系管理员配置` });
      }
      imp = await this.ds.getRepository(RosterImport).save(
        this.ds.getRepository(RosterImport).create({
          districtId: district.id,
          categoryCode: '*',
          schemeId: dto.schemeId,
          month: dto.month,
          mode: dto.mode ?? 'full',
          fileName: fixName(file.originalname).slice(0, 255),
          fileSha256: file.sha256,
          fileFormat: file.format,
          fileSize: file.size,
          storedFile: file.storedFile,
          importedById: user.userId,
          status: 'pending',
        }),
      );
    } catch (e) {
      this.store.remove(file.storedFile);
      throw e;
    }
    this.track(this.validate(imp.id));
    return this.view(imp);
  }

  private assertArea(version: SchemeVersion, area: string, schemeName: string): void {
    const excluded = version.coverage.excludedAreas?.find((a) => a.name === area);
    if (excluded || !version.coverage.areas.some((a) => a.name === area)) {
      throw new UnprocessableEntityException({ code: 'AREA_NOT_COVERED', message: `${area}不在${schemeName}的保障地区内` });
    }
  }

  // ------------------------------------------------------------------ validation (background)

  private async validate(id: number): Promise<void> {
    const repo = this.ds.getRepository(RosterImport);
    const imp = await repo.findOneByOrFail({ id });
    const district = await this.ds.getRepository(District).findOneByOrFail({ id: imp.districtId! });
    const ctx = new RosterContext(imp.schemeId!, district.name, imp.month!);
    const started = Date.now();
    await repo.update(id, { status: 'validating', startedAt: new Date() });
    const prog: Progress = { phase: 'validating', rowsRead: 0, rowsPerSecond: 0, startedAt: started };
    this.progress.set(id, prog);
    try {
      const out = await new RosterValidation(this.ds, this.pii).run({
        importId: id,
        districtId: district.id,
        mode: imp.mode,
        ctx,
        format: imp.fileFormat as 'csv' | 'xlsx',
        input: this.store.open(imp.storedFile!),
        onProgress: async (n) => {
          prog.rowsRead = n;
          prog.rowsPerSecond = Math.round(n / Math.max((Date.now() - started) / 1000, 0.001));
          await repo.update(id, { rowsRead: n, rowsPerSecond: prog.rowsPerSecond });
        },
      });
      await repo.update(id, {
        status: 'validated',
        rowCount: out.rowCount,
        rowsRead: out.rowCount,
        errorCount: out.errorCount,
        warningCount: out.warningCount,
        counts: out.counts,
        rowsPerSecond: out.rowsPerSecond,
        completedAt: new Date(),
      });
    } catch (e) {
      const message =
        e instanceof RosterFileError
          ? e.message
          : imp.fileFormat === 'xlsx'
            ? '无法读取这个 Excel 文件，请用 Excel 另存为 .xlsx 后重新上传'
            : '无法读取这个文件，请检查文件后重新上传';
      this.logger.warn(`roster ${id} validation failed: ${maskSensitiveText(String((e as Error)?.message ?? e))}`);
      await this.ds.query('DELETE FROM `roster_import_row` WHERE roster_import_id = ?', [id]);
      await repo.update(id, { status: 'failed', failure: message, completedAt: new Date() });
    } finally {
      this.progress.delete(id);
    }
  }

  // ------------------------------------------------------------------ reading

  /** The import if the caller may see it (its district); otherwise the same 404 as a missing one. */
  private async visible(user: AuthUser, id: number): Promise<RosterImport> {
    const imp = await this.ds.getRepository(RosterImport).findOneBy({ id });
    if (!imp || imp.districtId == null || !this.access.canSeeDistrict(user, imp.districtId)) throw notFound('roster_import');
    return imp;
  }

  async get(user: AuthUser, id: number): Promise<RosterImportView> {
    return this.view(await this.visible(user, id));
  }

  async rows(user: AuthUser, id: number, q: RosterRowsQueryDto): Promise<RosterRowsPage> {
    await this.visible(user, id);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const where = ['roster_import_id = ?'];
    const params: unknown[] = [id];
    if (q.status) {
      where.push('status = ?');
      params.push(q.status);
    }
    if (q.action) {
      where.push('action = ?');
      params.push(q.action);
    }
    const [{ n }] = (await this.ds.query(`SELECT COUNT(*) AS n FROM \`roster_import_row\` WHERE ${where.join(' AND ')}`, params)) as { n: number }[];
    const rows = (await this.ds.query(
      `SELECT row_no, status, action, category_code, id_number_masked, name, data_enc, errors FROM \`roster_import_row\`
        WHERE ${where.join(' AND ')} ORDER BY row_no LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    )) as RowDb[];
    return { page, pageSize, total: Number(n), rows: rows.map((r) => this.rowView(r)) };
  }

  async report(user: AuthUser, id: number, start: DownloadStart): Promise<void> {
    const imp = await this.visible(user, id);
    const res = start({
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="roster-${id}-report.xlsx"; filename*=UTF-8''${encodeURIComponent(`名单校验结果-${id}.xlsx`)}`,
    });
    const scheme = imp.schemeId ? getScheme(imp.schemeId).name : '';
    const title = `${scheme} ${imp.month ?? ''} 名单校验结果（第 ${id} 号，${imp.fileName}）：共 ${imp.rowCount} 行，错误 ${imp.errorCount} 行，提示 ${imp.warningCount} 行`;
    await writeReport(res, title, this.pages(id));
  }

  private async *pages(id: number): AsyncGenerator<RosterRowView[]> {
    let after = 0;
    for (;;) {
      const rows = (await this.ds.query(
        `SELECT row_no, status, action, category_code, id_number_masked, name, data_enc, errors FROM \`roster_import_row\`
          WHERE roster_import_id = ? AND row_no > ? ORDER BY row_no LIMIT 2000`,
        [id, after],
      )) as RowDb[];
      if (!rows.length) return;
      after = Number(rows[rows.length - 1].row_no);
      yield rows.map((r) => this.rowView(r));
    }
  }

  private rowView(r: RowDb): RosterRowView {
    // Valid rows and removals keep the name in clear (as person does); error rows only encrypted, as read.
    let name: string | null = r.name ? String(r.name).slice(0, 30) : null;
    if (!name && r.data_enc) {
      try {
        const data = JSON.parse(this.pii.decrypt(r.data_enc, 'roster_row.data')) as { name?: string };
        name = data.name ? String(data.name).slice(0, 30) : null;
      } catch {
        name = null;
      }
    }
    const messages = (typeof r.errors === 'string' ? JSON.parse(r.errors) : r.errors) ?? [];
    return {
      rowNo: Number(r.row_no),
      inFile: r.action !== 'remove',
      status: r.status,
      action: r.action,
      name,
      idNumberMasked: r.id_number_masked,
      categoryCode: r.category_code,
      categoryLabel: r.category_code ? categoryLabel(r.category_code) : null,
      messages,
    };
  }

  private async view(imp: RosterImport): Promise<RosterImportView> {
    const fresh = (await this.ds.getRepository(RosterImport).findOneBy({ id: imp.id })) ?? imp;
    const p = this.progress.get(imp.id);
    let sameFileAs: RosterImportView['sameFileAs'] = null;
    const same = await this.ds.getRepository(RosterImport).findOne({
      where: { fileSha256: fresh.fileSha256, schemeId: fresh.schemeId ?? undefined, districtId: fresh.districtId ?? undefined, month: fresh.month ?? undefined, status: 'applied' },
      order: { id: 'ASC' },
    });
    if (same && same.id !== fresh.id) sameFileAs = { id: same.id, appliedAt: same.appliedAt?.toISOString() ?? null };
    let statusText = STATUS_TEXT[fresh.status] ?? fresh.status;
    if (sameFileAs) statusText += `；与第 ${sameFileAs.id} 号名单内容完全相同，该名单已应用过，再次应用不会有任何变化`;
    const r = fresh.applyResult as (ApplyCounts & { alreadyApplied?: boolean }) | null;
    if (fresh.status === 'applied' && r) statusText += r.changes === 0 ? '：没有任何变化' : `：共 ${r.changes} 处变化`;
    return {
      id: fresh.id,
      schemeId: fresh.schemeId,
      districtId: fresh.districtId,
      month: fresh.month,
      mode: fresh.mode,
      fileName: fresh.fileName,
      fileFormat: fresh.fileFormat,
      fileSize: fresh.fileSize,
      status: fresh.status,
      statusText,
      progress: p
        ? { phase: p.phase, rowsRead: p.rowsRead, rowsPerSecond: p.rowsPerSecond }
        : fresh.rowsRead
          ? { phase: 'done', rowsRead: fresh.rowsRead, rowsPerSecond: fresh.rowsPerSecond }
          : null,
      rowCount: fresh.rowCount,
      errorCount: fresh.errorCount,
      warningCount: fresh.warningCount,
      counts: fresh.counts,
      failure: fresh.failure,
      sameFileAs,
      applyResult: fresh.applyResult,
      createdAt: fresh.createdAt.toISOString(),
      completedAt: fresh.completedAt?.toISOString() ?? null,
      appliedAt: fresh.appliedAt?.toISOString() ?? null,
    };
  }

  // ------------------------------------------------------------------ apply

  async apply(user: AuthUser, id: number, idempotencyKey: string | undefined): Promise<RosterImportView> {
    const imp = await this.visible(user, id);
    const key = idempotencyKey?.trim() || null;
    if (key && key.length > 128) throw new BadRequestException({ code: 'BAD_IDEMPOTENCY_KEY', message: 'Idempotency-Key 不能超过 128 个字符' });
    if (key) {
      const other = await this.ds.getRepository(RosterImport).findOneBy({ applyKey: key });
      if (other && other.id !== id) {
        throw new ConflictException({ code: 'IDEMPOTENCY_KEY_REUSED', message: '这个 Idempotency-Key 已用于另一份名单，请换一个' });
      }
    }
    if (imp.status === 'applied' || imp.status === 'applying') return this.view(imp); // already done or under way: same answer
    if (imp.status !== 'validated') {
      throw new ConflictException({
        code: 'NOT_VALIDATED',
        message: imp.status === 'failed' ? '名单处理失败，不能应用，请修改后重新上传' : '名单还在校验中，校验完成后才能应用',
      });
    }
    const res = await this.ds
      .getRepository(RosterImport)
      .update({ id, status: 'validated' }, { status: 'applying', applyKey: key, appliedById: user.userId, failure: null });
    if (res.affected === 1) this.track(this.runApply(id, user.userId));
    return this.view(imp);
  }

  /** Serialises applies per district (one process; the status update above guards each import). */
  private async withDistrictLock<T>(districtId: number, fn: () => Promise<T>): Promise<T> {
    const prev = this.districtLocks.get(districtId) ?? Promise.resolve();
    const next = prev.catch(() => undefined).then(fn);
    this.districtLocks.set(districtId, next);
    try {
      return await next;
    } finally {
      if (this.districtLocks.get(districtId) === next) this.districtLocks.delete(districtId);
    }
  }

  /** Applies an import now (the background job; the benchmark calls it directly). */
  async runApply(id: number, actorUserId: number | null): Promise<ApplyCounts | null> {
    const repo = this.ds.getRepository(RosterImport);
    const imp = await repo.findOneByOrFail({ id });
    const district = await this.ds.getRepository(District).findOneByOrFail({ id: imp.districtId! });
    const ctx = new RosterContext(imp.schemeId!, district.name, imp.month!);
    const started = Date.now();
    const prog: Progress = { phase: 'applying', rowsRead: 0, rowsPerSecond: 0, startedAt: started };
    this.progress.set(id, prog);
    try {
      return await this.withDistrictLock(district.id, () =>
        this.ds.transaction(async (m) => {
          const counts = await new RosterApply(this.pii).run(m, {
            importId: id,
            districtId: district.id,
            insurerId: district.insurerId!,
            mode: imp.mode,
            ctx,
            onProgress: (n) => {
              prog.rowsRead = n;
              prog.rowsPerSecond = Math.round(n / Math.max((Date.now() - started) / 1000, 0.001));
            },
          });
          const seconds = (Date.now() - started) / 1000;
          await this.audit.record(
            {
              actorUserId,
              action: 'roster.apply',
              entity: 'roster_import',
              entityId: id,
              detail: { schemeId: imp.schemeId, districtId: imp.districtId, month: imp.month, mode: imp.mode, fileSha256: imp.fileSha256, ...counts },
            },
            m,
          );
          await m.getRepository(RosterImport).update(id, {
            status: 'applied',
            appliedAt: new Date(),
            applyResult: { ...counts, seconds: Math.round(seconds * 10) / 10 },
          });
          return counts;
        }),
      );
    } catch (e) {
      this.logger.error(`roster ${id} apply failed: ${maskSensitiveText(String((e as Error)?.stack ?? e))}`);
      await repo.update(id, { status: 'validated', failure: '应用失败，没有做任何更改，请稍后重试' });
      return null;
    } finally {
      this.progress.delete(id);
    }
  }

  get dataDir(): string {
    return this.config.dataDir;
  }
}

interface RowDb {
  row_no: number;
  status: string;
  action: string | null;
  category_code: string | null;
  id_number_masked: string | null;
  name: string | null;
  data_enc: string;
  errors: unknown;
}

/** busboy hands multipart file names over as latin1; browsers send UTF-8. */
function fixName(name: string): string {
  const utf8 = Buffer.from(name, 'latin1').toString('utf8');
  return utf8.includes('\uFFFD') ? name : utf8;
}
