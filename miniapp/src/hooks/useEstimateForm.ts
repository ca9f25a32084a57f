import type { EstimateResult } from '@huimin/shared'
import { useCallback, useMemo, useState } from 'react'
import {
  calculatorTarget,
  type FieldErrors,
  type FormField,
  type FormValue,
  type FormValues,
  formFields,
  initialValues,
  runEstimate,
} from '../services/estimate-form'

export interface EstimateFormState {
  /** Undefined when the scheme or benefit id is unknown. */
  target?: ReturnType<typeof calculatorTarget>
  fields: FormField[]
  values: FormValues
  errors: FieldErrors
  /** An error not tied to one input. */
  general?: string
  result?: EstimateResult
  setValue: (key: string, value: FormValue) => void
  submit: () => EstimateResult | undefined
  reset: () => void
}

/** The calculator's state for one (scheme, benefit): values, per-field errors, and the engine's result. */
export function useEstimateForm(schemeId: string | undefined, benefitId: string | undefined, today: string): EstimateFormState {
  const target = useMemo(() => calculatorTarget(schemeId, benefitId, today), [schemeId, benefitId, today])
  const fields = useMemo(() => (target ? formFields(target.scheme, target.version, target.benefit, today) : []), [target, today])
  const start = useCallback(() => (target ? initialValues(target.scheme, fields, today) : {}), [target, fields, today])
  const [values, setValues] = useState<FormValues>(start)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [general, setGeneral] = useState<string | undefined>()
  const [result, setResult] = useState<EstimateResult | undefined>()

  const setValue = useCallback((key: string, value: FormValue) => {
    setValues((v) => ({ ...v, [key]: value }))
    setErrors((e) => {
      if (!(key in e)) return e
      const { [key]: _gone, ...rest } = e
      return rest
    })
    setGeneral(undefined)
    setResult(undefined) // a result for other inputs would mislead
  }, [])

  const submit = useCallback(() => {
    if (!target) return undefined
    const outcome = runEstimate(target.scheme, target.benefit, fields, values)
    if (outcome.kind === 'result') {
      setErrors({})
      setGeneral(undefined)
      setResult(outcome.result)
      return outcome.result
    }
    setErrors(outcome.errors)
    setGeneral(outcome.general)
    setResult(undefined)
    return undefined
  }, [target, fields, values])

  const reset = useCallback(() => {
    setValues(start())
    setErrors({})
    setGeneral(undefined)
    setResult(undefined)
  }, [start])

  return { target, fields, values, errors, general, result, setValue, submit, reset }
}
