import { Module } from '@nestjs/common';
import { EstimatesController } from './estimates.controller';
import { EstimatesService } from './estimates.service';
import { UsageModule } from '../usage/usage.module';
import { PersonFactsService } from './person-facts.service';

@Module({ imports: [UsageModule], controllers: [EstimatesController], providers: [EstimatesService, PersonFactsService], exports: [PersonFactsService] })
export class EstimatesModule {}
