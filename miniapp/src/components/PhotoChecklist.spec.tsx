import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useUploadQueue } from '../hooks/useUploadQueue'
import { networkError } from '../services/api/errors'
import type { UploadItem, Uploader } from '../services/upload-queue'
import { PhotoChecklist } from './PhotoChecklist'

jest.mock('../services/photos', () => ({
  pickPhotos: jest.fn(async () => [
    { path: 'blob:a', name: 'a.jpg', size: 1000 },
    { path: 'blob:b', name: 'b.jpg', size: 2000 },
  ]),
  usablePath: () => true,
  authedImage: jest.fn(async () => 'blob:thumb'),
}))

function Harness({ uploader, onItems }: { uploader: Uploader; onItems?: (i: UploadItem[]) => void }) {
  const q = useUploadQueue({ ready: true, uploader, onItems })
  return (
    <div>
      <PhotoChecklist lines={[{ id: 'invoices', name: '医疗费用发票' }]} items={q.items} onAdd={q.add} onRetry={q.retry} onRemove={q.remove} />
      <span data-testid='busy'>{q.busy ? 'busy' : 'idle'}</span>
      <span data-testid='failed'>{q.failed.length}</span>
    </div>
  )
}

describe('photos per checklist line', () => {
  it('uploads several at once with progress; a failed one is retried with the same key, nothing chosen again', async () => {
    const calls: UploadItem[] = []
    let failFirst = true
    const progress: ((p: number) => void)[] = []
    const finish: (() => void)[] = []
    const uploader: Uploader = (item, onProgress) => {
      calls.push(item)
      if (item.filePath === 'blob:a' && failFirst) {
        failFirst = false
        return { promise: Promise.reject(networkError('uploadFile:fail')), abort: () => undefined }
      }
      progress.push(onProgress)
      return {
        promise: new Promise((resolve) => finish.push(() => resolve({ id: calls.length, thumbnailUrl: `/api/attachments/${calls.length}/thumbnail` }))),
        abort: () => undefined,
      }
    }
    const saved: UploadItem[][] = []
    render(<Harness uploader={uploader} onItems={(i) => saved.push(i)} />)

    fireEvent.click(screen.getByText('拍照或选照片（可以一次选几张）'))
    await screen.findByText('网络不好，没有传上去')
    expect(screen.getByTestId('failed').textContent).toBe('1')

    act(() => progress[0](45))
    expect(screen.getByText('正在上传 45%')).toBeTruthy()
    act(() => finish[0]())
    await screen.findByText('已上传 ✓')

    fireEvent.click(screen.getByText('重新上传'))
    await waitFor(() => expect(calls).toHaveLength(3))
    expect(calls[2].key).toBe(calls[0].key)
    expect(calls[2].filePath).toBe('blob:a')
    act(() => finish[1]())
    await waitFor(() => expect(screen.getAllByText('已上传 ✓')).toHaveLength(2))
    expect(screen.getByTestId('failed').textContent).toBe('0')
    expect(screen.getByTestId('busy').textContent).toBe('idle')
    // every change went to the draft
    expect(saved.at(-1)!.map((x) => [x.status, x.attachmentId])).toEqual([
      ['done', 3],
      ['done', 2],
    ])
  })

  it('removes a photo', async () => {
    const uploader: Uploader = () => ({ promise: Promise.reject(networkError()), abort: () => undefined })
    render(<Harness uploader={uploader} />)
    fireEvent.click(screen.getByText('拍照或选照片（可以一次选几张）'))
    await waitFor(() => expect(screen.getAllByText('删掉')).toHaveLength(2))
    fireEvent.click(screen.getAllByText('删掉')[0])
    await waitFor(() => expect(screen.getAllByText('删掉')).toHaveLength(1))
  })
})
