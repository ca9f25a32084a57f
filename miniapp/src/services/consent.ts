/**
 * Consent before sensitive personal information is first used (个人信息保护法 第二十九条: separate consent
 * for sensitive personal information). Three kinds, each asked once, right where it is first needed, in
 * plain words: the ID number (binding), medical information and photos (报案), the bank account (补贴).
 * Kept in storage with the text version, so a changed text is asked again.
 */
import { readStorage, removeStorage, writeStorage } from './platform'

export type ConsentKind = 'identity' | 'medical' | 'bank'

export interface ConsentText {
  title: string
  /** Short lines, each one idea. */
  lines: string[]
  agree: string
  version: number
}

export const CONSENT_TEXTS: Record<ConsentKind, ConsentText> = {
  identity: {
    title: '使用您的身份证号',
    lines: [
      '我们用您的姓名和身份证号，在民政部门的名单里找到您，确认您参加了哪些保险。',
      '身份证号加密保存，页面上只显示部分数字。',
      '只有负责您所在地区的工作人员能查看，每次查看都有记录。',
    ],
    agree: '我同意使用我的身份证号',
    version: 1,
  },
  medical: {
    title: '使用您的看病信息和照片',
    lines: [
      '报案时要填看病花了多少钱，并拍发票、病历等照片。',
      '这些信息只用来办理这次理赔，交给民政部门和承保的保险公司审核。',
      '照片去掉了拍摄地点等信息后加密保存。',
    ],
    agree: '我同意提供看病信息和照片',
    version: 1,
  },
  bank: {
    title: '使用您的银行账户',
    lines: ['补贴要打到您本人的银行卡或存折上。', '账号加密保存，页面上只显示最后几位。', '只用来发放补贴。'],
    agree: '我同意提供银行账户',
    version: 1,
  },
}

const key = (kind: ConsentKind, personKey: string) => `huimin.consent.${kind}.${personKey}`

/** Has this person (or this phone before binding: personKey 'device') agreed to the current text? */
export function hasConsent(kind: ConsentKind, personKey: string): boolean {
  const raw = readStorage(key(kind, personKey))
  if (!raw) return false
  try {
    return (JSON.parse(raw) as { version?: number }).version === CONSENT_TEXTS[kind].version
  } catch {
    return false
  }
}

export function giveConsent(kind: ConsentKind, personKey: string, now: () => Date = () => new Date()): void {
  writeStorage(key(kind, personKey), JSON.stringify({ version: CONSENT_TEXTS[kind].version, at: now().toISOString() }))
}

export function withdrawConsent(kind: ConsentKind, personKey: string): void {
  removeStorage(key(kind, personKey))
}
