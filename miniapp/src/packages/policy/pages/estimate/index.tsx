import { getScheme } from '@huimin/shared'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo, useState } from 'react'
import { FieldInput } from '@/components/FieldInput'
import { Notice } from '@/components/Notice'
import { Page } from '@/components/Page'
import { useEstimateForm } from '@/hooks/useEstimateForm'
import { useParams } from '@/hooks/useParams'
import { useToday } from '@/hooks/useToday'
import { displayVersion, schemeCards } from '@/services/catalogue'
import { Button } from '@/ui/nutui'
import { ResultView } from './ResultView'
import './index.scss'

/** 估算: choose a scheme, then a benefit, then fill the form the benefit's facts define. */
export default function Estimate() {
  const params = useParams()
  const today = useToday()
  const [schemeId, setSchemeId] = useState<string | undefined>(params.scheme)
  const [benefitId, setBenefitId] = useState<string | undefined>(params.benefit)

  return (
    <Page className='est'>
      {!schemeId ? (
        <ChooseScheme today={today} onChoose={setSchemeId} />
      ) : !benefitId ? (
        <ChooseBenefit schemeId={schemeId} today={today} onChoose={setBenefitId} onBack={() => setSchemeId(undefined)} />
      ) : (
        <EstimateForm
          key={`${schemeId}/${benefitId}`}
          schemeId={schemeId}
          benefitId={benefitId}
          today={today}
          onChangeBenefit={() => setBenefitId(undefined)}
        />
      )}
    </Page>
  )
}

function Step({ n, title }: { n: number; title: string }) {
  return (
    <View className='est-step'>
      <Text className='est-step__n'>第 {n} 步</Text>
      <Text className='est-step__title'>{title}</Text>
    </View>
  )
}

function ChooseScheme({ today, onChoose }: { today: string; onChoose: (id: string) => void }) {
  const cards = useMemo(() => schemeCards(today), [today])
  return (
    <View>
      <Step n={1} title='选保险方案' />
      {cards.map((c) => (
        <View key={c.id} className='hm-card est-choice hm-tap' hoverClass='hm-pressed' onClick={() => onChoose(c.id)}>
          <View className='est-choice__body'>
            <Text className='hm-heading'>{c.name}</Text>
            <Text className='hm-secondary'>{c.region}</Text>
          </View>
          <Text className='est-choice__arrow'>›</Text>
        </View>
      ))}
    </View>
  )
}

function ChooseBenefit({ schemeId, today, onChoose, onBack }: { schemeId: string; today: string; onChoose: (id: string) => void; onBack: () => void }) {
  const view = useMemo(() => {
    try {
      const scheme = getScheme(schemeId)
      return { scheme, version: displayVersion(scheme, today) }
    } catch {
      return undefined
    }
  }, [schemeId, today])
  if (!view) {
    return (
      <Notice kind='error' title='没有找到这个保险方案'>
        <View className='hm-tap' onClick={onBack}>
          <Text className='hm-link'>重新选择 ›</Text>
        </View>
      </Notice>
    )
  }
  return (
    <View>
      <View className='est-chosen hm-tap' onClick={onBack}>
        <Text className='est-chosen__text'>方案：{view.scheme.name}</Text>
        <Text className='hm-link'>换一个</Text>
      </View>
      <Step n={2} title='选要算的保障' />
      {view.version.benefits.map((b) => (
        <View key={b.id} className='hm-card est-choice hm-tap' hoverClass='hm-pressed' onClick={() => onChoose(b.id)}>
          <View className='est-choice__body'>
            <Text className='hm-heading'>{b.name}</Text>
            <Text className='hm-secondary'>{b.summary}</Text>
          </View>
          <Text className='est-choice__arrow'>›</Text>
        </View>
      ))}
    </View>
  )
}

function EstimateForm(props: { schemeId: string; benefitId: string; today: string; onChangeBenefit: () => void }) {
  const form = useEstimateForm(props.schemeId, props.benefitId, props.today)
  const errorCount = Object.keys(form.errors).length
  if (!form.target) {
    return (
      <Notice kind='error' title='没有找到这项保障'>
        <View className='hm-tap' onClick={props.onChangeBenefit}>
          <Text className='hm-link'>重新选择 ›</Text>
        </View>
      </Notice>
    )
  }
  const { scheme, benefit } = form.target
  const claim = form.fields.filter((f) => f.group === 'claim')
  const person = form.fields.filter((f) => f.group === 'person')
  const submit = () => {
    const result = form.submit()
    // Inline results and errors only (no Toast): bring them into view.
    setTimeout(() => Taro.pageScrollTo({ selector: result ? '#result' : '#form-errors', duration: 200 }), 50)
  }
  return (
    <View>
      <View className='est-chosen hm-tap' onClick={props.onChangeBenefit}>
        <Text className='est-chosen__text'>
          {scheme.name} · {benefit.name}
        </Text>
        <Text className='hm-link'>换一个</Text>
      </View>
      <Step n={3} title='填写情况' />

      <View className='hm-card'>
        <Text className='hm-heading'>这次的情况</Text>
        {claim.map((f) => (
          <FieldInput key={f.key} field={f} value={form.values[f.key]} error={form.errors[f.key]} onChange={(v) => form.setValue(f.key, v)} />
        ))}
      </View>
      <View className='hm-card'>
        <Text className='hm-heading'>参保人的情况</Text>
        <Text className='hm-small'>只用来估算，不会保存，也不需要姓名和身份证号。</Text>
        {person.map((f) => (
          <FieldInput key={f.key} field={f} value={form.values[f.key]} error={form.errors[f.key]} onChange={(v) => form.setValue(f.key, v)} />
        ))}
      </View>

      <View id='form-errors'>
        {errorCount ? <Notice kind='error' title={`还有 ${errorCount} 处要填写或修改`}><Text className='hm-text'>请看上面标红的地方。</Text></Notice> : null}
        {form.general ? <Notice kind='error' title={form.general} /> : null}
      </View>

      <Button type='primary' size='xlarge' block onClick={submit}>
        算一算
      </Button>

      {form.result ? <ResultView result={form.result} scheme={scheme} benefit={benefit} /> : null}
    </View>
  )
}
