import { useI18n } from 'vue-i18n'
import { useErrorText } from '../../composables/useErrorText'
import type { ApiError } from '../../api/errors'

/**
 * Words for the Lists and Suppression tabs: errors by what went wrong
 * (privacy.lists.errors.<field>_<reason>, privacy.suppression.errors.<code>_<reason>),
 * else the usual translation of the error.
 */
export function useListText() {
  const { t, te } = useI18n()
  const errorText = useErrorText()
  function error(e: ApiError): string {
    const reason = e.details?.reason ?? ''
    const keys: string[] = []
    if (e.field.startsWith('list.')) keys.push(`privacy.lists.errors.${e.field.slice(5)}_${reason}`)
    keys.push(`privacy.suppression.errors.${e.code}_${reason}`)
    for (const k of keys) if (reason && te(k)) return t(k, { ...e.details })
    return errorText(e)
  }
  /** A suppression reason in plain words. */
  function reason(r: string): string {
    return te(`privacy.suppression.reasons.${r}`) ? t(`privacy.suppression.reasons.${r}`) : r
  }
  /** A legal basis in plain words (a text the user wrote stays as written). */
  function basis(b: string): string {
    return te(`privacy.lists.basis.${b}`) ? t(`privacy.lists.basis.${b}`) : b
  }
  return { error, reason, basis }
}
