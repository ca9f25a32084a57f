import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Person } from '../people/person.entity';
import { AppUser } from '../users/app-user.entity';
import { WechatModule } from '../wechat/wechat.module';
import { AuthController, MeController } from './auth.controller';
import { BindService } from './bind.service';
import { DevLoginService } from './dev-login.service';
import { BindAttempt } from './entities/bind-attempt.entity';
import { ProxyInvite } from './entities/proxy-invite.entity';
import { MeService } from './me.service';
import { ProxyService } from './proxy.service';
import { AuthThrottlerGuard, throttlerOptions } from './rate-limit';
import { StaffLoginService } from './staff-login.service';
import { WechatLoginService } from './wechat-login.service';

/**
 * Sign-in flows (WeChat, binding, staff passwords, dev login), refresh/logout, "me", and proxies.
 * Token checking, sessions and the guard are in AuthCoreModule (global).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([AppUser, Person, BindAttempt, ProxyInvite]),
    ThrottlerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => throttlerOptions(config) }),
    AuditModule,
    WechatModule,
  ],
  controllers: [AuthController, MeController],
  providers: [WechatLoginService, StaffLoginService, DevLoginService, BindService, MeService, ProxyService, AuthThrottlerGuard],
})
export class AuthModule {}
