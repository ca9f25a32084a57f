import { Text, View } from '@tarojs/components'
import { useSession } from '@/hooks/useSession'
import { go } from '@/services/navigate'
import { route } from '@/services/routes'
import { DESK_ROLES, type DeskRole, DeskPage, deskAllows, SUBSIDY_ROLES } from '../../lib/ui'

const TOOLS: { id: string; title: string; text: string; to: () => string; roles: readonly DeskRole[] }[] = [
  { id: 'report', title: '代为报案', text: '先查到参保人，再替他（她）填写报案；理赔记录里写明是谁报的案。', to: route.deskReport, roles: DESK_ROLES },
  { id: 'roster', title: '名单导入', text: '上传低保、特困等名单，先逐行校验，看过校验结果再应用。', to: () => route.deskRoster(), roles: DESK_ROLES },
  { id: 'alerts', title: '监测提醒导入（主动理赔）', text: '导入防返贫监测的住院等信息，系统提醒参保人报案。', to: route.deskAlerts, roles: DESK_ROLES },
  { id: 'subsidy', title: '沪惠保补贴发放', text: '保单清单导入 → 比对 → 生成发放批次 → 导出交银行 → 导入银行回盘。', to: route.deskSubsidy, roles: SUBSIDY_ROLES },
]

/** 窗口工具: what a caseworker does at the desk besides the claim queue (finance: the 沪惠保 subsidy only). */
export default function DeskHome() {
  const s = useSession()
  const tools = TOOLS.filter((t) => deskAllows(s?.user.role, t.roles))
  return (
    <DeskPage title='窗口工具' roles={SUBSIDY_ROLES}>
      <View className='hm-tap desk__menu' onClick={() => go(route.staffQueue())}>
        <Text className='hm-link'>‹ 回到理赔工作台</Text>
      </View>
      {tools.map((t) => (
        <View key={t.id} id={`tool-${t.id}`} className='hm-card hm-tap desk__menu' hoverClass='hm-pressed' onClick={() => go(t.to())}>
          <View className='desk__menu-body'>
            <Text className='hm-heading'>{t.title}</Text>
            <Text className='hm-secondary'>{t.text}</Text>
          </View>
          <Text className='hm-link'>›</Text>
        </View>
      ))}
    </DeskPage>
  )
}
