import type { Component } from 'vue'
import { useI18n } from 'vue-i18n'
import { BookOutline, CallOutline, ChatbubbleEllipsesOutline, DocumentTextOutline, MailOutline } from '@vicons/ionicons5'
import type { Channel } from '../../../api/campaigns'
import { useErrorText } from '../../../composables/useErrorText'
import { useFormat } from '../../../composables/useFormat'
import { useAppStore } from '../../../stores/app'
import { formatMoney } from '../../../stores/products'
import { localeTags } from '../../../i18n'

export const channelIcons: Record<Channel, Component> = {
  letter: DocumentTextOutline,
  catalog: BookOutline,
  email: MailOutline,
  sms: ChatbubbleEllipsesOutline,
  phone: CallOutline,
}

/** Words and formats shared by the work, responses and Home screens (area "work"). */
export function useWorkText() {
  const { t, te } = useI18n()
  const fmt = useFormat()
  const app = useAppStore()
  const errorText = useErrorText()

  /** A known code translated under prefix, else the text as it came. */
  function known(prefix: string, code: string): string {
    if (!code) return ''
    const key = `${prefix}.${code}`
    return /^[a-z_]+$/.test(code) && te(key) ? t(key) : code
  }

  /** Money in minor units; the workspace's currency when none is given. */
  function money(minor: number, currency = ''): string {
    return formatMoney(minor, currency || app.settings?.currency || '', fmt.lang.value)
  }

  /** A moment (UTC timestamp or local "YYYY-MM-DDTHH:MM") as date and time. */
  function moment(iso: string): string {
    if (!iso) return ''
    if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return fmt.date(iso)
    const d = new Date(iso)
    if (Number.isNaN(d.getTime())) return iso
    return new Intl.DateTimeFormat(localeTags[fmt.lang.value], { dateStyle: 'medium', timeStyle: 'short' }).format(d)
  }

  /** The local day of a moment or a date. */
  function day(iso: string): string {
    if (!iso) return ''
    if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return fmt.date(iso)
    const d = new Date(iso)
    if (Number.isNaN(d.getTime())) return iso
    return new Intl.DateTimeFormat(localeTags[fmt.lang.value], { dateStyle: 'medium' }).format(d)
  }

  return {
    t,
    te,
    fmt,
    errorText,
    money,
    moment,
    day,
    channel: (c: string) => known('work.channels', c),
    reason: (r: string) => known('work.reasons', r),
    state: (s: string) => known('work.states', s),
    outcome: (o: string) => known('work.outcomes', o),
    kind: (k: string) => known('work.kinds', k),
    source: (s: string) => known('work.sources', s),
    fulfil: (k: string) => known('work.fulfil', k),
    group: (g: string) => known('work.groups', g),
    problem: (r: string) => known('work.import.reasons', r),
  }
}
