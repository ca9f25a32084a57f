/**
 * Files behind the sign-in (the oversight .xlsx exports, the decision letter): the Authorization header goes
 * along, never a token in a URL. H5: fetch → blob → object URL (a download link, or a new tab to read and
 * print); a 401 refreshes the sign-in once. WeChat: Taro.downloadFile with the header → Taro.openDocument
 * (WeChat's viewer opens .xlsx and .pdf and can forward or print them).
 */
import Taro from '@tarojs/taro'
import { api } from './api'
import { ApiError, errorFromResponse } from './api/errors'
import { currentPlatform } from './platform'

export interface FetchedFile {
  blob: Blob
  name: string
  type: string
}

async function readError(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '')
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON
  }
  return errorFromResponse(res.status, body)
}

/** H5: the file at `path` with the sign-in header (one refresh on a 401). Throws ApiError otherwise. */
export async function fetchFile(path: string, fallbackName: string): Promise<FetchedFile> {
  const once = () => fetch(api.url(path), { headers: { ...api.authHeader() }, cache: 'no-store' })
  let res = await once()
  if (res.status === 401 && (await api.refresh().catch(() => null))) res = await once()
  if (!res.ok) throw await readError(res)
  const blob = await res.blob()
  return { blob, name: fileNameOf(res.headers.get('content-disposition'), fallbackName), type: res.headers.get('content-type') ?? blob.type }
}

/** H5: hand a fetched file to the browser as a download (the .xlsx exports). */
export function saveBlob(f: FetchedFile): void {
  const url = URL.createObjectURL(f.blob)
  const a = document.createElement('a')
  a.href = url
  a.download = f.name
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** WeChat: download with the header, then open it in WeChat's document viewer. */
async function openOnWechat(path: string, fileType: 'xlsx' | 'pdf'): Promise<void> {
  const res = await Taro.downloadFile({ url: api.url(path), header: api.authHeader() })
  if (res.statusCode === 401 && (await api.refresh().catch(() => null))) return openOnWechat(path, fileType)
  if (res.statusCode !== 200) throw new ApiError(res.statusCode, 'DOWNLOAD_FAILED', '文件下载失败，请稍后再试')
  await Taro.openDocument({ filePath: res.tempFilePath, fileType, showMenu: true })
}

/** An .xlsx export: downloaded in the browser; opened in WeChat's viewer (from where it can be sent on). */
export async function downloadXlsx(path: string, fallbackName: string): Promise<FetchedFile | null> {
  if (currentPlatform() === 'h5') {
    const f = await fetchFile(path, fallbackName)
    saveBlob(f)
    return f
  }
  await openOnWechat(path, 'xlsx')
  return null
}

/**
 * A document to read (the decision letter). H5: a tab is opened at once (so that the browser does not
 * block it as a pop-up), then pointed at the file once fetched; the PDF, or `htmlPath` when the server
 * cannot make the PDF (503 NO_CJK_FONT: no Chinese font installed). WeChat: the PDF in the viewer.
 */
export async function openDocument(pdfPath: string, htmlPath: string, fallbackName: string): Promise<void> {
  if (currentPlatform() !== 'h5') return openOnWechat(pdfPath, 'pdf')
  const tab = typeof window !== 'undefined' ? window.open('', '_blank') : null
  try {
    let f: FetchedFile
    try {
      f = await fetchFile(pdfPath, `${fallbackName}.pdf`)
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 503) throw e
      f = await fetchFile(htmlPath, `${fallbackName}.html`)
    }
    const url = URL.createObjectURL(new Blob([f.blob], { type: f.type.split(';')[0] || f.blob.type }))
    if (tab) tab.location.href = url
    else window.location.href = url
    setTimeout(() => URL.revokeObjectURL(url), 5 * 60_000)
  } catch (e) {
    tab?.close()
    throw e
  }
}

/** File name from Content-Disposition (RFC 5987 filename* first), or the fallback. */
export function fileNameOf(contentDisposition: string | null | undefined, fallback: string): string {
  if (!contentDisposition) return fallback
  const star = /filename\*=UTF-8''([^;]+)/i.exec(contentDisposition)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      // fall through
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(contentDisposition)
  return plain ? plain[1].trim() : fallback
}
