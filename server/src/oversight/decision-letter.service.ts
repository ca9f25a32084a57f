/**
 * The decision letter (理赔核定书 for an approved or paid claim, 理赔决定书 for a refusal): who (name and
 * masked ID number), the scheme and benefit, the incident, the arithmetic line by line as the engine gave it
 * at the decision (claim.estimate), the decision and amount, and how to object (the dispute in the app, and
 * the insurer's claims line). As a PDF with an embedded CJK font when the machine has one (fonts-noto-cjk or
 * fonts-wqy-zenhei/microhei; HUIMIN_CJK_FONT names another), and always as print-ready HTML.
 */
import { existsSync } from 'node:fs';
import { ConflictException, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { listSchemes, stateInfo } from '@huimin/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { DISPUTE_DEADLINE } from '../claims/claim-dispute.view';
import { ClaimsReader } from '../claims/claims.reader';
import { Clock, chinaDate } from '../common/clock';
import { District } from '../geo/district.entity';
import { Insurer } from '../geo/insurer.entity';
import { Person } from '../people/person.entity';

// pdfkit ships CommonJS without types of its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PDFDocument = require('pdfkit') as new (opts: Record<string, unknown>) => PdfDoc;

interface PdfDoc {
  registerFont(name: string, src: string, family?: string): PdfDoc;
  font(name: string): PdfDoc;
  fontSize(n: number): PdfDoc;
  text(t: string, x?: number | Record<string, unknown>, y?: number, opts?: Record<string, unknown>): PdfDoc;
  moveDown(n?: number): PdfDoc;
  moveTo(x: number, y: number): PdfDoc;
  lineTo(x: number, y: number): PdfDoc;
  stroke(): PdfDoc;
  fillColor(c: string): PdfDoc;
  widthOfString(t: string): number;
  on(ev: string, f: (chunk?: Buffer) => void): void;
  end(): void;
  x: number;
  y: number;
  page: { width: number; height: number; margins: { left: number; right: number; top: number; bottom: number } };
}

export interface LetterLine {
  kind: string;
  text: string;
  amount: string | null;
  source: string | null;
}

export interface DecisionLetter {
  title: string;
  claimId: number;
  claimNo: string;
  issuedOn: string;
  decidedOn: string | null;
  person: { name: string; idNumberMasked: string };
  district: string;
  schemeName: string;
  benefitName: string;
  incidentDate: string;
  description: string;
  decision: 'approved' | 'paid' | 'rejected';
  decisionLabel: string;
  /** The engine's payout at the decision, and the amount decided (they differ only with a reason). */
  calculated: string | null;
  amount: string | null;
  amountChangeReason: string | null;
  reason: string | null;
  lines: LetterLine[];
  payment: { paidOn: string; ref: string | null } | null;
  insurer: { name: string; hotline: string | null } | null;
  appeal: string[];
}

const FONT_CANDIDATES: [string, string][] = [
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
  ['/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular'],
  ['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 'WenQuanYiZenHei'],
  ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', 'WenQuanYiMicroHei'],
];

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const yuanText = (a: string | null) => (a === null ? '' : `${a.startsWith('-') ? '−' : ''}${Number(a.replace('-', '')).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);

@Injectable()
export class DecisionLetterService {
  private readonly log = new Logger('DecisionLetter');
  private font: { path: string; family: string } | null | undefined;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly reader: ClaimsReader,
    private readonly clock: Clock,
  ) {}

  /** The letter's content, if the caller may see the claim (404 otherwise) and it is decided (409 otherwise). */
  async letter(user: AuthUser, claimId: number): Promise<DecisionLetter> {
    const c = await this.reader.visibleClaim(user, claimId);
    if (c.state !== 'approved' && c.state !== 'paid' && c.state !== 'rejected') {
      throw new ConflictException({ statusCode: 409, code: 'NOT_DECIDED', message: `这笔理赔还没有核定（现在：${stateInfo(c.state).label}），核定或不予赔付后才有决定书` });
    }
    const [person, district] = await Promise.all([
      this.ds.getRepository(Person).findOne({ where: { id: c.personId }, select: { id: true, name: true, idNumberMasked: true } }),
      this.ds.getRepository(District).findOne({ where: { id: c.districtId } }),
    ]);
    const insurer = district?.insurerId ? await this.ds.getRepository(Insurer).findOneBy({ id: district.insurerId }) : null;
    const scheme = listSchemes().find((s) => s.id === c.schemeId);
    const benefit = scheme?.versions.find((v) => v.id === c.versionId)?.benefits.find((b) => b.id === c.benefitId);
    const est = c.estimate ? (JSON.parse(c.estimate) as { payout?: string; breakdown?: { kind: string; text: string; amount?: string; source?: string }[] }) : null;
    const rejected = c.state === 'rejected';
    const amount = c.approvedAmount ? c.approvedAmount.toFixed(2) : null;
    const hotline = insurer?.hotline ?? null;
    return {
      title: rejected ? '理赔决定书' : '理赔核定书',
      claimId: c.id,
      claimNo: c.claimNo ?? String(c.id),
      issuedOn: this.clock.today(),
      decidedOn: c.decidedAt ? chinaDate(c.decidedAt) : null,
      person: { name: person?.name ?? '', idNumberMasked: person?.idNumberMasked ?? '' },
      district: district?.name ?? '',
      schemeName: scheme?.name ?? c.schemeId,
      benefitName: benefit?.name ?? c.benefitId,
      incidentDate: c.incidentDate,
      description: c.description,
      decision: c.state,
      decisionLabel: rejected ? '不予赔付' : c.state === 'paid' ? '核定赔付（已赔付）' : '核定赔付',
      calculated: est?.payout ?? (c.estimatedPayout ? c.estimatedPayout.toFixed(2) : null),
      amount: rejected ? null : amount,
      amountChangeReason: c.amountChangeReason,
      reason: rejected ? c.decisionReason : null,
      lines: (est?.breakdown ?? []).map((l) => ({ kind: l.kind, text: l.text, amount: l.amount ?? null, source: l.source ?? null })),
      payment: c.state === 'paid' && c.paidAt ? { paidOn: chinaDate(c.paidAt), ref: c.paymentRef } : null,
      insurer: insurer ? { name: insurer.name, hotline } : null,
      appeal: [
        `如对本决定有异议，可在“惠民”小程序中打开本案（案件号 ${c.claimNo ?? c.id}），点击“提出异议”写明理由；也可请社区工作人员代为提出。`,
        `${DISPUTE_DEADLINE.clause.clause}（${DISPUTE_DEADLINE.clause.reading}），答复结果在小程序中查看。`,
        hotline ? `也可拨打${insurer!.name}理赔服务电话 ${hotline} 咨询。` : `承保机构${insurer ? `（${insurer.name}）` : ''}的理赔服务电话文件未载明，可向所在区县民政部门咨询。`,
      ],
    };
  }

  html(l: DecisionLetter): string {
    const row = (k: string, v: string) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`;
    const lines = l.lines
      .map((x) => `<tr><td>${esc(x.text)}${x.source ? `<div class="src">${esc(x.source)}</div>` : ''}</td><td class="num">${x.amount !== null ? esc(yuanText(x.amount)) : ''}</td></tr>`)
      .join('');
    return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(l.title)} ${esc(l.claimNo)}</title>
<style>
@page { size: A4; margin: 20mm; }
body { font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 11pt; color: #000; max-width: 170mm; margin: 0 auto; }
h1 { text-align: center; font-size: 18pt; letter-spacing: 0.3em; margin: 0 0 4mm; }
.no { text-align: center; margin-bottom: 6mm; }
table { width: 100%; border-collapse: collapse; margin-bottom: 5mm; }
th, td { border: 1px solid #444; padding: 2mm 3mm; vertical-align: top; text-align: left; }
th { width: 28mm; font-weight: normal; background: #f2f2f2; }
.num { text-align: right; white-space: nowrap; width: 32mm; }
.src { font-size: 8.5pt; color: #444; }
.decision { font-size: 13pt; font-weight: bold; }
.foot { margin-top: 10mm; text-align: right; }
</style></head><body>
<h1>${esc(l.title)}</h1>
<div class="no">案件号：${esc(l.claimNo)}</div>
<table>
${row('被保险人', l.person.name)}${row('身份证号', l.person.idNumberMasked)}${row('所在区县', l.district)}${row('保险项目', `${l.schemeName} · ${l.benefitName}`)}${row('出险日期', l.incidentDate)}${row('事由', l.description)}
</table>
<h2>核定过程</h2>
<table><tr><th style="width:auto">计算</th><th class="num">金额（元）</th></tr>${lines || '<tr><td colspan="2">（无计算明细）</td></tr>'}
${l.calculated !== null ? `<tr><td>按规则计算的赔付金额</td><td class="num">${esc(yuanText(l.calculated))}</td></tr>` : ''}</table>
<h2>决定</h2>
<p class="decision">${esc(l.decisionLabel)}${l.amount !== null ? `：${esc(yuanText(l.amount))} 元` : ''}</p>
${l.amountChangeReason ? `<p>核定金额与计算金额不同的理由：${esc(l.amountChangeReason)}</p>` : ''}
${l.reason ? `<p>不予赔付的理由：${esc(l.reason)}</p>` : ''}
${l.decidedOn ? `<p>核定日期：${esc(l.decidedOn)}</p>` : ''}
${l.payment ? `<p>赔付日期：${esc(l.payment.paidOn)}${l.payment.ref ? `（转账凭证号 ${esc(l.payment.ref)}）` : ''}</p>` : ''}
<h2>如有异议</h2>
${l.appeal.map((a) => `<p>${esc(a)}</p>`).join('\n')}
<div class="foot">${l.insurer ? `${esc(l.insurer.name)}<br>` : ''}出具日期：${esc(l.issuedOn)}</div>
</body></html>
`;
  }

  /** The CJK font to embed, or null when the machine has none. */
  fontInfo(): { path: string; family: string } | null {
    if (this.font !== undefined) return this.font;
    const env = process.env.HUIMIN_CJK_FONT;
    const candidates: [string, string | undefined][] = [...(env ? [[env, process.env.HUIMIN_CJK_FONT_FAMILY] as [string, string | undefined]] : []), ...FONT_CANDIDATES];
    this.font = null;
    for (const [path, family] of candidates) {
      if (!existsSync(path)) continue;
      try {
        const probe = new PDFDocument({ autoFirstPage: true });
        probe.registerFont('cjk', path, family);
        probe.font('cjk').text('理赔核定书');
        this.font = { path, family: family ?? '' };
        break;
      } catch (e) {
        this.log.warn(`font ${path} (${family}) not usable: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return this.font;
  }

  async pdf(letter: DecisionLetter): Promise<Buffer> {
    let l = letter;
    const font = this.fontInfo();
    if (!font) {
      throw new ServiceUnavailableException({
        statusCode: 503,
        code: 'NO_CJK_FONT',
        message: '服务器没有可嵌入的中文字体，暂不能生成 PDF；请使用 decision.html 打印，或由管理员安装 fonts-noto-cjk',
      });
    }
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `${l.title} ${l.claimNo}`, Author: l.insurer?.name ?? '惠民', Subject: l.decisionLabel } });
    const chunks: Buffer[] = [];
    doc.on('data', (c) => chunks.push(c!));
    const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
    // Fonts such as WenQuanYi have no U+2212 MINUS SIGN: print the ASCII hyphen-minus instead.
    const plain = (s: string) => s.replace(/\u2212/g, '-');
    l = { ...l, lines: l.lines.map((x) => ({ ...x, text: plain(x.text), source: x.source && plain(x.source) })), appeal: l.appeal.map(plain) };
    doc.registerFont('cjk', font.path, font.family || undefined);
    doc.font('cjk');
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    doc.fontSize(20).text(l.title, { align: 'center', characterSpacing: 4 });
    doc.moveDown(0.3).fontSize(10).text(`案件号：${l.claimNo}`, { align: 'center' });
    doc.moveDown(1);
    const field = (k: string, v: string) => {
      doc.fontSize(11).text(`${k}：`, left, doc.y, { continued: true }).text(v);
    };
    field('被保险人', l.person.name);
    field('身份证号', l.person.idNumberMasked);
    field('所在区县', l.district);
    field('保险项目', `${l.schemeName} · ${l.benefitName}`);
    field('出险日期', l.incidentDate);
    field('事　　由', l.description);
    doc.moveDown(0.8).fontSize(13).text('核定过程', left);
    doc.moveDown(0.3);
    const amountCol = 90;
    const lineRow = (text: string, amount: string | null, source: string | null) => {
      const y = doc.y;
      doc.fontSize(10.5).fillColor('#000').text(text, left, y, { width: width - amountCol - 8 });
      const after = doc.y;
      if (amount !== null) doc.text(yuanText(amount), left + width - amountCol, y, { width: amountCol, align: 'right' });
      doc.y = Math.max(after, doc.y);
      if (source) doc.fontSize(8.5).fillColor('#444').text(source, left + 12, doc.y, { width: width - amountCol - 20 });
      doc.fillColor('#000').moveDown(0.3);
    };
    if (!l.lines.length) lineRow('（无计算明细）', null, null);
    for (const x of l.lines) lineRow(x.text, x.amount, x.source);
    if (l.calculated !== null) {
      doc.moveTo(left, doc.y).lineTo(left + width, doc.y).stroke();
      doc.moveDown(0.2);
      lineRow('按规则计算的赔付金额', l.calculated, null);
    }
    doc.moveDown(0.6).fontSize(13).text('决定', left);
    doc.moveDown(0.3).fontSize(12).text(`${l.decisionLabel}${l.amount !== null ? `：${yuanText(l.amount)} 元` : ''}`);
    doc.fontSize(10.5);
    if (l.amountChangeReason) doc.text(`核定金额与计算金额不同的理由：${l.amountChangeReason}`);
    if (l.reason) doc.text(`不予赔付的理由：${l.reason}`);
    if (l.decidedOn) doc.text(`核定日期：${l.decidedOn}`);
    if (l.payment) doc.text(`赔付日期：${l.payment.paidOn}${l.payment.ref ? `（转账凭证号 ${l.payment.ref}）` : ''}`);
    doc.moveDown(0.8).fontSize(13).text('如有异议', left);
    doc.moveDown(0.3).fontSize(10.5);
    for (const a of l.appeal) doc.text(a, left, doc.y, { width });
    doc.moveDown(1.5);
    if (l.insurer) doc.text(l.insurer.name, left, doc.y, { width, align: 'right' });
    doc.text(`出具日期：${l.issuedOn}`, left, doc.y, { width, align: 'right' });
    doc.end();
    return done;
  }
}
