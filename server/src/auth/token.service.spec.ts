import { createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { AuthUser } from './auth-user';
import { ACCESS_TOKEN_TTL_SECONDS, TokenService } from './token.service';

describe('TokenService.verify (with its cache of verified tokens)', () => {
  const key = createSecretKey(Buffer.from('x'.repeat(40), 'utf8'));
  const svc = new TokenService(new JwtService({ secret: key, signOptions: { algorithm: 'HS256' } }));
  const u: AuthUser = { userId: 7, role: 'caseworker', personId: null, districtIds: [3, 4], sessionId: '00000000-0000-4000-8000-000000000007' };

  afterEach(() => jest.restoreAllMocks());

  it('gives the same caller on every call, as a fresh object each time (the guard adds acting-for to it)', () => {
    const t = svc.issueAccessToken(u);
    const a = svc.verify(t)!;
    a.actingForPersonId = 99;
    a.districtIds.push(5);
    const b = svc.verify(t)!;
    expect(b).toEqual(u);
    expect(b).not.toBe(a);
  });

  it('refuses a remembered token once it has expired', () => {
    const t = svc.issueAccessToken(u);
    expect(svc.verify(t)).not.toBeNull();
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + (ACCESS_TOKEN_TTL_SECONDS + 1) * 1000);
    expect(svc.verify(t)).toBeNull();
  });

  it('refuses an altered token and one signed with another key, even after the genuine one was verified', () => {
    const t = svc.issueAccessToken(u);
    expect(svc.verify(t)).not.toBeNull();
    const [h, p, sig] = t.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const altered = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${sig}`;
    expect(svc.verify(altered)).toBeNull();
    const other = new TokenService(new JwtService({ secret: createSecretKey(Buffer.from('y'.repeat(40), 'utf8')), signOptions: { algorithm: 'HS256' } }));
    expect(svc.verify(other.issueAccessToken(u))).toBeNull();
    expect(svc.verify(`${t}x`)).toBeNull();
  });

  it('when full, forgets only the oldest token: the others are not verified again', () => {
    const jwt = new JwtService({ secret: key, signOptions: { algorithm: 'HS256' } });
    class SmallCache extends TokenService {
      protected override readonly maxVerified = 3;
    }
    const own = new SmallCache(jwt);
    const tokens = Array.from({ length: 4 }, (_, i) => own.issueAccessToken({ ...u, userId: i + 1 }));
    for (const t of tokens) expect(own.verify(t)).not.toBeNull();
    const verify = jest.spyOn(jwt, 'verify');
    expect(own.verify(tokens[3])!.userId).toBe(4);
    expect(own.verify(tokens[1])!.userId).toBe(2);
    expect(verify).not.toHaveBeenCalled();
    expect(own.verify(tokens[0])!.userId).toBe(1); // the oldest was forgotten: verified in full again
    expect(verify).toHaveBeenCalledTimes(1);
  });
});
