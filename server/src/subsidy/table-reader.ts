/**
 * Reads the small tables of the subsidy work (the insurer's policy list, the bank's result file): CSV
 * (UTF-8 with or without BOM, or GB18030 as Chinese Excel saves it) or .xlsx (first worksheet). Row 1 is
 * the header; columns are found by their Chinese header (any of a column's names), in any order; unknown
 * columns are ignored. These files are thousands of rows, not millions: they are read whole from memory
 * (the upload limit is SUBSIDY_FILE_MAX_BYTES).
 */
import { TextDecoder } from 'node:util';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { RawCell } from '../rosters/roster-format';
import { sniffFormat } from '../rosters/roster-reader';

export const SUBSIDY_FILE_MAX_BYTES = 20 * 1024 * 1024;

export type TableFormat = 'csv' | 'xlsx';

export interface ColumnDef<K extends string> {
  key: K;
  /** Header names that mean this column; the first is the one files we write use. */
  headers: readonly string[];
  required?: boolean;
}

export interface TableRow<K extends string> {
  /** 1-based row number as Excel shows it (header = 1). */
  rowNo: number;
  cells: Partial<Record<K, RawCell>>;
}

export class TableFileError extends Error {
  override readonly name = 'TableFileError';
}

export function tableFormat(buf: Buffer): TableFormat | null {
  return sniffFormat(buf.subarray(0, 4096));
}

function headerMap<K extends string>(cells: string[], columns: readonly ColumnDef<K>[], what: string): Map<number, K> {
  const byName = new Map<string, K>();
  for (const c of columns) for (const h of c.headers) byName.set(h, c.key);
  const map = new Map<number, K>();
  cells.forEach((h, i) => {
    const key = byName.get(String(h ?? '').replace(/^\uFEFF/, '').replace(/\s+/g, '').trim());
    if (key && ![...map.values()].includes(key)) map.set(i, key);
  });
  const found = new Set(map.values());
  const missing = columns.filter((c) => c.required && !found.has(c.key)).map((c) => c.headers[0]);
  if (missing.length) throw new TableFileError(`${what}第 1 行应为表头，缺少列：${missing.join('、')}`);
  return map;
}

function decode(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

function excelValue(v: ExcelJS.CellValue): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return excelValue(v.result as ExcelJS.CellValue);
    if ('error' in v) return null;
  }
  return String(v);
}

/** The header's column keys present in the file, and its data rows. */
export async function readTable<K extends string>(
  buf: Buffer,
  columns: readonly ColumnDef<K>[],
  what: string,
): Promise<{ format: TableFormat; present: Set<K>; rows: TableRow<K>[] }> {
  const format = tableFormat(buf);
  if (!format) throw new TableFileError(`${what}不是 CSV 文本或 Excel（.xlsx）表格，请上传文件本身`);
  const rows: TableRow<K>[] = [];
  let map: Map<number, K> | null = null;
  if (format === 'csv') {
    let records: { record: string[]; info: { lines: number } }[];
    try {
      records = parse(decode(buf), { relax_column_count: true, skip_empty_lines: true, bom: true, info: true }) as never;
    } catch (e) {
      throw new TableFileError(`${what}不是有效的 CSV：${String((e as Error).message).slice(0, 80)}`);
    }
    for (const { record, info } of records) {
      if (!map) {
        map = headerMap(record, columns, what);
        continue;
      }
      const cells: Partial<Record<K, RawCell>> = {};
      let any = false;
      for (const [i, key] of map) {
        cells[key] = record[i];
        if (record[i] !== undefined && String(record[i]).trim() !== '') any = true;
      }
      if (any) rows.push({ rowNo: info.lines, cells });
    }
  } else {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
    } catch {
      throw new TableFileError(`无法读取这个 Excel 文件（${what}），请用 Excel 另存为 .xlsx 后重新上传`);
    }
    const ws = wb.worksheets[0];
    if (ws) {
      ws.eachRow({ includeEmpty: false }, (row, n) => {
        const values = row.values as ExcelJS.CellValue[];
        if (!map) {
          map = headerMap(values.slice(1).map((v) => String(excelValue(v) ?? '')), columns, what);
          return;
        }
        const cells: Partial<Record<K, RawCell>> = {};
        let any = false;
        for (const [i, key] of map) {
          const v = excelValue(values[i + 1]);
          cells[key] = v;
          if (v !== null && v !== '') any = true;
        }
        if (any) rows.push({ rowNo: n, cells });
      });
    }
  }
  if (!map) throw new TableFileError(`${what}是空的：第 1 行应为表头`);
  return { format, present: new Set((map as Map<number, K>).values()), rows };
}
