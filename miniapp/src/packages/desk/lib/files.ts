/**
 * Files at the desk: choose one (H5: the browser's file input; WeChat: a file from a chat, chooseMessageFile)
 * and download a report or export with the caller's sign-in (H5: fetch with the Authorization header, then
 * save; WeChat: downloadFile, then open it).
 */
import Taro from '@tarojs/taro'
import { api } from '@/services/api'
import { errorFromResponse, networkError } from '@/services/api/errors'
import { currentPlatform } from '@/services/platform'
import type { PickedUpload } from '@/services/api/desk'

/** null when the person closed the chooser without a file. */
export async function pickFile(extensions: string[]): Promise<PickedUpload | null> {
  if (currentPlatform() === 'h5') {
    return new Promise((resolve) => {
      const input = document.createElement('input')
      input.type = 'file'
      input.accept = extensions.map((e) => `.${e}`).join(',')
      input.style.display = 'none'
      const done = (v: PickedUpload | null) => {
        input.remove()
        resolve(v)
      }
      input.addEventListener('change', () => {
        const f = input.files?.[0]
        done(f ? { filePath: URL.createObjectURL(f), fileName: f.name } : null)
      })
      input.addEventListener('cancel', () => done(null))
      document.body.appendChild(input)
      input.click()
    })
  }
  try {
    const r = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: extensions })
    const f = r.tempFiles[0]
    return f ? { filePath: f.path, fileName: f.name } : null
  } catch {
    return null // cancelled
  }
}

/** Release a file chosen in H5 (a blob: URL) once it is uploaded. */
export function releaseFile(f: PickedUpload | null | undefined): void {
  if (f && f.filePath.startsWith('blob:') && typeof URL !== 'undefined') URL.revokeObjectURL(f.filePath)
}

/** Download `path` (an API path) as `fileName`, signed in; one refresh when the token has expired. */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  if (currentPlatform() === 'h5') {
    const get = () => fetch(api.url(path), { headers: api.authHeader() })
    let res: Response
    try {
      res = await get()
      if (res.status === 401 && (await api.refresh())) res = await get()
    } catch (e) {
      throw networkError((e as Error)?.message)
    }
    if (!res.ok) throw errorFromResponse(res.status, await res.json().catch(() => ({})))
    const url = URL.createObjectURL(await res.blob())
    const a = document.createElement('a')
    a.href = url
    a.download = fileName
    document.body.appendChild(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
    return
  }
  let r: Taro.downloadFile.FileSuccessCallbackResult
  try {
    r = await Taro.downloadFile({ url: api.url(path), header: api.authHeader() })
  } catch (e) {
    throw networkError((e as { errMsg?: string })?.errMsg)
  }
  if (r.statusCode !== 200) throw errorFromResponse(r.statusCode, {})
  await Taro.openDocument({ filePath: r.tempFilePath, fileType: 'xlsx', showMenu: true })
}
