import { type UploadItem, UploadQueue, type Uploader, type UploadResult } from './upload-queue'

interface Pending {
  item: UploadItem
  progress: (p: number) => void
  resolve: (r: UploadResult) => void
  reject: (e: unknown) => void
}

function controlledUploader() {
  const pending: Pending[] = []
  const aborted: string[] = []
  const uploader: Uploader = (item, progress) => {
    let resolve!: (r: UploadResult) => void
    let reject!: (e: unknown) => void
    const promise = new Promise<UploadResult>((a, b) => {
      resolve = a
      reject = b
    })
    pending.push({ item, progress, resolve, reject })
    return {
      promise,
      abort: () => {
        aborted.push(item.id)
        reject(new Error('abort'))
      },
    }
  }
  return { uploader, pending, aborted }
}

const flush = () => new Promise((r) => setTimeout(r, 0))

describe('UploadQueue', () => {
  it('uploads each photo with its own key and progress, two at a time', async () => {
    const u = controlledUploader()
    const changes: UploadItem[][] = []
    const q = new UploadQueue({ uploader: u.uploader, onChange: (l) => changes.push(l) })
    q.add('invoices', [{ path: 'a' }, { path: 'b' }, { path: 'c' }])
    expect(u.pending.map((p) => p.item.filePath)).toEqual(['a', 'b']) // the third waits
    expect(q.items().map((x) => x.status)).toEqual(['uploading', 'uploading', 'waiting'])
    expect(new Set(q.items().map((x) => x.key)).size).toBe(3)

    u.pending[0].progress(40)
    expect(q.items()[0].progress).toBe(40)
    u.pending[0].progress(100)
    expect(q.items()[0].progress).toBe(99) // 100 only when the server has answered
    u.pending[0].resolve({ id: 11, thumbnailUrl: '/api/attachments/11/thumbnail' })
    await flush()
    expect(q.items()[0]).toMatchObject({ status: 'done', progress: 100, attachmentId: 11 })
    expect(u.pending).toHaveLength(3) // c started when a finished
    expect(changes.length).toBeGreaterThan(3)
  })

  it('keeps a failed photo, and retries it with the same key without choosing it again', async () => {
    const u = controlledUploader()
    const q = new UploadQueue({ uploader: u.uploader, describeError: () => '网络不好，没有传上去' })
    const [item] = q.add('settlement_slip', [{ path: 'blob:1', name: 'a.jpg' }])
    u.pending[0].reject(new Error('connection reset'))
    await flush()
    expect(q.items()[0]).toMatchObject({ status: 'failed', error: '网络不好，没有传上去' })
    expect(q.failed()).toHaveLength(1)
    expect(q.busy()).toBe(false)

    q.retry(item.id)
    expect(u.pending).toHaveLength(2)
    expect(u.pending[1].item).toMatchObject({ id: item.id, key: item.key, filePath: 'blob:1', documentId: 'settlement_slip' })
    u.pending[1].resolve({ id: 3, thumbnailUrl: null })
    await flush()
    expect(q.items()[0]).toMatchObject({ status: 'done', attachmentId: 3 })
    expect(q.failed()).toHaveLength(0)
  })

  it('restores from a draft: done stays done, unfinished start again with their key, unreadable files must be chosen again', async () => {
    const u = controlledUploader()
    const base = { documentId: 'invoices', progress: 0 }
    const initial: UploadItem[] = [
      { ...base, id: '1', filePath: 'f1', status: 'done', progress: 100, key: 'k1', attachmentId: 1 },
      { ...base, id: '2', filePath: 'f2', status: 'uploading', progress: 60, key: 'k2' },
      { ...base, id: '3', filePath: 'gone', status: 'failed', key: 'k3' },
      { ...base, id: '4', filePath: 'f4', status: 'failed', key: 'k4', error: 'x' },
    ]
    const q = new UploadQueue({ uploader: u.uploader, initial, usable: (p) => p !== 'gone' })
    expect(q.items().map((x) => x.status)).toEqual(['done', 'waiting', 'lost', 'failed'])
    q.start()
    expect(u.pending.map((p) => p.item.key)).toEqual(['k2'])
    expect(q.items()[2].error).toBe('这张照片需要重新选择')
  })

  it('removing a photo aborts its upload; dispose stops listening', async () => {
    const u = controlledUploader()
    const changes: number[] = []
    const q = new UploadQueue({ uploader: u.uploader, onChange: (l) => changes.push(l.length) })
    const [a, b] = q.add('x', [{ path: 'a' }, { path: 'b' }])
    q.remove(a.id)
    expect(u.aborted).toEqual([a.id])
    expect(q.items().map((x) => x.id)).toEqual([b.id])
    await flush()
    q.dispose()
    const n = changes.length
    u.pending[1].resolve({ id: 2, thumbnailUrl: null })
    await flush()
    expect(changes.length).toBe(n)
  })
})
