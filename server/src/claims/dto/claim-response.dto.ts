import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EstimateResponseDto } from '../../estimates/dto/estimate-response.dto';

export class ClaimDocumentDto {
  @ApiProperty({ example: 'discharge_summary' }) documentId: string;
  @ApiProperty({ example: '出院小结' }) name: string;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ enum: ['missing', 'received', 'accepted', 'rejected'] }) status: string;
  @ApiProperty({ example: '还没交' }) statusLabel: string;
  @ApiPropertyOptional({ example: '照片模糊，请重拍' }) reviewNote?: string;
}

export class ClaimTimelineEntryDto {
  @ApiProperty() id: number;
  @ApiProperty() at: string;
  @ApiProperty({ example: '立案' }) label: string;
  @ApiProperty({ enum: ['reported', 'transition', 'document', 'note'] }) type: string;
  @ApiPropertyOptional({ nullable: true, type: String }) fromState: string | null;
  @ApiProperty() toState: string;
  @ApiProperty({ example: '社区工作人员' }) actor: string;
  @ApiPropertyOptional({ description: 'Set when a proxy acted for the person' }) onBehalf?: boolean;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional({ example: '1500.00' }) amount?: string;
}

export class ClaimActionDto {
  @ApiProperty({ example: 'under_review' }) to: string;
  @ApiProperty({ example: '开始审核' }) label: string;
  @ApiProperty() reasonRequired: boolean;
  @ApiPropertyOptional() reasonHint?: string;
  @ApiPropertyOptional({ description: 'Approve: a reason is required when the amount differs from the estimate' }) reasonIfAmountChanged?: boolean;
  @ApiPropertyOptional() recordsAmount?: boolean;
}

export class ClaimDeadlineDto {
  @ApiPropertyOptional({ nullable: true, type: String, example: '2026-12-04' }) dueDate: string | null;
  @ApiPropertyOptional({ enum: ['on_time', 'due_soon', 'overdue'] }) dueStatus?: string;
  @ApiProperty({ type: [String], description: 'How the date was counted, line by line; or why it cannot be counted yet' }) explanation: string[];
}

export class ClaimSummaryDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'HM261122000042' }) claimNo: string;
  @ApiProperty() personId: number;
  @ApiPropertyOptional({ description: 'Staff only' }) personName?: string;
  @ApiProperty() districtId: number;
  @ApiProperty() districtName: string;
  @ApiProperty() schemeId: string;
  @ApiProperty() schemeName: string;
  @ApiProperty() benefitId: string;
  @ApiProperty() benefitName: string;
  @ApiProperty() incidentDate: string;
  @ApiProperty() state: string;
  @ApiProperty({ example: '审核中' }) stateLabel: string;
  @ApiProperty({ example: '正在审核，请耐心等待' }) plainLabel: string;
  @ApiPropertyOptional({ example: '1500.00', nullable: true, type: String }) estimatedPayout: string | null;
  @ApiPropertyOptional({ example: '1500.00', nullable: true, type: String }) approvedAmount: string | null;
  @ApiProperty({ description: 'Required documents not yet received' }) documentsMissing: number;
  @ApiPropertyOptional({ nullable: true, type: String }) dueDate: string | null;
  @ApiPropertyOptional({ enum: ['on_time', 'due_soon', 'overdue'] }) dueStatus?: string;
  @ApiProperty() reportedAt: string;
  @ApiProperty() updatedAt: string;
}

export class ClaimDetailDto extends ClaimSummaryDto {
  @ApiProperty() insuranceYear: number;
  @ApiPropertyOptional({ nullable: true, type: String }) place: string | null;
  @ApiProperty() description: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) facts: Record<string, unknown>;
  @ApiProperty({ enum: ['beneficiary', 'proxy', 'staff', 'proactive'] }) source: string;
  @ApiPropertyOptional({ type: () => EstimateResponseDto, description: 'The engine\'s latest estimate with its breakdown (at report, documents complete, or approval)' }) estimate?: EstimateResponseDto;
  @ApiPropertyOptional({ nullable: true, type: String }) amountChangeReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) decisionReason: string | null;
  @ApiProperty({ type: () => ClaimDocumentDto, isArray: true, description: '一次性告知: every document, ticked off as it arrives' }) documents: ClaimDocumentDto[];
  @ApiPropertyOptional({ nullable: true, type: String }) documentsCompleteOn: string | null;
  @ApiProperty({ type: () => ClaimDeadlineDto }) deadline: ClaimDeadlineDto;
  @ApiProperty({ type: () => ClaimTimelineEntryDto, isArray: true }) timeline: ClaimTimelineEntryDto[];
  @ApiProperty({ type: () => ClaimActionDto, isArray: true, description: 'What the caller may do next' }) actions: ClaimActionDto[];
  @ApiPropertyOptional({ nullable: true, type: String }) decidedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) paidAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) paymentRef: string | null;
}

export class ClaimListDto {
  @ApiProperty({ type: () => ClaimSummaryDto, isArray: true }) items: ClaimSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
