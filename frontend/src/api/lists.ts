import * as P from '../../wailsjs/go/app/Privacy'
import { marketing } from '../../wailsjs/go/models'
import { call } from './call'
import type { ExportResult } from './types'

// Bought and rented lists and the whole suppression list (Privacy screen,
// Lists and Suppression tabs).

export type Licence = 'once' | 'repeated'
/** The legal bases the form offers; any other text is kept as written. */
export const LEGAL_BASES = ['legitimate_interest', 'supplier_consent'] as const

/** The terms a bought or rented list came with. */
export interface ListTerms {
  supplier: string
  /** YYYY-MM-DD */
  acquiredOn: string
  licence: Licence | ''
  /** YYYY-MM-DD, "" = no end */
  expiresOn: string
  legalBasis: string
}

export interface SupplierList extends ListTerms {
  id: number
  batchId: number
  kind: 'bought' | 'rented'
  createdAt: string
  /** People from the list still stored. */
  contacts: number
  /** Names of the campaigns that used it. */
  usedBy: string[]
  expired: boolean
  usedUp: boolean
  notWashed: boolean
}

export interface ListContact {
  id: number
  name: string
  email: string
  phone: string
  mobile: string
  postcode: string
  city: string
  country: string
  kind: string
}

export interface ListContactsPage {
  total: number
  items: ListContact[]
}

export type SuppressionKind = 'email' | 'phone'

export interface SuppressionEntry {
  kind: SuppressionKind
  value: string
  reason: string
  source: string
  createdAt: string
}

export interface SuppressionPage {
  total: number
  items: SuppressionEntry[]
  /** Erased people, kept only as a code (never listed). */
  erased: number
}

export function emptyTerms(): ListTerms {
  return { supplier: '', acquiredOn: '', licence: '', expiresOn: '', legalBasis: '' }
}

/** A list's status chip: what stops it being used today, first. */
export function listStatus(l: Pick<SupplierList, 'expired' | 'usedUp' | 'notWashed'>): 'expired' | 'usedUp' | 'notWashed' | 'ready' {
  if (l.expired) return 'expired'
  if (l.usedUp) return 'usedUp'
  if (l.notWashed) return 'notWashed'
  return 'ready'
}

function normalizeList(l: SupplierList): SupplierList {
  return { ...l, usedBy: l.usedBy ?? [], expiresOn: l.expiresOn ?? '', legalBasis: l.legalBasis ?? '' }
}

export async function lists(): Promise<SupplierList[]> {
  const out = (await call(P.Lists())) as unknown as SupplierList[] | null
  return (out ?? []).map(normalizeList)
}

export function saveTerms(id: number, terms: ListTerms): Promise<void> {
  return call(P.SaveListTerms(id, marketing.ListTerms.createFrom(terms)))
}

export async function listContacts(id: number, offset: number, limit: number): Promise<ListContactsPage> {
  const p = (await call(P.ListContacts(id, offset, limit))) as unknown as ListContactsPage
  return { total: p.total ?? 0, items: p.items ?? [] }
}

export async function suppressions(query: string, kind: '' | SuppressionKind, offset: number, limit: number): Promise<SuppressionPage> {
  const p = (await call(P.Suppressions(query, kind, offset, limit))) as unknown as SuppressionPage
  return { total: p.total ?? 0, items: p.items ?? [], erased: p.erased ?? 0 }
}

export async function addSuppression(kind: SuppressionKind, value: string, reason: string, note: string): Promise<SuppressionEntry> {
  return (await call(P.AddSuppression(kind, value, reason, note))) as unknown as SuppressionEntry
}

export function removeSuppression(kind: SuppressionKind, value: string, confirmed: boolean): Promise<void> {
  return call(P.RemoveSuppression(kind, value, confirmed))
}

export async function exportSuppressions(path: string): Promise<ExportResult> {
  return (await call(P.ExportSuppressions(path))) as unknown as ExportResult
}
