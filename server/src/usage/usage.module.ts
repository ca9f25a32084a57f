import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AnnualUsage } from './annual-usage.entity';
import { AnnualUsageService } from './annual-usage.service';

@Module({
  imports: [TypeOrmModule.forFeature([AnnualUsage])],
  providers: [AnnualUsageService],
  exports: [TypeOrmModule, AnnualUsageService],
})
export class UsageModule {}
