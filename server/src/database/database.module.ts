import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { buildDataSourceOptions } from './data-source';
import { serializeSqliteTransactions } from './sqlite-serial';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...buildDataSourceOptions(config.db), retryAttempts: 3, retryDelay: 1000 }),
      dataSourceFactory: async (options) => serializeSqliteTransactions(await new DataSource(options!).initialize()),
    }),
  ],
})
export class DatabaseModule {}
