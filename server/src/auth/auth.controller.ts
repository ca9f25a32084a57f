import { Body, Controller, Get, Headers, HttpCode, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ValidationFailedException } from '../common/validation/validation';
import type { AuthUser } from './auth-user';
import { BindService } from './bind.service';
import { CurrentUser, Public, Roles } from './decorators';
import { DevLoginService } from './dev-login.service';
import {
  BindDto,
  CreateProxyGrantDto,
  CreateProxyInviteDto,
  DevLoginDto,
  RedeemProxyInviteDto,
  RefreshDto,
  StaffLoginDto,
  WechatLoginDto,
} from './dto/auth.dto';
import type { LoginResponse, MeResponse, MyProxiesResponse, ProxyGrantView, ProxyInviteView } from './dto/auth.responses';
import { MeService } from './me.service';
import { ProxyService } from './proxy.service';
import { RateLimit } from './rate-limit';
import { SessionService } from './session.service';
import { StaffLoginService } from './staff-login.service';
import { WechatLoginService } from './wechat-login.service';

const intParam = (field: string, message: string) =>
  new ParseIntPipe({ exceptionFactory: () => new ValidationFailedException([{ field, message }]) });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly wechatLogin: WechatLoginService,
    private readonly staffLogin: StaffLoginService,
    private readonly devLogin: DevLoginService,
    private readonly binder: BindService,
    private readonly sessions: SessionService,
  ) {}

  @Public()
  @RateLimit('wechatLogin')
  @Post('wechat/login')
  @HttpCode(200)
  wechat(@Body() dto: WechatLoginDto): Promise<LoginResponse> {
    return this.wechatLogin.login(dto.code);
  }

  @ApiBearerAuth()
  @Roles('beneficiary')
  @RateLimit('bind')
  @Post('bind')
  @HttpCode(200)
  bind(@CurrentUser() u: AuthUser, @Body() dto: BindDto): Promise<LoginResponse> {
    return this.binder.bind(u, dto);
  }

  @Public()
  @Post('dev-login')
  @HttpCode(200)
  dev(@Body() dto: DevLoginDto): Promise<LoginResponse> {
    return this.devLogin.login(dto);
  }

  @Public()
  @RateLimit('staffLogin')
  @Post('staff/login')
  @HttpCode(200)
  staff(@Body() dto: StaffLoginDto): Promise<LoginResponse> {
    return this.staffLogin.login(dto.username, dto.password);
  }

  @Public()
  @RateLimit('refresh')
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Body() dto: RefreshDto): Promise<Omit<LoginResponse, 'user'>> {
    const t = await this.sessions.refresh(dto.refreshToken);
    return { accessToken: t.accessToken, refreshToken: t.refreshToken, expiresIn: t.expiresIn };
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  logout(@CurrentUser() u: AuthUser): Promise<void> {
    return this.sessions.revoke(u.sessionId, 'logout');
  }
}

@ApiTags('auth')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Act-For', required: false, description: '代办：被代办人的人员编号' })
@Controller()
export class MeController {
  constructor(
    private readonly meService: MeService,
    private readonly proxies: ProxyService,
  ) {}

  @Get('me')
  me(@CurrentUser() u: AuthUser): Promise<MeResponse> {
    return this.meService.me(u);
  }

  @Get('me/proxies')
  myProxies(@CurrentUser() u: AuthUser): Promise<MyProxiesResponse> {
    return this.proxies.mine(u);
  }

  @Roles('beneficiary')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @Post('me/proxy-invites')
  async createInvite(
    @CurrentUser() u: AuthUser,
    @Body() dto: CreateProxyInviteDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<ProxyInviteView> {
    const { invite, created } = await this.proxies.createInvite(u, dto.relation, key);
    res.status(created ? 201 : 200);
    return invite;
  }

  @Roles('beneficiary')
  @RateLimit('redeem')
  @Post('proxy-invites/redeem')
  @HttpCode(200)
  redeem(@CurrentUser() u: AuthUser, @Body() dto: RedeemProxyInviteDto): Promise<ProxyGrantView> {
    return this.proxies.redeemInvite(u, dto.code);
  }

  /** Paper consent recorded by a caseworker; the same person and grantee again returns the existing grant (200). */
  @Roles('caseworker', 'admin')
  @Post('proxies')
  async createGrant(@CurrentUser() u: AuthUser, @Body() dto: CreateProxyGrantDto, @Res({ passthrough: true }) res: FastifyReply): Promise<ProxyGrantView> {
    const { grant, created } = await this.proxies.recordPaperConsent(u, dto);
    res.status(created ? 201 : 200);
    return grant;
  }

  @Roles('caseworker', 'admin')
  @Get('proxies')
  listGrants(@CurrentUser() u: AuthUser, @Query('personId', intParam('personId', '人员编号应为整数')) personId: number): Promise<ProxyGrantView[]> {
    return this.proxies.listForPerson(u, personId);
  }

  @Post('proxies/:id/revoke')
  @HttpCode(200)
  revoke(@CurrentUser() u: AuthUser, @Param('id', intParam('id', '授权编号应为整数')) id: number): Promise<ProxyGrantView> {
    return this.proxies.revoke(u, id);
  }
}
