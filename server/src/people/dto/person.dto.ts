import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { DistrictRefDto } from '../../coverage/dto/coverage.dto';

export class IdentityDto {
  @ApiProperty({ example: 'dibao' }) code: string;
  @ApiProperty({ example: '低保对象' }) label: string;
  @ApiProperty({ example: '2024-01-01' }) validFrom: string;
  @ApiProperty({ nullable: true, type: String }) validTo: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Roster confirmation date' }) confirmedOn: string | null;
}

/** A person for staff: ID number and phone masked (the full values only through /pii, audited). */
export class PersonDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: '张桂兰' }) name: string;
  @ApiProperty({ enum: ['M', 'F'] }) sex: string;
  @ApiProperty({ example: 85 }) age: number;
  @ApiProperty({ example: '140***********1234' }) idNumberMasked: string;
  @ApiProperty({ nullable: true, type: String, example: '138****5678' }) phoneMasked: string | null;
  @ApiProperty({ type: () => DistrictRefDto }) district: DistrictRefDto;
  @ApiProperty({ nullable: true, type: Number }) householdId: number | null;
  @ApiProperty({ type: () => IdentityDto, isArray: true }) identities: IdentityDto[];
}

export const PII_FIELDS = ['idNumber', 'phone'] as const;
export type PiiField = (typeof PII_FIELDS)[number];

export class PiiQueryDto {
  @ApiProperty({ enum: PII_FIELDS })
  @IsIn(PII_FIELDS, { message: '只能查看身份证号（idNumber）或手机号（phone）' })
  field: PiiField;
}

export class PiiValueDto {
  @ApiProperty() personId: number;
  @ApiProperty({ enum: PII_FIELDS }) field: string;
  @ApiProperty({ nullable: true, type: String, description: 'The full value; null when none is on record' }) value: string | null;
}

/** GET /api/people?q=: an exact resident ID number (looked up by its keyed hash), or a name (exact, or its beginning). */
export class PersonSearchQueryDto {
  @ApiProperty({ example: '赵桂兰', description: 'A full ID number (18 characters), or a name or its first characters (at least 2)' })
  @IsString({ message: '请输入姓名或身份证号' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @MinLength(2, { message: '请至少输入两个字的姓名，或完整的身份证号' })
  @MaxLength(32, { message: '输入的内容太长了：请输入姓名或 18 位身份证号' })
  q: string;
}

export class EnrolmentRefDto {
  @ApiProperty({ example: 'jc-fpzhbx' }) schemeId: string;
  @ApiProperty({ example: 2025 }) insuranceYear: number;
  @ApiProperty({ example: '2025-01-01' }) coverStart: string;
  @ApiProperty({ example: '2025-12-31' }) coverEnd: string;
}

/** One match for staff: the name and ID number masked (the full values only through /pii, audited). */
export class PersonMatchDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: '赵**' }) name: string;
  @ApiProperty({ enum: ['M', 'F'] }) sex: string;
  @ApiProperty({ example: 58 }) age: number;
  @ApiProperty({ example: '140***********1234' }) idNumberMasked: string;
  @ApiProperty({ type: () => DistrictRefDto }) district: DistrictRefDto;
  @ApiProperty({ type: String, isArray: true, example: ['低保对象'], description: 'Current identities' }) identities: string[];
  @ApiProperty({ type: () => EnrolmentRefDto, isArray: true, description: 'Enrolments, newest year first' }) enrolments: EnrolmentRefDto[];
}

export class PersonSearchDto {
  @ApiProperty({ enum: ['id_number', 'name'] }) by: 'id_number' | 'name';
  @ApiProperty({ type: () => PersonMatchDto, isArray: true }) items: PersonMatchDto[];
  @ApiProperty({ description: 'More people match than are listed (20): narrow the search' }) more: boolean;
}

export class StaffDistrictDto extends DistrictRefDto {
  @ApiProperty({ nullable: true, type: String, example: 'jc-fpzhbx' }) schemeId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'county', description: '闵行: street (街道) or town (镇)' }) type: string | null;
}
