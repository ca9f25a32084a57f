/**
 * WeChat's privacy agreement (用户隐私保护指引). When the app first calls an API that the guide covers
 * (chooseMedia, getFileSystemManager…), WeChat asks us through wx.onNeedPrivacyAuthorization; we answer
 * only after the person taps a button with open-type="agreePrivacyAuthorization". The request waits here;
 * every page shows the agreement inline at its top while one waits (components/PrivacyPanel), no pop-up.
 * Nothing happens outside WeChat.
 */
import { currentPlatform } from './platform'

export type PrivacyAnswer = { event: 'agree'; buttonId: string } | { event: 'disagree' }
type Resolve = (a: PrivacyAnswer) => void

interface WxPrivacy {
  onNeedPrivacyAuthorization?: (cb: (resolve: Resolve, info: { referrer?: string }) => void) => void
  openPrivacyContract?: (o: { fail?: () => void }) => void
}

let pending: { resolve: Resolve; referrer?: string } | null = null
const listeners = new Set<(waiting: boolean) => void>()
let installed = false

declare const wx: WxPrivacy | undefined

function wxApi(): WxPrivacy | undefined {
  return typeof wx !== 'undefined' ? wx : undefined
}

function notify(): void {
  for (const l of [...listeners]) l(pending !== null)
}

/** app.tsx calls this once. */
export function installPrivacyHandler(wx: WxPrivacy | undefined = currentPlatform() === 'weapp' ? wxApi() : undefined): void {
  if (installed || !wx?.onNeedPrivacyAuthorization) return
  installed = true
  wx.onNeedPrivacyAuthorization((resolve, info) => {
    pending = { resolve, referrer: info?.referrer }
    notify()
  })
}

export function privacyWaiting(): boolean {
  return pending !== null
}

export function answerPrivacy(a: PrivacyAnswer): void {
  const p = pending
  pending = null
  p?.resolve(a)
  notify()
}

export function onPrivacyChange(l: (waiting: boolean) => void): () => void {
  listeners.add(l)
  return () => listeners.delete(l)
}

export function openPrivacyContract(): void {
  wxApi()?.openPrivacyContract?.({ fail: () => undefined })
}

/** Tests only. */
export function resetPrivacyForTests(): void {
  pending = null
  installed = false
  listeners.clear()
}
