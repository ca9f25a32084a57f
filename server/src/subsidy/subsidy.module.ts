import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { PersonFactsService } from '../estimates/person-facts.service';
import { SUBSIDY_ENTITIES } from './entities';
import { MatchingService } from './matching.service';
import { MeSubsidyController } from './me-subsidy.controller';
import { MeSubsidyService } from './me-subsidy.service';
import { PaymentsService } from './payments.service';
import { PolicyImportService } from './policy-import.service';
import { SubsidiesService } from './subsidies.service';
import { SubsidyAccess } from './subsidy-access';
import { SubsidyController } from './subsidy.controller';

/** 闵行 沪惠保 subsidy: policy lists, matching by the engine, bank accounts, payment batches, results, KPIs. */
@Module({
  imports: [TypeOrmModule.forFeature(SUBSIDY_ENTITIES), AuditModule],
  controllers: [SubsidyController, MeSubsidyController],
  providers: [SubsidyAccess, PolicyImportService, MatchingService, SubsidiesService, PaymentsService, MeSubsidyService, PersonFactsService],
  exports: [MatchingService],
})
export class SubsidyModule {}
