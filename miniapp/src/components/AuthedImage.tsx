import { Image, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { authedImage } from '@/services/photos'

/**
 * A photo from the API (needs the sign-in header): fetched, then shown from a local URL. `src` may also be
 * a local path (a photo still on the phone).
 */
export function AuthedImage({ path, local, className, mode = 'aspectFill', onClick, alt }: {
  path?: string | null
  local?: string
  className?: string
  mode?: 'aspectFill' | 'widthFix' | 'aspectFit'
  onClick?: () => void
  alt?: string
}) {
  const [src, setSrc] = useState<string | undefined>(local)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    if (local) {
      setSrc(local)
      return
    }
    if (!path) return
    let live = true
    authedImage(path).then(
      (u) => live && setSrc(u),
      () => live && setFailed(true),
    )
    return () => {
      live = false
    }
  }, [path, local])
  if (failed) {
    return (
      <View className={`hm-photo hm-photo--missing ${className ?? ''}`} onClick={onClick}>
        <Text className='hm-small'>图片打不开</Text>
      </View>
    )
  }
  return src ? (
    <Image className={`hm-photo ${className ?? ''}`} src={src} mode={mode} onClick={onClick} ariaLabel={alt} />
  ) : (
    <View className={`hm-photo hm-photo--loading ${className ?? ''}`} onClick={onClick}>
      <Text className='hm-small'>加载中</Text>
    </View>
  )
}
