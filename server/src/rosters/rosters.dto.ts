import { listSchemes } from '@huimin/shared';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

const SCHEME_IDS = listSchemes().map((s) => s.id);

/** The form fields beside the file in POST /api/rosters (multipart: all text, hence @Type). */
export class UploadRosterDto {
  @IsIn(SCHEME_IDS, { message: `请选择保险方案（${SCHEME_IDS.join('、')}）` })
  schemeId: string;

  @Type(() => Number)
  @IsInt({ message: '请选择区县' })
  @Min(1, { message: '请选择区县' })
  districtId: number;

  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '名单月份应写成 2025-03 的格式' })
  month: string;

  @IsOptional()
  @IsIn(['full', 'delta'], { message: '导入方式应为 full（完整名单）或 delta（增减名单）' })
  mode?: 'full' | 'delta';
}

export class RosterRowsQueryDto {
  @IsOptional()
  @IsIn(['ok', 'warning', 'error'], { message: '状态应为 ok、warning 或 error' })
  status?: 'ok' | 'warning' | 'error';

  @IsOptional()
  @IsIn(['add', 'change', 'unchanged', 'remove', 'refuse'], { message: '处理方式应为 add、change、unchanged、remove 或 refuse' })
  action?: 'add' | 'change' | 'unchanged' | 'remove' | 'refuse';

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '页码应为整数' })
  @Min(1, { message: '页码从 1 开始' })
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '每页条数应为整数' })
  @Min(1, { message: '每页至少 1 条' })
  @Max(500, { message: '每页最多 500 条' })
  pageSize?: number;
}

export interface RosterImportView {
  id: number;
  schemeId: string | null;
  districtId: number | null;
  month: string | null;
  mode: string;
  fileName: string;
  fileFormat: string | null;
  fileSize: number;
  status: string;
  /** Plain Chinese status line for the caseworker. */
  statusText: string;
  progress: { phase: string; rowsRead: number; rowsPerSecond: number } | null;
  rowCount: number;
  errorCount: number;
  warningCount: number;
  /** Rows per action the apply would take (validation preview). */
  counts: Record<string, number> | null;
  failure: string | null;
  /** An earlier import of the same file content for the same scheme, district and month that was applied. */
  sameFileAs: { id: number; appliedAt: string | null } | null;
  applyResult: Record<string, unknown> | null;
  createdAt: string;
  completedAt: string | null;
  appliedAt: string | null;
}

export interface RosterRowView {
  rowNo: number;
  /** false for removals found by a full roster (people no longer listed). */
  inFile: boolean;
  status: string;
  action: string | null;
  name: string | null;
  idNumberMasked: string | null;
  categoryCode: string | null;
  categoryLabel: string | null;
  messages: { field: string; message: string; level?: string }[];
}

export interface RosterRowsPage {
  page: number;
  pageSize: number;
  total: number;
  rows: RosterRowView[];
}
