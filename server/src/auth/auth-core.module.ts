import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AccessService } from './access.service';
import { DbProxyCheck } from './db-proxy-check';
import { DbSessionCheck } from './db-session-check';
import { AuthRefreshToken } from './entities/refresh-token.entity';
import { AuthSession } from './entities/auth-session.entity';
import { ProxyGrant } from './entities/proxy-grant.entity';
import { JwtAuthGuard } from './jwt-auth.guard';
import { ProxyCheck } from './proxy-check';
import { SessionCheck } from './session-check';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

/**
 * Token issue and verification, sessions, proxies and the global guard. Sign-in flows live in AuthModule.
 * SessionCheck and ProxyCheck are bound to their database-backed implementations.
 */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // The HS256 key as a KeyObject (the same bytes as the string): given a string, jsonwebtoken first tries
      // it as a PEM public/private key on every verify and sign, and that failed parse cost ~3 ms a request.
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')), signOptions: { algorithm: 'HS256' } }),
    }),
    TypeOrmModule.forFeature([AuthSession, AuthRefreshToken, ProxyGrant]),
    AuditModule,
  ],
  providers: [
    TokenService,
    DbSessionCheck,
    { provide: SessionCheck, useExisting: DbSessionCheck },
    DbProxyCheck,
    { provide: ProxyCheck, useExisting: DbProxyCheck },
    AccessService,
    SessionService,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [TokenService, SessionCheck, ProxyCheck, AccessService, SessionService],
})
export class AuthCoreModule {}
