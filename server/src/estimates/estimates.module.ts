import { Module } from '@nestjs/common';
import { EstimatesController } from './estimates.controller';
import { EstimatesService } from './estimates.service';
import { PersonFactsService } from './person-facts.service';

@Module({ controllers: [EstimatesController], providers: [EstimatesService, PersonFactsService], exports: [PersonFactsService] })
export class EstimatesModule {}
