import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RosterImportRow } from './roster-import-row.entity';
import { RosterImport } from './roster-import.entity';

@Module({
  imports: [TypeOrmModule.forFeature([RosterImport, RosterImportRow])],
  exports: [TypeOrmModule],
})
export class RostersModule {}
