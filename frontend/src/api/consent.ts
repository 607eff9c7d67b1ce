import * as C from '../../wailsjs/go/app/Contacts'
import * as P from '../../wailsjs/go/app/Privacy'
import { marketing } from '../../wailsjs/go/models'
import { call } from './call'

export type ConsentChannel = 'post' | 'email' | 'sms' | 'phone'
export type ConsentStatus = 'granted' | 'refused'
/** How a consent answer recorded by hand was given (marketing.ConsentMethods). */
export const HAND_METHODS = ['phone', 'written', 'form', 'in_person', 'manual'] as const
export type HandMethod = (typeof HAND_METHODS)[number]
export const CONSENT_CHANNELS: ConsentChannel[] = ['post', 'email', 'sms', 'phone']

/** The answer that stands for one channel, with its evidence. */
export interface Consent {
  channel: ConsentChannel
  status: ConsentStatus
  at: string
  method: string
  evidence: string
}

/** One recorded answer of the append-only history. */
export interface ConsentEvent {
  id: number
  contactId: number
  channel: ConsentChannel
  status: ConsentStatus
  at: string
  recordedAt: string
  method: string
  source: string
  wording: string
  by: string
}

export interface ChannelRule {
  channel: ConsentChannel
  needsConsent: boolean
  customerException: boolean
  register: string
}

/** One channel as the consent panel shows it. reason "" = may be contacted (basis says why). */
export interface ChannelConsent {
  channel: ConsentChannel
  current: Consent | null
  rule: ChannelRule
  reason: string
  basis: '' | 'consent' | 'customer' | 'allowed'
}

export interface ContactConsent {
  contactId: number
  country: string
  countryFromWorkspace: boolean
  kind: string
  register: string
  erased: boolean
  fromList: boolean
  channels: ChannelConsent[]
  history: ConsentEvent[]
}

export interface CountryRules {
  country: string
  register: string
  rules: ChannelRule[]
}

export interface RulesInfo {
  country: string
  countries: CountryRules[]
}

/** What the record-consent dialog sends. */
export interface NewConsent {
  channel: ConsentChannel
  status: ConsentStatus
  at: string
  method: HandMethod
  wording: string
  by: string
  source?: string
}

export async function contactConsent(contactId: number): Promise<ContactConsent> {
  const c = (await call(C.Consent(contactId))) as unknown as ContactConsent
  return { ...c, channels: c.channels ?? [], history: c.history ?? [] }
}

export async function history(contactId: number): Promise<ConsentEvent[]> {
  return ((await call(C.ConsentHistory(contactId))) ?? []) as unknown as ConsentEvent[]
}

/** Records an answer; resolves to the answers that stand now. */
export async function record(contactId: number, ev: NewConsent): Promise<Consent[]> {
  const payload = marketing.ConsentEvent.createFrom({ id: 0, contactId, recordedAt: '', source: '', ...ev })
  return ((await call(C.RecordConsent(contactId, payload))) ?? []) as unknown as Consent[]
}

export async function rules(): Promise<RulesInfo> {
  const r = (await call(P.Rules())) as unknown as RulesInfo
  return { country: r.country ?? '', countries: r.countries ?? [] }
}
