import { DynamicModule, Global, Module } from '@nestjs/common';
import { PII_KEY } from '../common/crypto/pii-crypto.service';
import { APP_CONFIG, AppConfig } from './config';

/** Makes the validated AppConfig (and the raw PII key) injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: PII_KEY, useValue: config.piiKey },
      ],
      exports: [APP_CONFIG, PII_KEY],
    };
  }
}
