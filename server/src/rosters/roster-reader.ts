/**
 * Streaming readers for roster files: CSV (UTF-8 with or without BOM, or GB18030 as saved by Chinese
 * Excel) through a small RFC 4180 parser (CsvParser), and .xlsx through exceljs' streaming WorkbookReader. Neither holds the
 * file in memory: rows come out one at a time as an async iterable.
 */
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
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
  constructor() {
    super({ readableObjectMode: true }); // text chunks come out as strings
  }

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
      const text = this.decoder.decode(chunk, { stream: true });
      if (text) this.push(text);
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
    const text = this.decoder.decode(head, { stream: true });
    if (text) this.push(text);
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

/**
 * RFC 4180 CSV, streamed: quoted fields with "" for a quote and line breaks inside, CRLF / LF / CR line
 * ends, rows of any length, empty lines skipped. Yields the records of each decoded chunk together (one
 * await per chunk, not per row) with the line each record ends on (its row number as Excel shows it).
 */
export class CsvParser {
  private field = '';
  private record: string[] = [];
  /** 0 field start, 1 unquoted, 2 quoted, 3 quote seen inside a quoted field */
  private state = 0;
  private line = 1;
  private afterCR = false;

  /** Records completed by this chunk: [fields, line][]. */
  push(chunk: string, out: [string[], number][] = []): [string[], number][] {
    const n = chunk.length;
    let i = 0;
    if (this.afterCR && n && chunk.charCodeAt(0) === 10) i = 1;
    this.afterCR = false;
    let start = i;
    let state = this.state;
    for (; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (state === 2) {
        if (c === 34) {
          this.field += chunk.slice(start, i);
          state = 3;
        } else if (c === 10 || (c === 13 && chunk.charCodeAt(i + 1) !== 10)) this.line++;
        continue;
      }
      if (state === 3) {
        if (c === 34) {
          // "" inside a quoted field: one quote
          this.field += '"';
          start = i + 1;
          state = 2;
          continue;
        }
        start = i;
        state = 1; // after the closing quote: the field goes on unquoted (lenient)
      }
      if (c === 44) {
        this.record.push(state === 1 ? this.field + chunk.slice(start, i) : this.field);
        this.field = '';
        state = 0;
        start = i + 1;
      } else if (c === 10 || c === 13) {
        if (state !== 0 || this.record.length) {
          this.record.push(state === 1 ? this.field + chunk.slice(start, i) : this.field);
          out.push([this.record, this.line]);
          this.record = [];
        }
        this.field = '';
        state = 0;
        this.line++;
        if (c === 13) {
          if (i + 1 < n) {
            if (chunk.charCodeAt(i + 1) === 10) i++;
          } else this.afterCR = true;
        }
        start = i + 1;
      } else if (state === 0) {
        if (c === 34) {
          state = 2;
          this.field = '';
          start = i + 1;
        } else {
          state = 1;
          start = i;
        }
      }
    }
    if (state === 1 || state === 2) this.field += chunk.slice(start, n);
    this.state = state;
    return out;
  }

  /** The last record when the file does not end with a line break. */
  end(out: [string[], number][] = []): [string[], number][] {
    if (this.state === 2) throw new RosterFileError(`第 ${this.line} 行有没有闭合的引号（"），请检查文件`);
    if (this.state !== 0 || this.record.length) {
      this.record.push(this.field);
      out.push([this.record, this.line]);
    }
    this.record = [];
    this.field = '';
    this.state = 0;
    return out;
  }
}

async function* csvBatches(input: Readable): AsyncGenerator<RawRow[]> {
  const text = input.pipe(new CsvDecoder());
  input.on('error', (e) => text.destroy(e));
  const parser = new CsvParser();
  let map: Map<number, RosterColumnKey> | null = null;
  const toRows = (records: [string[], number][]): RawRow[] => {
    const rows: RawRow[] = [];
    for (const [record, line] of records) {
      if (!map) {
        map = headerMap(record);
        continue;
      }
      const cells: Partial<Record<RosterColumnKey, RawCell>> = {};
      for (const [i, key] of map) cells[key] = record[i];
      rows.push({ rowNo: line, cells });
    }
    return rows;
  };
  for await (const chunk of text as AsyncIterable<string>) {
    const rows = toRows(parser.push(chunk));
    if (rows.length) yield rows;
  }
  const rows = toRows(parser.end());
  if (rows.length) yield rows;
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

/** Rows of a roster file, streamed, a batch at a time (CSV: the rows of each chunk read). */
export async function* readRosterBatches(input: Readable, format: RosterFileFormat): AsyncGenerator<RawRow[]> {
  if (format === 'csv') {
    yield* csvBatches(input);
    return;
  }
  let batch: RawRow[] = [];
  for await (const row of xlsxRows(input)) {
    batch.push(row);
    if (batch.length >= 1000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** Rows of a roster file, streamed. */
export async function* readRoster(input: Readable, format: RosterFileFormat): AsyncGenerator<RawRow> {
  for await (const batch of readRosterBatches(input, format)) yield* batch;
}
