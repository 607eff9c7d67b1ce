import { useI18n } from 'vue-i18n'
import { ApiError, parseError, translateError } from '../../api/errors'
import type { EmailWarning } from '../../api/email'
import { sizeOf } from '../../stores/email'
import { useFormat } from '../../composables/useFormat'
import { bodyReasons, token, useDocText } from '../documents/useDocText'

const word = /^[a-z][a-z0-9_]*$/
/** A field name as the backend writes it (testTo, fromEmail). */
const fieldWord = /^[a-z][A-Za-z0-9_]*$/

/**
 * Words for the email composer: block names, preflight findings (skip
 * reasons and warnings by code), message sizes and errors (a refused
 * email names the field, block or attachment; a failed test send says why).
 */
export function useComposeText() {
  const { t, te } = useI18n()
  const fmt = useFormat()
  const doc = useDocText()

  const known = (k: string) => te(k)

  function size(bytes: number): string {
    const s = sizeOf(bytes)
    const n = s.unit === 'mb' ? new Intl.NumberFormat(fmt.lang.value, { maximumFractionDigits: 1 }).format(s.n) : fmt.number(s.n)
    return t(`email.size.${s.unit}`, { n })
  }

  /** "3 have no email address" for a skip reason. */
  function skippedText(reason: string, n: number): string {
    const k = `email.preflight.skipped.${reason}`
    if (word.test(reason) && known(k)) return t(k, { n: fmt.number(n) }, n)
    return t('email.preflight.skipped.other', { n: fmt.number(n), reason }, n)
  }

  /** A preflight warning about the email or the account, by code with its parameters. */
  function warningText(w: EmailWarning): string {
    const p = w.params ?? {}
    const k = `email.preflight.warnings.${w.code}`
    if (!word.test(w.code) || !known(k)) return t('email.preflight.warnings.other', { code: w.code })
    const num = (s: string | undefined) => {
      const n = Number(s)
      return Number.isFinite(n) ? fmt.number(n) : (s ?? '')
    }
    switch (w.code) {
      case 'too_large':
        return t(k, { kb: num(p.kb) })
      case 'password_missing':
        return t(k, { account: p.account ?? '' })
      case 'rate_limit_days': {
        const days = Number(p.days)
        return t(k, { days: num(p.days), perDay: num(p.perDay) }, Number.isFinite(days) ? days : 2)
      }
    }
    return t(k, p)
  }

  /** Warnings whose fix is under Settings. */
  const settingsWarnings = new Set(['unsubscribe_missing', 'sender_identification_missing', 'no_account', 'password_missing', 'rate_limit_days'])

  const blockName = (kind: string) => (word.test(kind) && known(`email.blocks.kinds.${kind}`) ? t(`email.blocks.kinds.${kind}`) : kind)

  /** An error of the composer's calls, as a sentence for the user. */
  function errorText(e: unknown): string {
    const err: ApiError = parseError(e)
    const d = err.details
    const reason = d.reason ?? ''
    // A field or segment that does not exist: said of the email, not a letter.
    if (['subject', 'preheader', 'body'].includes(err.field) && err.code === 'invalid') {
      const named = { token: token(d.name ?? ''), suggestion: d.suggestion ? token(d.suggestion) : '', name: d.name ?? '' }
      if (reason === 'unknown_field' && d.suggestion) return t('email.errors.body.unknown_field_suggestion', named)
      if (reason === 'unknown_field' || reason === 'unknown_segment') return t(`email.errors.body.${reason}`, named)
    }
    // Other template syntax in the subject or preheader: the same words as in a letter.
    if ((err.field === 'subject' || err.field === 'preheader') && (bodyReasons as readonly string[]).includes(reason)) {
      return doc.errorText(new ApiError(err.code, err.message, 'body', d, err.row))
    }
    if (err.field === 'body' && err.code === 'too_large') return t('email.errors.too_long')
    if (err.field === 'body') return doc.errorText(err)
    if (err.field === 'title') return t('email.errors.title')
    const params = { ...d, n: d.block ?? '', message: err.message }
    const keys: string[] = []
    if (err.field && fieldWord.test(err.field)) {
      if (word.test(reason)) keys.push(`email.errors.${err.field}.${reason}`)
      keys.push(`email.errors.${err.field}.${err.code}`)
    }
    if (word.test(reason)) keys.push(`email.errors.reasons.${reason}`)
    for (const k of keys) if (known(k)) return t(k, params)
    if (err.field === 'selection') return doc.errorText(err)
    if (err.code === 'canceled') return t('email.send.canceled')
    // A refusal this screen has no words for yet: the backend's own sentence says more than "not valid".
    if (err.code === 'invalid' && err.field && err.message) return err.message
    return translateError(err, { t: (k: string, named: Record<string, unknown>) => t(k, named), te: (k: string) => te(k) })
  }

  /** The field a refused save suggests instead of an unknown one ({{frist_name}} → {{first_name}}), or null. */
  function suggestion(e: ApiError | null): { from: string; to: string } | null {
    const d = e?.details
    return e && e.code === 'invalid' && d?.reason === 'unknown_field' && d.name && d.suggestion ? { from: d.name, to: d.suggestion } : null
  }

  return { suggestion, size, skippedText, warningText, settingsWarnings, blockName, errorText, fieldLabel: doc.fieldLabel, gapText: doc.gapText }
}
