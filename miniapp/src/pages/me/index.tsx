import { Text, View } from '@tarojs/components'
import { UnderConstruction } from '../../components/Notice'
import { Page } from '../../components/Page'
import { useElderMode } from '../../hooks/useElderMode'
import { Switch } from '../../ui/nutui'
import './index.scss'

const SOURCE_TEXT = {
  saved: '这是您自己选的设置。',
  'large-font': '您的手机设置了大字体，所以自动打开了长辈模式。',
  default: '',
} as const

export default function Me() {
  const { on, source, setElderMode } = useElderMode()
  return (
    <Page>
      <View className='hm-card me__setting'>
        <View className='me__row hm-tap' onClick={() => setElderMode(!on)}>
          <View className='me__label'>
            <Text className='hm-heading'>长辈模式</Text>
            <Text className='hm-secondary'>字更大、按钮更大、不弹窗</Text>
          </View>
          <View className='me__switch' onClick={(e) => e.stopPropagation()}>
            <Text className='me__state'>{on ? '已打开' : '已关闭'}</Text>
            <Switch checked={on} onChange={(v: boolean) => setElderMode(v)} />
          </View>
        </View>
        {SOURCE_TEXT[source] ? <Text className='hm-small me__source'>{SOURCE_TEXT[source]}</Text> : null}
      </View>

      <UnderConstruction title='登录和查看本人保障的功能正在建设中' />

      <View className='hm-card'>
        <Text className='hm-heading'>关于</Text>
        <Text className='hm-secondary'>惠民保障帮助低保、特困、孤儿、残疾人等困难群众了解政府为他们买的保险，估算能赔多少。估算结果仅供参考，以保险公司核定为准。</Text>
      </View>
    </Page>
  )
}
