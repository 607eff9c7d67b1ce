import { useI18n } from 'vue-i18n'
import type { MailingStatus } from '../../api/email'
import { localeTags } from '../../i18n'
import { useErrorText } from '../../composables/useErrorText'
import { useFormat } from '../../composables/useFormat'
import { pauseCodes, splitPauseReason } from '../../stores/mailings'

/** Words shared by the send tracking, inbox and account screens (area "mailing"). */
export function useMailingText() {
  const { t, te } = useI18n()
  const fmt = useFormat()
  const errorText = useErrorText()

  /** A moment: the time only when it is today, else date and time. */
  function when(iso: string): string {
    if (!iso) return ''
    const d = new Date(iso)
    if (Number.isNaN(d.getTime())) return iso
    const now = new Date()
    const sameDay = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate()
    if (!sameDay) return fmt.dateTime(iso)
    return new Intl.DateTimeFormat(localeTags[fmt.lang.value], { timeStyle: 'short' }).format(d)
  }

  /** The local calendar day of a moment, e.g. 2. dec. 2026. */
  function day(iso: string): string {
    if (!iso) return ''
    const d = new Date(iso)
    if (Number.isNaN(d.getTime())) return iso
    return new Intl.DateTimeFormat(localeTags[fmt.lang.value], { dateStyle: 'medium' }).format(d)
  }

  /** "12 messages per minute", or "" when nothing was sent lately. */
  function rate(perMinute: number): string {
    if (!perMinute || perMinute <= 0) return ''
    const n = perMinute >= 10 ? Math.round(perMinute) : Math.round(perMinute * 10) / 10
    return t('mailing.detail.rate', { n: fmt.number(n) }, n === 1 ? 1 : 2)
  }

  /** Time left in plain words ("about 25 minutes left"). */
  function eta(seconds: number): string {
    if (seconds < 0) return t('mailing.detail.etaUnknown')
    if (seconds < 60) return t('mailing.detail.etaSoon')
    if (seconds < 3600) {
      const n = Math.ceil(seconds / 60)
      return t('mailing.detail.etaMinutes', { n: fmt.number(n) }, n)
    }
    if (seconds < 48 * 3600) {
      const h = Math.floor(seconds / 3600)
      const m = Math.round((seconds % 3600) / 60)
      return t('mailing.detail.etaHours', { h: fmt.number(h), m: fmt.number(m) })
    }
    const n = Math.round(seconds / 86400)
    return t('mailing.detail.etaDays', { n: fmt.number(n) }, n)
  }

  /** What a sending mailing waits for, in words ("" when it does not wait). */
  function waiting(st: MailingStatus): string {
    const w = st.waiting
    if (!w) return ''
    if (w === 'password') return t('mailing.detail.waiting.password', { account: st.account })
    if (w !== 'rate_limit' && w !== 'retry' && w !== 'reconnect') return ''
    const at = st.waitUntil && new Date(st.waitUntil).getTime() > Date.now() ? when(st.waitUntil) : ''
    return at ? t(`mailing.detail.waiting.${w}`, { time: at }) : t(`mailing.detail.waiting.${w}Now`)
  }

  /** Why a mailing is paused: the translated reason and the backend's English detail. */
  function pauseReason(reason: string): { code: string; text: string; detail: string } {
    const { code, detail } = splitPauseReason(reason)
    if (!code) return { code: '', text: '', detail: '' }
    const known = (pauseCodes as readonly string[]).includes(code)
    return { code, text: t(`mailing.detail.pause.${known ? code : 'error'}`), detail }
  }

  /** A recipient's skip reason translated, or the server's reply as it came. */
  function reason(r: string): string {
    if (!r) return ''
    const key = `mailing.reasons.${r}`
    return /^[a-z_]+$/.test(r) && te(key) ? t(key) : r
  }

  return { t, te, fmt, errorText, when, day, rate, eta, waiting, pauseReason, reason }
}

/** Naive UI tag types per outbox state. */
export const stateTagType: Record<string, 'default' | 'info' | 'success' | 'warning' | 'error'> = {
  queued: 'default',
  sending: 'info',
  sent: 'success',
  soft_failed: 'warning',
  hard_failed: 'error',
  skipped: 'default',
  unknown: 'warning',
  cancelled: 'default',
  bounced: 'error',
}

/** Naive UI tag types per mailing status. */
export const statusTagType: Record<string, 'default' | 'info' | 'success' | 'warning' | 'error'> = {
  draft: 'default',
  scheduled: 'info',
  running: 'info',
  paused: 'warning',
  finished: 'success',
  archived: 'default',
}
