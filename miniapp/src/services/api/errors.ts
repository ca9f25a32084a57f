/**
 * Errors from the API as a person reads them: a Chinese message, and messages per field when the server
 * names the field (`{ statusCode, code, message, errors: [{ field, message }] }`).
 */

export interface ServerErrorBody {
  statusCode?: number
  code?: string
  message?: string
  errors?: { field?: string; message?: string }[]
  requestId?: string
}

const BY_STATUS: Record<number, string> = {
  0: '网络不通，请检查网络后再试',
  400: '填写的内容有误，请检查后再试',
  401: '请先登录',
  403: '没有权限进行此操作',
  404: '找不到要查看的内容',
  409: '内容已被别人修改，请刷新后再试',
  413: '文件太大了，请换一张小一点的照片',
  415: '文件格式不支持，请上传照片或 PDF',
  422: '提交的信息无法处理，请检查后再试',
  429: '操作太频繁，请稍后再试',
  500: '服务器出了点问题，请稍后再试',
  502: '服务器暂时连不上，请稍后再试',
  503: '服务暂时不可用，请稍后再试',
  504: '服务器响应太慢，请稍后再试',
}

const HAS_CJK = /[\u3400-\u9fff]/

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  /** field path (as the server names it, e.g. `facts.selfPayAfterOthers`) → message */
  readonly fields: Record<string, string>
  /** Messages without a field (e.g. the reasons a claim is not covered). */
  readonly details: string[]
  readonly requestId?: string

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}, details: string[] = [], requestId?: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = fields
    this.details = details
    this.requestId = requestId
  }

  /** The request never got an answer (offline, timeout, aborted): safe to retry with the same key. */
  get isNetwork(): boolean {
    return this.status === 0
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

/** An ApiError from an HTTP answer that is not 2xx. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as ServerErrorBody
  const fields: Record<string, string> = {}
  const details: string[] = []
  for (const e of Array.isArray(b.errors) ? b.errors : []) {
    if (!e || typeof e.message !== 'string') continue
    if (e.field && !(e.field in fields)) fields[e.field] = e.message
    else if (!e.field) details.push(e.message)
    else details.push(e.message)
  }
  const message = typeof b.message === 'string' && HAS_CJK.test(b.message) ? b.message : (BY_STATUS[status] ?? (status >= 500 ? BY_STATUS[500] : BY_STATUS[400]))
  return new ApiError(status, typeof b.code === 'string' ? b.code : `HTTP_${status}`, message, fields, details, b.requestId)
}

/** No answer: offline, DNS, timeout, aborted. */
export function networkError(detail?: string): ApiError {
  const timeout = detail && /timeout|超时/i.test(detail)
  return new ApiError(0, timeout ? 'TIMEOUT' : 'NETWORK', timeout ? '网络太慢，请求超时了，请再试一次' : BY_STATUS[0])
}

/** A message for anything thrown. */
export function messageOf(e: unknown): string {
  if (isApiError(e)) return e.message
  return '出了点问题，请稍后再试'
}
