import { mock } from '../../test/taro-mock'
import { CONSENT_TEXTS, giveConsent, hasConsent, withdrawConsent } from './consent'

beforeEach(() => mock.reset())

describe('consent for sensitive information', () => {
  it('is asked once per kind and person, kept with the text version, and can be withdrawn', () => {
    expect(hasConsent('medical', 'person-5')).toBe(false)
    giveConsent('medical', 'person-5', () => new Date('2026-11-22T01:00:00Z'))
    expect(hasConsent('medical', 'person-5')).toBe(true)
    expect(hasConsent('medical', 'person-6')).toBe(false)
    expect(hasConsent('bank', 'person-5')).toBe(false)
    // a new text version asks again
    mock.storage.set('huimin.consent.medical.person-5', JSON.stringify({ version: CONSENT_TEXTS.medical.version - 1 }))
    expect(hasConsent('medical', 'person-5')).toBe(false)
    giveConsent('identity', 'user-7')
    withdrawConsent('identity', 'user-7')
    expect(hasConsent('identity', 'user-7')).toBe(false)
  })
})
