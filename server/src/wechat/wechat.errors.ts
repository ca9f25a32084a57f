/**
 * What can go wrong when calling WeChat, as kinds the rest of the server can act on. The raw errcode and a
 * short errmsg (WeChat's own, which never contains our secret) are kept for the log.
 */
export type WechatErrorKind =
  /** 40029: the wx.login code is not valid. */
  | 'invalid_code'
  /** 40163: the code was already used. */
  | 'code_used'
  /** 45011: too many calls per minute (per user). */
  | 'rate_limited'
  /** 40226: WeChat blocks this high-risk user. */
  | 'user_blocked'
  /** -1: WeChat is busy (after our one retry). */
  | 'busy'
  /** 40001 / 42001: the access token is invalid or expired (after our one refresh). */
  | 'token_invalid'
  /** 43101: the user has not subscribed to (or refused) this message. */
  | 'user_refused'
  /** 47003: a template field breaks WeChat's rules. */
  | 'invalid_param'
  /** 40037: no such template id. */
  | 'invalid_template'
  /** Timeout, connection refused, non-JSON answer… */
  | 'unavailable'
  /** Any other errcode (wrong AppID/secret, IP not whitelisted…): a configuration problem. */
  | 'other';

export class WechatApiError extends Error {
  override readonly name = 'WechatApiError';
  constructor(
    readonly kind: WechatErrorKind,
    readonly errcode: number | null,
    readonly errmsg: string,
    /** Which WeChat API, e.g. 'jscode2session' (never the URL: it carries the secret). */
    readonly api: string,
  ) {
    super(`WeChat ${api} failed: ${kind}${errcode === null ? '' : ` (errcode ${errcode})`}: ${errmsg}`);
  }
}

const CODE2SESSION: Record<number, WechatErrorKind> = {
  40029: 'invalid_code',
  40163: 'code_used',
  45011: 'rate_limited',
  40226: 'user_blocked',
  [-1]: 'busy',
};

const SUBSCRIBE_SEND: Record<number, WechatErrorKind> = {
  40001: 'token_invalid',
  42001: 'token_invalid',
  43101: 'user_refused',
  47003: 'invalid_param',
  40037: 'invalid_template',
  [-1]: 'busy',
};

const TOKEN: Record<number, WechatErrorKind> = { [-1]: 'busy', 45011: 'rate_limited' };

export function kindOf(api: 'jscode2session' | 'subscribe_send' | 'token', errcode: number): WechatErrorKind {
  const table = api === 'jscode2session' ? CODE2SESSION : api === 'subscribe_send' ? SUBSCRIBE_SEND : TOKEN;
  return table[errcode] ?? 'other';
}
