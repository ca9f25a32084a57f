import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Page } from '../../components/Page'
import { useElderMode } from '../../hooks/useElderMode'
import { useSession } from '../../hooks/useSession'
import { auth } from '../../services/api'
import { isStaff } from '../../services/api/session'
import { CONSENT_TEXTS, type ConsentKind, hasConsent, withdrawConsent } from '../../services/consent'
import { go } from '../../services/navigate'
import { route } from '../../services/routes'
import { Switch } from '../../ui/nutui'
import './index.scss'

const SOURCE_TEXT = {
  saved: '这是您自己选的设置。',
  'large-font': '您的手机设置了大字体，所以自动打开了长辈模式。',
  default: '',
} as const

const ROLE_TEXT: Record<string, string> = {
  caseworker: '民政经办人员',
  adjuster: '保险公司理赔人员',
  finance: '财务人员',
  admin: '系统管理员',
}

export default function Me() {
  const { on, source, setElderMode } = useElderMode()
  const s = useSession()
  const personId = s?.user.person?.personId
  const [, bump] = useState(0)
  return (
    <Page>
      <View className='hm-card me__who' id='me-who'>
        {s ? (
          <View>
            <Text className='hm-heading'>{s.user.person?.name ?? s.user.username ?? '已登录'}</Text>
            <Text className='hm-secondary'>
              {isStaff(s.user) ? ROLE_TEXT[s.user.role] ?? s.user.role : s.user.person ? `身份证号 ${s.user.person.idNumber}` : '还没有绑定身份'}
            </Text>
            <View className='hm-tap me__logout' onClick={() => void auth.logout()}>
              <Text className='hm-link'>退出登录</Text>
            </View>
          </View>
        ) : (
          <View className='hm-tap' onClick={() => go(route.login())}>
            <Text className='hm-link'>登录 ›</Text>
          </View>
        )}
      </View>

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

      <View className='hm-card'>
        <Text className='hm-heading'>更多</Text>
        <View className='hm-tap me__link' onClick={() => go(route.student())}>
          <Text className='hm-link'>学生补助（升学补助金、学生重大疾病）›</Text>
        </View>
        <View className='hm-tap me__link' onClick={() => go(route.huhuibao())}>
          <Text className='hm-link'>沪惠保补贴（上海闵行）›</Text>
        </View>
        <View className='hm-tap me__link' onClick={() => go(route.schemes())}>
          <Text className='hm-link'>全部保险方案 ›</Text>
        </View>
        <View className='hm-tap me__link' onClick={() => go(s && isStaff(s.user) ? route.staffQueue() : route.staffLogin())}>
          <Text className='hm-link'>工作人员入口（理赔工作台）›</Text>
        </View>
      </View>

      {personId ? (
        <View className='hm-card'>
          <Text className='hm-heading'>我同意过的事</Text>
          {(Object.keys(CONSENT_TEXTS) as ConsentKind[]).map((k) => {
            const key = k === 'identity' ? `user-${s!.user.userId}` : `person-${personId}`
            const agreed = hasConsent(k, key)
            return (
              <View key={k} className='hm-row'>
                <Text className='hm-row__label'>{CONSENT_TEXTS[k].title}</Text>
                {agreed ? (
                  <View
                    className='hm-tap'
                    onClick={() => {
                      withdrawConsent(k, key)
                      bump((n) => n + 1)
                    }}
                  >
                    <Text className='hm-link'>已同意 · 撤回</Text>
                  </View>
                ) : (
                  <Text className='hm-row__value'>未同意</Text>
                )}
              </View>
            )
          })}
          <Text className='hm-small'>撤回后，下次用到时会再问您。已经交上去的材料，请联系社区工作人员处理。</Text>
        </View>
      ) : null}

      <View className='hm-card'>
        <Text className='hm-heading'>关于</Text>
        <Text className='hm-secondary'>惠民保障帮助低保、特困、孤儿、残疾人等困难群众了解政府为他们买的保险，估算能赔多少，在线报案、查看理赔进度。估算结果仅供参考，以审核结果为准。</Text>
      </View>
    </Page>
  )
}
