/**
 * How a resident buys 沪惠保 so that the subsidy applies. The document names the channel but not an
 * address: "通过闵行“沪惠保”专用销售二维码购买", the code being supplied by the insurer (保险公司负责提供…
 * 闵行“沪惠保”专用销售二维码) and shown by the 街镇 (莘庄工业区). The scheme data holds the purchase
 * window (6 月 1 日至 7 月 31 日). The link itself is deployment configuration: HUHUIBAO_PURCHASE_URL
 * (https only; anything else is ignored), null until the district sets it.
 */
import { formatClause, getScheme, sourceTitle, versionForYear } from '@huimin/shared';
import { MINHANG_SCHEME } from './subsidy-access';

export interface HowToBuy {
  text: string;
  /** The dedicated purchase link behind the QR code, when configured. */
  link: string | null;
  linkNote: string;
  /** This year's window, e.g. { from: '2024-06-01', to: '2024-07-31' }; null when the year has no scheme version. */
  window: { from: string; to: string } | null;
  clause: string;
}

export function purchaseLink(env: Record<string, string | undefined> = process.env): string | null {
  const v = env.HUHUIBAO_PURCHASE_URL?.trim();
  if (!v) return null;
  try {
    const u = new URL(v);
    return u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

export function howToBuy(today: string): HowToBuy {
  const scheme = getScheme(MINHANG_SCHEME);
  let window: HowToBuy['window'] = null;
  let pw = scheme.versions[scheme.versions.length - 1].purchaseWindow;
  try {
    const v = versionForYear(scheme, today.slice(0, 4));
    pw = v.purchaseWindow;
    if (pw) window = { from: `${today.slice(0, 4)}-${pw.from}`, to: `${today.slice(0, 4)}-${pw.to}` };
  } catch {
    window = null;
  }
  const link = purchaseLink();
  const clause = scheme.versions[scheme.versions.length - 1].benefits[0].clause;
  return {
    text:
      '请本人通过闵行“沪惠保”专用销售二维码购买（二维码由保险公司提供，可向所在街道、镇或莘庄工业区索取）。' +
      `每年 6 月 1 日至 7 月 31 日购买，保险公司出单后，区里把 129 元补贴转入您本人的银行账户。通过单位或团体投保（团单）的不补贴。`,
    link,
    linkNote: link ? '闵行专用购买链接' : '文件未载明购买链接：请扫描街镇提供的闵行专用二维码',
    window,
    clause: formatClause(clause, sourceTitle(scheme, clause.doc)) + (pw ? `；${formatClause(pw.clause, sourceTitle(scheme, pw.clause.doc))}` : ''),
  };
}
