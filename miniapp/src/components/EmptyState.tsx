import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { route } from '../services/routes'
import { Button } from '../ui/nutui'
import './EmptyState.scss'

/** A tab whose feature needs login (and the server): says so plainly, shows no made-up items. */
export function ComingWithLogin({ what, detail }: { what: string; detail: string }) {
  return (
    <View className='hm-empty'>
      <Text className='hm-empty__title'>{what}正在建设中</Text>
      <Text className='hm-empty__text'>{detail}</Text>
      <Text className='hm-empty__text'>登录功能上线后，这里会显示您本人的内容。</Text>
      <Button className='hm-empty__button' type='primary' size='large' block onClick={() => Taro.navigateTo({ url: route.estimate() })}>
        先算一算能赔多少
      </Button>
    </View>
  )
}
