/**
 * Pre-filling a claim from the QR code printed on a Chinese e-invoice or e-bill (医疗收费电子票据 /
 * 财政电子票据 / 增值税电子发票 / 数电发票): number, code, amount, date, check code. A convenience only: any text
 * that does not parse gives null and the person types the numbers in, as before.
 *
 * Layouts understood (each field checked on its own; a field that does not look right is left out):
 *  1. The comma-separated layout of tax invoices (发票):
 *     `01,<type>,<发票代码 or empty>,<发票号码>,<金额>,<开票日期 YYYYMMDD>,<校验码 or empty>,<CRC>`
 *     (数电发票 leave the code empty and have a 20-digit number).
 *  2. A verification URL whose query names the fields (provincial fiscal e-bill platforms print one), with
 *     the usual parameter names: billcode/fpdm/pjdm, billno/fphm/pjhm, random/checkcode/jym, total/amount/je,
 *     date/billdate/kprq/ivcdate.
 *  3. Labelled text: `票据代码:… 票据号码:… 校验码:… 开票日期:2025-05-12 金额:123.45` (also 发票…, ：, ，).
 * The national fiscal e-bill standard's QR payload is not public in one place; layouts 2 and 3 cover what
 * the printed bills carry in practice as far as we know, and anything else is simply not pre-filled.
 */
import Decimal from 'decimal.js';

export interface InvoiceFields {
  /** 票据代码 / 发票代码 (null when the layout has none, e.g. 数电发票). */
  code: string | null;
  /** 票据号码 / 发票号码 */
  number: string;
  /** Amount as printed in the code, '356.80' (null when absent). */
  amount: string | null;
  /** 'YYYY-MM-DD' */
  date: string | null;
  /** 校验码 (for the national verification platforms). */
  checkCode: string | null;
}

const ID = /^[0-9A-Za-z]{4,32}$/;
const CHECK = /^[0-9A-Za-z]{1,32}$/;
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

function id(v: string | null | undefined): string | null {
  const s = v?.trim() ?? '';
  return ID.test(s) ? s : null;
}

function check(v: string | null | undefined): string | null {
  const s = v?.trim() ?? '';
  return CHECK.test(s) ? s : null;
}

/** '356.8' → '356.80'; anything not a plain non-negative amount with at most 2 decimals → null. */
export function amount(v: string | null | undefined): string | null {
  const s = (v ?? '').trim().replace(/^[¥￥]/, '').replace(/元$/, '');
  if (!AMOUNT.test(s)) return null;
  return new Decimal(s).toFixed(2);
}

/** 'YYYYMMDD', 'YYYY-MM-DD', 'YYYY年M月D日', 'YYYY/MM/DD' → 'YYYY-MM-DD' when it is a real date between 2000 and 2099. */
export function date(v: string | null | undefined): string | null {
  const s = (v ?? '').trim();
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s) ?? /^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?(?:[ T].*)?$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2099) return null;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function result(f: Omit<InvoiceFields, 'number'> & { number: string | null }): InvoiceFields | null {
  if (!f.number) return null;
  if (!f.code && !f.amount && !f.date) return null; // a lone number is not enough to call it an invoice
  return { code: f.code, number: f.number, amount: f.amount, date: f.date, checkCode: f.checkCode };
}

function fromCommaLayout(text: string): InvoiceFields | null {
  const parts = text.split(',');
  if (parts.length < 7 || parts[0] !== '01' || !/^\d{2}$/.test(parts[1])) return null;
  return result({ code: id(parts[2]), number: id(parts[3]), amount: amount(parts[4]), date: date(parts[5]), checkCode: check(parts[6]) });
}

const URL_KEYS: Record<keyof InvoiceFields, string[]> = {
  code: ['billcode', 'billbatchcode', 'einvoicecode', 'invoicecode', 'fpdm', 'pjdm', 'code'],
  number: ['billno', 'billnum', 'einvoicenumber', 'invoicenumber', 'invoiceno', 'fphm', 'pjhm', 'number', 'no'],
  checkCode: ['random', 'checkcode', 'verifycode', 'jym', 'randomnumber'],
  amount: ['total', 'totalamount', 'amount', 'money', 'je', 'jshj'],
  date: ['date', 'billdate', 'ivcdate', 'issuedate', 'kprq'],
};

function fromUrl(text: string): InvoiceFields | null {
  if (!/^https?:\/\//i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const params = new Map<string, string>();
  for (const [k, v] of url.searchParams) params.set(k.toLowerCase(), v);
  const pick = (f: keyof InvoiceFields) => URL_KEYS[f].map((k) => params.get(k)).find((v) => v !== undefined) ?? null;
  return result({ code: id(pick('code')), number: id(pick('number')), amount: amount(pick('amount')), date: date(pick('date')), checkCode: check(pick('checkCode')) });
}

function fromLabels(text: string): InvoiceFields | null {
  const grab = (labels: string) => new RegExp(`(?:${labels})\\s*[:：]\\s*([^,，;；\\s]+)`).exec(text)?.[1] ?? null;
  return result({
    code: id(grab('票据代码|发票代码')),
    number: id(grab('票据号码|发票号码')),
    amount: amount(grab('价税合计|总金额|合计金额|金额')),
    date: date(grab('开票日期|开具日期|日期')),
    checkCode: check(grab('校验码')),
  });
}

/** The invoice fields in a QR code's text, or null when it is not an invoice code we understand. */
export function parseInvoiceQr(text: string | null | undefined): InvoiceFields | null {
  const t = (text ?? '').trim();
  if (!t || t.length > 2000) return null;
  return fromCommaLayout(t) ?? fromUrl(t) ?? fromLabels(t);
}
