/** Labels for rows and the streamed .xlsx report (the same rows as GET /api/rosters/:id/rows). */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { RosterRowView } from './rosters.dto';

export const STATUS_LABEL: Record<string, string> = { ok: '通过', warning: '提示', error: '错误', pending: '待校验' };
export const ACTION_LABEL: Record<string, string> = {
  add: '新增',
  change: '变更',
  unchanged: '无变化',
  remove: '终止',
  refuse: '不予参保',
};

export const REPORT_HEADERS = ['行号', '状态', '处理', '姓名', '身份证号', '身份类别', '说明'];

/** Writes the report to `out` row by row (exceljs streaming writer: nothing is held whole in memory). */
export async function writeReport(
  out: Writable,
  title: string,
  pages: AsyncIterable<RosterRowView[]>,
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet('校验结果', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = [{ width: 8 }, { width: 8 }, { width: 10 }, { width: 12 }, { width: 22 }, { width: 26 }, { width: 80 }];
  ws.addRow([title]).commit();
  const head = ws.addRow(REPORT_HEADERS);
  head.font = { bold: true };
  head.commit();
  for await (const page of pages) {
    for (const r of page) {
      ws.addRow([
        r.inFile ? r.rowNo : '名单外',
        STATUS_LABEL[r.status] ?? r.status,
        r.action ? ACTION_LABEL[r.action] : '',
        r.name ?? '',
        r.idNumberMasked ?? '',
        r.categoryLabel ?? '',
        r.messages.map((x) => `${x.field}：${x.message}`).join('；'),
      ]).commit();
    }
  }
  ws.commit();
  await wb.commit();
}
