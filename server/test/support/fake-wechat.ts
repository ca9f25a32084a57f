/**
 * A local fake of the parts of WeChat's server API that Huimin calls, answering in WeChat's JSON shape with
 * WeChat's real error codes. Plain node:http on 127.0.0.1, a random port unless told otherwise.
 *
 *   GET  /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code
 *        js_code 'ok-<openid>' or 'ok-<openid>.<anything>' → { openid, session_key }  (a code works once:
 *        using it again → 40163, as on WeChat)
 *        'err-40029' | 'err-40163' | 'err-45011' | 'err-40226' | 'err--1' → that errcode
 *        'busy-once-<openid>' → -1 the first time, then succeeds (to test the one retry)
 *        'slow-<openid>' → answers after `slowMs` (to test timeouts); anything else → 40029
 *        wrong appid → 40013, wrong secret → 40125
 *   GET  /cgi-bin/token?grant_type=client_credential&appid&secret   → { access_token, expires_in }
 *   POST /cgi-bin/stable_token {grant_type, appid, secret, force_refresh} → { access_token, expires_in }
 *   POST /cgi-bin/message/subscribe/send?access_token=…  {touser, template_id, page, data}
 *        unknown token 40001, expired 42001, unknown template 40037, touser starting 'refused-' 43101,
 *        a field breaking WeChat's template rules 47003; accepted messages are kept in `messages`.
 *
 * By hand (prints its base URL; point WECHAT_API_BASE at it):
 *   npx tsc --ignoreConfig --module commonjs --target es2022 --types node --skipLibCheck --outDir /tmp/fake-wechat server/test/support/fake-wechat.ts \
 *     && node /tmp/fake-wechat/fake-wechat.js [port]
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface FakeWechatOptions {
  appId?: string;
  secret?: string;
  /** template id → its field keys, e.g. { 'tpl-claim': ['thing1', 'amount2', 'date3'] } */
  templates?: Record<string, string[]>;
  slowMs?: number;
}

export interface RecordedMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

export const FAKE_APPID = 'wx-fake-appid';
export const FAKE_SECRET = 'fake-secret-0123456789';

const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40013: 'invalid appid',
  40029: 'invalid code',
  40037: 'invalid template_id',
  40125: 'invalid appsecret',
  40163: 'code been used',
  40226: 'high risk user',
  42001: 'access_token expired',
  43101: 'user refuse to accept the msg',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  47003: 'argument invalid!',
};

const CJK = /^[\u3400-\u9fff\u{20000}-\u{2ffff}]+$/u;
const chars = (s: string) => Array.from(s).length;

/** WeChat's rules for subscribe-message template fields, by the key's type prefix. Null when valid. */
export function templateFieldProblem(key: string, value: unknown): string | null {
  if (typeof value !== 'string') return `data.${key}.value must be a string`;
  const type = key.replace(/\d+$/, '');
  const ok = (cond: boolean, rule: string) => (cond ? null : `data.${key}.value ${rule}`);
  switch (type) {
    case 'thing':
      return ok(chars(value) >= 1 && chars(value) <= 20, 'thing: at most 20 characters');
    case 'phrase':
      return ok(chars(value) >= 1 && chars(value) <= 5 && CJK.test(value), 'phrase: at most 5 Chinese characters');
    case 'number':
      return ok(value.length <= 32 && /^\d+(\.\d+)?$/.test(value), 'number: at most 32 digits, may have decimals');
    case 'amount':
      return ok(/^[¥$€£]?\d{1,10}(\.\d{1,2})?元?$/.test(value), 'amount: one currency sign, up to 10 digits, may have decimals, may end in 元');
    case 'date':
      return ok(
        /^\d{4}(年\d{1,2}月\d{1,2}日|-\d{2}-\d{2})( \d{1,2}:\d{2}(:\d{2})?)?(\s*~\s*\d{4}(年\d{1,2}月\d{1,2}日|-\d{2}-\d{2})( \d{1,2}:\d{2}(:\d{2})?)?)?$/.test(value),
        'date: a date such as 2025年10月1日 or 2025-10-01 15:01, or a range with ~',
      );
    case 'time':
      return ok(/^(\d{4}(年\d{1,2}月\d{1,2}日|-\d{2}-\d{2}) )?\d{1,2}:\d{2}(:\d{2})?$/.test(value), 'time: 24-hour time, may have a date');
    case 'name':
      return ok(
        (CJK.test(value) && chars(value) <= 10) || (/^[A-Za-z\s.·-]+$/.test(value) && value.length <= 20),
        'name: at most 10 Chinese characters or 20 letters',
      );
    case 'character_string':
      return ok(value.length >= 1 && value.length <= 32 && /^[\x21-\x7e]+$/.test(value), 'character_string: at most 32 letters, digits or symbols');
    case 'letter':
      return ok(/^[A-Za-z]{1,32}$/.test(value), 'letter: at most 32 letters');
    case 'symbol':
      return ok(/^[^\sA-Za-z0-9\u3400-\u9fff]{1,5}$/.test(value), 'symbol: at most 5 symbols');
    case 'phone_number':
      return ok(/^[\d+\-() ]{1,17}$/.test(value), 'phone_number: at most 17 digits or symbols');
    case 'car_number':
      return ok(chars(value) <= 8 && /^[\u3400-\u9fffA-Za-z0-9][A-Za-z0-9]*[\u3400-\u9fffA-Za-z0-9]?$/.test(value), 'car_number: at most 8 characters');
    default:
      return `data.${key}: unknown field type`;
  }
}

export class FakeWechat {
  readonly appId: string;
  readonly secret: string;
  readonly templates: Record<string, string[]>;
  readonly messages: RecordedMessage[] = [];
  /** Every request, path only (for assertions such as "the code was retried once"). */
  readonly calls: { method: string; path: string; query: Record<string, string> }[] = [];
  slowMs: number;
  private server: Server | null = null;
  private readonly usedCodes = new Set<string>();
  private readonly busyOnce = new Set<string>();
  private readonly tokens = new Map<string, { expired: boolean }>();
  private currentToken: string | null = null;
  url = '';

  constructor(opts: FakeWechatOptions = {}) {
    this.appId = opts.appId ?? FAKE_APPID;
    this.secret = opts.secret ?? FAKE_SECRET;
    this.templates = opts.templates ?? {
      'tpl-claim-status': ['thing1', 'phrase2', 'amount3', 'date4', 'character_string5'],
      'tpl-reminder': ['thing1', 'name2', 'number3', 'time4'],
    };
    this.slowMs = opts.slowMs ?? 3000;
  }

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** Make every token issued so far expired (the next send answers 42001). */
  expireTokens(): void {
    for (const t of this.tokens.values()) t.expired = true;
    this.currentToken = null;
  }

  callsTo(path: string): number {
    return this.calls.filter((c) => c.path === path).length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    this.calls.push({ method: req.method ?? 'GET', path: url.pathname, query });
    const send = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const fail = (errcode: number, extra = '') =>
      send({ errcode, errmsg: `${ERRMSG[errcode] ?? 'error'}${extra ? ` ${extra}` : ''}, rid: ${randomBytes(6).toString('hex')}` });
    try {
      if (req.method === 'GET' && url.pathname === '/sns/jscode2session') return await this.jscode2session(query, send, fail);
      if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
        if (query.grant_type !== 'client_credential') return fail(40002 as number);
        return this.issueToken(query.appid, query.secret, false, send, fail);
      }
      if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
        const b = (await readJson(req)) as { appid?: string; secret?: string; force_refresh?: boolean };
        return this.issueToken(b.appid, b.secret, !!b.force_refresh, send, fail);
      }
      if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
        return this.subscribeSend(query.access_token, (await readJson(req)) as RecordedMessage, send, fail);
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    } catch {
      fail(-1);
    }
  }

  private async jscode2session(q: Record<string, string>, send: (b: unknown) => void, fail: (c: number) => void): Promise<void> {
    if (q.appid !== this.appId) return fail(40013);
    if (q.secret !== this.secret) return fail(40125);
    if (q.grant_type !== 'authorization_code') return fail(40029);
    const code = q.js_code ?? '';
    const err = /^err-(-?\d+)$/.exec(code);
    if (err) return fail(Number(err[1]));
    if (code.startsWith('busy-once-') && !this.busyOnce.has(code)) {
      this.busyOnce.add(code);
      return fail(-1);
    }
    const m = /^(?:ok|busy-once|slow)-([A-Za-z0-9_-]{1,60})(?:\.[A-Za-z0-9_-]+)?$/.exec(code);
    if (!m) return fail(40029);
    if (this.usedCodes.has(code)) return fail(40163);
    this.usedCodes.add(code);
    if (code.startsWith('slow-')) await new Promise((r) => setTimeout(r, this.slowMs));
    send({ openid: m[1], session_key: randomBytes(16).toString('base64') });
  }

  private issueToken(appid: string | undefined, secret: string | undefined, force: boolean, send: (b: unknown) => void, fail: (c: number) => void): void {
    if (appid !== this.appId) return fail(40013);
    if (secret !== this.secret) return fail(40125);
    if (force || !this.currentToken) {
      this.currentToken = `fake-token-${randomBytes(12).toString('hex')}`;
      this.tokens.set(this.currentToken, { expired: false });
    }
    send({ access_token: this.currentToken, expires_in: 7200 });
  }

  private subscribeSend(token: string | undefined, msg: RecordedMessage, send: (b: unknown) => void, fail: (c: number, extra?: string) => void): void {
    const t = token ? this.tokens.get(token) : undefined;
    if (!t) return fail(40001);
    if (t.expired) return fail(42001);
    const fields = this.templates[msg?.template_id];
    if (!fields) return fail(40037);
    if (typeof msg.touser !== 'string' || !msg.touser) return fail(40003 as number);
    if (msg.touser.startsWith('refused-')) return fail(43101);
    for (const key of fields) {
      const problem = templateFieldProblem(key, msg.data?.[key]?.value);
      if (problem) return fail(47003, problem);
    }
    this.messages.push({ touser: msg.touser, template_id: msg.template_id, page: msg.page, data: msg.data });
    send({ errcode: 0, errmsg: 'ok', msgid: Date.now() });
  }
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch (e) {
        reject(e);
      }
    });
    req.on('error', reject);
  });
}

if (require.main === module) {
  const fake = new FakeWechat();
  void fake.start(Number(process.argv[2] ?? 0)).then((url) => {
    console.log(`Fake WeChat API on ${url}  (WECHAT_API_BASE=${url} WECHAT_APPID=${fake.appId} WECHAT_SECRET=${fake.secret})`);
  });
}
