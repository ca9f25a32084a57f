import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Length, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { PROXY_RELATIONS, ProxyRelation } from '../entities/proxy-grant.entity';
import { IsCalendarDate } from '../../common/validation/calendar-date';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class WechatLoginDto {
  @ApiProperty({ description: 'wx.login() 得到的 code' })
  @IsString({ message: '登录凭证应为文字' })
  @IsNotEmpty({ message: '缺少微信登录凭证，请重新进入小程序' })
  @MaxLength(128, { message: '登录凭证格式不正确' })
  code: string;
}

export class BindDto {
  @ApiProperty({ example: '张三' })
  @Transform(trim)
  @IsString({ message: '请填写姓名' })
  @IsNotEmpty({ message: '请填写姓名' })
  @MaxLength(64, { message: '姓名太长' })
  name: string;

  @ApiProperty({ example: '500101199001011234' })
  @Transform(trim)
  @IsString({ message: '请填写身份证号' })
  @Matches(/^\d{17}[\dXx]$/, { message: '身份证号应为 18 位，最后一位可以是 X' })
  idNumber: string;

  @ApiPropertyOptional({ example: '13812345678', description: '登记过手机号的，须填写' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/[\s-]/g, '') : value))
  @IsString({ message: '手机号应为数字' })
  @Matches(/^1\d{10}$/, { message: '手机号应为 11 位数字' })
  phone?: string;
}

/** Either a person id, or the openid of a demo beneficiary (demo-openid-…). */
export class DevLoginDto {
  @ApiPropertyOptional()
  @ValidateIf((o: DevLoginDto) => o.openid === undefined)
  @IsInt({ message: '人员编号应为整数' })
  @Min(1, { message: '人员编号应为正整数' })
  personId?: number;

  @ApiPropertyOptional({ example: 'demo-openid-jincheng' })
  @IsOptional()
  @IsString({ message: 'openid 应为文字' })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'openid 格式不正确' })
  openid?: string;
}

export class StaffLoginDto {
  @ApiProperty()
  @Transform(trim)
  @IsString({ message: '请填写用户名' })
  @IsNotEmpty({ message: '请填写用户名' })
  @MaxLength(64, { message: '用户名太长' })
  username: string;

  @ApiProperty()
  @IsString({ message: '请填写密码' })
  @IsNotEmpty({ message: '请填写密码' })
  @MaxLength(256, { message: '密码太长' })
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString({ message: '缺少刷新凭证' })
  @IsNotEmpty({ message: '缺少刷新凭证' })
  @MaxLength(128, { message: '刷新凭证格式不正确' })
  refreshToken: string;
}

export const FAMILY_RELATIONS = PROXY_RELATIONS.filter((r) => r !== 'caseworker');

export class CreateProxyGrantDto {
  @ApiProperty({ description: '同意被代办的人员编号' })
  @IsInt({ message: '人员编号应为整数' })
  @Min(1, { message: '人员编号应为正整数' })
  personId: number;

  @ApiPropertyOptional({ description: '代办人的用户编号（家属的微信用户）；不填则为登记的工作人员本人' })
  @IsOptional()
  @IsInt({ message: '代办人编号应为整数' })
  @Min(1, { message: '代办人编号应为正整数' })
  granteeUserId?: number;

  @ApiProperty({ enum: PROXY_RELATIONS })
  @IsIn(PROXY_RELATIONS, { message: '关系应为：配偶、子女、孙子女、兄弟姐妹、其他亲属、社区工作人员或其他' })
  relation: ProxyRelation;

  @ApiProperty({ example: '2025-03-01', description: '纸质同意书上的签署日期' })
  @IsString({ message: '请填写同意书签署日期' })
  @IsCalendarDate({ message: '签署日期应为真实的日期，如 2025-03-01' })
  consentedOn: string;
}

export class CreateProxyInviteDto {
  @ApiProperty({ enum: FAMILY_RELATIONS, description: '代办人与您的关系' })
  @IsIn(FAMILY_RELATIONS, { message: '关系应为：配偶、子女、孙子女、兄弟姐妹、其他亲属或其他' })
  relation: ProxyRelation;
}

export class RedeemProxyInviteDto {
  @ApiProperty({ example: '12345678' })
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\s/g, '') : value))
  @IsString({ message: '请填写邀请码' })
  @Length(8, 8, { message: '邀请码是 8 位数字' })
  @Matches(/^\d{8}$/, { message: '邀请码是 8 位数字' })
  code: string;
}
