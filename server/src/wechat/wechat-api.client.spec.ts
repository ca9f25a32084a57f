/** The WeChat client against the local fake of WeChat's API (real errcodes, real JSON shapes). */
import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { FakeWechat, templateFieldProblem } from '../../test/support/fake-wechat';
import { WechatApiClient } from './wechat-api.client';
import { WechatApiError } from './wechat.errors';

function clientFor(fake: FakeWechat, over: Partial<AppConfig['wechat']> = {}): WechatApiClient {
  return new WechatApiClient({ wechat: { apiBase: fake.url, appId: fake.appId, secret: fake.secret, timeoutMs: 1000, ...over } } as AppConfig);
}

async function failure(p: Promise<unknown>): Promise<WechatApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WechatApiError) return e;
    throw e;
  }
  throw new Error('expected a WechatApiError');
}

describe('WechatApiClient', () => {
  const fake = new FakeWechat({ slowMs: 1500 });
  let client: WechatApiClient;
  beforeAll(async () => {
    Logger.overrideLogger(false);
    await fake.start();
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    client = clientFor(fake);
    fake.calls.length = 0;
    fake.messages.length = 0;
  });

  describe('code2Session', () => {
    it('exchanges a code for the openid, sending appid, secret and grant_type', async () => {
      const r = await client.code2Session('ok-o_alice');
      expect(r.openid).toBe('o_alice');
      expect(r.sessionKey).toEqual(expect.any(String));
      expect(fake.calls[0]).toMatchObject({
        method: 'GET',
        path: '/sns/jscode2session',
        query: { appid: fake.appId, secret: fake.secret, js_code: 'ok-o_alice', grant_type: 'authorization_code' },
      });
    });

    it.each([
      ['err-40029', 'invalid_code', 40029],
      ['err-40163', 'code_used', 40163],
      ['err-45011', 'rate_limited', 45011],
      ['err-40226', 'user_blocked', 40226],
      ['nonsense', 'invalid_code', 40029],
    ])('maps %s to %s', async (code, kind, errcode) => {
      const e = await failure(client.code2Session(code));
      expect(e).toMatchObject({ kind, errcode, api: 'jscode2session' });
      expect(fake.callsTo('/sns/jscode2session')).toBe(1);
    });

    it('refuses a code used twice (40163), as WeChat does', async () => {
      await client.code2Session('ok-o_bob.1');
      expect((await failure(client.code2Session('ok-o_bob.1'))).kind).toBe('code_used');
    });

    it('retries once when WeChat is busy (-1): succeeds if the retry does, else reports busy', async () => {
      expect((await client.code2Session('busy-once-o_carol')).openid).toBe('o_carol');
      expect(fake.callsTo('/sns/jscode2session')).toBe(2);
      fake.calls.length = 0;
      expect(await failure(client.code2Session('err--1'))).toMatchObject({ kind: 'busy', errcode: -1 });
      expect(fake.callsTo('/sns/jscode2session')).toBe(2);
    });

    it('reports a wrong AppSecret as a configuration problem, without the secret in the error', async () => {
      const e = await failure(clientFor(fake, { secret: 'wrong-secret-value' }).code2Session('ok-o_dave'));
      expect(e).toMatchObject({ kind: 'other', errcode: 40125 });
      expect(e.message).not.toContain('wrong-secret-value');
    });

    it('times out and reports WeChat unavailable; and when nothing listens', async () => {
      const e = await failure(clientFor(fake, { timeoutMs: 200 }).code2Session('slow-o_erin'));
      expect(e).toMatchObject({ kind: 'unavailable', errcode: null });
      expect(e.message).toMatch(/timed out after 200 ms/);
      const down = await failure(clientFor(fake, { apiBase: 'http://127.0.0.1:9' }).code2Session('ok-o_x'));
      expect(down.kind).toBe('unavailable');
      expect(down.message).not.toContain(fake.secret);
    });
  });

  describe('access token and subscribe messages', () => {
    const msg = {
      touser: 'o_alice',
      template_id: 'tpl-claim-status',
      page: 'pages/claims/detail?id=1',
      data: {
        thing1: { value: '住院医疗费用理赔' },
        phrase2: { value: '已受理' },
        amount3: { value: '¥1234.50' },
        date4: { value: '2025年10月1日 15:01' },
        character_string5: { value: 'CL-2025-000123' },
      },
    };

    it('fetches the token once through stable_token and caches it', async () => {
      const a = await client.getAccessToken();
      const b = await client.getAccessToken();
      expect(a).toBe(b);
      expect(fake.callsTo('/cgi-bin/stable_token')).toBe(1);
    });

    it('sends a message the fake records', async () => {
      await client.sendSubscribeMessage(msg);
      expect(fake.messages).toEqual([{ touser: 'o_alice', template_id: 'tpl-claim-status', page: msg.page, data: msg.data }]);
    });

    it('renews an expired token (42001) once and sends', async () => {
      await client.getAccessToken();
      fake.expireTokens();
      await client.sendSubscribeMessage(msg);
      expect(fake.messages).toHaveLength(1);
      expect(fake.callsTo('/cgi-bin/stable_token')).toBe(2);
      expect(fake.callsTo('/cgi-bin/message/subscribe/send')).toBe(2);
    });

    it('maps 43101 (user refused), 47003 (bad field) and 40037 (unknown template)', async () => {
      expect((await failure(client.sendSubscribeMessage({ ...msg, touser: 'refused-o_zed' }))).kind).toBe('user_refused');
      const tooLong = { ...msg, data: { ...msg.data, thing1: { value: '这是一个超过二十个字符的非常非常长的事项名称哦哦' } } };
      const e = await failure(client.sendSubscribeMessage(tooLong));
      expect(e).toMatchObject({ kind: 'invalid_param', errcode: 47003 });
      expect((await failure(client.sendSubscribeMessage({ ...msg, template_id: 'tpl-nope' }))).kind).toBe('invalid_template');
      expect(fake.messages).toEqual([]);
    });
  });

  it('the fake enforces WeChat template field rules', () => {
    expect(templateFieldProblem('thing1', '一二三四五六七八九十一二三四五六七八九十')).toBeNull();
    expect(templateFieldProblem('thing1', '一二三四五六七八九十一二三四五六七八九十一')).toMatch(/20/);
    expect(templateFieldProblem('phrase2', '已受理')).toBeNull();
    expect(templateFieldProblem('phrase2', '审核已经通过了')).toMatch(/5/);
    expect(templateFieldProblem('phrase2', 'OK')).not.toBeNull();
    expect(templateFieldProblem('number3', '12345678901234567890123456789012')).toBeNull();
    expect(templateFieldProblem('number3', '123456789012345678901234567890123')).not.toBeNull();
    expect(templateFieldProblem('amount4', '¥100.5')).toBeNull();
    expect(templateFieldProblem('amount4', '100元')).toBeNull();
    expect(templateFieldProblem('amount4', '一百元')).not.toBeNull();
    expect(templateFieldProblem('date5', '2025-10-01')).toBeNull();
    expect(templateFieldProblem('date5', '2025年10月1日 ~ 2025年10月3日')).toBeNull();
    expect(templateFieldProblem('date5', '明天')).not.toBeNull();
    expect(templateFieldProblem('name6', '欧阳娜娜')).toBeNull();
    expect(templateFieldProblem('name6', '一二三四五六七八九十一')).not.toBeNull();
    expect(templateFieldProblem('character_string7', 'A'.repeat(32))).toBeNull();
    expect(templateFieldProblem('character_string7', 'A'.repeat(33))).not.toBeNull();
    expect(templateFieldProblem('character_string7', '中文')).not.toBeNull();
  });
});
