import { mock } from '../../test/taro-mock'
import { deleteDraft, draftKey, hasContent, listDrafts, loadDraft, type ReportDraft, saveDraft } from './draft-store'

beforeEach(() => mock.reset())

const ref = { personId: 5, schemeId: 'jc-fpzhbx', benefitId: 'inpatient' }
const draft = (over: Partial<ReportDraft> = {}): ReportDraft => ({
  ...ref,
  values: { incidentDate: '2026-11-22', 'facts.selfPayAfterOthers': '5000', description: '住院' },
  uploads: [{ id: 'p1', documentId: 'invoices', filePath: 'wxfile://a', status: 'done', progress: 100, key: 'up-1', attachmentId: 3 }],
  submit: { key: 'claim-abc', fingerprint: '{}' },
  updatedAt: '',
  ...over,
})

describe('report drafts', () => {
  it('survive a restart: everything typed, the photos and the submission key', () => {
    saveDraft(draft(), () => new Date('2026-11-22T02:00:00Z'))
    // a new app start reads storage again
    const back = loadDraft(ref)
    expect(back).toMatchObject({ ...draft(), updatedAt: '2026-11-22T02:00:00.000Z' })
    expect(back?.submit?.key).toBe('claim-abc')
    expect(back?.uploads[0]).toMatchObject({ status: 'done', attachmentId: 3, key: 'up-1' })
  })

  it('drop photos uploaded 29 days ago or more (the server deletes unused uploads after 30), keeping the rest', () => {
    const up = (id: string, uploadedAt?: string, status: 'done' | 'failed' = 'done') => ({ id, documentId: 'invoices', filePath: `wxfile://${id}`, status, progress: 100, key: `up-${id}`, attachmentId: 3, uploadedAt })
    saveDraft(draft({ uploads: [up('old', '2026-10-01T00:00:00Z'), up('recent', '2026-11-01T00:00:00Z'), up('legacy'), up('failed', '2026-09-01T00:00:00Z', 'failed')] }))
    const back = loadDraft(ref, () => new Date('2026-11-22T00:00:00Z'))
    expect(back?.uploads.map((u) => u.id)).toEqual(['recent', 'legacy', 'failed'])
    expect(back?.values).toEqual(draft().values)
    // 28 days and 23 hours: still kept
    expect(loadDraft(ref, () => new Date('2026-11-29T23:00:00Z'))?.uploads.map((u) => u.id)).toContain('recent')
    expect(loadDraft(ref, () => new Date('2026-11-30T00:00:00Z'))?.uploads.map((u) => u.id)).not.toContain('recent')
  })

  it('are kept per person, scheme and benefit, listed newest first, and removed after the report', () => {
    saveDraft(draft(), () => new Date('2026-11-22T02:00:00Z'))
    saveDraft(draft({ benefitId: 'outpatient' }), () => new Date('2026-11-22T03:00:00Z'))
    saveDraft(draft({ personId: 6 }), () => new Date('2026-11-22T04:00:00Z'))
    expect(listDrafts(5).map((d) => d.benefitId)).toEqual(['outpatient', 'inpatient'])
    expect(loadDraft({ ...ref, personId: 6 })?.personId).toBe(6)
    expect(loadDraft({ ...ref, benefitId: 'property' })).toBeUndefined()
    deleteDraft(ref)
    expect(loadDraft(ref)).toBeUndefined()
    expect(listDrafts(5).map((d) => d.benefitId)).toEqual(['outpatient'])
    expect(mock.storage.has(draftKey(ref))).toBe(false)
  })

  it('ignore damaged storage', () => {
    mock.storage.set(draftKey(ref), '{not json')
    expect(loadDraft(ref)).toBeUndefined()
    mock.storage.set('huimin.drafts', '"x"')
    expect(listDrafts(5)).toEqual([])
  })

  it('are worth keeping only with something in them', () => {
    const initial = { incidentDate: '2026-11-22', 'facts.x': undefined }
    expect(hasContent({ values: { ...initial }, uploads: [] }, initial)).toBe(false)
    expect(hasContent({ values: { ...initial, description: '' }, uploads: [] }, initial)).toBe(false)
    expect(hasContent({ values: { ...initial, 'facts.x': '3' }, uploads: [] }, initial)).toBe(true)
    expect(hasContent({ values: initial, uploads: draft().uploads }, initial)).toBe(true)
  })
})
