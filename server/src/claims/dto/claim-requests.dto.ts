import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayNotEmpty, ValidateNested } from 'class-validator';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import type { ClaimState } from '@huimin/shared';
import { IsCalendarDate } from '../../common/validation/calendar-date';

const STATES: ClaimState[] = ['reported', 'accepted', 'waiting_documents', 'under_review', 'approved', 'rejected', 'paid', 'withdrawn'];

export class AttachmentRefDto {
  @ApiProperty({ example: 'invoices' })
  @IsString({ message: '请选择是哪一项材料' })
  @IsNotEmpty({ message: '请选择是哪一项材料' })
  @MaxLength(64, { message: '材料编号太长' })
  documentId: string;

  @ApiProperty({ example: 12 })
  @IsInt({ message: '文件编号应为整数' })
  @Min(1, { message: '文件编号应为正整数' })
  attachmentId: number;
}

/** 报案. Only these fields are accepted (anything else, e.g. `state` or `districtId`, is refused). */
export class ReportClaimDto {
  @ApiProperty({ example: 'jc-fpzhbx' })
  @IsString({ message: '请选择保障方案' })
  @IsNotEmpty({ message: '请选择保障方案' })
  @MaxLength(64, { message: '保障方案编号太长' })
  schemeId: string;

  @ApiProperty({ example: 'inpatient' })
  @IsString({ message: '请选择保障项目' })
  @IsNotEmpty({ message: '请选择保障项目' })
  @MaxLength(64, { message: '保障项目编号太长' })
  benefitId: string;

  @ApiProperty({ example: '2026-05-10', description: 'Incident date (出险日期), YYYY-MM-DD' })
  @IsString({ message: '请填写出险日期，如 2026-05-10' })
  @IsCalendarDate({ message: '出险日期应为真实的日期，如 2026-05-10' })
  incidentDate: string;

  @ApiPropertyOptional({ example: '晋城市人民医院', description: 'Where it happened (hospital, place of the accident)' })
  @IsOptional()
  @IsString({ message: '地点应为文字' })
  @MaxLength(200, { message: '地点最多 200 个字' })
  place?: string;

  @ApiProperty({ example: '因肺炎住院 8 天', description: 'What happened, in the reporter\'s words' })
  @IsString({ message: '请简单说一下发生了什么' })
  @IsNotEmpty({ message: '请简单说一下发生了什么' })
  @MaxLength(1000, { message: '情况说明最多 1000 个字' })
  description: string;

  @ApiProperty({ description: 'Claim facts the benefit declares (GET /api/schemes/:id → benefits[].facts); amounts as decimal strings', type: 'object', additionalProperties: true, example: { selfPayAfterOthers: '3800.00' } })
  @IsObject({ message: '理赔信息应为对象' })
  facts: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Whose claim: a caseworker reporting for a person of their district must give it; a beneficiary leaves it out (or uses X-Act-For)' })
  @IsOptional()
  @IsInt({ message: '参保人编号应为整数' })
  @Min(1, { message: '参保人编号应为正整数' })
  personId?: number;

  @ApiPropertyOptional({ description: '主动理赔: the reminder this report answers (closed with the report)' })
  @IsOptional()
  @IsInt({ message: '提醒编号应为整数' })
  @Min(1, { message: '提醒编号应为正整数' })
  alertId?: number;

  @ApiPropertyOptional({ description: 'Files already uploaded (POST /api/attachments), each for a line of the checklist', type: () => AttachmentRefDto, isArray: true })
  @IsOptional()
  @IsArray({ message: '材料应为列表' })
  @ArrayMaxSize(50, { message: '一次最多 50 个文件' })
  @ValidateNested({ each: true })
  @Type(() => AttachmentRefDto)
  attachments?: AttachmentRefDto[];
}

export class TransitionClaimDto {
  @ApiProperty({ enum: STATES, description: 'The state to move to (see the shared state machine); the server picks the transition' })
  @IsIn(STATES, { message: '目标状态不正确' })
  to: ClaimState;

  @ApiPropertyOptional({ example: '缺少出院小结', description: 'Required for refusals, rejections, asking for documents, and an approved amount that differs from the estimate' })
  @IsOptional()
  @IsString({ message: '原因应为文字' })
  @MaxLength(500, { message: '原因最多 500 个字' })
  reason?: string;

  @ApiPropertyOptional({ example: '1500.00', description: 'Approve only: the amount, when it differs from the engine\'s estimate' })
  @IsOptional()
  @IsString({ message: '金额应写成 1500.00 这样的数字' })
  @Matches(/^\d{1,12}(\.\d{1,2})?$/, { message: '金额应写成 1500.00 这样的数字（最多两位小数）' })
  amount?: string;

  @ApiPropertyOptional({ example: 'BANK-20261122-0001', description: 'Pay only: the transfer reference' })
  @IsOptional()
  @IsString({ message: '转账流水号应为文字' })
  @MaxLength(64, { message: '转账流水号最多 64 个字符' })
  paymentRef?: string;

  @ApiPropertyOptional({ description: 'Asking for documents: the checklist lines that are missing or must be sent again', type: [String] })
  @IsOptional()
  @IsArray({ message: '材料编号应为列表' })
  @ArrayMaxSize(30, { message: '材料最多 30 项' })
  @IsString({ each: true, message: '材料编号应为文字' })
  @MaxLength(64, { each: true, message: '材料编号太长' })
  documentIds?: string[];
}

export class ReviewDocumentDto {
  @ApiProperty({ enum: ['received', 'accepted', 'rejected'], description: 'received: handed in on paper; accepted: checked; rejected: must be sent again (give a note)' })
  @IsIn(['received', 'accepted', 'rejected'], { message: '材料状态应为 已收到、已核验 或 需重交' })
  status: 'received' | 'accepted' | 'rejected';

  @ApiPropertyOptional({ example: '照片模糊，请重拍' })
  @IsOptional()
  @IsString({ message: '说明应为文字' })
  @MaxLength(300, { message: '说明最多 300 个字' })
  note?: string;
}

export class ListClaimsQueryDto {
  @ApiPropertyOptional({ enum: STATES })
  @IsOptional()
  @IsIn(STATES, { message: '状态不正确' })
  state?: ClaimState;

  @ApiPropertyOptional({ description: 'open: every state that is not finished' })
  @IsOptional()
  @IsIn(['open', 'closed'], { message: '范围应为 open 或 closed' })
  scope?: 'open' | 'closed';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: '保障方案编号应为文字' })
  @MaxLength(64, { message: '保障方案编号太长' })
  schemeId?: string;

  @ApiPropertyOptional({ enum: ['overdue', 'due_soon'] })
  @IsOptional()
  @IsIn(['overdue', 'due_soon'], { message: '期限筛选应为 overdue 或 due_soon' })
  due?: 'overdue' | 'due_soon';

  @ApiPropertyOptional({ description: 'Staff: one person\'s claims' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '参保人编号应为整数' })
  @Min(1, { message: '参保人编号应为正整数' })
  personId?: number;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '页码应为整数' })
  @Min(1, { message: '页码从 1 开始' })
  page?: number;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '每页条数应为整数' })
  @Min(1, { message: '每页至少 1 条' })
  pageSize?: number;
}

export class RaiseDisputeDto {
  @ApiProperty({ example: '住院发票都交了，为什么少赔了 500 元？' })
  @IsString({ message: '请写明对哪一点有异议' })
  @IsNotEmpty({ message: '请写明对哪一点有异议' })
  @MaxLength(1000, { message: '异议最多 1000 个字' })
  reason: string;
}

export class AnswerDisputeDto {
  @ApiProperty({ enum: ['maintained', 'revised'], description: 'maintained: 维持原决定; revised: 予以纠正' })
  @IsIn(['maintained', 'revised'], { message: '请选择“维持原决定”或“予以纠正”' })
  outcome: 'maintained' | 'revised';

  @ApiProperty({ example: '经核对，500 元为目录外药品费用，不在保障范围内' })
  @IsString({ message: '请写明答复内容' })
  @IsNotEmpty({ message: '请写明答复内容' })
  @MaxLength(1000, { message: '答复最多 1000 个字' })
  answer: string;
}

export class DisputesQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'answered'] })
  @IsOptional()
  @IsIn(['open', 'answered'], { message: '状态应为 open 或 answered' })
  state?: 'open' | 'answered';
}

export class AlertsQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'reported', 'dismissed'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'reported', 'dismissed'], { message: '状态应为 open、reported 或 dismissed' })
  state?: 'open' | 'reported' | 'dismissed';
}

export class DismissAlertDto {
  @ApiProperty({ example: '已核实为门诊检查，不属于住院' })
  @IsString({ message: '请写明为什么不需要理赔' })
  @IsNotEmpty({ message: '请写明为什么不需要理赔' })
  @MaxLength(300, { message: '说明最多 300 个字' })
  note: string;
}

/** The alert import takes the file and an optional note on where the list came from; any other field is refused. */
export class AlertImportDto {
  @ApiPropertyOptional({ example: '医保住院监测 2026 年 5 月' })
  @IsOptional()
  @IsString({ message: '来源说明应为文字' })
  @MaxLength(100, { message: '来源说明最多 100 个字' })
  source?: string;
}

export class AttachDocumentsDto {
  @ApiProperty({ type: [Number], example: [12, 13], description: 'Uploaded files (POST /api/attachments) of the claim\'s person' })
  @IsArray({ message: '请选择要提交的文件' })
  @ArrayNotEmpty({ message: '请至少选择一个文件' })
  @ArrayMaxSize(20, { message: '一次最多 20 个文件' })
  @IsInt({ each: true, message: '文件编号应为整数' })
  @Min(1, { each: true, message: '文件编号应为正整数' })
  attachmentIds: number[];
}
