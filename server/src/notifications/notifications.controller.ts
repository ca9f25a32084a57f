import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { ListNotificationsQueryDto, MarkReadDto, MarkReadResultDto, NotificationListDto } from './dto/notifications.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({
    summary: 'My notifications: state changes and document requests of my claims, newest first, with the unread count',
    description: 'For a beneficiary, or a proxy acting for one (X-Act-For: that person\'s; read state is the viewer\'s own). Staff not acting for anyone get 403.',
  })
  @ApiOkResponse({ type: NotificationListDto })
  @ApiForbiddenResponse({ description: 'Staff not acting for a beneficiary' })
  list(@CurrentUser() user: AuthUser, @Query() q: ListNotificationsQueryDto): Promise<NotificationListDto> {
    return this.notifications.list(user, q);
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark my notifications read up to an id (the marker only moves forward)' })
  @ApiOkResponse({ type: MarkReadResultDto })
  read(@CurrentUser() user: AuthUser, @Body() body: MarkReadDto): Promise<MarkReadResultDto> {
    return this.notifications.markRead(user, body.upTo);
  }
}
