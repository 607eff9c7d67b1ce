import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'

vi.mock('../../api/events', () => ({ onEvent: vi.fn(() => () => {}) }))

import { ApiError } from '../../api/errors'
import { i18n, setLanguage } from '../../i18n'
import { useComposeText } from './useComposeText'

/** The composable inside a component with the app's i18n, in a language. */
function words(lang: 'en' | 'ru' | 'da' = 'en') {
  setLanguage(lang)
  let out: ReturnType<typeof useComposeText> | null = null
  mount(defineComponent({ setup: () => ((out = useComposeText()), () => h('div')) }), { global: { plugins: [i18n] } })
  return out!
}

describe('useComposeText', () => {
  it('puts errors in the words of the field, block or reason they name', () => {
    const w = words()
    expect(w.errorText(new ApiError('invalid', 'x', 'subject', { reason: 'required' }))).toBe('Write a subject: it is the first thing people see.')
    expect(w.errorText(new ApiError('invalid', 'x', 'blocks', { reason: 'button_url', block: '2' }))).toBe('The button needs a web address starting with https://')
    expect(w.errorText(new ApiError('invalid', 'x', 'attachments', { reason: 'attachment_missing' }))).toContain('no longer exists')
    expect(w.errorText(new ApiError('invalid', 'x', 'password', { reason: 'password_missing', account: 'Shop' }))).toContain('“Shop”')
    expect(w.errorText(new ApiError('invalid', 'x', 'testTo', { reason: 'rejected', detail: '550 no such user' }))).toBe('The mail server did not accept the test message: 550 no such user')
    expect(w.errorText(new ApiError('invalid', 'x', 'smtp', { reason: 'auth' }))).toContain('app password')
    expect(w.errorText(new ApiError('invalid', 'x', 'selection', { reason: 'nobody' }))).toContain('Nobody in this selection')
    // A field unknown in the subject or a block: said of the email, with the suggestion to fix it.
    const unknown = new ApiError('invalid', 'x', 'subject', { reason: 'unknown_field', name: 'frist_name', suggestion: 'first_name' })
    expect(w.errorText(unknown)).toBe('The email uses a field that does not exist: {{frist_name}}. Did you mean {{first_name}}?')
    expect(w.suggestion(unknown)).toEqual({ from: 'frist_name', to: 'first_name' })
    expect(w.suggestion(new ApiError('invalid', 'x', 'body', { reason: 'unknown_field', name: 'zzz' }))).toBe(null)
    expect(w.errorText(new ApiError('invalid', 'x', 'body', { reason: 'unclosed_block' }))).toContain('{{/if}}')
    // Nothing known: the backend's own words.
    expect(w.errorText(new ApiError('invalid', 'Something new.', 'whatever', { reason: 'brand_new' }))).toBe('Something new.')
  })

  it('says why recipients are skipped and what the warnings mean, with counts', () => {
    const w = words()
    expect(w.skippedText('no_email', 1)).toBe('1 has no email address')
    expect(w.skippedText('suppressed', 12)).toBe('12 unsubscribed or bounced before')
    expect(w.skippedText('later_reason', 3)).toBe('3 left out (later_reason)')
    expect(w.warningText({ code: 'too_large', params: { kb: '140' } })).toContain('140 KB')
    expect(w.warningText({ code: 'rate_limit_days', params: { days: '3', perDay: '500' } })).toBe('With your provider’s limit of 500 a day, sending takes about 3 days.')
    expect(w.warningText({ code: 'password_missing', params: { account: 'Shop' } })).toContain('“Shop”')
    expect(w.warningText({ code: 'new_code', params: {} })).toBe('Check this before sending: new_code')
    expect(w.size(20480)).toBe('20 KB')
  })

  it('uses Russian plural forms', () => {
    const w = words('ru')
    expect(w.skippedText('no_email', 1)).toBe('1 контакт без адреса эл. почты')
    expect(w.skippedText('no_email', 3)).toBe('3 контакта без адреса эл. почты')
    expect(w.skippedText('no_email', 5)).toBe('5 контактов без адреса эл. почты')
    setLanguage('en')
  })
})
