import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { HolidayYearRow } from './holiday-year.entity';

@Module({ imports: [TypeOrmModule.forFeature([HolidayYearRow]), AuditModule], controllers: [CalendarController], providers: [CalendarService], exports: [CalendarService] })
export class CalendarModule {}
