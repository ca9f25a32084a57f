import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { RecordSubscriptionsDto, SubscriptionsDto } from './dto/subscriptions.dto';
import { SubscriptionsService } from './subscriptions.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Get()
  @Roles('beneficiary')
  @ApiOperation({ summary: 'The WeChat subscribe-message templates this server sends, and how many messages I have allowed and not yet received' })
  @ApiOkResponse({ type: SubscriptionsDto })
  status(@CurrentUser() user: AuthUser): Promise<SubscriptionsDto> {
    return this.subscriptions.status(user);
  }

  @Post()
  @HttpCode(200)
  @Roles('beneficiary')
  @ApiOperation({
    summary: 'Record what wx.requestSubscribeMessage answered: each accepted template allows one message (一次性订阅)',
    description: 'For the caller, or (X-Act-For) about the person they act for: messages go to the caller\'s WeChat about that person\'s claims.',
  })
  @ApiOkResponse({ type: SubscriptionsDto })
  record(@CurrentUser() user: AuthUser, @Body() body: RecordSubscriptionsDto): Promise<SubscriptionsDto> {
    return this.subscriptions.record(user, body);
  }
}
