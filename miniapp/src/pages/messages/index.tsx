import { ComingWithLogin } from '../../components/EmptyState'
import { Page } from '../../components/Page'

export default function Messages() {
  return (
    <Page>
      <ComingWithLogin what='消息' detail='以后理赔有进展、需要补材料、钱打到卡上时，会在这里告诉您。' />
    </Page>
  )
}
