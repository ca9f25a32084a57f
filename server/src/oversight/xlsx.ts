/**
 * The .xlsx exports: the same numbers as the JSON, sheet by sheet. Money and counts are numeric cells (money
 * with two decimals shown), percentages numeric with two decimals, text as text; a test reads every cell
 * back and compares it with the JSON.
 */
import ExcelJS from 'exceljs';

export type CellKind = 'text' | 'int' | 'money' | 'percent';

export interface SheetColumn {
  header: string;
  kind: CellKind;
  width?: number;
}

export interface SheetSpec {
  name: string;
  /** Lines above the table (title, scope, notes). */
  title: string[];
  columns: SheetColumn[];
  rows: (string | number | null)[][];
}

const FORMATS: Record<CellKind, string | undefined> = { text: undefined, int: '0', money: '#,##0.00', percent: '0.00' };

function cellValue(kind: CellKind, v: string | number | null): string | number | null {
  if (v === null || v === undefined || v === '') return null;
  if (kind === 'text') return String(v);
  return Number(v);
}

export async function workbook(sheets: SheetSpec[], meta: { title: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Huimin 惠民';
  wb.title = meta.title;
  wb.created = new Date();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31));
    for (const line of s.title) ws.addRow([line]);
    if (s.title.length) ws.getRow(1).font = { bold: true, size: 13 };
    const header = ws.addRow(s.columns.map((c) => c.header));
    header.font = { bold: true };
    for (const r of s.rows) {
      const row = ws.addRow(s.columns.map((c, i) => cellValue(c.kind, r[i])));
      s.columns.forEach((c, i) => {
        const f = FORMATS[c.kind];
        if (f) row.getCell(i + 1).numFmt = f;
      });
    }
    s.columns.forEach((c, i) => {
      ws.getColumn(i + 1).width = c.width ?? (c.kind === 'text' ? 18 : 14);
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads a workbook written by `workbook()` back: per sheet, the table rows under the header (tests). */
export async function readTables(buf: Buffer): Promise<Record<string, { header: string[]; rows: (string | number | null)[][] }>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: Record<string, { header: string[]; rows: (string | number | null)[][] }> = {};
  wb.eachSheet((ws) => {
    const all: (string | number | null)[][] = [];
    const width = ws.columnCount;
    ws.eachRow({ includeEmpty: true }, (row) => {
      const vals: (string | number | null)[] = [];
      for (let i = 1; i <= width; i++) vals.push((row.getCell(i).value as string | number | null | undefined) ?? null);
      all.push(vals);
    });
    // The header is the first row with more than one cell.
    const h = all.findIndex((r) => r.filter((x) => x !== null).length > 1);
    out[ws.name] = { header: (all[h] ?? []).filter((x) => x !== null).map(String), rows: all.slice(h + 1) };
  });
  return out;
}
