import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { answerPrivacy, onPrivacyChange, openPrivacyContract, privacyWaiting } from '@/services/privacy'
import { Button } from '@/ui/nutui'

const AGREE_ID = 'hm-privacy-agree'

/**
 * WeChat's privacy agreement, inline at the top of the page while WeChat waits for it (weapp only):
 * the agree button has open-type="agreePrivacyAuthorization", as WeChat requires.
 */
export function PrivacyPanel() {
  const [waiting, setWaiting] = useState(privacyWaiting())
  useEffect(() => onPrivacyChange(setWaiting), [])
  if (!waiting) return null
  return (
    <View className='hm-card hm-privacy' id='privacy'>
      <Text className='hm-heading'>请先阅读隐私保护指引</Text>
      <Text className='hm-text'>为了拍照上传材料、保存草稿，需要您同意《惠民保障小程序隐私保护指引》。</Text>
      <View className='hm-tap' onClick={openPrivacyContract}>
        <Text className='hm-link'>查看《隐私保护指引》›</Text>
      </View>
      <Button
        id={AGREE_ID}
        type='primary'
        size='large'
        block
        openType='agreePrivacyAuthorization'
        onAgreePrivacyAuthorization={() => answerPrivacy({ event: 'agree', buttonId: AGREE_ID })}
      >
        同意并继续
      </Button>
      <View className='hm-tap hm-privacy__no' onClick={() => answerPrivacy({ event: 'disagree' })}>
        <Text className='hm-link'>不同意</Text>
      </View>
    </View>
  )
}
