import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
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
