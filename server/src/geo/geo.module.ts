import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { District } from './district.entity';
import { Insurer } from './insurer.entity';

@Module({
  imports: [TypeOrmModule.forFeature([District, Insurer])],
  exports: [TypeOrmModule],
})
export class GeoModule {}
