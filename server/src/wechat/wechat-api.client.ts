import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, WechatConfig } from '../config/config';
import { kindOf, WechatApiError } from './wechat.errors';

export interface Code2SessionResult {
  openid: string;
  /** Only when the mini-program is bound to an Open Platform account. */
  unionid?: string;
  /** Kept in memory only: never stored, never logged. */
  sessionKey: string;
}

/** One field of a subscribe message: `{ thing1: { value: '理赔已受理' } }`. */
export type SubscribeData = Record<string, { value: string }>;

export interface SubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: SubscribeData;
  /** developer | trial | formal (default formal) */
  miniprogram_state?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

interface WechatBody {
  errcode?: number;
  errmsg?: string;
  [k: string]: unknown;
}

const BUSY_RETRY_DELAY_MS = 200;
/** Renew the access token this long before WeChat says it expires. */
const TOKEN_EARLY_RENEW_MS = 5 * 60 * 1000;

/**
 * The server's calls to WeChat's API. The base URL comes from WECHAT_API_BASE (tests run a local fake).
 * Secrets travel only in the request; errors and logs name the API, never the URL or query.
 */
@Injectable()
export class WechatApiClient {
  private readonly logger = new Logger('WeChat');
  private readonly cfg: WechatConfig;
  private token: { value: string; renewAt: number } | null = null;
  private tokenInFlight: Promise<string> | null = null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.cfg = config.wechat;
  }

  /** wx.login code → openid. GET /sns/jscode2session. Retries once when WeChat is busy (-1). */
  async code2Session(code: string): Promise<Code2SessionResult> {
    const query = new URLSearchParams({
      appid: this.cfg.appId,
      secret: this.cfg.secret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    const body = await this.withBusyRetry('jscode2session', () => this.call('jscode2session', 'GET', `/sns/jscode2session?${query}`));
    if (typeof body.openid !== 'string' || !body.openid || typeof body.session_key !== 'string') {
      throw new WechatApiError('unavailable', null, 'answer without openid/session_key', 'jscode2session');
    }
    return {
      openid: body.openid,
      sessionKey: body.session_key,
      ...(typeof body.unionid === 'string' ? { unionid: body.unionid } : {}),
    };
  }

  /**
   * The mini-program's access token through POST /cgi-bin/stable_token (which, unlike /cgi-bin/token, does
   * not invalidate the token other servers hold). Cached until 5 minutes before it expires; concurrent
   * callers share one request.
   */
  async getAccessToken(opts: { forceRefresh?: boolean } = {}): Promise<string> {
    if (!opts.forceRefresh && this.token && Date.now() < this.token.renewAt) return this.token.value;
    if (opts.forceRefresh) this.token = null;
    this.tokenInFlight ??= this.fetchToken().finally(() => (this.tokenInFlight = null));
    return this.tokenInFlight;
  }

  private async fetchToken(): Promise<string> {
    const body = await this.withBusyRetry('token', () =>
      this.call('token', 'POST', '/cgi-bin/stable_token', {
        grant_type: 'client_credential',
        appid: this.cfg.appId,
        secret: this.cfg.secret,
        force_refresh: false,
      }),
    );
    if (typeof body.access_token !== 'string' || !body.access_token) {
      throw new WechatApiError('unavailable', null, 'answer without access_token', 'token');
    }
    const ttlMs = (typeof body.expires_in === 'number' ? body.expires_in : 7200) * 1000;
    this.token = { value: body.access_token, renewAt: Date.now() + Math.max(ttlMs - TOKEN_EARLY_RENEW_MS, ttlMs / 2) };
    return body.access_token;
  }

  /**
   * POST /cgi-bin/message/subscribe/send. An invalid or expired token (40001/42001) is renewed once.
   * Throws WechatApiError: user_refused (43101), invalid_param (47003), invalid_template (40037), …
   */
  async sendSubscribeMessage(msg: SubscribeMessage): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.getAccessToken({ forceRefresh: attempt > 0 });
      try {
        await this.withBusyRetry('subscribe_send', () =>
          this.call('subscribe_send', 'POST', `/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, msg),
        );
        return;
      } catch (e) {
        if (e instanceof WechatApiError && e.kind === 'token_invalid' && attempt === 0) {
          if (this.token?.value === token) this.token = null;
          continue;
        }
        throw e;
      }
    }
  }

  private async withBusyRetry(api: 'jscode2session' | 'subscribe_send' | 'token', fn: () => Promise<WechatBody>): Promise<WechatBody> {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof WechatApiError) || e.kind !== 'busy') throw e;
      this.logger.warn(`${api}: WeChat busy (-1), retrying once`);
      await new Promise((r) => setTimeout(r, BUSY_RETRY_DELAY_MS));
      return fn();
    }
  }

  /** One HTTP call; a non-zero errcode becomes a WechatApiError. The path (with secrets) is never logged. */
  private async call(api: 'jscode2session' | 'subscribe_send' | 'token', method: 'GET' | 'POST', path: string, json?: unknown): Promise<WechatBody> {
    let res: Response;
    try {
      res = await fetch(`${this.cfg.apiBase}${path}`, {
        method,
        headers: json === undefined ? undefined : { 'content-type': 'application/json' },
        body: json === undefined ? undefined : JSON.stringify(json),
        signal: AbortSignal.timeout(this.cfg.timeoutMs),
      });
    } catch (e) {
      const why = (e as Error).name === 'TimeoutError' ? `timed out after ${this.cfg.timeoutMs} ms` : 'connection failed';
      this.logger.warn(`${api}: ${why}`);
      throw new WechatApiError('unavailable', null, why, api);
    }
    let body: WechatBody;
    try {
      body = (await res.json()) as WechatBody;
    } catch {
      this.logger.warn(`${api}: HTTP ${res.status}, not JSON`);
      throw new WechatApiError('unavailable', null, `HTTP ${res.status}, not JSON`, api);
    }
    if (typeof body.errcode === 'number' && body.errcode !== 0) {
      const kind = kindOf(api, body.errcode);
      const errmsg = String(body.errmsg ?? '').slice(0, 200);
      this.logger.warn(`${api}: errcode ${body.errcode} (${kind}) ${errmsg}`);
      throw new WechatApiError(kind, body.errcode, errmsg, api);
    }
    if (!res.ok) throw new WechatApiError('unavailable', null, `HTTP ${res.status}`, api);
    return body;
  }
}
