/**
 * Photos going up, one queue per form: each photo uploads on its own with its progress; a failed one
 * waits for “重新上传”, which sends it again with the same Idempotency-Key (so a photo whose answer was
 * lost is not stored twice) and without choosing anything again. The queue's items are plain data, kept
 * in the draft, so that a closed app finds them again.
 */
import { newIdempotencyKey } from './idempotency'

export type UploadStatus = 'waiting' | 'uploading' | 'done' | 'failed' | 'lost'

export interface UploadItem {
  /** Local id. */
  id: string
  /** The checklist line it is for. */
  documentId: string
  filePath: string
  fileName?: string
  size?: number
  status: UploadStatus
  /** 0–100 */
  progress: number
  /** Idempotency-Key, made once per photo and kept for every retry. */
  key: string
  attachmentId?: number
  /** When the server took it (ISO): the server deletes uploads no claim took within 30 days. */
  uploadedAt?: string
  thumbnailUrl?: string | null
  /** Why it failed, in plain words. */
  error?: string
}

export interface UploadResult {
  id: number
  thumbnailUrl: string | null
}

export type Uploader = (item: UploadItem, onProgress: (percent: number) => void) => { promise: Promise<UploadResult>; abort(): void }

export interface PickedFile {
  path: string
  name?: string
  size?: number
}

export interface UploadQueueOptions {
  uploader: Uploader
  /** Called after every change with a fresh array (for React state and the draft). */
  onChange?: (items: UploadItem[]) => void
  initial?: UploadItem[]
  /** How many upload at once (cheap phones, weak networks: 2). */
  concurrency?: number
  /** Can this file still be read? (H5: a picture chosen before a reload cannot.) */
  usable?: (path: string) => boolean
  /** Errors worth no retry (the server refused the file): the message is shown as it is. */
  describeError?: (e: unknown) => string
}

let seq = 0
const localId = () => `p${Date.now().toString(36)}${(seq++).toString(36)}`

export class UploadQueue {
  private list: UploadItem[]
  private readonly running = new Map<string, { abort(): void }>()
  private readonly opts: UploadQueueOptions
  private disposed = false

  constructor(opts: UploadQueueOptions) {
    this.opts = opts
    const usable = opts.usable ?? (() => true)
    // From a saved draft: finished ones stay; unfinished ones start again (same key) if the file is still there.
    this.list = (opts.initial ?? []).map((it) => {
      if (it.status === 'done') return it
      if (!usable(it.filePath)) return { ...it, status: 'lost' as const, progress: 0, error: '这张照片需要重新选择' }
      if (it.status === 'uploading') return { ...it, status: 'waiting' as const, progress: 0 }
      return it
    })
  }

  items(): UploadItem[] {
    return this.list
  }

  /** Start whatever is waiting (call once after restoring). */
  start(): void {
    this.pump()
  }

  add(documentId: string, files: PickedFile[]): UploadItem[] {
    const added = files.map<UploadItem>((f) => ({
      id: localId(),
      documentId,
      filePath: f.path,
      ...(f.name ? { fileName: f.name } : {}),
      ...(f.size !== undefined ? { size: f.size } : {}),
      status: 'waiting',
      progress: 0,
      key: newIdempotencyKey('up'),
    }))
    this.list = [...this.list, ...added]
    this.changed()
    this.pump()
    return added
  }

  retry(id: string): void {
    const it = this.list.find((x) => x.id === id)
    if (!it || it.status !== 'failed') return
    this.update(id, { status: 'waiting', progress: 0, error: undefined })
    this.pump()
  }

  remove(id: string): void {
    this.running.get(id)?.abort()
    this.running.delete(id)
    this.list = this.list.filter((x) => x.id !== id)
    this.changed()
    this.pump()
  }

  /** Still uploading or waiting. */
  busy(): boolean {
    return this.list.some((x) => x.status === 'waiting' || x.status === 'uploading')
  }

  failed(): UploadItem[] {
    return this.list.filter((x) => x.status === 'failed' || x.status === 'lost')
  }

  done(): UploadItem[] {
    return this.list.filter((x) => x.status === 'done')
  }

  forDocument(documentId: string): UploadItem[] {
    return this.list.filter((x) => x.documentId === documentId)
  }

  /** Stop listening (page closed); uploads under way are aborted and will start again from the draft. */
  dispose(): void {
    this.disposed = true
    for (const r of this.running.values()) r.abort()
    this.running.clear()
  }

  private update(id: string, patch: Partial<UploadItem>): void {
    this.list = this.list.map((x) => (x.id === id ? { ...x, ...patch } : x))
    this.changed()
  }

  private changed(): void {
    if (!this.disposed) this.opts.onChange?.(this.list)
  }

  private pump(): void {
    if (this.disposed) return
    const max = this.opts.concurrency ?? 2
    for (const it of this.list) {
      if (this.running.size >= max) break
      if (it.status !== 'waiting' || this.running.has(it.id)) continue
      this.run(it)
    }
  }

  private run(it: UploadItem): void {
    this.update(it.id, { status: 'uploading', progress: 0, error: undefined })
    let lastPct = -1
    const h = this.opts.uploader(it, (pct) => {
      if (this.disposed || !this.running.has(it.id)) return
      // The last few percent wait for the server's answer: show at most 99 until it comes.
      const p = Math.min(99, pct)
      if (p === lastPct) return
      lastPct = p
      this.update(it.id, { progress: p })
    })
    this.running.set(it.id, h)
    h.promise.then(
      (r) => {
        if (!this.running.has(it.id)) return // removed meanwhile
        this.running.delete(it.id)
        this.update(it.id, { status: 'done', progress: 100, attachmentId: r.id, uploadedAt: new Date().toISOString(), thumbnailUrl: r.thumbnailUrl, error: undefined })
        this.pump()
      },
      (e) => {
        if (!this.running.has(it.id)) return
        this.running.delete(it.id)
        const msg = this.opts.describeError?.(e) ?? '上传没有成功'
        this.update(it.id, { status: 'failed', error: msg })
        this.pump()
      },
    )
  }
}
