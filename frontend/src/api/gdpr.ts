import * as P from '../../wailsjs/go/app/Privacy'
import * as W from '../../wailsjs/go/app/Workspace'
import { call } from './call'
import type { Contact, ExportResult } from './types'

// GDPR tools: find a person, see what is held about them, export it
// (.xlsx + .json), erase them, the retention rule and the audit log.

/** How many rows one area (a table) holds about the person. */
export interface AreaCount {
  key: string
  count: number
}

export interface PersonSummary {
  contactId: number
  name: string
  email: string
  phone: string
  city: string
  areas: AreaCount[]
  /** One-PDF-per-person document files an erasure deletes. */
  files: number
  /** Combined print files that also hold others (left as they are). */
  sharedDocuments: number
}

export interface PersonExport {
  files: ExportResult[]
}

export interface ErasureResult {
  contactId: number
  counts: Record<string, number>
  hashes: number
  files: number
  /** The safety backup made just before (it still holds the person). */
  backup: string
  /** The erasure stands; the file's last clean-up happens when DirectDesk closes. */
  scrubPending: boolean
}

export interface RetentionStatus {
  /** 0 = off */
  years: number
  due: number
}

export interface RetentionPerson {
  contactId: number
  name: string
  city: string
  lastActivity: string
}

export interface RetentionPreview {
  years: number
  cutoff: string
  total: number
  people: RetentionPerson[]
}

export interface AuditEntry {
  id: number
  at: string
  action: string
  contactId: number
  detail: Record<string, string>
  by: string
}

export interface AuditPage {
  total: number
  items: AuditEntry[]
}

/** The audit actions the filter offers (marketing.Audit*). */
export const AUDIT_ACTIONS = [
  'person_export',
  'person_erase',
  'retention_erase',
  'consent_change',
  'suppression_change',
  'register_import',
  'list_import',
  'backup',
  'restore',
  'workspace_move',
] as const

export const RETENTION_MIN = 1
export const RETENTION_MAX = 20
/** Job name of RunRetention's progress events. */
export const RETENTION_JOB = 'retention'

export function findPeople(query: string): Promise<Contact[]> {
  return call(P.FindPeople(query)) as Promise<unknown> as Promise<Contact[]>
}

export function personSummary(id: number): Promise<PersonSummary> {
  return call(P.PersonSummary(id)) as Promise<unknown> as Promise<PersonSummary>
}

/** Writes the .xlsx and the .json (path "" in browser mode: both are downloaded). */
export function exportPerson(id: number, path: string): Promise<PersonExport> {
  return call(P.ExportPerson(id, path)) as Promise<unknown> as Promise<PersonExport>
}

/** confirm: the person's name or ERASE, as the user typed it. */
export function erasePerson(id: number, confirm: string): Promise<ErasureResult> {
  return call(P.ErasePerson(id, confirm)) as Promise<unknown> as Promise<ErasureResult>
}

export function retention(): Promise<RetentionStatus> {
  return call(P.Retention()) as Promise<unknown> as Promise<RetentionStatus>
}

export function setRetention(years: number): Promise<RetentionStatus> {
  return call(P.SetRetention(years)) as Promise<unknown> as Promise<RetentionStatus>
}

export function retentionPreview(years: number, offset: number, limit: number): Promise<RetentionPreview> {
  return call(P.RetentionPreview(years, offset, limit)) as Promise<unknown> as Promise<RetentionPreview>
}

export interface RetentionResult {
  erased: number
  /** The safety backup made first ("" when nobody was due). */
  backup: string
  scrubPending: boolean
}

export function runRetention(years: number): Promise<RetentionResult> {
  return call(P.RunRetention(years)) as Promise<unknown> as Promise<RetentionResult>
}

export function cancelRetention(): Promise<boolean> {
  return call(W.CancelJob(RETENTION_JOB))
}

export function auditLog(action: string, offset: number, limit: number): Promise<AuditPage> {
  return call(P.AuditLog(action, offset, limit)) as Promise<unknown> as Promise<AuditPage>
}

export function exportAudit(action: string, path: string): Promise<ExportResult> {
  return call(P.ExportAudit(action, path)) as Promise<unknown> as Promise<ExportResult>
}

/** Whether what the user typed confirms erasing name (app.ConfirmsErase). */
export function confirmsErase(typed: string, name: string): boolean {
  const norm = (s: string) => s.toLocaleLowerCase().split(/\s+/).filter(Boolean).join(' ')
  const t = norm(typed)
  return t !== '' && (t === 'erase' || t === norm(name))
}
