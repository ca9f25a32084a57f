import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DocumentDto } from '../../schemes/dto/scheme.dto';

export class BreakdownLineDto {
  @ApiProperty({ enum: ['info', 'add', 'cap', 'subtract', 'round'] }) kind: string;
  @ApiProperty({ example: '本年累计 5,000.00；5,000.00 − 起付线 2,000 = 3,000.00' }) text: string;
  @ApiPropertyOptional({ example: '1500.00', description: 'Signed; the amounts add up to the payout exactly' }) amount?: string;
  @ApiPropertyOptional({ description: 'Clause as printed: 《document》clause（口径：reading）' }) source?: string;
}

export class ReasonDto {
  @ApiProperty() ok: boolean;
  @ApiProperty({ example: 'AREA_COVERED' }) code: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional() field?: string;
  @ApiPropertyOptional() source?: string;
}

export class LedgerSideDto {
  @ApiProperty({ example: '1200.00' }) before: string;
  @ApiProperty({ example: '5000.00' }) after: string;
  @ApiPropertyOptional({ example: '3800.00' }) claim?: string;
}

export class LedgerDto {
  @ApiProperty({ enum: ['person', 'household'] }) unit: string;
  @ApiProperty({ example: '2026' }) insuranceYear: string;
  @ApiProperty({ type: () => LedgerSideDto }) base: LedgerSideDto;
  @ApiProperty({ type: () => LedgerSideDto }) paid: LedgerSideDto;
  @ApiPropertyOptional({ example: '20000.00' }) annualCap?: string;
  @ApiPropertyOptional({ example: '18500.00' }) capLeftAfter?: string;
}

export class EstimateInsurerDto {
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) hotline: string | null;
  @ApiProperty({ nullable: true, type: String }) telLink: string | null;
}

export class EstimateResponseDto {
  @ApiProperty() personId: number;
  @ApiProperty() schemeId: string;
  @ApiProperty() schemeName: string;
  @ApiPropertyOptional() versionId?: string;
  @ApiProperty() benefitId: string;
  @ApiPropertyOptional() benefitName?: string;
  @ApiProperty() incidentDate: string;
  @ApiPropertyOptional() insuranceYear?: string;
  @ApiProperty() covered: boolean;
  @ApiProperty({ example: '1500.00' }) payout: string;
  @ApiProperty({ type: () => BreakdownLineDto, isArray: true }) breakdown: BreakdownLineDto[];
  @ApiProperty({ type: () => ReasonDto, isArray: true, description: 'Every check made, passed or not' }) reasons: ReasonDto[];
  @ApiPropertyOptional({ type: () => LedgerDto }) ledger?: LedgerDto;
  @ApiPropertyOptional({ description: 'Payout deadline rule in words' }) deadline?: string;
  @ApiProperty({ type: () => DocumentDto, isArray: true, description: '一次性告知' }) documents: DocumentDto[];
  @ApiPropertyOptional({ type: () => EstimateInsurerDto }) insurer?: EstimateInsurerDto;
}
