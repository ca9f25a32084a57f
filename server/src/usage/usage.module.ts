import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AnnualUsage } from './annual-usage.entity';
import { AnnualUsageService } from './annual-usage.service';
import { UsedSoFarService } from './used-so-far.service';

@Module({
  imports: [TypeOrmModule.forFeature([AnnualUsage])],
  providers: [AnnualUsageService, UsedSoFarService],
  exports: [TypeOrmModule, AnnualUsageService, UsedSoFarService],
})
export class UsageModule {}
