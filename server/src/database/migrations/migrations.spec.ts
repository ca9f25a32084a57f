import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MARIADB_MIGRATIONS } from './mariadb';
import { SQLITE_MIGRATIONS } from './sqlite';

describe('migration lists', () => {
  const cases: [string, Function[]][] = [
    ['mariadb', MARIADB_MIGRATIONS],
    ['sqlite', SQLITE_MIGRATIONS],
  ];

  it.each(cases)('%s: every migration file is listed, in timestamp order', (dialect, list) => {
    const files = readdirSync(join(__dirname, dialect))
      .filter((f) => /^\d{13}-\w+\.ts$/.test(f))
      .sort();
    const expected = files.map((f) => {
      const [, ts, name] = /^(\d{13})-(\w+)\.ts$/.exec(f)!;
      return `${name}${ts}`;
    });
    expect(list.map((m) => m.name)).toEqual(expected);
  });

  it('both dialects have the same migrations, with up and down', () => {
    expect(MARIADB_MIGRATIONS.map((m) => m.name)).toEqual(SQLITE_MIGRATIONS.map((m) => m.name));
    for (const M of [...MARIADB_MIGRATIONS, ...SQLITE_MIGRATIONS]) {
      expect(typeof M.prototype.up).toBe('function');
      expect(typeof M.prototype.down).toBe('function');
    }
  });
});
