import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import type { FormField, FormValue } from '@/services/estimate-form'
import { Switch } from '@/ui/nutui'
import './FieldInput.scss'

interface Props {
  field: FormField
  value: FormValue
  error?: string
  onChange: (value: FormValue) => void
}

/** Short option lists are shown inline as big buttons (no pop-up); long ones use the system picker. */
const INLINE_OPTIONS = 6

/** One input of the calculator, chosen by the fact's type. */
export function FieldInput({ field, value, error, onChange }: Props) {
  const str = typeof value === 'string' ? value : ''
  return (
    <View className={`est-field${error ? ' est-field--error' : ''}`} id={`field-${field.key.replace(/\W/g, '-')}`}>
      {field.kind !== 'boolean' ? (
        <Text className='est-field__label'>
          {field.label}
          {field.required ? '' : '（选填）'}
        </Text>
      ) : null}
      {renderControl(field, str, value, onChange)}
      {field.help ? <Text className='hm-small est-field__help'>{field.help}</Text> : null}
      {error ? <Text className='est-field__error'>{error}</Text> : null}
    </View>
  )
}

function renderControl(field: FormField, str: string, value: FormValue, onChange: (v: FormValue) => void) {
  switch (field.kind) {
    case 'money':
      return (
        <View className='est-input hm-tap'>
          <Input className='est-input__box' type='digit' value={str} placeholder='填金额，例如 70000' onInput={(e) => onChange(e.detail.value)} />
          <Text className='est-input__unit'>元</Text>
        </View>
      )
    case 'text':
      if (field.multiline) {
        return (
          <Textarea
            className='est-textarea'
            value={str}
            placeholder='请填写'
            maxlength={1000}
            autoHeight
            onInput={(e) => onChange(e.detail.value)}
          />
        )
      }
      return (
        <View className='est-input hm-tap'>
          <Input className='est-input__box' type='text' value={str} placeholder='请填写' maxlength={200} onInput={(e) => onChange(e.detail.value)} />
        </View>
      )
    case 'boolean':
      return (
        <View className='est-bool hm-tap' onClick={() => onChange(value !== true)}>
          <Text className='est-bool__label'>{field.label}</Text>
          <View className='est-bool__control' onClick={(e) => e.stopPropagation()}>
            <Text className='est-bool__state'>{value === true ? '是' : '否'}</Text>
            <Switch checked={value === true} onChange={(v: boolean) => onChange(v)} />
          </View>
        </View>
      )
    case 'date':
      return (
        <Picker mode='date' value={str || field.pickFrom || field.end || ''} start={field.start} end={field.end} onChange={(e) => onChange(String(e.detail.value))}>
          <View className='est-select hm-tap'>
            <Text className={str ? 'est-select__value' : 'est-select__placeholder'}>{str || '点这里选日期'}</Text>
            <Text className='est-select__arrow'>›</Text>
          </View>
        </Picker>
      )
    case 'grade':
    case 'enum': {
      const options = field.options ?? []
      if (options.length <= INLINE_OPTIONS || field.kind === 'grade') {
        return (
          <View className={`est-options${field.kind === 'grade' ? ' est-options--grid' : ''}`}>
            {options.map((o) => (
              <View
                key={o.value}
                className={`est-option hm-tap${str === o.value ? ' est-option--on' : ''}`}
                onClick={() => onChange(o.value)}
              >
                <Text>{str === o.value ? `✓ ${o.label}` : o.label}</Text>
              </View>
            ))}
          </View>
        )
      }
      const index = Math.max(0, options.findIndex((o) => o.value === str))
      const label = options.find((o) => o.value === str)?.label
      return (
        <Picker mode='selector' range={options.map((o) => o.label)} value={index} onChange={(e) => onChange(options[Number(e.detail.value)]?.value)}>
          <View className='est-select hm-tap'>
            <Text className={label ? 'est-select__value' : 'est-select__placeholder'}>{label ?? '点这里选择'}</Text>
            <Text className='est-select__arrow'>›</Text>
          </View>
        </Picker>
      )
    }
  }
  return null
}
