import { useI18n } from 'vue-i18n'
import { parseError } from '../../api/errors'
import { useErrorText } from '../../composables/useErrorText'

/** Backup errors name a reason (not_workspace, busy, ...) with its own words; others go the usual way. */
export function useBackupError() {
  const { t, te } = useI18n()
  const errorText = useErrorText()
  return (e: unknown): string => {
    const err = parseError(e)
    const reason = err.details.reason
    if (reason && te(`backup.errors.${reason}`)) return t(`backup.errors.${reason}`)
    return errorText(err)
  }
}
