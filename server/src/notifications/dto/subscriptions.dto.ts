import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Matches } from 'class-validator';

const TEMPLATE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** What wx.requestSubscribeMessage answered: the template ids asked for, and those the user allowed ('accept'). */
export class RecordSubscriptionsDto {
  @ApiProperty({ type: [String], description: 'Template ids the mini-program asked for (at most 3 per request, as WeChat allows)' })
  @IsArray({ message: 'templateIds 应为数组' })
  @ArrayMinSize(1, { message: '至少一个模板' })
  @ArrayMaxSize(3, { message: '一次最多 3 个模板' })
  @IsString({ each: true, message: '模板编号应为文字' })
  @Matches(TEMPLATE_ID, { each: true, message: '模板编号格式不正确' })
  templateIds: string[];

  @ApiProperty({ type: [String], description: 'Those the user accepted; each acceptance allows one message' })
  @IsArray({ message: 'accepted 应为数组' })
  @ArrayMaxSize(3, { message: '一次最多 3 个模板' })
  @IsString({ each: true, message: '模板编号应为文字' })
  @Matches(TEMPLATE_ID, { each: true, message: '模板编号格式不正确' })
  accepted: string[];
}

export class SubscriptionStatusDto {
  @ApiProperty()
  templateId: string;
  @ApiProperty({ enum: ['claim_status'] })
  purpose: 'claim_status';
  @ApiProperty({ description: 'Messages the server may still send (each acceptance allows one)' })
  remaining: number;
}

export class SubscriptionsDto {
  @ApiProperty({ type: [SubscriptionStatusDto], description: 'Templates this server sends (empty: subscribe messages are off)' })
  templates: SubscriptionStatusDto[];
  @ApiProperty({ type: [String], description: 'Accepted template ids this server does not send (ignored)' })
  ignored: string[];
}
