import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppUser } from './app-user.entity';
import { UserDistrict } from './user-district.entity';

@Module({
  imports: [TypeOrmModule.forFeature([AppUser, UserDistrict])],
  exports: [TypeOrmModule],
})
export class UsersModule {}
