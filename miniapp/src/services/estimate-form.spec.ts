import { getBenefit, getScheme } from '@huimin/shared'
import { displayVersion } from './catalogue'
import {
  fieldKeyFor,
  formFields,
  initialValues,
  missingFields,
  NO_IDENTITY,
  normaliseAmount,
  runEstimate,
  toRequest,
  type FormValues,
} from './estimate-form'

const TODAY = '2026-11-22'

function setup(schemeId: string, benefitId: string) {
  const scheme = getScheme(schemeId)
  const version = displayVersion(scheme, TODAY)
  const benefit = getBenefit(version, benefitId)
  const fields = formFields(scheme, version, benefit, TODAY)
  return { scheme, version, benefit, fields }
}

describe('form fields from fact definitions', () => {
  it('大病补充 (重庆): a money fact plus date, birth date, area and the qualifying identities', () => {
    const { fields } = setup('cq-hmjkb', 'critical_supplement')
    expect(fields.map((f) => `${f.key}:${f.kind}`)).toEqual([
      'incidentDate:date',
      'facts.outOfCatalogueSelfPay:money',
      'person.birthDate:date',
      'person.area:enum',
      'person.identities:enum',
    ])
    const money = fields[1]
    expect(money).toMatchObject({ label: '本次住院医保目录外自费金额（元）', required: true, help: expect.stringContaining('结算单') })
    const area = fields.find((f) => f.key === 'person.area')!
    expect(area.options!.map((o) => o.value)).toContain('万州区')
    const id = fields.find((f) => f.key === 'person.identities')!
    expect(id.options!.map((o) => o.label)).toEqual(['低保对象', '特困人员', '孤儿', '事实无人抚养儿童', '享受国家定期抚恤补助的优抚对象', '以上都不是'])
    // the incident date may not be after today, nor outside the scheme's period
    expect(fields[0]).toMatchObject({ start: '2024-01-01', end: '2025-12-31' })
  })

  it('enum, boolean and grade facts become pickers and switches; person facts the benefit needs are added', () => {
    const student = setup('cq-hmjkb', 'student_critical_illness').fields
    expect(student.find((f) => f.key === 'facts.disease')).toMatchObject({ kind: 'enum' })
    expect(student.find((f) => f.key === 'facts.disease')!.options).toHaveLength(20)
    expect(student.find((f) => f.key === 'facts.firstDiagnosis')).toMatchObject({ kind: 'boolean' })
    expect(student.find((f) => f.key === 'person.inSchool')).toMatchObject({ kind: 'boolean' })

    const disability = setup('cq-hmjkb', 'accident_disability').fields
    expect(disability.find((f) => f.key === 'facts.grade')!.options!.map((o) => o.label)).toEqual(
      ['1 级', '2 级', '3 级', '4 级', '5 级', '6 级', '7 级', '8 级', '9 级', '10 级'],
    )

    const zmd = setup('zmd-yymsh', 'hardship_major_illness').fields
    expect(zmd.find((f) => f.key === 'person.registeredResident')).toMatchObject({ kind: 'boolean' })
    expect(zmd.find((f) => f.key === 'person.area')!.options!.map((o) => o.value)).toContain('新蔡县')
    expect(zmd.find((f) => f.key === 'person.identities')!.options!.length).toBeGreaterThan(2)

    const jc = setup('jc-fpzhbx', 'inpatient').fields
    expect(jc.map((f) => f.key)).toEqual(expect.arrayContaining(['person.monitoringSystemSince', 'person.medicalInsuranceYears']))

    const mh = setup('mh-huhuibao', 'huhuibao_subsidy').fields
    expect(mh.find((f) => f.key === 'facts.purchaseDate')).toMatchObject({ kind: 'date' })
    expect(mh.find((f) => f.key === 'facts.policyNo')).toMatchObject({ kind: 'text' })
    expect(mh.map((f) => f.key)).toContain('person.disabilityCardValidUntil')
  })

  it('starts empty, booleans off, and today as the incident date only when the scheme is in force today', () => {
    const cq = setup('cq-hmjkb', 'critical_supplement')
    const v = initialValues(cq.scheme, cq.fields, TODAY)
    expect(v.incidentDate).toBeUndefined() // 重庆 ended 2025-12-31
    const jc = setup('jc-fpzhbx', 'inpatient')
    const w = initialValues(jc.scheme, jc.fields, TODAY)
    expect(w.incidentDate).toBe(TODAY)
    expect(w['person.medicalInsuranceYears']).toBe(false)
  })
})

describe('request and estimate', () => {
  const cqValues: FormValues = {
    incidentDate: '2025-08-12',
    'facts.outOfCatalogueSelfPay': '70000',
    'person.birthDate': '1958-03-02',
    'person.area': '万州区',
    'person.identities': 'dibao',
  }

  it('maps values to an engine request with amounts as strings', () => {
    const { scheme, benefit, fields } = setup('cq-hmjkb', 'critical_supplement')
    expect(toRequest(scheme, benefit, fields, { ...cqValues, 'facts.outOfCatalogueSelfPay': '７０，０００' })).toEqual({
      schemeId: 'cq-hmjkb',
      benefitId: 'critical_supplement',
      incidentDate: '2025-08-12',
      person: { birthDate: '1958-03-02', area: '万州区', identities: [{ code: 'dibao' }] },
      facts: { outOfCatalogueSelfPay: '70000' },
    })
    expect(toRequest(scheme, benefit, fields, { ...cqValues, 'person.identities': NO_IDENTITY }).person.identities).toEqual([])
  })

  it('重庆 大病补充, 低保, 70000 → 20450.00 with its breakdown line by line', () => {
    const { scheme, benefit, fields } = setup('cq-hmjkb', 'critical_supplement')
    const out = runEstimate(scheme, benefit, fields, cqValues)
    expect(out.kind).toBe('result')
    if (out.kind !== 'result') return
    expect(out.result.covered).toBe(true)
    expect(out.result.payout).toBe('20450.00')
    const amounts = out.result.breakdown.filter((l) => l.amount).map((l) => l.amount)
    expect(amounts).toEqual(['2500.00', '12000.00', '5950.00'])
    expect(out.result.breakdown.every((l) => !l.clause || l.source)).toBe(true)
    expect(out.result.documents.length).toBeGreaterThan(3)
  })

  it('not covered: the reasons come back in plain words (新蔡县 is excluded)', () => {
    const { scheme, benefit, fields } = setup('zmd-yymsh', 'hardship_major_illness')
    const out = runEstimate(scheme, benefit, fields, {
      incidentDate: '2019-09-20',
      'facts.compliantCostAfterInsurance': '2350',
      'facts.disease': '尿毒症',
      'facts.majorDiseaseConfirmed': true,
      'person.birthDate': '1960-01-01',
      'person.area': '新蔡县',
      'person.registeredResident': true,
      'person.identities': 'dibao',
    })
    expect(out.kind).toBe('result')
    if (out.kind !== 'result') return
    expect(out.result.covered).toBe(false)
    expect(out.result.reasons.filter((r) => !r.ok).map((r) => r.message)).toEqual(['新蔡县不在本方案保障范围内'])
  })
})

describe('errors, field by field', () => {
  it('lists every empty required field before asking the engine', () => {
    const { scheme, benefit, fields } = setup('cq-hmjkb', 'critical_supplement')
    const out = runEstimate(scheme, benefit, fields, initialValues(scheme, fields, TODAY))
    expect(out).toEqual({
      kind: 'errors',
      errors: {
        incidentDate: '请选择出事（看病、出险）的日期',
        'facts.outOfCatalogueSelfPay': '请填写本次住院医保目录外自费金额',
        'person.birthDate': '请选择出生日期',
        'person.area': '请选择所在区县',
        'person.identities': '请选择身份类别',
      },
    })
    expect(missingFields(fields, { incidentDate: '2025-01-01' }).incidentDate).toBeUndefined()
  })

  it("maps the engine's EngineError field to the input, with the label instead of the raw path", () => {
    const { scheme, benefit, fields } = setup('cq-hmjkb', 'critical_supplement')
    const out = runEstimate(scheme, benefit, fields, {
      incidentDate: '2025-08-12',
      'facts.outOfCatalogueSelfPay': '12.345',
      'person.birthDate': '1958-03-02',
      'person.area': '万州区',
      'person.identities': 'dibao',
    })
    expect(out.kind).toBe('errors')
    if (out.kind !== 'errors') return
    expect(Object.keys(out.errors)).toEqual(['facts.outOfCatalogueSelfPay'])
    expect(out.errors['facts.outOfCatalogueSelfPay']).toBe('本次住院医保目录外自费金额 金额格式不对：最多两位小数、12 位整数，如 "1234.50"')
    expect(out.errors['facts.outOfCatalogueSelfPay']).not.toMatch(/facts\./)
  })

  it('an impossible date and a burden above the total land on their own inputs', () => {
    const cq = setup('cq-hmjkb', 'critical_supplement')
    const bad = runEstimate(cq.scheme, cq.benefit, cq.fields, {
      incidentDate: '2025-08-12',
      'facts.outOfCatalogueSelfPay': '100',
      'person.birthDate': '1958-02-30',
      'person.area': '万州区',
      'person.identities': 'dibao',
    })
    expect(bad).toEqual({ kind: 'errors', errors: { 'person.birthDate': '出生日期 不是真实存在的日期：1958-02-30' } })

    const lc = setup('lc-fpthb', 'medical_supplement')
    const out = runEstimate(lc.scheme, lc.benefit, lc.fields, {
      incidentDate: '2019-05-01',
      'facts.inPolicyTotal': '1000',
      'facts.inPolicyBurden': '2000',
      'facts.outsideHomeCounty': false,
      'person.birthDate': '1950-01-01',
      'person.area': lc.fields.find((f) => f.key === 'person.area')!.options![0].value,
      'person.identities': 'poverty_policy',
    })
    expect(out.kind).toBe('errors')
    if (out.kind === 'errors') expect(Object.keys(out.errors)).toEqual(['facts.inPolicyBurden'])
  })

  it('finds the input for nested engine paths', () => {
    const { fields } = setup('cq-hmjkb', 'critical_supplement')
    expect(fieldKeyFor('person.identities[0].code', fields)).toBe('person.identities')
    expect(fieldKeyFor('facts.outOfCatalogueSelfPay', fields)).toBe('facts.outOfCatalogueSelfPay')
    expect(fieldKeyFor('used.base', fields)).toBeUndefined()
  })

  it('normalises what a Chinese keyboard types, without forming numbers', () => {
    expect(normaliseAmount(' １２，３４５．６ ')).toBe('12345.6')
    expect(normaliseAmount('70,000')).toBe('70000')
  })
})
