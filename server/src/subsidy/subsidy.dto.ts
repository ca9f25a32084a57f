import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { SUBSIDY_STATUSES, type SubsidyStatus } from './subsidy-states';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value);

// ------------------------------------------------------------------ policy lists

/** The form field beside the file in POST /api/subsidy/policy-imports (multipart: text). */
export class UploadPolicyListDto {
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: '保单年度应为四位年份，如 2024' })
  @Min(2000, { message: '保单年度应为四位年份，如 2024' })
  @Max(2100, { message: '保单年度应为四位年份，如 2024' })
  policyYear?: number;
}

export class PolicyRowsQueryDto {
  @IsOptional()
  @IsIn(['ok', 'warning', 'error'], { message: '状态应为 ok、warning 或 error' })
  status?: 'ok' | 'warning' | 'error';

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

export interface PolicyRowView {
  rowNo: number;
  status: string;
  action: string | null;
  policyNo: string | null;
  name: string | null;
  idNumberMasked: string | null;
  messages: { field: string; message: string; level: string }[];
}

export interface PolicyRowsPage {
  page: number;
  pageSize: number;
  total: number;
  rows: PolicyRowView[];
}

export interface PolicyImportView {
  id: number;
  fileName: string;
  fileFormat: string;
  policyYear: number | null;
  status: string;
  statusText: string;
  rowCount: number;
  errorCount: number;
  warningCount: number;
  /** What applying would do (or did): add / change / unchanged / error rows. */
  counts: Record<string, number> | null;
  sameFileAs: { id: number; appliedAt: string | null } | null;
  applyResult: Record<string, number> | null;
  /** The first 50 rows with an error or a warning (all of them: GET …/rows?status=error). */
  problems: PolicyRowView[];
  createdAt: string;
  appliedAt: string | null;
}

// ------------------------------------------------------------------ matching

export class MatchDto {
  @IsInt({ message: '请填写保单年度，如 2024' })
  @Min(2000, { message: '保单年度应为四位年份，如 2024' })
  @Max(2100, { message: '保单年度应为四位年份，如 2024' })
  policyYear: number;
}

// ------------------------------------------------------------------ subsidies

export class SubsidyListQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '保单年度应为四位年份，如 2024' })
  policyYear?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '请选择街镇' })
  @Min(1, { message: '请选择街镇' })
  districtId?: number;

  @IsOptional()
  @IsIn(SUBSIDY_STATUSES as unknown as string[], { message: `状态应为：${SUBSIDY_STATUSES.join('、')}` })
  status?: SubsidyStatus;

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

// ------------------------------------------------------------------ payments

export class CreateBatchDto {
  @IsInt({ message: '请选择街镇' })
  @Min(1, { message: '请选择街镇' })
  districtId: number;

  @IsInt({ message: '请填写保单年度，如 2024' })
  @Min(2000, { message: '保单年度应为四位年份，如 2024' })
  @Max(2100, { message: '保单年度应为四位年份，如 2024' })
  policyYear: number;
}

export class BatchListQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '请选择街镇' })
  @Min(1, { message: '请选择街镇' })
  districtId?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '保单年度应为四位年份，如 2024' })
  policyYear?: number;
}

/** The form field beside the bank's result file (multipart: text). */
export class UploadResultsDto {
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dryRun 应为 true 或 false' })
  dryRun?: 'true' | 'false';
}

export class KpiQueryDto {
  @Type(() => Number)
  @IsInt({ message: '请填写保单年度，如 2024' })
  @Min(2000, { message: '保单年度应为四位年份，如 2024' })
  @Max(2100, { message: '保单年度应为四位年份，如 2024' })
  policyYear: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '请选择街镇' })
  @Min(1, { message: '请选择街镇' })
  districtId?: number;
}

// ------------------------------------------------------------------ resident

export class BankAccountDto {
  @IsString({ message: '请填写银行卡号或存折账号' })
  @MinLength(1, { message: '请填写银行卡号或存折账号' })
  @MaxLength(40, { message: '账号太长，请核对' })
  accountNumber: string;

  @IsString({ message: '请填写开户银行，如 上海农商银行' })
  @MinLength(2, { message: '请填写开户银行，如 上海农商银行' })
  @MaxLength(32, { message: '开户银行名称最多 32 个字' })
  bankName: string;

  @IsString({ message: '请填写账户名（须为本人姓名）' })
  @MinLength(1, { message: '请填写账户名（须为本人姓名）' })
  @MaxLength(30, { message: '账户名最多 30 个字' })
  holderName: string;
}
