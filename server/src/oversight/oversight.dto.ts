import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, MaxLength, Min, IsOptional } from 'class-validator';

/** Which scheme, insurance year and (optionally) district: every oversight figure is asked for this way. */
export class OversightQueryDto {
  @IsString({ message: '请选择方案，如 jc-fpzhbx' })
  @MaxLength(64, { message: '方案编号太长' })
  @Matches(/^[a-z0-9-]+$/, { message: '方案编号只含小写字母、数字和连字符，如 jc-fpzhbx' })
  schemeId: string;

  @Type(() => Number)
  @IsInt({ message: '请填写保险年度，如 2026' })
  @Min(2000, { message: '保险年度应为四位年份，如 2026' })
  @Max(2100, { message: '保险年度应为四位年份，如 2026' })
  year: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '请选择区县' })
  @Min(1, { message: '请选择区县' })
  districtId?: number;
}
