import * as C from '../../wailsjs/go/app/Campaigns'
import { call } from './call'
import type { DocumentOutput, DocumentRun } from './documents'
import type { CampaignStatus } from './email'

// Campaigns: the eight-step plan, launch and status, the work of each
// touch (print queue, SMS export, call list), responses (redemption,
// imports, fulfilment) and the results. Objects go as plain JSON (see
// api/segments.ts). Money is in minor units of the campaign's currency;
// rates are 0..1.

export type { CampaignStatus }
export type Channel = 'letter' | 'catalog' | 'email' | 'sms' | 'phone'
export const CHANNELS: Channel[] = ['letter', 'catalog', 'email', 'sms', 'phone']
export type KPI = 'response_rate' | 'orders' | 'revenue' | 'roi' | 'cost_per_response'
export type StopRule = 'response' | 'purchase' | 'optout'
export type CallOutcomeKind = 'reached' | 'no_answer' | 'call_back' | 'interested' | 'order' | 'refused'
export const CALL_OUTCOMES: CallOutcomeKind[] = ['reached', 'no_answer', 'call_back', 'interested', 'order', 'refused']
/** Why people are left out: of the campaign at launch, or of one touch. */
export type ExclusionReason = 'no_consent' | 'suppressed' | 'register' | 'recently_contacted' | 'missing_address' | 'stopped' | 'duplicate' | 'invalid' | 'control_group' | 'not_in_target'
export type ResponseKind = 'reply' | 'coupon' | 'order' | 'inquiry' | 'request' | 'visit' | 'call' | 'optout' | 'no'
export type FulfilKind = 'catalog' | 'sample' | 'call_back' | 'quote'
export const MAX_TOUCHES = 12
export const DEFAULT_INTERVAL = 14

export interface Touch {
  id: number
  campaignId: number
  /** 1-based, in date order. */
  seq: number
  name: string
  channel: Channel
  /** letter, catalog, email: the template (frozen at its version at launch). */
  templateId: number
  templateVersion: number
  /** letter, catalog: labels printed with it (0 = none). */
  labelTemplateId: number
  /** email: the mail account. */
  accountId: number
  smsText: string
  /** Phone script (rich text HTML with {{fields}}). */
  script: string
  /** A fixed date wins; otherwise start date + offsetDays. */
  dueDate: string
  offsetDays: number
  unitCostMinor: number
  expectedRate: number
  releasedAt: string
  finishedAt: string
}

export interface Campaign {
  id: number
  name: string
  kind: 'campaign' | 'mailing'
  status: CampaignStatus
  goal: string
  kpi: KPI
  budgetMinor: number
  currency: string
  orderValueMinor: number
  /** 0-100. */
  marginPct: number
  segmentId: number
  selection: string
  /** 0-50. */
  controlPct: number
  stopOn: StopRule[]
  /** At most pressureMax touches per person in pressureDays, across all campaigns (0 = no cap). */
  pressureMax: number
  pressureDays: number
  attributionDays: number
  /** YYYY-MM-DD of the first touch; "" = the launch day. */
  startDate: string
  notes: string
  touches: Touch[]
  pauseReason: string
  createdAt: string
  updatedAt: string
  launchedAt: string
  startedAt: string
  finishedAt: string
}

export interface Summary {
  campaign: Campaign
  target: number
  control: number
  sent: number
  responses: number
  revenueMinor: number
  costMinor: number
  nextDue: string
  nextChannel: string
}

export interface ContactRef { id: number; name: string }
export interface Exclusion { reason: ExclusionReason; count: number; contacts: ContactRef[] }

export interface TouchForecast {
  seq: number
  channel: Channel
  due: string
  reach: number
  costMinor: number
  exclusions: Exclusion[]
  smsParts: number
}

export interface ApiProblem { code: string; message: string; field?: string; details?: Record<string, string> }

export interface CampaignPreflight {
  segment: number
  target: number
  control: number
  exclusions: Exclusion[]
  touches: TouchForecast[]
  costMinor: number
  /** 0..1 (more than 1: even everyone answering would not pay); 0 when the margin is unknown. */
  breakEvenRate: number
  expectedResponses: number
  expectedProfitMinor: number
  overBudget: boolean
  /** over_budget, no_margin, small_control, ... */
  warnings: string[]
  /** What blocks the launch. */
  problems: ApiProblem[]
}

export interface ReleasedTouch { campaignId: number; touchId: number; channel: Channel; count: number; skipped: number }
export interface Released { touches: ReleasedTouch[] }

export interface DueTouch {
  campaignId: number
  campaign: string
  touchId: number
  seq: number
  channel: Channel
  due: string
  released: boolean
  count: number
  printed: number
  labels: boolean
  callbacks: number
}

export interface Warning { code: string; campaignId: number; campaign: string; params: Record<string, string> }

export interface FulfilmentTask {
  id: number
  responseId: number
  campaignId: number
  campaign: string
  contactId: number
  contactName: string
  kind: FulfilKind
  dueDate: string
  note: string
  createdAt: string
  doneAt: string
}

export interface Today {
  date: string
  due: DueTouch[]
  fulfilments: FulfilmentTask[]
  newResponses: number
  warnings: Warning[]
}

export type WorkState = 'due' | 'done' | 'skipped' | 'cancelled'

export interface WorkItem {
  id: number
  touchId: number
  contactId: number
  name: string
  phone: string
  country: string
  city: string
  state: WorkState
  reason: string
  outcome: CallOutcomeKind | ''
  callbackAt: string
  attempts: number
  priority: number
  printedAt: string
  doneAt: string
  responseCode: string
  /** Phone: now is within the country's calling hours. */
  callableNow: boolean
  /** Phone: the allowed hours, e.g. "09:00–21:00". */
  callHours: string
}

export interface WorkQuery { touchId: number; state: WorkState | ''; query: string; offset: number; limit: number }
export interface WorkPage { items: WorkItem[]; total: number; counts: Partial<Record<WorkState | 'printed', number>> }

export interface CallOutcome { workId: number; outcome: CallOutcomeKind; note: string; callbackAt: string; valueMinor: number }

export interface SMSPreview { text: string; encoding: 'gsm7' | 'ucs2'; chars: number; parts: number; missing: string[] }
export interface SMSExport {
  /** skipped: people taken off the list by this export, by reason (consent, register, erased, no usable number). */
  result: { rows: number; parts: number; costMinor: number; skipped?: Record<string, number> }
  path: string
  download: string
}

export interface PrintRequest { touchId: number; output: DocumentOutput; labels: boolean; again: boolean }
export interface PrintResult { letters: DocumentRun; labels: DocumentRun | null; download: string; labelsDownload: string; skipped: number }

export interface Response {
  id: number
  campaignId: number
  campaign: string
  touchId: number
  touchSeq: number
  contactId: number
  contactName: string
  kind: ResponseKind
  source: 'redeem' | 'import' | 'inbox' | 'manual' | 'phone'
  code: string
  ref: string
  group: 'target' | 'control'
  at: string
  detail: string
  valueMinor: number
}

export interface Redemption {
  code: string
  contactId: number
  contactName: string
  city: string
  email: string
  /** 0: a code of documents printed outside a campaign. */
  campaignId: number
  campaign: string
  touchId: number
  touchSeq: number
  channel: Channel | ''
  group: string
  previous: Response[]
}

export interface NewResponse {
  /** The touch it came from, when known (0 = the person's last touch). */
  touchId?: number
  code: string
  campaignId: number
  contactId: number
  kind: ResponseKind
  source: Response['source']
  /** "" = now. */
  at: string
  detail: string
  ref: string
  valueMinor: number
  fulfil: FulfilKind | ''
  fulfilDays: number
}

export interface ResponseQuery { campaignId: number; contactId: number; offset: number; limit: number }
export interface ResponsePage { items: Response[]; total: number }

/** Column indexes, -1 = none. */
export interface ResponseMapping {
  code: number
  email: number
  phone: number
  customerNo: number
  value: number
  date: number
  orderNo: number
  sheet: string
  headerRow: number
  campaignId: number
  kind: ResponseKind
}

export interface ResponseFilePreview { sheets: string[]; columns: string[]; sample: string[][]; rows: number; mapping: ResponseMapping }
export interface RowProblem { row: number; reason: string; value: string; message: string }
export interface ResponseImportResult { rows: number; added: number; duplicates: number; unmatched: number; valueMinor: number; problems: RowProblem[] }
export interface AccessLogResult { lines: number; tracked: number; matched: number; added: number; bad: number }

export interface ResultLine {
  /** "total", "touch:3", "segment:loyal", "channel:email" */
  key: string
  label: string
  channel: string
  seq: number
  due: string
  recipients: number
  sent: number
  delivered: number
  bounced: number
  responses: number
  orders: number
  clicks: number
  opens: number
  revenueMinor: number
  costMinor: number
  responseRate: number
  orderRate: number
  costPerResponseMinor: number
  costPerOrderMinor: number
  profitMinor: number
  roi: number
  breakEvenRate: number
}

export interface FollowUpPoint { seq: number; channel: string; responses: number; orders: number; revenueMinor: number; cumulativeShare: number }
export interface DailyPoint { date: string; responses: number; orders: number; revenueMinor: number }

export interface Uplift {
  measured: boolean
  targetN: number
  targetBuyers: number
  controlN: number
  controlBuyers: number
  targetRate: number
  controlRate: number
  uplift: number
  low: number
  high: number
  p: number
  test: 'z' | 'fisher'
  verdict: 'very_likely' | 'likely' | 'perhaps' | 'not_shown' | 'no_data'
  targetRevenuePerPersonMinor: number
  controlRevenuePerPersonMinor: number
  incrementalRevenueMinor: number
}

export interface LTVMovement {
  targetBeforeMinor: number
  targetSinceMinor: number
  controlBeforeMinor: number
  controlSinceMinor: number
  targetLifetimeMinor: number
  sinceDays: number
}

export interface Finding { code: string; params: Record<string, string>; text: string }

export interface CampaignResults {
  campaignId: number
  name: string
  status: CampaignStatus
  currency: string
  asOf: string
  totals: ResultLine
  touches: ResultLine[]
  segments: ResultLine[]
  channels: ResultLine[]
  followUp: FollowUpPoint[]
  daily: DailyPoint[]
  uplift: Uplift
  ltv: LTVMovement
  lifecycle: { from: string; to: string; count: number }[]
  openFulfilments: number
  fulfilmentDays: number
  findings: Finding[]
}

export const CAMPAIGN_JOB = 'campaign'
export const PRINT_JOB = 'print'
export const RESPONSES_JOB = 'responses'
export const ACCESSLOG_JOB = 'accesslog'

/** A new draft with the textbook defaults: every 14 days, stop on response, purchase and opt-out. */
export function emptyCampaign(currency: string): Campaign {
  return {
    id: 0, name: '', kind: 'campaign', status: 'draft', goal: '', kpi: 'response_rate', budgetMinor: 0, currency,
    orderValueMinor: 0, marginPct: 0, segmentId: 0, selection: '', controlPct: 10, stopOn: ['response', 'purchase', 'optout'],
    pressureMax: 4, pressureDays: 30, attributionDays: 30, startDate: '', notes: '', touches: [], pauseReason: '',
    createdAt: '', updatedAt: '', launchedAt: '', startedAt: '', finishedAt: '',
  }
}

export function emptyTouch(seq: number, channel: Channel): Touch {
  return {
    id: 0, campaignId: 0, seq, name: '', channel, templateId: 0, templateVersion: 0, labelTemplateId: 0, accountId: 0,
    smsText: '', script: '', dueDate: '', offsetDays: (seq - 1) * DEFAULT_INTERVAL, unitCostMinor: 0, expectedRate: 0,
    releasedAt: '', finishedAt: '',
  }
}

type J<T> = Promise<T>
const any = <T>(p: Promise<unknown>) => call(p) as J<T>

export const list = (archived = false) => any<Summary[]>(C.List(archived))
export const get = (id: number) => any<Campaign>(C.Get(id))
export const save = (c: Campaign) => any<Campaign>(C.Save(c as never))
export const remove = (id: number) => call(C.Delete(id))
export const duplicate = (id: number) => any<Campaign>(C.Duplicate(id))
export const preflight = (id: number) => any<CampaignPreflight>(C.Preflight(id))
export const launch = (id: number) => any<Released>(C.Launch(id))
export const setStatus = (id: number, status: CampaignStatus) => call(C.SetStatus(id, status))
export const release = (touchId: number) => any<Released>(C.Release(touchId))
export const today = () => any<Today>(C.Today())
export const work = (q: WorkQuery) => any<WorkPage>(C.Work(q as never))
/** path "" in the browser (download), a chosen file on the desktop. */
export const print = (req: PrintRequest, path: string) => any<PrintResult>(C.Print(req as never, path))
export const markPosted = (touchId: number, ids: number[] = []) => any<number>(C.MarkPosted(touchId, ids))
export const recordCall = (o: CallOutcome) => call(C.RecordCall(o as never))
export const previewSMS = (text: string, contactId: number) => any<SMSPreview>(C.PreviewSMS(text, contactId))
/** An SMS touch's text or a phone touch's script for one person, with their own code. */
export const previewTouch = (touchId: number, contactId: number) => any<SMSPreview>(C.PreviewTouch(touchId, contactId))
export const exportSMS = (touchId: number, path: string) => any<SMSExport>(C.ExportSMS(touchId, path))
export const redeem = (code: string) => any<Redemption>(C.Redeem(code))
export const addResponse = (r: NewResponse) => any<Response>(C.AddResponse(r as never))
export const responses = (q: ResponseQuery) => any<ResponsePage>(C.Responses(q as never))
export const deleteResponse = (id: number) => call(C.DeleteResponse(id))
export const fulfilments = (all = false) => any<FulfilmentTask[]>(C.Fulfilments(all))
export const completeFulfilment = (id: number, done: boolean) => call(C.CompleteFulfilment(id, done))
export const previewResponseFile = (path: string) => any<ResponseFilePreview>(C.PreviewResponseFile(path))
export const importResponses = (path: string, m: ResponseMapping) => any<ResponseImportResult>(C.ImportResponses(path, m as never))
export const importAccessLog = (path: string) => any<AccessLogResult>(C.ImportAccessLog(path))
export const results = (id: number) => any<CampaignResults>(C.Results(id))
/** Returns the download name (browser) or the written path (desktop). */
export const exportReport = (id: number, format: 'pdf' | 'xlsx', path: string) => any<string>(C.ExportReport(id, format, path))
export const cancelJob = (name: string) => any<boolean>(C.CancelJob(name))
