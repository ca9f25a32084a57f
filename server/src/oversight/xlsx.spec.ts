import { readTables, workbook } from './xlsx';

describe('xlsx exports', () => {
  it('writes numbers as numbers and text as text, and reads them back under the header', async () => {
    const buf = await workbook(
      [{ name: '表', title: ['标题', '说明'], columns: [{ header: '区县', kind: 'text' }, { header: '金额', kind: 'money' }, { header: '件数', kind: 'int' }, { header: '比例', kind: 'percent' }], rows: [['驿城区', '12345678901.23', 3, '99.50'], ['合计', null, 0, null]] }],
      { title: 't' },
    );
    const t = await readTables(buf);
    expect(t['表'].header).toEqual(['区县', '金额', '件数', '比例']);
    expect(t['表'].rows).toEqual([['驿城区', 12345678901.23, 3, 99.5], ['合计', null, 0, null]]);
  });
});
