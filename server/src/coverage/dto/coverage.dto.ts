import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DocumentDto, LimitsDto } from '../../schemes/dto/scheme.dto';

export class DistrictRefDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: '泽州县' }) name: string;
  @ApiProperty({ example: '晋城市' }) city: string;
  @ApiProperty({ example: '泽州县' }) county: string;
}

export class PersonSummaryDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: '张**', description: 'Masked' }) name: string;
  @ApiProperty({ example: '140***********1234' }) idNumberMasked: string;
  @ApiProperty({ nullable: true, type: String, example: '138****5678' }) phoneMasked: string | null;
  @ApiProperty({ example: 85 }) age: number;
  @ApiProperty({ type: () => DistrictRefDto }) district: DistrictRefDto;
}

export class CapUsageDto {
  @ApiProperty({ example: '20000.00' }) amount: string;
  @ApiProperty({ example: '1500.00', description: 'Paid (or approved) this insurance year' }) used: string;
  @ApiProperty({ example: '18500.00' }) left: string;
}

export class DeductibleUsageDto {
  @ApiProperty({ example: '2000.00' }) amount: string;
  @ApiProperty({ example: '1200.00', description: 'Counted towards the deductible this year (at most the deductible)' }) met: string;
  @ApiProperty({ example: '800.00', description: 'Still to pay before the benefit pays' }) left: string;
}

export class BenefitUsageDto {
  @ApiProperty({ example: '2026' }) insuranceYear: string;
  @ApiProperty({ enum: ['person', 'household'], description: 'Whose ledger: the person\'s, or the household\'s for household benefits' }) ledger: string;
  @ApiProperty({ example: '1200.00', description: 'Cumulative claimed base amount this insurance year' }) baseUsed: string;
  @ApiProperty({ example: '0.00' }) paid: string;
  @ApiPropertyOptional({ type: () => CapUsageDto }) annualCap?: CapUsageDto;
  @ApiPropertyOptional({ type: () => DeductibleUsageDto }) deductible?: DeductibleUsageDto;
}

export class CoveredBenefitDto {
  @ApiProperty({ example: 'inpatient' }) id: string;
  @ApiProperty({ example: '住院医疗补偿' }) name: string;
  @ApiProperty() group: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: ['person', 'household'] }) unit: string;
  @ApiProperty({ type: () => LimitsDto }) limits: LimitsDto;
  @ApiProperty({ type: () => BenefitUsageDto }) usage: BenefitUsageDto;
  @ApiProperty({ type: () => DocumentDto, isArray: true, description: '一次性告知' }) documents: DocumentDto[];
}

export class CoverageInsurerDto {
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String, example: '95519' }) hotline: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'tel:95519' }) telLink: string | null;
}

export class CoverageItemDto {
  @ApiProperty() enrolmentId: number;
  @ApiProperty({ enum: ['active', 'ended'] }) status: 'active' | 'ended';
  @ApiProperty({ example: '保障中' }) statusLabel: string;
  @ApiPropertyOptional({ example: '保障已结束；保障期内发生的事故仍可报案理赔' }) note?: string;
  @ApiProperty({ example: 'jc-fpzhbx' }) schemeId: string;
  @ApiProperty({ example: '防贫综合保险' }) schemeName: string;
  @ApiProperty({ example: '防贫保' }) schemeShortName: string;
  @ApiProperty({ example: 'jc-2026' }) versionId: string;
  @ApiProperty({ example: '2026' }) insuranceYear: string;
  @ApiProperty({ example: '2026-01-01' }) insuranceYearFrom: string;
  @ApiProperty({ example: '2026-12-31' }) insuranceYearTo: string;
  @ApiProperty({ example: '2026-01-01' }) coverStart: string;
  @ApiProperty({ example: '2026-12-31' }) coverEnd: string;
  @ApiProperty({ type: () => CoverageInsurerDto }) insurer: CoverageInsurerDto;
  @ApiProperty({ type: () => DistrictRefDto }) district: DistrictRefDto;
  @ApiProperty({ type: () => CoveredBenefitDto, isArray: true }) benefits: CoveredBenefitDto[];
}

export class CoverageResponseDto {
  @ApiProperty({ example: '2026-11-22' }) today: string;
  @ApiProperty({ type: () => PersonSummaryDto }) person: PersonSummaryDto;
  @ApiProperty({ type: () => CoverageItemDto, isArray: true, description: 'In force today first, then ended within the last 12 months' }) enrolments: CoverageItemDto[];
}
