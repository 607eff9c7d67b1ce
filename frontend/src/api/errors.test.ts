import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { ApiError, errorKeys, parseError, translateError, type Translator } from './errors'
import en from '../i18n/locales/en.json'
import da from '../i18n/locales/da.json'

describe('parseError', () => {
  it('parses the JSON text a bound method rejects with', () => {
    const e = parseError(
      '{"code":"invalid","message":"This postcode does not look right.","field":"postcode","row":3,"details":{"example":"2100","digits":4}}',
    )
    expect(e).toBeInstanceOf(ApiError)
    expect(e.code).toBe('invalid')
    expect(e.message).toBe('This postcode does not look right.')
    expect(e.field).toBe('postcode')
    expect(e.row).toBe(3)
    expect(e.details).toEqual({ example: '2100', digits: '4' })
  })

  it('fills in what the backend left out', () => {
    const e = parseError('{"code":"conflict","message":"Changed elsewhere."}')
    expect(e.code).toBe('conflict')
    expect(e.field).toBe('')
    expect(e.details).toEqual({})
  })

  it('treats plain text as an internal error with that text', () => {
    const e = parseError('connection refused')
    expect(e.code).toBe('internal')
    expect(e.message).toBe('connection refused')
  })

  it('treats broken JSON as text', () => {
    const e = parseError('{"code": "inval')
    expect(e.code).toBe('internal')
    expect(e.message).toBe('{"code": "inval')
  })

  it('unwraps Errors, including ones carrying the JSON text', () => {
    expect(parseError(new Error('boom'))).toMatchObject({ code: 'internal', message: 'boom' })
    expect(parseError(new Error('{"code":"locked","message":"Open elsewhere."}'))).toMatchObject({ code: 'locked', message: 'Open elsewhere.' })
  })

  it('accepts an already parsed object and returns ApiErrors unchanged', () => {
    expect(parseError({ code: 'not_found', message: 'Gone.' })).toMatchObject({ code: 'not_found', message: 'Gone.' })
    const a = new ApiError('canceled', 'Stopped.')
    expect(parseError(a)).toBe(a)
  })

  it('keeps a code it does not know, so the message is shown', () => {
    const e = parseError('{"code":"brand_new","message":"Something new."}')
    expect(e.code).toBe('brand_new')
  })

  it('handles nothing at all', () => {
    expect(parseError(undefined).code).toBe('internal')
    expect(parseError(null).code).toBe('internal')
  })
})

describe('translateError', () => {
  function fake(keys: Record<string, string>): Translator {
    return {
      te: (k) => k in keys,
      t: (k, named) => keys[k].replace(/\{(\w+)\}/g, (_, n: string) => String(named[n] ?? '')),
    }
  }

  it('tries the field key, then the code key', () => {
    expect(errorKeys(new ApiError('invalid', 'x', 'email'))).toEqual(['errors.field.email.invalid', 'errors.invalid'])
    expect(errorKeys(new ApiError('conflict', 'x'))).toEqual(['errors.conflict'])
  })

  it('tries a reason-specific key first when the details name a reason', () => {
    const future = new ApiError('invalid', 'x', 'birthDate', { reason: 'future' })
    expect(errorKeys(future)).toEqual(['errors.field.birthDate.invalid_future', 'errors.field.birthDate.invalid', 'errors.invalid'])
    // A reason alone (no field) or an odd reason adds nothing.
    expect(errorKeys(new ApiError('invalid', 'x', '', { reason: 'future' }))).toEqual(['errors.invalid'])
    expect(errorKeys(new ApiError('invalid', 'x', 'birthDate', { reason: '../x' }))).toEqual(['errors.field.birthDate.invalid', 'errors.invalid'])
  })

  it('falls back to the field key when the reason has no translation', () => {
    const tr = fake({ 'errors.field.birthDate.invalid': 'Check the birth date' })
    expect(translateError(new ApiError('invalid', 'x', 'birthDate', { reason: 'brand_new' }), tr)).toBe('Check the birth date')
  })

  it('prefers the field translation, with details as parameters', () => {
    const tr = fake({ 'errors.field.postcode.invalid': 'Postcode like {example}', 'errors.invalid': 'Invalid' })
    expect(translateError(new ApiError('invalid', 'English', 'postcode', { example: '2100' }), tr)).toBe('Postcode like 2100')
  })

  it('falls back to the code translation', () => {
    const tr = fake({ 'errors.invalid': 'Invalid' })
    expect(translateError(new ApiError('invalid', 'English', 'sort'), tr)).toBe('Invalid')
  })

  it('falls back to the backend message last', () => {
    expect(translateError(new ApiError('brand_new', 'The English message.'), fake({}))).toBe('The English message.')
  })

  it('works with the real messages', () => {
    const i18n = createI18n({ legacy: false, locale: 'da', fallbackLocale: 'en', messages: { en, da } })
    const tr: Translator = { t: (k, p) => i18n.global.t(k, p), te: (k) => i18n.global.te(k) }
    const email = parseError('{"code":"invalid","message":"This is not a valid email address.","field":"email"}')
    expect(translateError(email, tr)).toBe('Det er ikke en gyldig e-mailadresse. Den skal se ud som navn@eksempel.dk.')
    const pc = parseError('{"code":"invalid","message":"x","field":"business.postcode","details":{"example":"114 55"}}')
    expect(translateError(pc, tr)).toContain('114 55')
    const dup = parseError('{"code":"conflict","message":"x","field":"email"}')
    expect(translateError(dup, tr)).toContain('En anden kontakt har allerede denne e-mailadresse')
    const stale = parseError('{"code":"conflict","message":"x"}')
    expect(translateError(stale, tr)).toBe(i18n.global.t('errors.conflict'))
    i18n.global.locale.value = 'en'
    expect(translateError(parseError('{"code":"invalid","message":"x","field":"birthDate"}'), tr)).toMatch(/birth date/)
    const date = (field: string, reason: string) =>
      translateError(parseError(`{"code":"invalid","message":"x","field":"${field}","details":{"reason":"${reason}"}}`), tr)
    expect(date('birthDate', 'future')).toBe('The birth date cannot be in the future. Check the year.')
    expect(date('birthDate', 'too_old')).toBe('The birth date is more than 120 years ago. Check the year.')
    expect(date('birthDate', 'format')).toBe('This is not a date. Pick the birth date in the calendar.')
    expect(date('customerSince', 'future')).toMatch(/customer since/)
    expect(date('customerSince', 'format')).toMatch(/not a date/)
    i18n.global.locale.value = 'da'
    expect(date('birthDate', 'future')).toBe('Fødselsdatoen kan ikke ligge i fremtiden. Tjek årstallet.')
  })
})
