import { ApiError } from './api/errors'
import { checklist, DESCRIPTION_KEY, estimateBody, PLACE_KEY, reportBody, reportFields, reportMissing, reportTarget, serverErrorsOnForm } from './report-form'
import type { UploadItem } from './upload-queue'

const TODAY = '2026-11-22'

describe('报案 form', () => {
  const t = reportTarget('jc-fpzhbx', 'inpatient', TODAY)!
  const fields = reportFields(t, TODAY)

  it('asks for the incident date, the benefit facts, where and what happened (no person fields)', () => {
    expect(fields.map((f) => f.key)).toEqual(['incidentDate', 'facts.selfPayAfterOthers', PLACE_KEY, DESCRIPTION_KEY])
    expect(fields.find((f) => f.key === DESCRIPTION_KEY)).toMatchObject({ required: true, multiline: true })
    expect(Object.keys(reportMissing(fields, {}))).toEqual(['incidentDate', 'facts.selfPayAfterOthers', DESCRIPTION_KEY])
  })

  it('builds the estimate and report requests with amounts as strings and only finished photos', () => {
    const values = { incidentDate: '2026-11-20', 'facts.selfPayAfterOthers': '５０００．５', [PLACE_KEY]: ' 高平市人民医院 ', [DESCRIPTION_KEY]: ' 住院 8 天 ' }
    expect(estimateBody(t, fields, values)).toEqual({ schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: '2026-11-20', facts: { selfPayAfterOthers: '5000.5' } })
    const up = (over: Partial<UploadItem>): UploadItem => ({ id: 'x', documentId: 'invoices', filePath: 'p', status: 'done', progress: 100, key: 'k', ...over })
    const body = reportBody(t, fields, values, [up({ attachmentId: 4 }), up({ status: 'failed' }), up({ documentId: 'settlement_slip', attachmentId: 5 })], 9)
    expect(body).toEqual({
      schemeId: 'jc-fpzhbx',
      benefitId: 'inpatient',
      incidentDate: '2026-11-20',
      facts: { selfPayAfterOthers: '5000.5' },
      place: '高平市人民医院',
      description: '住院 8 天',
      attachments: [
        { documentId: 'invoices', attachmentId: 4 },
        { documentId: 'settlement_slip', attachmentId: 5 },
      ],
      alertId: 9,
    })
  })

  it('lists the documents, those that apply only “when …” only then', () => {
    const cq = reportTarget('cq-hmjkb', 'critical_supplement', TODAY)!
    const all = cq.benefit.documents.length
    const conditional = cq.benefit.documents.filter((d) => d.when)
    expect(checklist(cq.benefit, {}).length).toBe(all - conditional.length)
    if (conditional.length) {
      const w = conditional[0].when!
      expect(checklist(cq.benefit, { [`facts.${w.fact}`]: w.equals }).map((d) => d.id)).toContain(conditional[0].id)
    }
    expect(checklist(t.benefit, {}).map((d) => d.id)).toEqual(['settlement_slip', 'medical_records', 'invoices', 'fee_list', 'other_insurance_proof', 'id_card', 'bank_account'])
  })

  it('puts server errors on their inputs, and a refusal with its reasons above the form', () => {
    const v = new ApiError(400, 'VALIDATION_FAILED', '提交的信息有误', { 'facts.selfPayAfterOthers': 'facts.selfPayAfterOthers 应为金额', description: '请简单说一下发生了什么' })
    expect(serverErrorsOnForm(v, fields)).toEqual({
      errors: { 'facts.selfPayAfterOthers': '经医保、大病保险、医疗救助、商保报销后个人自付金额 应为金额', [DESCRIPTION_KEY]: '请简单说一下发生了什么' },
      general: [],
    })
    const refused = new ApiError(422, 'CLAIM_NOT_COVERED', '不能报案：出险日期不在保障期内', { benefitId: '出险日期不在保障期内' })
    expect(serverErrorsOnForm(refused, fields)).toEqual({ errors: {}, general: ['不能报案：出险日期不在保障期内'] })
    const onDate = new ApiError(422, 'CLAIM_NOT_COVERED', '不能报案：出险日期不能晚于今天', { incidentDate: '出险日期不能晚于今天' })
    expect(serverErrorsOnForm(onDate, fields)).toEqual({ errors: { incidentDate: '出险日期不能晚于今天' }, general: [] })
  })
})
