/**
 * Streaming readers for roster files: CSV (UTF-8 with or without BOM, or GB18030 as saved by Chinese
 * Excel) through csv-parse, and .xlsx through exceljs' streaming WorkbookReader. Neither holds the
 * file in memory: rows come out one at a time as an async iterable.
 */
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { HEADER_TO_KEY, type RawCell, type RawRow, type RosterColumnKey } from './roster-format';

export type RosterFileFormat = 'csv' | 'xlsx';

export class RosterFileError extends Error {
  override readonly name = 'RosterFileError';
}

/** The file's format from its first bytes: xlsx is a zip ('PK\3\4'); CSV is text. Anything else is refused. */
export function sniffFormat(head: Buffer): RosterFileFormat | null {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (head.length === 0) return null;
  // Executables, PDFs, images, OLE (old .xls), gzip… have control bytes early; text has none but tab/CR/LF.
  const n = Math.min(head.length, 4096);
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0x09 || b === 0x0a || b === 0x0d) continue;
    if (b < 0x20 || b === 0x7f) return null;
  }
  return 'csv';
}

/** Decodes CSV bytes: UTF-8 (BOM stripped) unless the start is not valid UTF-8, then GB18030. */
class CsvDecoder extends Transform {
  private decoder: TextDecoder | null = null;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (!this.decoder) {
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
      if (this.pendingBytes < 64 * 1024) return done();
      this.choose(Buffer.concat(this.pending));
      this.pending = [];
    } else {
      this.push(this.decoder.decode(chunk, { stream: true }));
    }
    done();
  }

  private choose(head: Buffer): void {
    let encoding = 'utf-8';
    try {
      // stream: a multi-byte character cut off at the end of the sample is not an error.
      new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    } catch {
      encoding = 'gb18030';
    }
    this.decoder = new TextDecoder(encoding, { ignoreBOM: false });
    this.push(this.decoder.decode(head, { stream: true }));
  }

  override _flush(done: TransformCallback): void {
    if (!this.decoder) this.choose(Buffer.concat(this.pending));
    const rest = this.decoder!.decode();
    if (rest) this.push(rest);
    done();
  }
}

/** Maps header cells to column keys; unknown headers are ignored, missing required ones are an error. */
function headerMap(cells: string[]): Map<number, RosterColumnKey> {
  const map = new Map<number, RosterColumnKey>();
  cells.forEach((h, i) => {
    const key = HEADER_TO_KEY.get(String(h ?? '').replace(/^\uFEFF/, '').trim());
    if (key && ![...map.values()].includes(key)) map.set(i, key);
  });
  const found = new Set(map.values());
  const missing = ['姓名', '身份证号', '区县'].filter((h) => !found.has(HEADER_TO_KEY.get(h)!));
  if (missing.length) {
    throw new RosterFileError(`第 1 行应为表头，缺少列：${missing.join('、')}（表头见使用说明）`);
  }
  return map;
}

async function* csvRows(input: Readable): AsyncGenerator<RawRow> {
  const parser = input.pipe(new CsvDecoder()).pipe(
    parse({ relax_column_count: true, skip_empty_lines: true, trim: false, bom: true, info: true }),
  );
  input.on('error', (e) => parser.destroy(e));
  let map: Map<number, RosterColumnKey> | null = null;
  for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const { record, info } = rec;
    if (!map) {
      map = headerMap(record);
      continue;
    }
    const cells: Partial<Record<RosterColumnKey, RawCell>> = {};
    for (const [i, key] of map) cells[key] = record[i];
    yield { rowNo: info.lines, cells };
  }
  if (!map) throw new RosterFileError('文件是空的：第 1 行应为表头');
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

async function* xlsxRows(input: Readable): AsyncGenerator<RawRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // needed to tell date cells from numbers
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let map: Map<number, RosterColumnKey> | null = null;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = (row as ExcelJS.Row).values as ExcelJS.CellValue[]; // 1-based
      if (!map) {
        map = headerMap(values.slice(1).map((v) => String(excelValue(v) ?? '')));
        continue;
      }
      const cells: Partial<Record<RosterColumnKey, RawCell>> = {};
      let any = false;
      for (const [i, key] of map) {
        const v = excelValue(values[i + 1]);
        cells[key] = v;
        if (v !== null && v !== '') any = true;
      }
      if (any) yield { rowNo: (row as ExcelJS.Row).number, cells };
    }
    break; // the first worksheet only
  }
  if (!map) throw new RosterFileError('表格是空的：第 1 行应为表头');
}

/** Rows of a roster file, streamed. */
export function readRoster(input: Readable, format: RosterFileFormat): AsyncGenerator<RawRow> {
  return format === 'xlsx' ? xlsxRows(input) : csvRows(input);
}
