import { Readable } from 'node:stream';
import { makeIdNumber } from '@huimin/shared';
import { CsvParser, readRoster, sniffFormat } from './roster-reader';

async function all(input: Readable) {
  const out = [];
  for await (const r of readRoster(input, 'csv')) out.push(r);
  return out;
}

describe('roster CSV reader', () => {
  const id = makeIdNumber('500103', '1960-05-01', 11);

  it('reads UTF-8 with a BOM, whatever the chunk size (a CJK character cut at a chunk end)', async () => {
    const text = `\uFEFF姓名,身份证号,区县\n${`张三,${id},渝中区\n`.repeat(20000)}`;
    const buf = Buffer.from(text, 'utf8');
    for (const size of [7, 65536, 262144, buf.length]) {
      const chunks = [];
      for (let i = 0; i < buf.length; i += size) chunks.push(buf.subarray(i, i + size));
      const rows = await all(Readable.from(chunks));
      expect(rows).toHaveLength(20000);
      expect(rows[0]).toEqual({ rowNo: 2, cells: { name: '张三', idNumber: id, area: '渝中区' } });
    }
  });

  it('reads GB18030 (Excel on Chinese Windows)', async () => {
    // 姓名,身份证号,区县 / 张三,<id>,渝中区 in GB18030
    const head = Buffer.from('d0d5c3fb2cc9edb7ddd6a4bac52cc7f8cfd80a', 'hex');
    const row = Buffer.concat([Buffer.from('d5c5c8fd2c', 'hex'), Buffer.from(`${id},`), Buffer.from('d3e5d6d0c7f80a', 'hex')]);
    const rows = await all(Readable.from([Buffer.concat([head, row, row])]));
    expect(rows.map((r) => r.cells)).toEqual([
      { name: '张三', idNumber: id, area: '渝中区' },
      { name: '张三', idNumber: id, area: '渝中区' },
    ]);
  });

  it('parses quotes, "" inside quotes, line breaks inside quotes, CRLF/LF/CR and empty lines, whatever the chunks', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""",\r\n\r\n"two\nlines",2\n3\r"4"\r\nlast,"q"';
    const expected = [
      [['a', 'b', 'c'], 1],
      [['x, y', 'say "hi"', ''], 2],
      [['two\nlines', '2'], 5],
      [['3'], 6],
      [['4'], 7],
      [['last', 'q'], 8],
    ];
    for (const size of [1, 2, 3, 5, text.length]) {
      const p = new CsvParser();
      const out: [string[], number][] = [];
      for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size), out);
      p.end(out);
      expect([size, out]).toEqual([size, expected]);
    }
    const open = new CsvParser();
    open.push('a\n"never closed');
    expect(() => open.end()).toThrow('引号');
  });

  it('refuses a file without the required headers, in Chinese', async () => {
    await expect(all(Readable.from([Buffer.from('a,b\n1,2\n')]))).rejects.toThrow('缺少列：姓名、身份证号、区县');
  });

  it('tells xlsx (zip) from text and refuses binaries', () => {
    expect(sniffFormat(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toBe('xlsx');
    expect(sniffFormat(Buffer.from('姓名,身份证号\r\n'))).toBe('csv');
    expect(sniffFormat(Buffer.from([0x4d, 0x5a, 0x90, 0x00]))).toBeNull();
    expect(sniffFormat(Buffer.from('%PDF-1.7\n\u0000'))).toBeNull();
    expect(sniffFormat(Buffer.alloc(0))).toBeNull();
  });
});
