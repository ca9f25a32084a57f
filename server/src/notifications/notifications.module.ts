import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClaimsModule } from '../claims/claims.module';
import { OversightModule } from '../oversight/oversight.module';
import { WechatModule } from '../wechat/wechat.module';
import { NotificationRead } from './notification-read.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { PushCursor } from './push-cursor.entity';
import { StaffEventsController } from './staff-events.controller';
import { StaffEventsStream } from './staff-events.stream';
import { StreamAuthService } from './stream-auth.service';
import { StreamTicket } from './stream-ticket.entity';
import { SubscribeAcceptance } from './subscribe-acceptance.entity';
import { SubscribeSend } from './subscribe-send.entity';
import { SubscribeSender } from './subscribe-sender.service';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsService } from './subscriptions.service';

/**
 * Push (issue 4): the staff live feed (SSE), beneficiaries' in-app notifications, and WeChat subscribe
 * messages. All three read claim_event, the durable history ClaimsService writes with every change, and
 * listen to ClaimEventsBus for what was just committed. The staff feed also carries the loss-ratio
 * warnings of OversightEventsBus (`event: warning`) to the officers of that county and the city level.
 */
@Module({
  imports: [TypeOrmModule.forFeature([StreamTicket, NotificationRead, SubscribeAcceptance, SubscribeSend, PushCursor]), ClaimsModule, WechatModule, OversightModule],
  controllers: [StaffEventsController, NotificationsController, SubscriptionsController],
  providers: [StreamAuthService, StaffEventsStream, NotificationsService, SubscriptionsService, SubscribeSender],
  exports: [StaffEventsStream, SubscribeSender],
})
export class NotificationsModule {}
