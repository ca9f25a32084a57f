import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class RegionDto {
  @ApiProperty({ example: '重庆市' }) province: string;
  @ApiProperty({ example: '重庆市' }) city: string;
  @ApiPropertyOptional({ example: '闵行区' }) district?: string;
}

export class SourceDocDto {
  @ApiProperty({ example: 'cq-2024' }) id: string;
  @ApiProperty({ example: '关于做好民政惠民济困保项目实施有关工作的通知' }) title: string;
  @ApiPropertyOptional({ example: '渝民发〔2024〕3号' }) docNo?: string;
  @ApiProperty() issuer: string;
  @ApiProperty({ example: '2024-02-07' }) date: string;
}

export class InsuranceYearDto {
  @ApiProperty({ example: '2024', description: 'Insurance year id: annual caps and deductibles run over it' }) id: string;
  @ApiProperty({ example: '2024-01-01' }) from: string;
  @ApiProperty({ example: '2024-12-31' }) to: string;
}

export class VersionSummaryDto {
  @ApiProperty({ example: 'cq-2024' }) id: string;
  @ApiProperty({ example: '2024-01-01' }) from: string;
  @ApiProperty({ example: '2025-12-31' }) to: string;
  @ApiProperty({ type: () => InsuranceYearDto, isArray: true }) insuranceYears: InsuranceYearDto[];
  @ApiPropertyOptional() periodNote?: string;
  @ApiProperty({ description: 'Clause that sets the period' }) periodSource: string;
}

export class InsurerDto {
  @ApiProperty({ example: 'cq-chinalife' }) id: string;
  @ApiProperty({ example: '中国人寿保险股份有限公司重庆市分公司' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: '95519' }) hotline: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'tel:95519', description: 'For a dial link; null when there is no number' }) telLink: string | null;
  @ApiProperty({ description: 'Where the number comes from, or why there is none' }) hotlineNote: string;
}

export class QualifyingDto {
  @ApiProperty({ example: 'dibao' }) code: string;
  @ApiProperty({ example: '低保对象' }) label: string;
  @ApiProperty({ type: [String], description: 'Holders of these identities are not covered through this one', example: ['伤残人民警察'] }) excludes: string[];
  @ApiProperty({ type: [String], example: ['须先纳入全国防返贫监测信息系统'] }) requires: string[];
  @ApiProperty() source: string;
}

export class AreaDto {
  @ApiProperty({ example: '渝中区' }) name: string;
  @ApiProperty({ example: 'cq-1a2b3c4d', description: 'District code in this system (GB/T 2260 where the scheme gives one)' }) code: string;
  @ApiPropertyOptional({ enum: ['street', 'town', 'industrial_zone'] }) townType?: string;
  @ApiProperty({ nullable: true, type: String, example: 'cq-ancheng' }) insurerId: string | null;
}

export class ExclusionDto {
  @ApiProperty({ example: '新蔡县' }) name: string;
  @ApiProperty() source: string;
}

export class CoverageRuleDto {
  @ApiProperty({ enum: ['categories', 'registered_residents'] }) basis: string;
  @ApiProperty({ example: '按身份参保：在民政等部门名册上的以下人员' }) who: string;
  @ApiProperty({ type: () => QualifyingDto, isArray: true }) qualifying: QualifyingDto[];
  @ApiProperty({ type: () => AreaDto, isArray: true }) areas: AreaDto[];
  @ApiProperty({ type: () => ExclusionDto, isArray: true }) exclusions: ExclusionDto[];
  @ApiProperty({ example: '区县审核确认当月的 1 日起保障' }) coverStart: string;
  @ApiProperty() coverStartSource: string;
  @ApiProperty() source: string;
}

export class LimitDto {
  @ApiProperty({ example: '150000.00' }) amount: string;
  @ApiProperty({ example: '每年最高 150,000 元' }) text: string;
  @ApiProperty() source: string;
}

export class DeductibleDto extends LimitDto {
  @ApiProperty({ description: 'true: deducted once per insurance year from the year\'s cumulative amount' }) perYear: boolean;
}

export class BandDto {
  @ApiProperty({ example: '0.00' }) from: string;
  @ApiProperty({ nullable: true, type: String, example: '10000.00', description: 'Inclusive; null for the last band' }) upTo: string | null;
  @ApiProperty({ example: '0.25' }) rate: string;
  @ApiProperty({ example: '25%' }) ratePercent: string;
}

export class BandVariantDto {
  @ApiProperty({ example: '特困人员' }) label: string;
  @ApiProperty({ type: [String], description: 'Identities this variant applies to; empty for the default', example: ['特困人员'] }) appliesTo: string[];
  @ApiProperty({ type: () => BandDto, isArray: true }) bands: BandDto[];
  @ApiProperty() text: string;
  @ApiProperty() source: string;
}

export class LimitsDto {
  @ApiPropertyOptional({ type: () => LimitDto }) annualCap?: LimitDto;
  @ApiPropertyOptional({ type: () => LimitDto }) perClaimCap?: LimitDto;
  @ApiPropertyOptional({ type: () => DeductibleDto }) deductible?: DeductibleDto;
  @ApiPropertyOptional({ type: () => BandVariantDto, isArray: true }) bands?: BandVariantDto[];
}

export class FactOptionDto {
  @ApiProperty() value: string;
  @ApiProperty() label: string;
}

export class FactDto {
  @ApiProperty({ example: 'outOfCatalogueSelfPay' }) name: string;
  @ApiProperty({ enum: ['money', 'grade', 'enum', 'boolean', 'date', 'text'] }) type: string;
  @ApiProperty({ example: '目录外自费金额（元）' }) label: string;
  @ApiProperty() required: boolean;
  @ApiPropertyOptional({ type: () => FactOptionDto, isArray: true }) options?: FactOptionDto[];
  @ApiPropertyOptional() help?: string;
}

export class DocumentDto {
  @ApiProperty({ example: 'invoices' }) id: string;
  @ApiProperty({ example: '医疗费用发票（医疗电子票据）' }) name: string;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional({ example: '仅当“是否县外就医”为“是”时需要' }) onlyWhen?: string;
}

export class TextWithSourceDto {
  @ApiProperty() text: string;
  @ApiProperty() source: string;
}

export class BenefitDto {
  @ApiProperty({ example: 'critical_supplement' }) id: string;
  @ApiProperty({ example: '大病补充' }) name: string;
  @ApiProperty({ example: '大病补充' }) group: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: ['person', 'household'] }) unit: string;
  @ApiProperty({ example: '按人' }) unitLabel: string;
  @ApiProperty({ type: [String], description: 'The payout formula, a sentence a step' }) formula: string[];
  @ApiProperty({ type: () => LimitsDto }) limits: LimitsDto;
  @ApiPropertyOptional({ type: () => TextWithSourceDto, description: 'Paid once per person / per option / per year' }) once?: TextWithSourceDto;
  @ApiProperty({ type: () => TextWithSourceDto, isArray: true }) conditions: TextWithSourceDto[];
  @ApiProperty({ type: () => FactDto, isArray: true, description: 'Facts a claim (or an estimate) needs' }) facts: FactDto[];
  @ApiProperty({ type: () => DocumentDto, isArray: true, description: '一次性告知: every document a claim needs' }) documents: DocumentDto[];
  @ApiProperty({ type: () => TextWithSourceDto }) deadline: TextWithSourceDto;
  @ApiProperty() source: string;
}

export class FundingDto {
  @ApiProperty({ example: 'premium' }) id: string;
  @ApiProperty({ example: '保费' }) name: string;
  @ApiProperty({ enum: ['person', 'household'] }) unit: string;
  @ApiProperty({ enum: ['perYear', 'perCoveredMonth', 'perSubsidy'] }) basis: string;
  @ApiProperty({ example: '10.00' }) amount: string;
  @ApiProperty({ example: '保费：每人每参保月 10 元' }) text: string;
  @ApiProperty({ type: [String], example: ['由重庆市民政局全额承担'] }) payers: string[];
  @ApiProperty() source: string;
}

export class PurchaseWindowDto {
  @ApiProperty({ example: '06-01' }) from: string;
  @ApiProperty({ example: '07-31' }) to: string;
  @ApiProperty() source: string;
}

export class VersionDetailDto extends VersionSummaryDto {
  @ApiProperty({ type: () => CoverageRuleDto }) coverage: CoverageRuleDto;
  @ApiProperty({ type: () => InsurerDto, isArray: true }) insurers: InsurerDto[];
  @ApiProperty({ type: () => BenefitDto, isArray: true }) benefits: BenefitDto[];
  @ApiProperty({ type: () => FundingDto, isArray: true }) funding: FundingDto[];
  @ApiPropertyOptional({ type: () => PurchaseWindowDto }) purchaseWindow?: PurchaseWindowDto;
}

abstract class SchemeBaseDto {
  @ApiProperty({ example: 'cq-hmjkb' }) id: string;
  @ApiProperty({ example: '民政惠民济困保' }) name: string;
  @ApiProperty({ example: '惠民济困保' }) shortName: string;
  @ApiProperty({ enum: ['insurance', 'purchase_subsidy'] }) kind: string;
  @ApiProperty({ example: '保险' }) kindLabel: string;
  @ApiProperty({ type: () => RegionDto }) region: RegionDto;
  @ApiProperty({ nullable: true, type: String, description: 'The version in force today, if any' }) currentVersionId: string | null;
}

export class SchemeSummaryDto extends SchemeBaseDto {
  @ApiProperty({ type: () => VersionSummaryDto, isArray: true }) versions: VersionSummaryDto[];
}

export class SchemeDetailDto extends SchemeBaseDto {
  @ApiProperty({ type: () => SourceDocDto, isArray: true }) sources: SourceDocDto[];
  @ApiProperty({ type: () => VersionDetailDto, isArray: true }) versions: VersionDetailDto[];
}
