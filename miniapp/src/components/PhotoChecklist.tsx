import { Text, View } from '@tarojs/components'
import { AuthedImage } from '@/components/AuthedImage'
import { ProgressBar } from '@/components/ProgressBar'
import { pickPhotos, usablePath } from '@/services/photos'
import type { ChecklistLine } from '@/services/report-form'
import type { UploadItem } from '@/services/upload-queue'
import './PhotoChecklist.scss'

interface Props {
  lines: ChecklistLine[]
  items: UploadItem[]
  onAdd: (documentId: string, files: { path: string; name?: string; size?: number }[]) => void
  onRetry: (id: string) => void
  onRemove: (id: string) => void
  /** Lines already handed in (claim detail: received or accepted) show no button. */
  done?: (documentId: string) => boolean
}

function statusText(it: UploadItem): string {
  switch (it.status) {
    case 'waiting':
      return '等待上传'
    case 'uploading':
      return `正在上传 ${it.progress}%`
    case 'done':
      return '已上传 ✓'
    case 'failed':
      return it.error ?? '上传没有成功'
    case 'lost':
      return it.error ?? '这张照片需要重新选择'
  }
}

/** One block per checklist line: its photos with each upload's progress, retry on failure, and “拍照或选照片”. */
export function PhotoChecklist({ lines, items, onAdd, onRetry, onRemove, done }: Props) {
  return (
    <View className='photos'>
      {lines.map((line, n) => {
        const mine = items.filter((x) => x.documentId === line.id)
        return (
          <View key={line.id} className='photos__line' id={`doc-${line.id}`}>
            <Text className='photos__name'>
              {n + 1}. {line.name}
            </Text>
            {line.note ? <Text className='hm-small'>{line.note}</Text> : null}
            {mine.map((it) => (
              <View key={it.id} className={`photos__item photos__item--${it.status}`}>
                <AuthedImage
                  className='photos__thumb'
                  local={usablePath(it.filePath) && !/\.pdf$/i.test(it.fileName ?? '') ? it.filePath : undefined}
                  path={it.status === 'done' ? it.thumbnailUrl : undefined}
                />
                <View className='photos__state'>
                  <Text className={`photos__status${it.status === 'failed' || it.status === 'lost' ? ' photos__status--bad' : ''}`}>{statusText(it)}</Text>
                  {it.status === 'uploading' || it.status === 'waiting' ? <ProgressBar percent={it.progress} /> : null}
                  <View className='photos__buttons'>
                    {it.status === 'failed' ? (
                      <View className='hm-plain-button hm-plain-button--small photos__retry' onClick={() => onRetry(it.id)}>
                        <Text>重新上传</Text>
                      </View>
                    ) : null}
                    {it.status !== 'uploading' ? (
                      <View className='hm-tap photos__remove' onClick={() => onRemove(it.id)}>
                        <Text className='hm-link'>删掉</Text>
                      </View>
                    ) : null}
                  </View>
                </View>
              </View>
            ))}
            {done?.(line.id) ? null : (
              <View
                className='hm-plain-button photos__add'
                hoverClass='hm-pressed'
                onClick={async () => {
                  const files = await pickPhotos(9)
                  if (files.length) onAdd(line.id, files)
                }}
              >
                <Text>{mine.length ? '再拍一张或再选几张' : '拍照或选照片（可以一次选几张）'}</Text>
              </View>
            )}
          </View>
        )
      })}
    </View>
  )
}
