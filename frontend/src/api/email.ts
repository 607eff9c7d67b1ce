import * as E from '../../wailsjs/go/app/Email'
import { call } from './call'
import type { ContactRef, DocumentSelection, Template } from './documents'

// The email channel: mail accounts (passwords in the OS keychain), the
// sender-domain check and DKIM, the composer's preview / preflight / test
// send, mailings (a one-touch campaign) with their send tracking, the
// inbox (bounces, unsubscribes, replies) and the suppression list.
// Email templates are ordinary templates of kind "email" (api/documents:
// templates('email'), saveTemplate, deleteTemplate, starters); their
// content lives in layout.email. Objects go as plain JSON (see api/segments.ts).

export type Security = 'tls' | 'starttls' | 'plain'

export interface MailAccount {
  id: number
  name: string
  fromName: string
  fromEmail: string
  replyTo: string
  smtpHost: string
  smtpPort: number
  smtpSecurity: Security
  smtpUser: string
  /** "" = no inbox processing. */
  imapHost: string
  imapPort: number
  imapSecurity: Security
  /** "" = the SMTP user. */
  imapUser: string
  /** Where processed mail is moved (default "DirectDesk"); never deleted. */
  processedFolder: string
  /** Provider limits, 0 = none. */
  perMinute: number
  perHour: number
  perDay: number
  /** Optional https page of the user's own; the recipient's token is added as ?u=. */
  unsubscribeUrl: string
  dkimSelector: string
  dkimEnabled: boolean
  /** The DKIM TXT record to publish ("" when no key was made). */
  dkimRecord: string
  createdAt: string
  updatedAt: string
}

export interface AccountView {
  account: MailAccount
  /** A password is known (keychain, or typed this session). */
  passwordSaved: boolean
  /** False: the computer has no password store; the password is asked once per session. */
  keychain: boolean
}

export interface ConnectionStep {
  ok: boolean
  /** IMAP not configured. */
  skipped: boolean
  /** dns, connect, refused, timeout, tls, certificate, starttls_missing, greeting, hello, auth, auth_unsupported, config, login, folder, other */
  reason: string
  message: string
  details: Record<string, string>
  tls: boolean
  pipelining: boolean
}

export interface ConnectionReport {
  smtp: ConnectionStep
  imap: ConnectionStep
}

export interface DomainProblem {
  /** Translation key (see locales/email); message is the English fallback. */
  code: string
  params: Record<string, string>
  message: string
}

export interface DomainFinding {
  status: 'ok' | 'warning' | 'missing' | 'error'
  record: string
  problems: DomainProblem[]
}

export interface DomainReport {
  domain: string
  spf: DomainFinding
  dkim: DomainFinding
  dmarc: DomainFinding
  /** The DNS name and TXT value to publish for DKIM ("" when no key). */
  dkimName: string
  dkimRecord: string
}

export type BlockKind = 'text' | 'image' | 'button' | 'product' | 'divider'

export interface EmailBlock {
  kind: BlockKind
  /** text: HTML subset with {{fields}} (as letters); button: its label (may hold fields). */
  text?: string
  /** image: "media:img/<hex>" or "media:logo" (store with documents.addImage). */
  image?: string
  alt?: string
  /** button/image/product link, http(s); campaign parameters are added when sent. */
  url?: string
  productId?: number
}

export interface EmailAttachment {
  /** The recipient's personalised PDF made from a letter or catalog template. */
  kind: 'catalog' | 'letter'
  templateId: number
  fileName: string
  /** Set by the backend for a running mailing (the frozen version); leave it out. */
  version?: number
}

export interface EmailLayout {
  subject: string
  preheader: string
  blocks: EmailBlock[]
  attachments: EmailAttachment[]
}

export interface EmailPreview {
  contactId: number
  name: string
  email: string
  index: number
  total: number
  subject: string
  preheader: string
  /** A complete HTML document (pictures as data: URLs): show it in a sandboxed iframe (srcdoc). */
  html: string
  text: string
  missing: string[]
  /** Bytes of the whole message. */
  size: number
}

export interface EmailWarning {
  /** unsubscribe_missing, sender_identification_missing, image_only, too_large, no_account, password_missing, rate_limit_days */
  code: string
  params: Record<string, string>
}

export interface EmailPreflight {
  recipients: number
  willSend: number
  /** Per reason: no_email, invalid_email, no_consent, suppressed, duplicate_email. */
  skipped: Record<string, number>
  warnings: EmailWarning[]
  gaps: { key: string; kind: 'field'; count: number; contacts: ContactRef[] }[]
  size: number
  htmlSize: number
}

export type CampaignStatus = 'draft' | 'scheduled' | 'running' | 'paused' | 'finished' | 'archived'

export interface Mailing {
  campaignId: number
  touchId: number
  name: string
  status: CampaignStatus
  accountId: number
  templateId: number
  templateVersion: number
  segmentId: number
  selection: string
  /** "user", "password: ...", "failures: ...", "auth: ...", "connection: ...", "certificate: ...", "error: ..." (code, then the English message). */
  pauseReason: string
  createdAt: string
  startedAt: string
  finishedAt: string
}

export type OutboxState = 'queued' | 'sending' | 'sent' | 'soft_failed' | 'hard_failed' | 'skipped' | 'unknown' | 'cancelled' | 'bounced'

export interface MailingStatus {
  mailing: Mailing
  account: string
  counts: Partial<Record<OutboxState, number>>
  total: number
  /** Recipients in a final state. */
  done: number
  /** A sender is working on it now. */
  active: boolean
  /** rate_limit, retry, reconnect, password or "". */
  waiting: string
  waitUntil: string
  perMinute: number
  /** -1 = unknown. */
  etaSeconds: number
}

export interface OutboxEntry {
  id: number
  touchId: number
  contactId: number
  name: string
  email: string
  state: OutboxState
  /** Skip reason, or the server's reply. */
  reason: string
  attempts: number
  nextAttempt: string
  messageId: string
  responseCode: string
  updatedAt: string
  sentAt: string
}

export interface Suppression {
  email: string
  reason: 'unsubscribe' | 'hard_bounce' | 'complaint' | 'manual'
  source: string
  createdAt: string
}

export type InboxKind = 'bounce_hard' | 'bounce_soft' | 'auto_reply' | 'unsubscribe' | 'reply' | 'other'

export interface InboxEvent {
  accountId: number
  uid: number
  messageId: string
  kind: InboxKind
  from: string
  subject: string
  recipient: string
  status: string
  diagnostic: string
  outboxId: number
  contactId: number
  campaignId: number
  receivedAt: string
  snippet: string
}

export interface InboxResult {
  counts: Partial<Record<InboxKind, number>>
  events: InboxEvent[]
}

/** Job names for progress events / cancelJob. */
export const SEND_JOB = 'email'
export const INBOX_JOB = 'inbox'

const wire = <T>(v: unknown) => JSON.parse(JSON.stringify(v)) as T

export function emptyAccount(): MailAccount {
  return {
    id: 0, name: '', fromName: '', fromEmail: '', replyTo: '',
    smtpHost: '', smtpPort: 587, smtpSecurity: 'starttls', smtpUser: '',
    imapHost: '', imapPort: 993, imapSecurity: 'tls', imapUser: '', processedFolder: 'DirectDesk',
    perMinute: 0, perHour: 0, perDay: 0, unsubscribeUrl: '',
    dkimSelector: '', dkimEnabled: false, dkimRecord: '', createdAt: '', updatedAt: '',
  }
}

export async function accounts(): Promise<AccountView[]> {
  return ((await call(E.Accounts())) as unknown as AccountView[]) ?? []
}
/** Saves an account; a non-empty password goes to the keychain (or this session). */
export async function saveAccount(a: MailAccount, password: string): Promise<AccountView> {
  return (await call(E.SaveAccount(wire(a), password))) as unknown as AccountView
}
/** Whether the computer has a password store (false: the password is asked once per session). */
export async function keychain(): Promise<boolean> {
  return call(E.Keychain())
}
export async function deleteAccount(id: number): Promise<void> {
  return call(E.DeleteAccount(id))
}
export async function setPassword(id: number, password: string): Promise<void> {
  return call(E.SetPassword(id, password))
}
/** Connects and logs in (password "" = the stored one); never throws for a failed connection: read the steps. */
export async function testAccount(a: MailAccount, password: string): Promise<ConnectionReport> {
  return (await call(E.TestAccount(wire(a), password))) as unknown as ConnectionReport
}
export async function checkDomain(accountId: number): Promise<DomainReport> {
  return (await call(E.CheckDomain(accountId))) as unknown as DomainReport
}
export async function createDKIMKey(accountId: number): Promise<AccountView> {
  return (await call(E.CreateDKIMKey(accountId))) as unknown as AccountView
}
export async function setDKIM(accountId: number, enabled: boolean): Promise<AccountView> {
  return (await call(E.SetDKIM(accountId, enabled))) as unknown as AccountView
}

export async function preview(t: Template, accountId: number, sel: DocumentSelection, index: number): Promise<EmailPreview> {
  return (await call(E.Preview(wire(t), accountId, wire(sel), index))) as unknown as EmailPreview
}
export async function preflight(t: Template, accountId: number, sel: DocumentSelection): Promise<EmailPreflight> {
  return (await call(E.Preflight(wire(t), accountId, wire(sel)))) as unknown as EmailPreflight
}
/** Sends the index-th recipient's version to `to` (the user's own address; "" = the account's). */
export async function testSend(t: Template, accountId: number, sel: DocumentSelection, index: number, to: string): Promise<void> {
  return call(E.TestSend(wire(t), accountId, wire(sel), index, to))
}
/** Freezes the list and starts sending in the background (job "email" while the list is prepared). */
export async function send(templateId: number, accountId: number, selection: DocumentSelection, name: string): Promise<Mailing> {
  return (await call(E.Send(wire({ templateId, accountId, selection, name })))) as unknown as Mailing
}

export async function mailings(): Promise<MailingStatus[]> {
  return ((await call(E.Mailings())) as unknown as MailingStatus[]) ?? []
}
export async function status(touchId: number): Promise<MailingStatus> {
  return (await call(E.Status(touchId))) as unknown as MailingStatus
}
/** state: '' all, 'failed' soft+hard, or one OutboxState. */
export async function recipients(touchId: number, query: string, state: string, offset: number, limit: number): Promise<{ rows: OutboxEntry[]; total: number }> {
  return (await call(E.Recipients(touchId, query, state, offset, limit))) as unknown as { rows: OutboxEntry[]; total: number }
}
export async function pause(touchId: number): Promise<void> {
  return call(E.Pause(touchId))
}
export async function resume(touchId: number): Promise<void> {
  return call(E.Resume(touchId))
}
export async function cancel(touchId: number): Promise<void> {
  return call(E.Cancel(touchId))
}
export async function retryFailed(touchId: number): Promise<number> {
  return call(E.RetryFailed(touchId))
}
/** resend=true queues the "unknown" recipients again; false counts them as sent. */
export async function resolveUnknown(touchId: number, resend: boolean): Promise<number> {
  return call(E.ResolveUnknown(touchId, resend))
}
/** Desktop: path from a save dialog; browser: "" and download the returned name (api/download). */
export async function exportRecipients(touchId: number, path: string): Promise<string> {
  return call(E.ExportRecipients(touchId, path))
}

export async function syncInbox(accountId: number): Promise<InboxResult> {
  return (await call(E.SyncInbox(accountId))) as unknown as InboxResult
}
export async function inboxLog(accountId: number): Promise<InboxEvent[]> {
  return ((await call(E.InboxLog(accountId))) as unknown as InboxEvent[]) ?? []
}
export async function suppressions(query: string, offset: number, limit: number): Promise<{ rows: Suppression[]; total: number }> {
  return (await call(E.Suppressions(query, offset, limit))) as unknown as { rows: Suppression[]; total: number }
}
export async function addSuppression(address: string): Promise<void> {
  return call(E.AddSuppression(address))
}
export async function removeSuppression(address: string): Promise<void> {
  return call(E.RemoveSuppression(address))
}
export async function cancelJob(name: string): Promise<boolean> {
  return call(E.CancelJob(name))
}
