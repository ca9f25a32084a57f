import { answerPrivacy, installPrivacyHandler, onPrivacyChange, privacyWaiting, resetPrivacyForTests } from './privacy'

describe('WeChat privacy agreement', () => {
  beforeEach(() => resetPrivacyForTests())

  it('holds WeChat’s request until the person taps agree (or disagree), telling the pages meanwhile', () => {
    let handler: ((resolve: (a: unknown) => void, info: { referrer?: string }) => void) | undefined
    installPrivacyHandler({ onNeedPrivacyAuthorization: (cb) => (handler = cb as typeof handler) })
    const seen: boolean[] = []
    onPrivacyChange((w) => seen.push(w))
    expect(privacyWaiting()).toBe(false)

    const answers: unknown[] = []
    handler!((a) => answers.push(a), { referrer: 'chooseMedia' })
    expect(privacyWaiting()).toBe(true)
    answerPrivacy({ event: 'agree', buttonId: 'hm-privacy-agree' })
    expect(answers).toEqual([{ event: 'agree', buttonId: 'hm-privacy-agree' }])
    expect(privacyWaiting()).toBe(false)

    handler!((a) => answers.push(a), {})
    answerPrivacy({ event: 'disagree' })
    expect(answers[1]).toEqual({ event: 'disagree' })
    expect(seen).toEqual([true, false, true, false])
  })

  it('does nothing outside WeChat', () => {
    installPrivacyHandler(undefined)
    expect(privacyWaiting()).toBe(false)
  })
})
