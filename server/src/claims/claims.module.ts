import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { EstimatesModule } from '../estimates/estimates.module';
import { UsageModule } from '../usage/usage.module';
import { ClaimDocument } from './claim-document.entity';
import { ClaimEvent } from './claim-event.entity';
import { ClaimEventsBus } from './claim-events.bus';
import { Claim } from './claim.entity';
import { ClaimsController } from './claims.controller';
import { ClaimsReader } from './claims.reader';
import { ClaimsService } from './claims.service';

@Module({
  imports: [TypeOrmModule.forFeature([Claim, ClaimDocument, ClaimEvent]), AuditModule, EstimatesModule, UsageModule],
  controllers: [ClaimsController],
  providers: [ClaimsService, ClaimsReader, ClaimEventsBus],
  exports: [ClaimsService, ClaimsReader, ClaimEventsBus],
})
export class ClaimsModule {}
