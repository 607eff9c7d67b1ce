import { useI18n } from 'vue-i18n'
import { localeTags } from '../../i18n'
import { parseError, translateError, type ApiError } from '../../api/errors'
import type { SegmentField, SegmentNode } from '../../api/types'
import { CUSTOM_FIELD_PREFIX } from '../../api/types'
import { useFormat } from '../../composables/useFormat'
import { useAppStore } from '../../stores/app'
import { useSegmentsStore } from '../../stores/segments'
import { valueEditor, type GroupMode } from '../../stores/segmentTree'

const word = /^[a-zA-Z][a-zA-Z0-9_]*$/

/** Where a field is offered in the field list; unknown fields go by kind. */
const fieldGroups: Record<string, string> = {
  age: 'person',
  birthday: 'person',
  gender: 'person',
  language: 'person',
  region: 'address',
  postcode: 'address',
  city: 'address',
  country: 'address',
  hasAddress: 'address',
  jobTitle: 'work',
  company: 'work',
  kind: 'customer',
  customerSince: 'customer',
  origin: 'customer',
  source: 'customer',
  tag: 'customer',
  hasEmail: 'reach',
  hasMobile: 'reach',
  hasPhone: 'reach',
  consentEmail: 'reach',
  consentSms: 'reach',
  consentPost: 'reach',
  consentPhone: 'reach',
}
export const fieldGroupOrder = ['person', 'address', 'work', 'customer', 'reach', 'purchases', 'custom', 'other'] as const

/**
 * Words for the segment screen: field and operator labels, values as the
 * user reads them, whole conditions as plain sentences ("Age is between 30
 * and 45"), and errors from the segment calls.
 */
export function useSegmentText() {
  const { t, te } = useI18n()
  const fmt = useFormat()
  const store = useSegmentsStore()
  const app = useAppStore()
  const tag = () => localeTags[fmt.lang.value] ?? 'en-GB'

  function fieldLabel(name: string): string {
    if (name.startsWith(CUSTOM_FIELD_PREFIX)) return name.slice(CUSTOM_FIELD_PREFIX.length)
    const k = `segments.fields.${name}`
    return word.test(name) && te(k) ? t(k) : name
  }

  function fieldGroup(f: SegmentField): string {
    if (fieldGroups[f.name]) return fieldGroups[f.name]
    if (f.name.startsWith(CUSTOM_FIELD_PREFIX) || f.kind === 'custom') return 'custom'
    if (['number', 'money', 'score', 'list'].includes(f.kind)) return 'purchases'
    if (f.name.startsWith('rfm') || ['lastOrder', 'firstOrder', 'valueTier', 'lifecycle'].includes(f.name)) return 'purchases'
    return 'other'
  }

  function opLabel(kind: string, op: string): string {
    for (const k of [`segments.ops.${kind}.${op}`, `segments.ops.${op}`]) {
      if (word.test(op) && te(k)) return t(k)
    }
    return op
  }

  /** The operator inside a sentence: "Region is Hovedstaden" (ru: "Регион — Москва" where the list says "равно"). */
  function sayLabel(kind: string, op: string): string {
    const k = `segments.sayOps.${op}`
    return word.test(op) && te(k) ? t(k) : opLabel(kind, op)
  }

  function modeLabel(mode: GroupMode): string {
    return t(`segments.group.modes.${mode}`)
  }

  function enumLabel(field: string, value: string): string {
    const keys =
      field === 'gender'
        ? [`gender.${value}`]
        : field === 'kind'
          ? [`kind.${value}`]
          : field.startsWith('consent')
            ? [`segments.consent.${value}`]
            : [`segments.enum.${field}.${value}`]
    for (const k of keys) if (word.test(value) && te(k)) return t(k)
    return value
  }

  function monthName(m: number, style: 'long' | 'short' = 'long'): string {
    const d = new Date(2000, m - 1, 1)
    return new Intl.DateTimeFormat(tag(), { month: style }).format(d)
  }

  function money(v: string): string {
    const n = Number(v)
    const currency = app.settings?.currency
    if (!Number.isFinite(n)) return v
    if (!currency) return fmt.number(n)
    try {
      return new Intl.NumberFormat(tag(), { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(n)
    } catch {
      return `${fmt.number(n)} ${currency}`
    }
  }

  /** One value as the user reads it: a translated choice, a name as typed, a date, a month. */
  function valueText(field: string, kind: string, op: string, value: string): string {
    switch (kind) {
      case 'enum':
        return enumLabel(field, value)
      case 'birthday':
        return op === 'inMonth' ? monthName(Number(value)) : value
      case 'date':
        return op === 'withinDays' || op === 'notWithinDays' ? value : fmt.date(value)
      case 'flag':
        return value === 'true' ? t('segments.editor.yes') : t('segments.editor.no')
      case 'money':
        return money(value)
      case 'number':
      case 'age':
        return /^\d+$/.test(value) ? fmt.number(Number(value)) : value
    }
    if (field === 'country') return fmt.country(value)
    if (field === 'language') return fmt.language(value)
    if (field === 'source' && word.test(value) && te(`source.${value}`)) return t(`source.${value}`)
    return store.valueLabel(field, value)
  }

  /** "A, B or C" (disjunction) or "A, B and C" in the UI language. */
  function listText(items: string[], type: 'conjunction' | 'disjunction' = 'disjunction'): string {
    try {
      return new Intl.ListFormat(tag(), { style: 'long', type }).format(items)
    } catch {
      return items.join(', ')
    }
  }

  const quote = (s: string) => t('segments.say.quoted', { text: s })

  /** A condition as a sentence: "Age is between 30 and 45", "Region is Hovedstaden or Sjælland". */
  function describe(n: SegmentNode, fieldInfo?: SegmentField): string {
    const field = n.field ?? ''
    const f = fieldInfo ?? store.fieldMap.get(field)
    const kind = f?.kind ?? ''
    const op = n.op ?? ''
    const values = n.values ?? []
    const label = fieldLabel(field)
    const editor = f ? valueEditor(kind, op) : 'unknown'
    const text = (v: string) => valueText(field, kind, op, v)
    let rest = ''
    if (editor === 'flag') return t('segments.say.flag', { field: label, value: text(values[0] ?? 'true') })
    if (editor === 'unknown') {
      rest = [opLabel(kind, op), values.join(', ')].filter(Boolean).join(' ')
    } else if (editor === 'none') {
      rest = opLabel(kind, op)
    } else if (editor === 'numberRange' || editor === 'dateRange') {
      rest = `${opLabel(kind, op)} ${t('segments.say.range', { a: text(values[0] ?? ''), b: text(values[1] ?? '') })}`
    } else if (editor === 'days') {
      const d = Number(values[0] ?? 0)
      rest = `${opLabel(kind, op)} ${t('segments.say.days', { n: fmt.number(d) }, d)}`
    } else if (editor === 'text') {
      rest = `${opLabel(kind, op)} ${listText(values.map(quote))}`
    } else {
      rest = `${sayLabel(kind, op)} ${listText(values.map(text), op === 'allOf' ? 'conjunction' : 'disjunction')}`
    }
    let sentence = t('segments.say.condition', { field: label, rest })
    if (n.asOf) sentence += ' ' + t('segments.say.asOf', { date: fmt.date(n.asOf) })
    if (n.days && n.days > 0) sentence += ' ' + t('segments.say.inLastDays', { n: fmt.number(n.days) }, n.days)
    return sentence
  }

  /**
   * An error from a segment call: the name of a segment by the segment's own
   * words; a condition's error names the condition's field ({label}).
   */
  function errorText(e: unknown): string {
    const err: ApiError = parseError(e)
    const translator = {
      t: (key: string, named: Record<string, unknown>) => t(key, named),
      te: (key: string) => te(key),
    }
    const reason = err.details.reason ?? ''
    if (err.field === 'name' && word.test(err.code)) {
      const keys = [...(reason && word.test(reason) ? [`segments.errors.name_${err.code}_${reason}`] : []), `segments.errors.name_${err.code}`]
      for (const k of keys) if (te(k)) return t(k, { ...err.details, message: err.message })
    }
    if (err.field === 'filter' && err.details.field) {
      const n = Number(err.details.n ?? 0)
      const named = { ...err.details, label: fieldLabel(err.details.field), message: err.message }
      const keys = [...(reason && word.test(reason) ? [`errors.field.filter.${err.code}_${reason}`] : []), `errors.field.filter.${err.code}`]
      for (const k of keys) if (te(k)) return t(k, named, n)
    }
    if (err.field === 'filter' && reason === 'incomplete') {
      const n = Number(err.details.n ?? 1)
      return t('errors.field.filter.invalid_incomplete', { n }, n)
    }
    return translateError(err, translator)
  }

  return { fieldLabel, fieldGroup, opLabel, modeLabel, enumLabel, monthName, valueText, listText, describe, errorText, money }
}
