import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { Household } from './household.entity';
import { Identity } from './identity.entity';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';
import { Person } from './person.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Person, Household, Identity]), AuditModule],
  controllers: [PeopleController],
  providers: [PeopleService],
  exports: [TypeOrmModule, PeopleService],
})
export class PeopleModule {}
