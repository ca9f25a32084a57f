/**
 * The engine is bundled into a WeChat mini-program: no Node built-ins and no I/O in anything the
 * package index reaches. Only the CLI (and tests) may touch Node.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('portability of the engine', () => {
  const src = join(__dirname);
  const engine = files(src).filter((f) => !/\.spec\.ts$|__tests__|[\\/]cli\.ts$/.test(f));

  it.each(engine.map((f) => relative(src, f)))('%s uses no Node built-ins, I/O, clocks or randomness', (rel) => {
    const text = readFileSync(join(src, rel), 'utf8');
    expect(text).not.toMatch(/from ['"](node:|fs|path|os|crypto|child_process|http|https|net|util)['"]/);
    expect(text).not.toMatch(/\brequire\(|\bprocess\.|\bBuffer\b|Math\.random|__dirname/);
  });

  it('the package index does not export the CLI', () => {
    expect(readFileSync(join(src, 'index.ts'), 'utf8')).not.toMatch(/cli/);
  });
});
