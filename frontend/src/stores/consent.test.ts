import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { ChannelConsent, ContactConsent } from '../api/consent'

vi.mock('../api/consent', () => ({
  contactConsent: vi.fn(),
  record: vi.fn(),
  rules: vi.fn(),
  history: vi.fn(),
}))

import * as api from '../api/consent'
import { useConsentStore } from './consent'
import { ApiError } from '../api/errors'
import { rememberedBy, ruleKey, toTimestamp, verdictFor } from '../utils/consent'

const rule = (channel: ChannelConsent['channel'], needsConsent: boolean, customerException = false, register = '') => ({
  channel,
  needsConsent,
  customerException,
  register,
})

function state(status: '' | 'granted' | 'refused'): ContactConsent {
  return {
    contactId: 7,
    country: 'DK',
    countryFromWorkspace: false,
    kind: 'customer',
    register: '',
    erased: false,
    fromList: false,
    channels: [
      {
        channel: 'phone',
        current: status ? { channel: 'phone', status, at: '2026-11-20T10:00:00Z', method: 'phone', evidence: '' } : null,
        rule: rule('phone', false, false, 'robinson'),
        reason: status === 'refused' ? 'no_consent' : '',
        basis: status === 'granted' ? 'consent' : status === '' ? 'allowed' : '',
      },
    ],
    history: [],
  }
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.mocked(api.contactConsent).mockReset()
  vi.mocked(api.record).mockReset()
  vi.mocked(api.rules).mockReset()
  localStorage.clear()
})

describe('consent store', () => {
  it('loads a contact and keeps it by id', async () => {
    vi.mocked(api.contactConsent).mockResolvedValue(state('granted'))
    const s = useConsentStore()
    await s.load(7)
    expect(s.byContact[7].channels[0].current?.status).toBe('granted')
    expect(s.loading).toBe(false)
  })

  it('records an answer, remembers who recorded it and shows the new state at once', async () => {
    vi.mocked(api.contactConsent).mockResolvedValueOnce(state('')).mockResolvedValueOnce(state('refused'))
    vi.mocked(api.record).mockResolvedValue([])
    const s = useConsentStore()
    await s.load(7)
    const ev = { channel: 'phone' as const, status: 'refused' as const, at: '2026-11-23T10:00:00Z', method: 'phone' as const, wording: 'May we call?', by: 'Mette' }
    await s.record(7, ev)
    expect(api.record).toHaveBeenCalledWith(7, ev)
    expect(s.byContact[7].channels[0].current?.status).toBe('refused')
    expect(rememberedBy()).toBe('Mette')
  })

  it('passes a refused answer on to the dialog and keeps the old state', async () => {
    vi.mocked(api.contactConsent).mockResolvedValue(state('granted'))
    vi.mocked(api.record).mockRejectedValue(new ApiError('invalid', 'future', 'at', { reason: 'future' }))
    const s = useConsentStore()
    await s.load(7)
    await expect(s.record(7, { channel: 'phone', status: 'granted', at: '2099-01-01T00:00:00Z', method: 'phone', wording: '', by: '' })).rejects.toMatchObject({ field: 'at' })
    expect(s.saving).toBe(false)
    expect(s.byContact[7].channels[0].current?.status).toBe('granted')
    expect(rememberedBy()).toBe('')
  })

  it('loads the rules and reports an error', async () => {
    vi.mocked(api.rules).mockResolvedValueOnce({ country: 'SE', countries: [{ country: 'SE', register: 'nix', rules: [] }] })
    const s = useConsentStore()
    await s.loadRules()
    expect(s.rules?.country).toBe('SE')
    vi.mocked(api.rules).mockRejectedValueOnce(new ApiError('internal', 'boom'))
    await s.loadRules()
    expect(s.error?.code).toBe('internal')
  })
})

describe('consent words', () => {
  it('explains each verdict of the backend in plain words', () => {
    const cc = { country: 'DK', kind: 'customer', register: '' }
    const base = { channel: 'email' as const, current: null, rule: rule('email', true, true) }
    expect(verdictFor({ ...base, reason: '', basis: 'customer' }, cc).key).toBe('consent.verdict.customer')
    expect(verdictFor({ ...base, reason: '', basis: 'consent' }, cc).key).toBe('consent.verdict.yes')
    expect(verdictFor({ ...base, reason: 'no_consent', basis: '' }, { ...cc, kind: 'prospect' }).key).toBe('consent.verdict.needsYesProspect')
    const refused = { ...base, current: { channel: 'email' as const, status: 'refused' as const, at: '', method: 'unsubscribe', evidence: '' } }
    expect(verdictFor({ ...refused, reason: 'no_consent', basis: '' }, cc)).toMatchObject({ key: 'consent.verdict.refused', ok: false })
    const ru = { ...base, rule: rule('email', true) }
    expect(verdictFor({ ...ru, reason: 'no_consent', basis: '' }, { ...cc, country: 'RU' })).toMatchObject({ key: 'consent.verdict.needsYesCountry', params: { country: 'RU' } })
    const post = { channel: 'post' as const, current: null, rule: rule('post', false, false, 'robinson') }
    expect(verdictFor({ ...post, reason: '', basis: 'allowed' }, cc).key).toBe('consent.verdict.allowedRegister')
    expect(verdictFor({ ...post, reason: 'register', basis: '' }, { ...cc, register: 'robinson' })).toMatchObject({ key: 'consent.verdict.register', params: { register: 'robinson' } })
    expect(verdictFor({ ...post, reason: 'licence_used', basis: '' }, cc).key).toBe('consent.verdict.other')
  })

  it('words the country rules', () => {
    expect(ruleKey(rule('email', true, true))).toBe('consent.rules.cell.yesOrCustomer')
    expect(ruleKey(rule('phone', true))).toBe('consent.rules.cell.yes')
    expect(ruleKey(rule('post', false, false, 'nix'))).toBe('consent.rules.cell.unlessRegister')
    expect(ruleKey(rule('post', false))).toBe('consent.rules.cell.unlessNo')
  })

  it('sends the picked time as a UTC timestamp without milliseconds', () => {
    expect(toTimestamp(Date.UTC(2026, 10, 23, 9, 30, 15, 123))).toBe('2026-11-23T09:30:15Z')
  })
})
