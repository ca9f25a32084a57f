import { makeIdNumber } from '@huimin/shared';
import { IdTable } from './id-table';

describe('IdTable (ID number → 32-bit value)', () => {
  it('keeps values per ID number through growth, X check characters and bit 31 included', () => {
    const t = new IdTable(4);
    const ids: string[] = [];
    for (let i = 0; i < 20000; i++) ids.push(makeIdNumber(i % 2 ? '500103' : '110101', `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`, i % 999));
    const unique = [...new Set(ids)];
    unique.forEach((id, i) => t.set(id, (i % 7) | (i % 3 === 0 ? 1 << 31 : 0)));
    expect(t.size).toBe(unique.length);
    unique.forEach((id, i) => expect(t.get(id)).toBe(((i % 7) | (i % 3 === 0 ? 1 << 31 : 0)) >>> 0));
    expect(unique.some((id) => id.endsWith('X'))).toBe(true);
    expect(t.get(makeIdNumber('370102', '1999-12-31', 1))).toBe(0);
    // entries() gives the ID numbers back as they were
    const back = new Map([...t.entries(() => true)]);
    expect(back.size).toBe(unique.length);
    for (const id of unique.slice(0, 500)) expect(back.has(id)).toBe(true);
  });
});
