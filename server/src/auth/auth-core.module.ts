import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AccessService } from './access.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { ProxyCheck } from './proxy-check';
import { SessionCheck } from './session-check';
import { TokenService } from './token.service';

/** Token issue and verification, and the global guard. Sign-in flows live in their own module. */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  providers: [TokenService, SessionCheck, ProxyCheck, AccessService, { provide: APP_GUARD, useClass: JwtAuthGuard }],
  exports: [TokenService, SessionCheck, ProxyCheck, AccessService],
})
export class AuthCoreModule {}
