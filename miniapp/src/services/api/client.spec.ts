import { mock } from '../../../test/taro-mock'
import { ApiClient } from './client'
import { SessionStore } from './session'
import type { Transport, TransportRequest, TransportResponse, UploadRequest } from './transport'

type Handler = (req: TransportRequest) => TransportResponse | Promise<TransportResponse>

function fakeTransport(handler: Handler) {
  const calls: TransportRequest[] = []
  const uploads: UploadRequest[] = []
  let uploadAnswers: (TransportResponse | Error)[] = []
  const t: Transport = {
    request: async (req) => {
      calls.push(req)
      return handler(req)
    },
    upload: (req, onProgress) => {
      uploads.push(req)
      const a = uploadAnswers.shift() ?? { status: 201, data: { id: 1 } }
      onProgress?.(50)
      return { promise: a instanceof Error ? Promise.reject(a) : Promise.resolve(a), abort: () => undefined }
    },
  }
  return { t, calls, uploads, answerUploads: (a: (TransportResponse | Error)[]) => (uploadAnswers = a) }
}

const user = { userId: 7, role: 'beneficiary' as const, bound: true, districtIds: [] }

function signedIn(now = () => 1_000_000) {
  const store = new SessionStore('test.session', now)
  store.signIn({ accessToken: 'old', refreshToken: 'r1', expiresIn: 900, user })
  return store
}

beforeEach(() => mock.reset())

describe('ApiClient', () => {
  it('sends the access token, JSON body and Idempotency-Key', async () => {
    const f = fakeTransport(() => ({ status: 201, data: { id: 5 } }))
    const api = new ApiClient({ baseUrl: 'https://api.example', transport: f.t, session: signedIn() })
    await expect(api.post('/api/claims', { a: 1 }, { idempotencyKey: 'claim-k1', actFor: 12 })).resolves.toEqual({ id: 5 })
    expect(f.calls[0]).toMatchObject({
      method: 'POST',
      url: 'https://api.example/api/claims',
      body: { a: 1 },
      headers: { Authorization: 'Bearer old', 'Idempotency-Key': 'claim-k1', 'X-Act-For': '12', 'Content-Type': 'application/json' },
    })
  })

  it('on 401 refreshes once and repeats the request with the same Idempotency-Key', async () => {
    const f = fakeTransport((req) => {
      if (req.url.endsWith('/api/auth/refresh')) return { status: 200, data: { accessToken: 'new', refreshToken: 'r2', expiresIn: 900 } }
      return req.headers.Authorization === 'Bearer new' ? { status: 201, data: { ok: true } } : { status: 401, data: { code: 'UNAUTHENTICATED', message: '请先登录' } }
    })
    const session = signedIn()
    const api = new ApiClient({ baseUrl: '', transport: f.t, session })
    await expect(api.post('/api/claims', {}, { idempotencyKey: 'same-key-1' })).resolves.toEqual({ ok: true })
    const claimCalls = f.calls.filter((c) => c.url === '/api/claims')
    expect(claimCalls).toHaveLength(2)
    expect(claimCalls.map((c) => c.headers['Idempotency-Key'])).toEqual(['same-key-1', 'same-key-1'])
    expect(f.calls.find((c) => c.url === '/api/auth/refresh')?.body).toEqual({ refreshToken: 'r1' })
    expect(session.get()).toMatchObject({ accessToken: 'new', refreshToken: 'r2', user })
    // kept in storage: the next app start finds the new tokens
    expect(JSON.parse(mock.storage.get('test.session') as string).refreshToken).toBe('r2')
  })

  it('shares one refresh between requests that fail together', async () => {
    let refreshes = 0
    const f = fakeTransport(async (req) => {
      if (req.url.endsWith('/api/auth/refresh')) {
        refreshes++
        await new Promise((r) => setTimeout(r, 10))
        return { status: 200, data: { accessToken: 'new', refreshToken: 'r2', expiresIn: 900 } }
      }
      return req.headers.Authorization === 'Bearer new' ? { status: 200, data: req.url } : { status: 401, data: {} }
    })
    const api = new ApiClient({ baseUrl: '', transport: f.t, session: signedIn() })
    await expect(Promise.all([api.get('/a'), api.get('/b'), api.get('/c')])).resolves.toEqual(['/a', '/b', '/c'])
    expect(refreshes).toBe(1)
  })

  it('signs out when the refresh token is refused', async () => {
    const f = fakeTransport((req) => (req.url.endsWith('/refresh') ? { status: 401, data: { code: 'REFRESH_REUSED' } } : { status: 401, data: {} }))
    const session = signedIn()
    const seen: unknown[] = []
    session.subscribe((s) => seen.push(s))
    const api = new ApiClient({ baseUrl: '', transport: f.t, session })
    await expect(api.get('/api/me/coverage')).rejects.toMatchObject({ status: 401, message: '登录已过期，请重新登录' })
    expect(session.get()).toBeNull()
    expect(seen).toEqual([null])
    expect(mock.storage.has('test.session')).toBe(false)
  })

  it('refreshes before sending when the token is about to expire', async () => {
    let now = 1_000_000
    const f = fakeTransport((req) => (req.url.endsWith('/refresh') ? { status: 200, data: { accessToken: 'new', refreshToken: 'r2', expiresIn: 900 } } : { status: 200, data: req.headers.Authorization }))
    const session = signedIn(() => now)
    const api = new ApiClient({ baseUrl: '', transport: f.t, session })
    now += 890_000 // 10 s left
    await expect(api.get('/x')).resolves.toBe('Bearer new')
    expect(f.calls.map((c) => c.url)).toEqual(['/api/auth/refresh', '/x'])
  })

  it('turns error answers into Chinese messages, field by field', async () => {
    const f = fakeTransport(() => ({
      status: 400,
      data: { statusCode: 400, code: 'VALIDATION_FAILED', message: '提交的信息有误', errors: [{ field: 'idNumber', message: '身份证号应为 18 位，最后一位可以是 X' }] },
    }))
    const api = new ApiClient({ baseUrl: '', transport: f.t, session: new SessionStore('x') })
    await expect(api.post('/api/auth/bind', {}, { auth: false })).rejects.toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: '提交的信息有误',
      fields: { idNumber: '身份证号应为 18 位，最后一位可以是 X' },
    })
  })

  it('says so in Chinese when the network is down or the server answers in English', async () => {
    const down: Transport = { request: () => Promise.reject(new Error('request:fail timeout')), upload: () => ({ promise: Promise.reject(new Error('x')), abort: () => undefined }) }
    const api = new ApiClient({ baseUrl: '', transport: down, session: new SessionStore('x') })
    await expect(api.get('/api/schemes', { auth: false })).rejects.toMatchObject({ status: 0, code: 'TIMEOUT', message: '网络太慢，请求超时了，请再试一次' })
    const english = fakeTransport(() => ({ status: 502, data: '<html>Bad Gateway</html>' }))
    const api2 = new ApiClient({ baseUrl: '', transport: english.t, session: new SessionStore('x') })
    await expect(api2.get('/api/schemes', { auth: false })).rejects.toMatchObject({ status: 502, message: '服务器暂时连不上，请稍后再试' })
  })

  it('a failed staff login does not sign anyone out', async () => {
    const f = fakeTransport(() => ({ status: 401, data: { code: 'BAD_CREDENTIALS', message: '用户名或密码不对' } }))
    const session = signedIn()
    const api = new ApiClient({ baseUrl: '', transport: f.t, session })
    await expect(api.post('/api/auth/staff/login', { username: 'a', password: 'b' }, { auth: false })).rejects.toMatchObject({ message: '用户名或密码不对' })
    expect(session.get()).not.toBeNull()
  })

  it('uploads with the key and progress, and repeats after a refresh with the same key', async () => {
    const f = fakeTransport((req) => ({ status: 200, data: { accessToken: 'new', refreshToken: 'r2', expiresIn: 900 }, url: req.url }) as TransportResponse)
    f.answerUploads([{ status: 401, data: {} }, { status: 201, data: { id: 9, thumbnailUrl: '/t' } }])
    const api = new ApiClient({ baseUrl: '', transport: f.t, session: signedIn() })
    const progress: number[] = []
    const h = api.upload('/api/attachments', { filePath: 'blob:1', idempotencyKey: 'up-1', formData: { documentId: 'invoices' }, onProgress: (p) => progress.push(p) })
    await expect(h.promise).resolves.toEqual({ id: 9, thumbnailUrl: '/t' })
    expect(f.uploads.map((u) => [u.headers['Idempotency-Key'], u.headers.Authorization, u.name, u.formData])).toEqual([
      ['up-1', 'Bearer old', 'file', { documentId: 'invoices' }],
      ['up-1', 'Bearer new', 'file', { documentId: 'invoices' }],
    ])
    expect(progress).toEqual([50, 50])
  })
})
