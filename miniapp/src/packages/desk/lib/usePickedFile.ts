import { useState } from 'react'
import type { PickedUpload } from '@/services/api/desk'
import { pickFile, releaseFile } from './files'

/**
 * The file a desk form is about to upload: `choose()` opens the picker (the previous pick is released, and
 * `onPicked` runs, e.g. to clear the file's error); `done()` releases it after a successful upload.
 */
export function usePickedFile(extensions: string[], onPicked?: () => void) {
  const [file, setFile] = useState<PickedUpload | null>(null)
  const choose = async () => {
    const f = await pickFile(extensions)
    if (f) {
      releaseFile(file)
      setFile(f)
      onPicked?.()
    }
  }
  const done = () => {
    releaseFile(file)
    setFile(null)
  }
  return { file, choose, done }
}
