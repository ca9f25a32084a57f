/**
 * The network under the API client: one small interface so tests replace it, and Taro's request and
 * uploadFile behind it (wx.request / wx.uploadFile on WeChat, fetch / XHR in H5).
 */
import Taro from '@tarojs/taro'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface TransportRequest {
  method: Method
  url: string
  headers: Record<string, string>
  body?: unknown
  timeoutMs?: number
}

export interface TransportResponse {
  status: number
  /** Parsed JSON when the answer is JSON; a string otherwise. */
  data: unknown
}

export interface UploadRequest {
  url: string
  headers: Record<string, string>
  filePath: string
  fileName?: string
  name: string
  formData?: Record<string, string>
  timeoutMs?: number
}

export interface UploadHandle {
  promise: Promise<TransportResponse>
  abort(): void
}

export interface Transport {
  /** Resolves with any HTTP status; rejects only when there was no answer (network, timeout). */
  request(req: TransportRequest): Promise<TransportResponse>
  upload(req: UploadRequest, onProgress?: (percent: number) => void): UploadHandle
}

/** No answer at all: the message is Taro's errMsg. */
export class TransportError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TransportError'
  }
}

function parse(data: unknown): unknown {
  if (typeof data !== 'string') return data
  try {
    return JSON.parse(data)
  } catch {
    return data
  }
}

export const taroTransport: Transport = {
  async request(req) {
    try {
      const res = await Taro.request({
        url: req.url,
        method: req.method,
        header: req.headers,
        ...(req.body !== undefined ? { data: req.body as Record<string, unknown> } : {}),
        timeout: req.timeoutMs ?? 20000,
      })
      return { status: res.statusCode, data: parse(res.data) }
    } catch (e) {
      throw new TransportError((e as { errMsg?: string })?.errMsg ?? String(e))
    }
  },

  upload(req, onProgress) {
    let task: Taro.UploadTask | undefined
    let aborted = false
    const promise = new Promise<TransportResponse>((resolve, reject) => {
      const t = Taro.uploadFile({
        url: req.url,
        filePath: req.filePath,
        name: req.name,
        header: req.headers,
        formData: req.formData,
        timeout: req.timeoutMs ?? 120000,
        ...(req.fileName ? { fileName: req.fileName } : {}),
        success: (res) => resolve({ status: res.statusCode, data: parse(res.data) }),
        fail: (err) => reject(new TransportError(aborted ? 'abort' : ((err as { errMsg?: string })?.errMsg ?? 'uploadFile:fail'))),
      } as Taro.uploadFile.Option)
      task = t as unknown as Taro.UploadTask
      // H5 also returns a promise that rejects on failure: `fail` above handles it.
      const maybe = t as unknown as { catch?: (f: () => void) => void }
      if (typeof maybe.catch === 'function') maybe.catch(() => undefined)
      const p = t as unknown as { progress?: (cb: (r: { progress: number }) => void) => void; onProgressUpdate?: (cb: (r: { progress: number }) => void) => void }
      const listen = (r: { progress: number }) => onProgress?.(Math.max(0, Math.min(100, Math.round(r.progress))))
      if (typeof p.onProgressUpdate === 'function') p.onProgressUpdate(listen)
      else if (typeof p.progress === 'function') p.progress(listen)
    })
    return {
      promise,
      abort() {
        aborted = true
        task?.abort()
      },
    }
  },
}
