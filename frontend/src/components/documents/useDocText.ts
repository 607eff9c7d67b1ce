import { useI18n } from 'vue-i18n'
import { parseError, translateError, type ApiError } from '../../api/errors'
import type { FieldInfo, Gap, TemplateKind } from '../../api/documents'

const word = /^[a-z][a-z0-9_]*$/

/** Template reasons the backend gives for a body it cannot use (details.reason). */
export const bodyReasons = ['unknown_field', 'unclosed_block', 'unexpected_end', 'syntax', 'unknown_segment'] as const

/** A field as written in a template: {{first_name}}. */
export const token = (name: string) => `{{${name}}}`

/**
 * Words for the documents screens: field labels for the insert-field menu
 * and the preflight, problems with recipients, and errors (a template the
 * backend refuses names the field, with a suggestion when it has one).
 */
export function useDocText() {
  const { t, te } = useI18n()

  function fieldKey(name: string): string {
    return `documents.fields.${name.replace(/\./g, '_')}`
  }

  /** "First name" for first_name; a custom field by its own name. */
  function fieldLabel(name: string): string {
    if (name.startsWith('custom.')) return name.slice('custom.'.length).replace(/^"(.*)"$/, '$1')
    const k = fieldKey(name)
    return word.test(name.replace(/\./g, '_')) && te(k) ? t(k) : name
  }

  const infoLabel = (f: FieldInfo) => fieldLabel(f.name)

  function groupLabel(group: string): string {
    const k = `documents.fieldGroups.${group}`
    return word.test(group) && te(k) ? t(k) : group
  }

  /** A preflight finding as a sentence: "23 recipients have no “First name”". */
  function gapText(g: Gap): string {
    const n = g.count
    if (g.kind === 'address') {
      const k = `documents.preflight.gap.${g.key}`
      if (word.test(g.key) && te(k)) return t(k, { n }, n)
      return t('documents.preflight.gap.other', { n, what: g.key }, n)
    }
    if (g.key.startsWith('business.')) return t('documents.preflight.gap.business', { field: fieldLabel(g.key) })
    return t('documents.preflight.gap.field', { n, field: fieldLabel(g.key) }, n)
  }

  /** A preflight warning about the document itself ("business_address_missing"). */
  function warningText(key: string): string {
    const k = `documents.preflight.warnings.${key}`
    return word.test(key) && te(k) ? t(k) : t('documents.preflight.warnings.other', { what: key })
  }

  /** Why a recipient was left out or changed: address_missing -> "no postal address". */
  function problemText(reason: string, kind: TemplateKind = 'letter'): string {
    const keys = [`documents.problems.${reason}_${kind}`, `documents.problems.${reason}`]
    for (const k of keys) if (word.test(reason) && te(k)) return t(k)
    return reason
  }

  /**
   * An error from a documents call. A refused template names the field or
   * tag; a selection without contacts says what to do.
   */
  function errorText(e: unknown): string {
    const err: ApiError = parseError(e)
    const d = err.details
    const reason = d.reason ?? ''
    if (err.field === 'body' && err.code === 'invalid' && (bodyReasons as readonly string[]).includes(reason)) {
      const named = {
        token: token(d.name ?? ''),
        suggestion: d.suggestion ? token(d.suggestion) : '',
        name: d.name ?? '',
        tag: d.tag ? (d.tag.startsWith('{{') ? d.tag : token(d.tag)) : '',
        close: token('/if'),
      }
      if (reason === 'unknown_field' && d.suggestion) return t('documents.errors.unknown_field_suggestion', named)
      return t(`documents.errors.${reason}`, named)
    }
    if (err.field === 'title') return t('documents.errors.title')
    if (err.field === 'image') {
      const k = `documents.errors.image_${err.code}`
      if (word.test(err.code) && te(k)) return t(k, { name: d.name ?? '' })
    }
    if (err.field === 'selection' && word.test(reason) && te(`documents.errors.selection_${reason}`)) return t(`documents.errors.selection_${reason}`)
    if (err.code === 'invalid' && !err.field) {
      // Older backends say these in English only.
      if (err.message.startsWith('The selection has no contacts')) return t('documents.errors.selection_empty')
      if (err.message.startsWith('None of the selected contacts has a postal address')) return t('documents.errors.selection_no_address')
    }
    if (err.code === 'canceled') return t('documents.generate.canceled')
    return translateError(err, { t: (k: string, named: Record<string, unknown>) => t(k, named), te: (k: string) => te(k) })
  }

  return { fieldLabel, infoLabel, groupLabel, gapText, warningText, problemText, errorText }
}
