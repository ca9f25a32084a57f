import { ApiProperty } from '@nestjs/swagger';
import { IsArray, IsNotEmpty, IsObject, IsString, MaxLength } from 'class-validator';

export class PutHolidayYearDto {
  @ApiProperty({ example: { 元旦: ['01-01', '01-02', '01-03'], 春节: ['02-06', '02-07'] }, description: 'Holiday name → its days off (MM-DD), weekend days of the break included' })
  @IsObject({ message: '节假日应为“名称 → 日期列表”' })
  holidays: Record<string, string[]>;

  @ApiProperty({ example: ['02-20'], description: 'Weekend days that are working days (调休上班), MM-DD' })
  @IsArray({ message: '调休上班日应为日期列表' })
  @IsString({ each: true, message: '调休上班日应写成 02-20' })
  workdays: string[];

  @ApiProperty({ example: '国务院办公厅关于2027年部分节假日安排的通知' })
  @IsString({ message: '请写明依据的通知' })
  @IsNotEmpty({ message: '请写明依据的通知' })
  @MaxLength(200, { message: '依据最多 200 个字' })
  source: string;
}

export class HolidayYearViewDto {
  @ApiProperty() year: number;
  @ApiProperty({ description: 'seeded: from the chinese-days data in the engine; entered: by an admin' }) origin: 'seeded' | 'entered';
  @ApiProperty() source: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) holidays: Record<string, string[]>;
  @ApiProperty({ type: [String] }) workdays: string[];
}
