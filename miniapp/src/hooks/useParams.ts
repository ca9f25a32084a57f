import { useRouter } from '@tarojs/taro'

/** The page's query parameters, decoded. */
export function useParams(): Record<string, string | undefined> {
  const { params } = useRouter()
  const out: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(params)) {
    if (typeof v !== 'string') continue
    try {
      out[k] = decodeURIComponent(v)
    } catch {
      out[k] = v
    }
  }
  return out
}
