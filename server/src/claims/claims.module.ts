import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '../attachments/attachments.module';
import { AuditModule } from '../audit/audit.module';
import { EstimatesModule } from '../estimates/estimates.module';
import { UsageModule } from '../usage/usage.module';
import { ClaimAlert } from './claim-alert.entity';
import { ClaimDispute } from './claim-dispute.entity';
import { ClaimDocument } from './claim-document.entity';
import { ClaimEvent } from './claim-event.entity';
import { ClaimEventsBus } from './claim-events.bus';
import { Claim } from './claim.entity';
import { ClaimFollowupsController } from './claim-followups.controller';
import { ClaimFollowupsService } from './claim-followups.service';
import { ClaimsController } from './claims.controller';
import { ClaimsReader } from './claims.reader';
import { ClaimsService } from './claims.service';

@Module({
  imports: [TypeOrmModule.forFeature([Claim, ClaimDocument, ClaimEvent, ClaimDispute, ClaimAlert]), AuditModule, EstimatesModule, UsageModule, AttachmentsModule],
  controllers: [ClaimsController, ClaimFollowupsController],
  providers: [ClaimsService, ClaimsReader, ClaimEventsBus, ClaimFollowupsService],
  exports: [ClaimsService, ClaimsReader, ClaimEventsBus, ClaimFollowupsService],
})
export class ClaimsModule {}
