import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class ListNotificationsQueryDto {
  @ApiPropertyOptional({ description: 'Page backwards: only notifications with an id below this (the previous page\'s nextBefore)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'before 应为整数' })
  @Min(1, { message: 'before 应为正整数' })
  before?: number;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '每页条数应为整数' })
  @Min(1, { message: '每页至少 1 条' })
  @Max(100, { message: '每页最多 100 条' })
  limit?: number;
}

export class MarkReadDto {
  @ApiProperty({ description: 'Mark every notification with an id up to and including this one as read' })
  @IsInt({ message: 'upTo 应为整数' })
  @Min(0, { message: 'upTo 应为非负整数' })
  @Max(2147483647, { message: 'upTo 太大' })
  upTo: number;
}

export class NotificationDto {
  @ApiProperty({ description: 'claim_event id' })
  id: number;
  @ApiProperty()
  claimId: number;
  @ApiProperty({ example: 'HM260520000001' })
  claimNo: string;
  @ApiProperty({ enum: ['state', 'documents'] })
  kind: 'state' | 'documents';
  @ApiProperty({ example: 'approved' })
  state: string;
  @ApiProperty({ example: '同意赔付，等待打款', description: 'Plain Chinese, for the list' })
  title: string;
  @ApiProperty({ example: '住院医疗费用（理赔编号 HM260520000001）：核定赔付 1500.00 元' })
  body: string;
  @ApiProperty({ example: '晋城惠民保' })
  schemeName: string;
  @ApiProperty({ example: '住院医疗费用' })
  benefitName: string;
  @ApiProperty({ description: 'ISO instant' })
  at: string;
  @ApiProperty()
  read: boolean;
}

export class NotificationListDto {
  @ApiProperty({ type: [NotificationDto], description: 'Newest first' })
  items: NotificationDto[];
  @ApiProperty({ description: 'Unread notifications in all (not only this page)' })
  unread: number;
  @ApiProperty({ description: 'The read marker: everything up to this id is read' })
  readUpTo: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Pass as ?before= for the next (older) page; null at the end' })
  nextBefore: number | null;
}

export class MarkReadResultDto {
  @ApiProperty()
  readUpTo: number;
  @ApiProperty()
  unread: number;
}
