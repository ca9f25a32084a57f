import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { IsCalendarDate } from '../../common/validation/calendar-date';

/** An estimate request. Only these fields are accepted (anything else, e.g. `role` or `districtId`, is refused). */
export class EstimateRequestDto {
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

  @ApiProperty({
    description: 'Claim facts the benefit declares (see GET /api/schemes/:id → benefits[].facts); amounts as decimal strings. Checked by the rules engine.',
    example: { selfPayAfterOthers: '3800.00' },
    type: 'object',
    additionalProperties: true,
  })
  @IsObject({ message: '理赔信息应为对象' })
  facts: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Whose estimate: staff must give it; a beneficiary may leave it out (themselves, or the person they act for)' })
  @IsOptional()
  @IsInt({ message: '参保人编号应为整数' })
  @Min(1, { message: '参保人编号应为正整数' })
  personId?: number;
}
