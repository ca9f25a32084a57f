import { ForbiddenException, HttpException, HttpStatus, Injectable, Logger, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import { Person } from '../people/person.entity';
import { AppUser } from '../users/app-user.entity';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { WechatApiError } from '../wechat/wechat.errors';
import type { LoginResponse } from './dto/auth.responses';
import { SessionService } from './session.service';
import { loginResponse } from './views';

/** WeChat's answer → what the person in front of the phone is told, and the HTTP status. */
export function wechatLoginError(e: WechatApiError): HttpException {
  switch (e.kind) {
    case 'invalid_code':
    case 'code_used':
      return new UnauthorizedException({ code: 'WECHAT_CODE_INVALID', message: '微信登录凭证已失效，请关闭小程序后重新进入' });
    case 'rate_limited':
      return new HttpException({ code: 'WECHAT_RATE_LIMITED', message: '登录太频繁，请过一分钟再试' }, HttpStatus.TOO_MANY_REQUESTS);
    case 'user_blocked':
      return new ForbiddenException({
        code: 'WECHAT_USER_BLOCKED',
        message: '微信提示此账号存在安全风险，暂时无法登录。请在微信中完成安全验证，或联系社区工作人员',
      });
    case 'busy':
    case 'unavailable':
      return new ServiceUnavailableException({ code: 'WECHAT_UNAVAILABLE', message: '微信服务暂时繁忙，请稍后再试' });
    default:
      return new ServiceUnavailableException({ code: 'WECHAT_LOGIN_FAILED', message: '微信登录暂时无法使用，请稍后再试或联系社区工作人员' });
  }
}

function isUniqueViolation(e: unknown): boolean {
  const code = (e as QueryFailedError & { driverError?: { code?: string } })?.driverError?.code;
  return e instanceof QueryFailedError && (code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE');
}

@Injectable()
export class WechatLoginService {
  private readonly logger = new Logger('WechatLogin');

  constructor(
    private readonly wechat: WechatApiClient,
    private readonly sessions: SessionService,
    @InjectRepository(AppUser) private readonly users: Repository<AppUser>,
    @InjectRepository(Person) private readonly people: Repository<Person>,
  ) {}

  /** wx.login code → the beneficiary user of that openid (created on first login) → a new session. */
  async login(code: string): Promise<LoginResponse> {
    let openid: string;
    try {
      ({ openid } = await this.wechat.code2Session(code));
    } catch (e) {
      if (e instanceof WechatApiError) {
        if (e.kind === 'other') this.logger.error(`code2Session: errcode ${e.errcode}: check WECHAT_APPID / WECHAT_SECRET`);
        throw wechatLoginError(e);
      }
      throw e;
    }
    const user = await this.findOrCreate(openid);
    if (!user.active || user.role !== 'beneficiary') {
      throw new ForbiddenException({ code: 'ACCOUNT_DISABLED', message: '此账号已停用，请联系社区工作人员' });
    }
    const tokens = await this.sessions.open(user, 'wechat');
    const person = user.personId ? await this.people.findOneBy({ id: user.personId }) : null;
    return loginResponse(tokens, user, person);
  }

  private async findOrCreate(openid: string): Promise<AppUser> {
    const found = await this.users.findOneBy({ wechatOpenid: openid });
    if (found) return found;
    try {
      return await this.users.save(this.users.create({ role: 'beneficiary', wechatOpenid: openid, username: null, passwordHash: null, personId: null }));
    } catch (e) {
      // Two logins of a new user at once: the other one created it.
      if (isUniqueViolation(e)) return this.users.findOneByOrFail({ wechatOpenid: openid });
      throw e;
    }
  }
}
