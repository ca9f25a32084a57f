import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Household } from './household.entity';
import { Identity } from './identity.entity';
import { Person } from './person.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Person, Household, Identity])],
  exports: [TypeOrmModule],
})
export class PeopleModule {}
