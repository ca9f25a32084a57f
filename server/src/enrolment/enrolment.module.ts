import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Enrolment } from './enrolment.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Enrolment])],
  exports: [TypeOrmModule],
})
export class EnrolmentModule {}
