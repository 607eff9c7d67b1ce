import * as P from '../../wailsjs/go/app/Privacy'
import { app } from '../../wailsjs/go/models'
import { call } from './call'

// Do-not-contact registers and the "see who" lists of every preflight
// (Privacy screen, Registers tab; campaign, email, print and SMS preflights).

export type RegisterName = 'robinson' | 'nix' | 'reservasjon'
export const REGISTERS: RegisterName[] = ['robinson', 'nix', 'reservasjon']

export interface RegisterStatus {
  register: RegisterName
  country: string
  imported: boolean
  fileName: string
  /** YYYY-MM-DD: the day the register made the file. */
  listDate: string
  importedAt: string
  entries: number
  /** Stored contacts on the register now. */
  matches: number
  refreshDays: number
  stale: boolean
  ageDays: number
}

export interface RegisterPreview {
  register: RegisterName
  fileName: string
  columns: string[]
  headers: string[]
  rows: number
  usable: number
  unusable: number
  unusableRows: number[]
  sample: string[]
}

export interface RegisterImport extends RegisterPreview {
  entries: number
  matches: number
}

export interface ExcludedPerson {
  contactId: number
  name: string
  reason: string
  detail: string
}

export interface ExcludedPage {
  items: ExcludedPerson[]
  total: number
}

export type ExcludedSource = 'campaign' | 'email' | 'print' | 'audience' | 'touch' | 'export'

/** Which preflight a "see who" list belongs to. */
export interface ExcludedQuery {
  source: ExcludedSource
  campaignId?: number
  /** campaign: 0 = left out of the list, n = touch n */
  touch?: number
  /** touch: a released touch */
  touchId?: number
  /** export: the channel the file is for (post, email, sms, phone) */
  channel?: string
  /** "" = every reason */
  reason?: string
}

/** The selection of the email, print, audience and export preflights (as they take it). */
export interface ExcludedSelection {
  segmentId: number
  filter: unknown
  /** export: within this frozen list (0 = none) */
  frozenId?: number
}

const page = (p: ExcludedPage | null): ExcludedPage => ({ items: p?.items ?? [], total: p?.total ?? 0 })

export async function registers(): Promise<RegisterStatus[]> {
  return ((await call(P.Registers())) as unknown as RegisterStatus[] | null) ?? []
}

/** The registers without match counts (matches 0): cheap, for Home's warning. */
export async function registerWarnings(): Promise<RegisterStatus[]> {
  return ((await call(P.RegisterWarnings())) as unknown as RegisterStatus[] | null) ?? []
}

export async function previewRegister(path: string, register: RegisterName): Promise<RegisterPreview> {
  return (await call(P.PreviewRegister(path, register))) as unknown as RegisterPreview
}

export async function importRegister(path: string, register: RegisterName, listDate: string): Promise<RegisterImport> {
  return (await call(P.ImportRegister(path, register, listDate))) as unknown as RegisterImport
}

export function removeRegister(register: RegisterName): Promise<void> {
  return call(P.RemoveRegister(register))
}

export function cancelRegister(): Promise<boolean> {
  return call(P.CancelRegister())
}

export async function registerMatches(register: RegisterName, offset: number, limit: number): Promise<ExcludedPage> {
  return page((await call(P.RegisterMatches(register, offset, limit))) as unknown as ExcludedPage)
}

export async function excluded(q: ExcludedQuery, selection: ExcludedSelection | null, offset: number, limit: number): Promise<ExcludedPage> {
  const req = app.ExcludedRequest.createFrom({
    query: { campaignId: 0, touch: 0, touchId: 0, channel: '', reason: '', ...q, offset, limit },
    selection: { segmentId: selection?.segmentId ?? 0, filter: selection?.filter ?? {} },
    frozenId: selection?.frozenId ?? 0,
  })
  return page((await call(P.Excluded(req))) as unknown as ExcludedPage)
}
