import { ComingWithLogin } from '../../components/EmptyState'
import { Page } from '../../components/Page'

export default function Claims() {
  return (
    <Page>
      <ComingWithLogin what='我的理赔' detail='以后可以在这里报案、拍照上传发票和材料，看理赔办到哪一步了。' />
    </Page>
  )
}
