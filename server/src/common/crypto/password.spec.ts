import { hashPassword, verifyPassword } from './password';

describe('password hashing (scrypt)', () => {
  it('verifies the right password only', async () => {
    const h = await hashPassword('正确的密码 1');
    expect(h).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('正确的密码 1', h)).toBe(true);
    expect(await verifyPassword('正确的密码 2', h)).toBe(false);
    expect(await hashPassword('正确的密码 1')).not.toBe(h);
  });

  it('rejects malformed stored hashes without throwing', async () => {
    expect(await verifyPassword('x', null)).toBe(false);
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$999999999$8$1$aa$bb')).toBe(false);
  });
});
