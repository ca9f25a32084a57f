import { Module } from '@nestjs/common';
import { MultipartModule } from '@nestjs/platform-fastify/multipart';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { PiiCryptoService } from '../common/crypto/pii-crypto.service';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { RosterFileStore } from './roster-file-store';
import { RosterImportRow } from './roster-import-row.entity';
import { RosterImport } from './roster-import.entity';
import { RemoveUploadOnError, RosterUploadStorage } from './roster-upload.storage';
import { RostersController } from './rosters.controller';
import { ROSTER_FILE_STORE, ROSTER_MAX_BYTES, RostersService } from './rosters.service';

const storeProvider = {
  provide: ROSTER_FILE_STORE,
  inject: [APP_CONFIG, PiiCryptoService],
  useFactory: (config: AppConfig, pii: PiiCryptoService) => new RosterFileStore(config.dataDir, pii),
};

@Module({
  imports: [
    TypeOrmModule.forFeature([RosterImport, RosterImportRow]),
    AuditModule,
    MultipartModule.registerAsync({
      inject: [APP_CONFIG, PiiCryptoService],
      useFactory: (config: AppConfig, pii: PiiCryptoService) => ({
        storage: new RosterUploadStorage(new RosterFileStore(config.dataDir, pii)),
        limits: { fileSize: ROSTER_MAX_BYTES, files: 1, fields: 10, fieldSize: 1024 },
      }),
    }),
  ],
  controllers: [RostersController],
  providers: [storeProvider, RostersService, RemoveUploadOnError],
  exports: [TypeOrmModule, RostersService],
})
export class RostersModule {}
