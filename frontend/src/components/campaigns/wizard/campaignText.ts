import type { Component } from 'vue'
import { useI18n } from 'vue-i18n'
import { AtOutline, BookOutline, CallOutline, ChatbubbleEllipsesOutline, MailOutline } from '@vicons/ionicons5'
import type { CampaignStatus, Channel, Touch } from '../../../api/campaigns'
import { parseError } from '../../../api/errors'
import { localeTags } from '../../../i18n'
import { useFormat } from '../../../composables/useFormat'
import { currencyDigits, formatAmount, formatMoney } from '../../../stores/products'
import { splitPauseReason } from '../../../stores/mailings'
import { campaignErrorText } from '../../../stores/campaigns'

/** An icon per channel, the same on the list, in the wizard and on the campaign page. */
export const channelIcons: Record<Channel, Component> = {
  letter: MailOutline,
  catalog: BookOutline,
  email: AtOutline,
  sms: ChatbubbleEllipsesOutline,
  phone: CallOutline,
}

/** Naive UI tag types per campaign status. */
export const statusTagType: Record<CampaignStatus, 'default' | 'info' | 'success' | 'warning' | 'error' | 'primary'> = {
  draft: 'default',
  scheduled: 'info',
  running: 'primary',
  paused: 'warning',
  finished: 'success',
  archived: 'default',
}

const pauseCodes = ['user', 'password', 'failures', 'auth', 'connection', 'certificate', 'starttls_missing', 'error']

/** Words and numbers shared by the campaign screens (area "campaign"). */
export function useCampaignText() {
  const { t, te } = useI18n()
  const fmt = useFormat()
  const tag = () => localeTags[fmt.lang.value] ?? 'en-GB'
  const translator = {
    t: (key: string, named: Record<string, unknown>) => t(key, named),
    te: (key: string) => te(key),
  }

  /** Money in minor units: "1.234,50 kr." */
  const money = (minor: number, currency: string) => formatMoney(Math.round(minor), currency, fmt.lang.value)

  /**
   * Money as the money fields show it, the amount and the currency code
   * ("20,00 NOK"), for hints that sit next to those fields.
   */
  const moneyCode = (minor: number, currency: string) => `${formatAmount(Math.round(minor), currency, fmt.lang.value)}\u00a0${currency}`.trim()

  /** Money rounded to whole units, for tables and headline figures: "24.600 kr." */
  function moneyWhole(minor: number, currency: string): string {
    const unit = 10 ** currencyDigits(currency)
    try {
      return new Intl.NumberFormat(tag(), { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(Math.round(minor / unit))
    } catch {
      return money(minor, currency)
    }
  }

  /** A rate 0..1 as a percentage: "2,3 %" (one decimal at most, two below 1 %). */
  function percent(rate: number): string {
    const digits = rate > 0 && rate < 0.01 ? 2 : 1
    return new Intl.NumberFormat(tag(), { style: 'percent', maximumFractionDigits: digits }).format(rate)
  }

  /** A short date for timelines: "3 Dec". */
  function shortDate(iso: string): string {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
    if (!m) return ''
    const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
    return new Intl.DateTimeFormat(tag(), { day: 'numeric', month: 'short' }).format(d)
  }

  /** Days after the start in words: "On the day it starts", "14 days after the start". */
  const afterStart = (n: number) => (n === 0 ? t('campaign.timeline.startDay') : t('campaign.timeline.dayLong', { n: fmt.number(n) }, n))

  const people = (n: number) => t('campaign.people', { n: fmt.number(n) }, n)
  const status = (s: CampaignStatus) => t(`campaign.status.${s}`)
  const channel = (c: Channel | string) => (te(`campaign.channel.${c}`) ? t(`campaign.channel.${c}`) : c)

  /** "Touch 2 · Email", or the touch's own name. */
  function touchTitle(tc: Touch, i: number): string {
    const base = t('campaign.touchTitle', { n: i + 1, channel: channel(tc.channel) })
    return tc.name.trim() ? `${base}: ${tc.name.trim()}` : base
  }

  /** Why people were left out, in words. */
  const reason = (r: string) => (/^[a-z_]+$/.test(r) && te(`campaign.reasons.${r}`) ? t(`campaign.reasons.${r}`) : r)

  /** Translates any error, with the campaign's own words for its fields. */
  const errorText = (e: unknown) => campaignErrorText(parseError(e), translator)

  /** Why a campaign is paused: the translated reason and the backend's English detail. */
  function pauseReason(r: string): { code: string; text: string; detail: string } {
    const { code, detail } = splitPauseReason(r)
    if (!code) return { code: '', text: '', detail: '' }
    return { code, text: t(`campaign.pause.${pauseCodes.includes(code) ? code : 'error'}`), detail }
  }

  return { t, te, fmt, money, moneyCode, moneyWhole, percent, shortDate, afterStart, people, status, channel, touchTitle, reason, errorText, pauseReason }
}
