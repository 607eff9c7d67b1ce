import { useI18n } from 'vue-i18n'

/** A preflight's reason for leaving someone out, in plain words ("On the Robinson list"). */
export function usePrivacyReasons() {
  const { t, te } = useI18n()
  const word = /^[a-z_]+$/
  function label(reason: string, detail = ''): string {
    if (reason === 'register' && word.test(detail) && te(`privacy.registers.names.${detail}`)) {
      return t('privacy.reasons.registerNamed', { register: t(`privacy.registers.names.${detail}`) })
    }
    if ((reason === 'licence_used' || reason === 'licence_expired') && detail) {
      return t(`privacy.reasons.${reason}Named`, { supplier: detail })
    }
    if (word.test(reason) && te(`privacy.reasons.${reason}`)) return t(`privacy.reasons.${reason}`)
    if (word.test(reason) && te(`campaign.reasons.${reason}`)) return t(`campaign.reasons.${reason}`)
    return reason
  }
  function help(reason: string): string {
    return word.test(reason) && te(`privacy.reasonHelp.${reason}`) ? t(`privacy.reasonHelp.${reason}`) : ''
  }
  return { label, help }
}
