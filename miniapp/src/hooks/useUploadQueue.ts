import { useEffect, useRef, useState } from 'react'
import { attachments } from '../services/api'
import { isApiError } from '../services/api/errors'
import { usablePath } from '../services/photos'
import { type PickedFile, type UploadItem, UploadQueue, type Uploader } from '../services/upload-queue'

/** Upload errors in plain words: the server's reason when it refused the file, else “try again”. */
export function uploadErrorText(e: unknown): string {
  if (isApiError(e)) {
    if (e.isNetwork) return '网络不好，没有传上去'
    return e.message
  }
  return '上传没有成功'
}

export const apiUploader: Uploader = (item, onProgress) => {
  const h = attachments.upload({
    filePath: item.filePath,
    fileName: item.fileName,
    documentId: item.documentId,
    idempotencyKey: item.key,
    onProgress,
  })
  return { promise: h.promise.then((a) => ({ id: a.id, thumbnailUrl: a.thumbnailUrl })), abort: h.abort }
}

export interface UploadQueueState {
  items: UploadItem[]
  add: (documentId: string, files: PickedFile[]) => void
  retry: (id: string) => void
  remove: (id: string) => void
  busy: boolean
  failed: UploadItem[]
}

/**
 * A page's upload queue. `initial` (from a draft) is read once, when `ready` first becomes true;
 * `onItems` gets every change (to save the draft).
 */
export function useUploadQueue(opts: { ready: boolean; initial?: UploadItem[]; onItems?: (items: UploadItem[]) => void; uploader?: Uploader }): UploadQueueState {
  const [items, setItems] = useState<UploadItem[]>([])
  const queue = useRef<UploadQueue | null>(null)
  const onItems = useRef(opts.onItems)
  onItems.current = opts.onItems

  useEffect(() => {
    if (!opts.ready || queue.current) return
    const q = new UploadQueue({
      uploader: opts.uploader ?? apiUploader,
      initial: opts.initial,
      usable: usablePath,
      describeError: uploadErrorText,
      onChange: (list) => {
        setItems(list)
        onItems.current?.(list)
      },
    })
    queue.current = q
    setItems(q.items())
    q.start()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opts.ready])

  useEffect(() => () => queue.current?.dispose(), [])

  return {
    items,
    add: (documentId, files) => queue.current?.add(documentId, files),
    retry: (id) => queue.current?.retry(id),
    remove: (id) => queue.current?.remove(id),
    busy: items.some((x) => x.status === 'waiting' || x.status === 'uploading'),
    failed: items.filter((x) => x.status === 'failed' || x.status === 'lost'),
  }
}
