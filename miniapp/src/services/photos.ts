/**
 * Choosing photos (several at once) and showing photos that need the Authorization header.
 *
 * WeChat: chooseMedia (camera or album, compressed), then saveFile so that a draft still finds the
 * photo after the app was closed. H5: a plain file input (Taro's H5 chooseMedia opens an action sheet,
 * a pop-up elder mode promises not to show); the picture lives as a blob: URL for this page load only.
 */
import Taro from '@tarojs/taro'
import { api } from './api'
import { currentPlatform } from './platform'
import type { PickedFile } from './upload-queue'

const madeThisLoad = new Set<string>()

/** Can the file at `path` still be read? (H5 blob URLs die with the page.) */
export function usablePath(path: string): boolean {
  if (currentPlatform() !== 'h5') return true
  return madeThisLoad.has(path)
}

function pickInBrowser(max: number): Promise<PickedFile[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'image/*,application/pdf'
    if (max > 1) input.multiple = true
    input.style.cssText = 'position:fixed;left:-9999px;top:0;opacity:0;'
    input.onchange = () => {
      const files = Array.from(input.files ?? []).slice(0, max)
      const out = files.map((f) => {
        const path = URL.createObjectURL(f)
        madeThisLoad.add(path)
        return { path, name: f.name, size: f.size }
      })
      input.remove()
      resolve(out)
    }
    // A cancelled dialog: nothing to upload.
    input.addEventListener('cancel', () => {
      input.remove()
      resolve([])
    })
    document.body.appendChild(input)
    input.click()
  })
}

async function pickInWechat(max: number): Promise<PickedFile[]> {
  let files: { tempFilePath: string; size: number }[]
  try {
    const r = await Taro.chooseMedia({ count: max, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
    files = r.tempFiles
  } catch {
    return [] // cancelled
  }
  const fs = Taro.getFileSystemManager()
  return Promise.all(
    files.map(
      (f) =>
        new Promise<PickedFile>((resolve) => {
          // Keep a copy that outlives this run of the app (drafts); fall back to the temporary file.
          fs.saveFile({
            tempFilePath: f.tempFilePath,
            success: (r) => resolve({ path: r.savedFilePath, size: f.size }),
            fail: () => resolve({ path: f.tempFilePath, size: f.size }),
          })
        }),
    ),
  )
}

/** Up to `max` photos (or PDFs in a browser); empty when the person cancelled. */
export function pickPhotos(max = 9): Promise<PickedFile[]> {
  return currentPlatform() === 'h5' ? pickInBrowser(max) : pickInWechat(max)
}

/** Forget a photo file we kept (after the claim is in, or the photo was removed). */
export function releasePhoto(path: string): void {
  if (currentPlatform() === 'h5') {
    if (madeThisLoad.has(path)) {
      URL.revokeObjectURL(path)
      madeThisLoad.delete(path)
    }
    return
  }
  if (path.startsWith('wxfile://') || path.startsWith('http://usr/')) {
    try {
      Taro.getFileSystemManager().removeSavedFile({ filePath: path, fail: () => undefined })
    } catch {
      // already gone
    }
  }
}

const cache = new Map<string, Promise<string>>()

/**
 * A local URL for an API file (thumbnail or content), fetched with the Authorization header: a blob: URL
 * in H5, a temporary file on WeChat. Cached for the page load.
 */
export function authedImage(apiPath: string): Promise<string> {
  const hit = cache.get(apiPath)
  if (hit) return hit
  const p = (async () => {
    const url = api.url(apiPath)
    if (currentPlatform() === 'h5') {
      const res = await fetch(url, { headers: api.authHeader() })
      if (res.status === 401 && (await api.refresh())) {
        const again = await fetch(url, { headers: api.authHeader() })
        if (!again.ok) throw new Error(String(again.status))
        return URL.createObjectURL(await again.blob())
      }
      if (!res.ok) throw new Error(String(res.status))
      return URL.createObjectURL(await res.blob())
    }
    const r = await Taro.downloadFile({ url, header: api.authHeader() })
    if (r.statusCode !== 200) throw new Error(String(r.statusCode))
    return r.tempFilePath
  })()
  cache.set(apiPath, p)
  p.catch(() => cache.delete(apiPath))
  return p
}
