import { useI18n } from 'vue-i18n'
import { parseError, translateError } from '../../api/errors'
import type { ApiError } from '../../api/errors'
import { CUSTOM_FIELD_PREFIX } from '../../api/types'
import type { ImportProblem } from '../../api/types'

const word = /^[a-zA-Z][a-zA-Z0-9_]*$/

/** Translations for the import screen: fields, row outcomes, problems in rows, and file errors. */
export function useImportText() {
  const { t, te } = useI18n()
  const translator = {
    t: (key: string, named: Record<string, unknown>) => t(key, named),
    te: (key: string) => te(key),
  }

  /** A field key as the user reads it ("custom:Shoe size" is "Shoe size"; "" is "Don't import"). */
  function fieldLabel(key: string): string {
    if (key === '') return t('imports.map.skip')
    if (key.startsWith(CUSTOM_FIELD_PREFIX)) return key.slice(CUSTOM_FIELD_PREFIX.length)
    const k = `imports.fields.${key}`
    return word.test(key) && te(k) ? t(k) : key
  }

  function groupLabel(group: string): string {
    const k = `imports.groups.${group}`
    return word.test(group) && te(k) ? t(k) : group
  }

  function statusLabel(status: string): string {
    const k = `imports.status.${status}`
    return word.test(status) && te(k) ? t(k) : status
  }

  /** A comma-separated list of field keys ("fullName,email") as translated labels. */
  function fieldList(keys: string): string {
    return keys
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean)
      .map(fieldLabel)
      .join(t('imports.or'))
  }

  function params(details: Record<string, string> | undefined, field: string, message: string): Record<string, unknown> {
    const d = details ?? {}
    const out: Record<string, unknown> = { ...d, message, fieldName: fieldLabel(field) }
    if (d.field) out.field = fieldLabel(d.field)
    if (d.fields) out.fields = fieldList(d.fields)
    return out
  }

  /**
   * A problem in a row. With details.reason (which rule failed): the
   * reason's keys only - imports.problemField.<field>.<code>_<reason>, then
   * errors.field.<field>.<code>_<reason>, then imports.problems.<code>_<reason> -
   * as a message for the code alone may say the wrong thing. Without a
   * reason: the same keys without it. Then the backend's (English) message.
   */
  function problemText(p: Pick<ImportProblem, 'field' | 'code' | 'message' | 'details'>, summary = false): string {
    const reason = p.details?.reason ?? ''
    const field = p.field && word.test(p.field) ? p.field : ''
    const keys: string[] = []
    if (word.test(p.code)) {
      const suffix = reason ? (word.test(reason) ? `${p.code}_${reason}` : '') : p.code
      if (suffix) {
        // A summary of many rows has no row's details (such as an example value).
        if (summary && field) keys.push(`imports.problemSummary.${field}.${suffix}`)
        // What to write in the spreadsheet first, then what to type in the app.
        if (field) keys.push(`imports.problemField.${field}.${suffix}`, `errors.field.${field}.${suffix}`)
        keys.push(`imports.problems.${suffix}`)
      }
    }
    const named = params(p.details, p.field, p.message)
    for (const k of keys) if (te(k)) return t(k, named)
    return p.message || t('errors.internal')
  }

  /**
   * An error from reading a file or running an import: a file that cannot be
   * read is explained by imports.errors.<code>_<reason> (what to do about
   * it); errors about the mapping name the fields in the user's language;
   * anything else as everywhere else.
   */
  function errorText(e: unknown): string {
    const err: ApiError = parseError(e)
    const reason = err.details.reason ?? ''
    if (!err.field && word.test(err.code)) {
      const keys = reason && word.test(reason) ? [`imports.errors.${err.code}_${reason}`] : []
      keys.push(`imports.errors.${err.code}`)
      for (const k of keys) if (te(k)) return t(k, params(err.details, '', err.message))
    }
    if (err.field) {
      const keys = reason && word.test(reason) ? [`errors.field.${err.field}.${err.code}_${reason}`] : []
      keys.push(`errors.field.${err.field}.${err.code}`)
      for (const k of keys) if (te(k)) return t(k, params(err.details, err.field, err.message))
    }
    return translateError(err, translator)
  }

  return { fieldLabel, groupLabel, statusLabel, problemText, errorText, fieldList }
}
