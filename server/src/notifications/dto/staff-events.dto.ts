import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

export class StaffEventsQueryDto {
  @ApiPropertyOptional({ description: 'Replay events after this claim_event id (the Last-Event-ID header wins when both are sent)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'after 应为整数' })
  @Min(0, { message: 'after 应为非负整数' })
  after?: number;

  @ApiPropertyOptional({ description: 'Single-use ticket from POST /api/staff/events/ticket (for EventSource, which cannot send headers)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  ticket?: string;

  @ApiPropertyOptional({ enum: ['0', '1'], description: '0: send what was missed (after / Last-Event-ID) and end — a catch-up poll. Default 1 (stay open).' })
  @IsOptional()
  @IsIn(['0', '1', 'false', 'true'], { message: 'live 应为 0 或 1' })
  live?: string;

  @ApiPropertyOptional({ description: 'Only this district (one of the caller\'s)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '区县编号应为整数' })
  @Min(1, { message: '区县编号应为正整数' })
  districtId?: number;
}

export class StreamTicketDto {
  /** Put it in the stream URL: GET /api/staff/events?ticket=… */
  ticket: string;
  /** Seconds it stays valid (60); it works once. */
  expiresIn: number;
}
