import type { ChannelConsent, ChannelRule, ConsentChannel, ContactConsent } from '../api/consent'

/** A verdict in plain words: an i18n key under consent.verdict with its parameters, and how it looks. */
export interface Verdict {
  key: string
  params: Record<string, string>
  ok: boolean
}

/**
 * What the country rule means for this person on this channel. The
 * backend decides (marketing.Reach, the send checks' own rule); this only
 * picks the words that explain it.
 */
export function verdictFor(ch: ChannelConsent, cc: Pick<ContactConsent, 'country' | 'kind' | 'register'>): Verdict {
  const params: Record<string, string> = { country: cc.country, register: cc.register || ch.rule.register }
  switch (ch.reason) {
    case '':
      if (ch.basis === 'consent') return { key: 'consent.verdict.yes', params, ok: true }
      if (ch.basis === 'customer') return { key: 'consent.verdict.customer', params, ok: true }
      return { key: ch.rule.register ? 'consent.verdict.allowedRegister' : 'consent.verdict.allowed', params, ok: true }
    case 'no_consent':
      if (ch.current?.status === 'refused') return { key: 'consent.verdict.refused', params, ok: false }
      if (ch.rule.needsConsent && !ch.rule.customerException) return { key: 'consent.verdict.needsYesCountry', params, ok: false }
      return { key: 'consent.verdict.needsYesProspect', params, ok: false }
    case 'register':
      return { key: 'consent.verdict.register', params, ok: false }
    case 'suppressed':
      return { key: 'consent.verdict.suppressed', params, ok: false }
    case 'erased':
      return { key: 'consent.verdict.erased', params, ok: false }
  }
  return { key: 'consent.verdict.other', params: { ...params, reason: ch.reason }, ok: false }
}

/** How a country's rule for a channel reads in the Rules tab (a key under consent.rules.cell). */
export function ruleKey(r: ChannelRule): string {
  if (r.needsConsent) return r.customerException ? 'consent.rules.cell.yesOrCustomer' : 'consent.rules.cell.yes'
  return r.register ? 'consent.rules.cell.unlessRegister' : 'consent.rules.cell.unlessNo'
}

/** The date-time a datetime picker value stands for, as the backend's UTC timestamp. */
export function toTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

const BY_KEY = 'directdesk.consent.by'

/** The name the user recorded consent under last time (on this machine). */
export function rememberedBy(): string {
  try {
    return localStorage.getItem(BY_KEY) ?? ''
  } catch {
    return ''
  }
}

export function rememberBy(name: string) {
  try {
    if (name.trim()) localStorage.setItem(BY_KEY, name.trim())
  } catch {
    // private mode: nothing remembered, nothing lost
  }
}

/** The channels in the order the panel shows them. */
export const CHANNEL_ORDER: ConsentChannel[] = ['post', 'email', 'sms', 'phone']
