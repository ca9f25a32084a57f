/**
 * The API client: base URL, the access token on every request, one refresh when the server says 401
 * (shared by every request waiting on it), then the request again with the same Idempotency-Key; a
 * refresh that fails signs out. Errors come back as ApiError with Chinese messages, field by field.
 */
import { ApiError, errorFromResponse, networkError } from './errors'
import type { Session, SessionStore } from './session'
import type { Method, Transport, TransportResponse } from './transport'
import type { RefreshResponse } from './types'

export interface CallOptions {
  body?: unknown
  query?: Record<string, string | number | undefined | null>
  /** Sent as Idempotency-Key. Keep it with the submission and pass the same one when trying again. */
  idempotencyKey?: string
  /** X-Act-For: the person a proxy acts for. */
  actFor?: number
  /** false: no Authorization header, no refresh (sign-in routes). */
  auth?: boolean
  timeoutMs?: number
}

export interface UploadOptions {
  filePath: string
  fileName?: string
  /** multipart field of the file (the server reads `file`) */
  name?: string
  formData?: Record<string, string>
  idempotencyKey?: string
  onProgress?: (percent: number) => void
}

export interface ApiClientOptions {
  /** '' for the same origin (H5 served by the API server), or https://host for WeChat. */
  baseUrl: string
  transport: Transport
  session: SessionStore
}

export function queryString(q: CallOptions['query']): string {
  if (!q) return ''
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

export class ApiClient {
  private refreshing: Promise<Session | null> | null = null

  constructor(private readonly opts: ApiClientOptions) {}

  get session(): SessionStore {
    return this.opts.session
  }

  url(path: string): string {
    return `${this.opts.baseUrl}${path}`
  }

  /** Authorization header of the current session (for images and streams fetched outside `call`). */
  authHeader(): Record<string, string> {
    const s = this.opts.session.get()
    return s ? { Authorization: `Bearer ${s.accessToken}` } : {}
  }

  private headers(o: { idempotencyKey?: string; actFor?: number; auth?: boolean; json?: boolean }): Record<string, string> {
    const h: Record<string, string> = { Accept: 'application/json' }
    if (o.json) h['Content-Type'] = 'application/json'
    if (o.auth !== false) Object.assign(h, this.authHeader())
    if (o.idempotencyKey) h['Idempotency-Key'] = o.idempotencyKey
    if (o.actFor) h['X-Act-For'] = String(o.actFor)
    return h
  }

  async get<T>(path: string, o: Omit<CallOptions, 'body'> = {}): Promise<T> {
    return this.call<T>('GET', path, o)
  }

  async post<T>(path: string, body?: unknown, o: Omit<CallOptions, 'body'> = {}): Promise<T> {
    return this.call<T>('POST', path, { ...o, body: body ?? {} })
  }

  async call<T>(method: Method, path: string, o: CallOptions = {}): Promise<T> {
    const auth = o.auth !== false
    if (auth) await this.ensureFresh()
    let res = await this.send(method, path, o)
    if (res.status === 401 && auth && this.opts.session.get()) {
      const s = await this.refresh()
      if (!s) throw new ApiError(401, 'SESSION_EXPIRED', '登录已过期，请重新登录')
      res = await this.send(method, path, o) // the same Idempotency-Key: nothing is created twice
    }
    return this.result<T>(res, auth)
  }

  private async send(method: Method, path: string, o: CallOptions): Promise<TransportResponse> {
    try {
      return await this.opts.transport.request({
        method,
        url: this.url(path) + queryString(o.query),
        headers: this.headers({ ...o, json: o.body !== undefined }),
        body: o.body,
        timeoutMs: o.timeoutMs,
      })
    } catch (e) {
      throw networkError((e as Error)?.message)
    }
  }

  private result<T>(res: TransportResponse, auth = true): T {
    if (res.status >= 200 && res.status < 300) return res.data as T
    if (res.status === 401 && auth) {
      // Still 401 after a refresh (or nothing to refresh): the session is over.
      if (this.opts.session.get()) this.opts.session.clear()
    }
    throw errorFromResponse(res.status, res.data)
  }

  /** Refresh a little before expiry, so a slow phone does not send an expired token. */
  private async ensureFresh(): Promise<void> {
    if (this.opts.session.get() && this.opts.session.expiresSoon()) await this.refresh()
  }

  /** One refresh at a time; everyone waiting gets its result. Null when the session could not be renewed. */
  refresh(): Promise<Session | null> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh().finally(() => {
        this.refreshing = null
      })
    }
    return this.refreshing
  }

  private async doRefresh(): Promise<Session | null> {
    const s = this.opts.session.get()
    if (!s) return null
    let res: TransportResponse
    try {
      res = await this.opts.transport.request({
        method: 'POST',
        url: this.url('/api/auth/refresh'),
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: { refreshToken: s.refreshToken },
      })
    } catch (e) {
      // Offline: keep the session (the refresh token may still be good); the caller sees a network error.
      throw networkError((e as Error)?.message)
    }
    if (res.status >= 200 && res.status < 300) return this.opts.session.refreshed(res.data as RefreshResponse)
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      this.opts.session.clear()
      return null
    }
    throw errorFromResponse(res.status, res.data)
  }

  /** multipart upload with progress; the same retry on 401 as `call`. */
  upload<T>(path: string, o: UploadOptions): { promise: Promise<T>; abort: () => void } {
    let current: { abort(): void } | null = null
    let aborted = false
    const once = async (): Promise<TransportResponse> => {
      const h = this.opts.transport.upload(
        {
          url: this.url(path),
          headers: this.headers({ idempotencyKey: o.idempotencyKey }),
          filePath: o.filePath,
          fileName: o.fileName,
          name: o.name ?? 'file',
          formData: o.formData,
        },
        o.onProgress,
      )
      current = h
      try {
        return await h.promise
      } catch (e) {
        throw networkError((e as Error)?.message)
      }
    }
    const promise = (async () => {
      await this.ensureFresh()
      let res = await once()
      if (res.status === 401 && this.opts.session.get() && !aborted) {
        const s = await this.refresh()
        if (!s) throw new ApiError(401, 'SESSION_EXPIRED', '登录已过期，请重新登录')
        res = await once()
      }
      return this.result<T>(res)
    })()
    return {
      promise,
      abort: () => {
        aborted = true
        current?.abort()
      },
    }
  }
}
