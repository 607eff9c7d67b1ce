import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as api from '../api/campaigns'
import type {
  AccessLogResult,
  Campaign,
  CallOutcome,
  CallOutcomeKind,
  Channel,
  DueTouch,
  FulfilmentTask,
  NewResponse,
  PrintRequest,
  PrintResult,
  Redemption,
  Response,
  ResponseFilePreview,
  ResponseImportResult,
  ResponseMapping,
  SMSExport,
  Today,
  Touch,
  WorkItem,
  WorkState,
} from '../api/campaigns'
import { onEvent } from '../api/events'
import { ApiError, parseError } from '../api/errors'
import { RateMeter } from '../utils/jobRate'

// The work of a campaign: Home's "today", one touch's list (print queue,
// call list, SMS), responses (redemption, manual entry, imports) and
// fulfilment tasks. The pure helpers below are used by the screens and
// tested on their own.

/** Rows per page of a touch's list and of the responses. */
export const WORK_PAGE = 50
export const RESPONSE_PAGE = 50
/** The most responses one page holds (the backend's cap): a busier week shows its count only. */
export const RESPONSE_MAX = 500

// ---- Response codes --------------------------------------------------------------

// The same rules as backend/marketing ParseResponseCode: 32 characters that
// cannot be mistaken for one another (no 0/O, no 1/I), seven long, the last a
// Luhn mod 32 check character. Checking here too lets the redemption screen
// answer at once while a pile of coupons is typed; the backend checks again.
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
export const CODE_LENGTH = 7

/** What a person typed or scanned, upper case without spaces and dashes ("k7mq x9a" -> "K7MQX9A"). */
export function normalizeCode(s: string): string {
  return (s ?? '').toUpperCase().replace(/[\s\-\u00a0\u2010-\u2015]/g, '')
}

/** A code as it is printed: two groups, "K7MQ-X9A" (anything else unchanged). */
export function formatCode(s: string): string {
  const c = normalizeCode(s)
  return c.length === CODE_LENGTH ? `${c.slice(0, 4)}-${c.slice(4)}` : c
}

function codeCheck(data: string): string {
  const n = CODE_ALPHABET.length
  let factor = 2
  let sum = 0
  for (let i = data.length - 1; i >= 0; i--) {
    const add = factor * CODE_ALPHABET.indexOf(data[i])
    factor = 3 - factor
    sum += Math.floor(add / n) + (add % n)
  }
  return CODE_ALPHABET[(n - (sum % n)) % n]
}

/** Adds the check character to six code characters (for tests and examples). */
export function withCheck(six: string): string {
  const c = normalizeCode(six)
  return c + codeCheck(c)
}

/** Why a typed code cannot be right: '' (it may be), 'characters', 'length' or 'check' (a typing error). */
export type CodeProblem = '' | 'characters' | 'length' | 'check'
export function codeProblem(s: string): CodeProblem {
  const c = normalizeCode(s)
  if ([...c].some((ch) => !CODE_ALPHABET.includes(ch))) return 'characters'
  if (c.length !== CODE_LENGTH) return 'length'
  return codeCheck(c.slice(0, -1)) === c[c.length - 1] ? '' : 'check'
}

// ---- Phone scripts ----------------------------------------------------------------

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => escapes[c])

/**
 * Fills a script's {{fields}} with the values known for the person called.
 * Fields without a value (and conditions like {{#if ...}}) stay as they are,
 * so the caller sees what to say in their own words; their names are
 * returned in missing. Values are escaped: the script is HTML.
 */
export function mergeScript(html: string, values: Record<string, string>): { html: string; missing: string[] } {
  const missing: string[] = []
  const out = (html ?? '').replace(/\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g, (tag, name: string) => {
    const v = values[name.toLowerCase()]
    if (v) return escapeHtml(v)
    if (!missing.includes(name)) missing.push(name)
    return tag
  })
  return { html: out, missing }
}

/** What the call list knows of a person and the business, by merge field name. */
export function scriptValues(
  item: Pick<WorkItem, 'name' | 'phone' | 'city' | 'responseCode'>,
  extra: { campaign?: string; country?: string; business?: Partial<Record<'name' | 'phone' | 'email' | 'website' | 'city' | 'street' | 'postcode', string>>; today?: string } = {},
): Record<string, string> {
  const v: Record<string, string> = {
    full_name: item.name,
    phone: item.phone,
    city: item.city,
    response_code: item.responseCode ? formatCode(item.responseCode) : '',
  }
  if (extra.country) v.country = extra.country
  if (extra.campaign) v['campaign.name'] = extra.campaign
  if (extra.today) v.today = extra.today
  for (const [k, val] of Object.entries(extra.business ?? {})) if (val) v[`business.${k}`] = val
  return v
}

// ---- The call list ------------------------------------------------------------------

/**
 * A row of a touch's list. Phone rows may carry what the backend knows of
 * calling hours in the person's country (not in the committed WorkItem yet):
 * callableNow false = outside them; callHours e.g. "09:00-21:00".
 */
export type WorkRow = WorkItem & { callableNow?: boolean; callHours?: string; parts?: number; costMinor?: number }

/** May the person be called now? (Unknown = yes: the backend did not say otherwise.) */
export const callableNow = (w: WorkRow) => w.callableNow !== false

/** "09:00-21:00" as people write a span: "09:00–21:00". */
export function hoursText(h: string | undefined): string {
  return (h ?? '').trim().replace(/\s*[-–—]\s*/, '–')
}

/** The outcome a key press picks: "1" reached ... "6" refused; null for other keys. */
export function outcomeForKey(key: string): CallOutcomeKind | null {
  const i = Number(key) - 1
  return Number.isInteger(i) && i >= 0 && i < api.CALL_OUTCOMES.length && key.length === 1 ? api.CALL_OUTCOMES[i] : null
}

/** "2026-12-02T14:30" for the backend from a picked moment (local time). */
export function localMinute(ms: number): string {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`
}

/** Today's date (local) as YYYY-MM-DD. */
export function isoDay(d = new Date()): string {
  return localMinute(d.getTime()).slice(0, 10)
}

/**
 * A touch's day: its fixed date, else the campaign's start (or the day it
 * started, or was launched) plus the touch's offset; "" before launch
 * without a start date.
 */
export function touchDue(c: Pick<Campaign, 'startDate' | 'startedAt' | 'launchedAt'>, t: Pick<Touch, 'dueDate' | 'offsetDays'>): string {
  if (t.dueDate) return t.dueDate
  const base = c.startDate || (c.startedAt || c.launchedAt).slice(0, 10)
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(base)
  if (!m) return ''
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + (t.offsetDays || 0))
  return isoDay(d)
}

/** Is a task (or touch) past its due date? Dates are YYYY-MM-DD. */
export const overdue = (due: string, today: string) => !!due && due < today

// ---- Today ---------------------------------------------------------------------------

export interface DueGroup {
  channel: Channel
  touches: DueTouch[]
}

/** Due touches by channel (in the wizard's channel order), earliest first within each. */
export function groupDue(due: DueTouch[]): DueGroup[] {
  const out: DueGroup[] = []
  for (const ch of api.CHANNELS) {
    // Letters and catalogs are the same work: print and post.
    const touches = due
      .filter((d) => d.channel === ch)
      .sort((a, b) => (a.due !== b.due ? (a.due < b.due ? -1 : 1) : a.campaign.localeCompare(b.campaign) || a.seq - b.seq))
    if (touches.length) out.push({ channel: ch, touches })
  }
  return out
}

/** What a due touch asks of the user now. */
export type DueAction = 'print' | 'post' | 'call' | 'callback' | 'sms' | 'email' | 'release'
export function dueAction(d: DueTouch): DueAction {
  if (!d.released) return d.channel === 'email' ? 'email' : 'release'
  switch (d.channel) {
    case 'letter':
    case 'catalog':
      return d.count > 0 ? 'print' : 'post'
    case 'phone':
      return d.count > 0 ? 'call' : 'callback'
    case 'sms':
      return 'sms'
    default:
      return 'email'
  }
}

/** Where a due touch's work is done. */
export function workLink(campaignId: number, touchId: number) {
  return { path: `/campaigns/${campaignId}`, query: { tab: 'work', touch: String(touchId) } }
}

/** Responses Home counts as "this week": since this moment (the backend's last 7 days), a UTC timestamp. */
export function weekAgo(now = Date.now()): string {
  return new Date(now - 7 * 86_400_000).toISOString().slice(0, 19) + 'Z'
}

/** The value of the responses at or after since (timestamps compare as text, as in the database). */
export function valueSince(items: Pick<Response, 'at' | 'valueMinor'>[], since: string): number {
  return items.reduce((sum, r) => (r.at >= since ? sum + (r.valueMinor || 0) : sum), 0)
}

/** Is there anything to show on Home? */
export function hasWork(t: Today | null): boolean {
  return !!t && (t.due.length > 0 || t.fulfilments.length > 0 || t.warnings.length > 0 || t.newResponses > 0)
}

// ---- Responses ------------------------------------------------------------------------

/** The kinds a person records by hand (reply, visit and call come from the inbox, web log and call list). */
export const MANUAL_KINDS = ['coupon', 'order', 'inquiry', 'request', 'reply', 'visit', 'call', 'optout', 'no'] as const
export const REDEEM_KINDS = ['coupon', 'order', 'inquiry', 'request'] as const
export const FULFIL_KINDS = ['catalog', 'sample', 'call_back', 'quote'] as const
/** Days to fulfil a request by default. */
export const FULFIL_DAYS = 3

/** Mapping roles of a response file, in the order the dialog shows them. */
export const MAPPING_ROLES = ['code', 'email', 'phone', 'customerNo', 'value', 'date', 'orderNo'] as const
export type MappingRole = (typeof MAPPING_ROLES)[number]

/** A mapping can match rows only with at least one of code, email, phone or customer number. */
export const canMatch = (m: ResponseMapping) => m.code >= 0 || m.email >= 0 || m.phone >= 0 || m.customerNo >= 0

/** Sets a role's column; a column holds one role, so another role on it is cleared. */
export function assignRole(m: ResponseMapping, role: MappingRole, col: number): ResponseMapping {
  const next = { ...m }
  if (col >= 0) for (const r of MAPPING_ROLES) if (r !== role && next[r] === col) next[r] = -1
  next[role] = col
  return next
}

/** Problems of an import grouped by reason, most frequent first. */
export function problemGroups(problems: { reason: string; row: number; value: string }[]): { reason: string; count: number; rows: number[] }[] {
  const m = new Map<string, number[]>()
  for (const p of problems) m.set(p.reason, [...(m.get(p.reason) ?? []), p.row])
  return [...m.entries()].map(([reason, rows]) => ({ reason, count: rows.length, rows })).sort((a, b) => b.count - a.count)
}

// ---- The store -------------------------------------------------------------------------

export type WorkTask = 'print' | 'responses' | 'accesslog'
const jobNames: Record<WorkTask, string> = { print: api.PRINT_JOB, responses: api.RESPONSES_JOB, accesslog: api.ACCESSLOG_JOB }

export interface WorkJob {
  task: WorkTask | null
  done: number
  total: number
  rate: number | null
  eta: number | null
  cancelling: boolean
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }

const idleJob = (): WorkJob => ({ task: null, done: 0, total: 0, rate: null, eta: null, cancelling: false })

export const useWorkStore = defineStore('work', () => {
  // ---- Today -------------------------------------------------------------------------
  const today = ref<Today | null>(null)
  const todayLoading = ref(false)
  const todayError = ref<ApiError | null>(null)

  /** Today's work; the backend makes the lists of touches whose day has come. */
  async function loadToday(): Promise<void> {
    todayLoading.value = true
    try {
      const t = await api.today()
      today.value = { ...t, due: t.due ?? [], fulfilments: t.fulfilments ?? [], warnings: t.warnings ?? [], newResponses: t.newResponses ?? 0 }
      todayError.value = null
    } catch (e) {
      todayError.value = parseError(e)
    } finally {
      todayLoading.value = false
    }
  }

  /**
   * The value of this week's responses (orders, coupons with a value), for
   * Home: null while unknown. Campaign orders are responses, not orders in
   * the shop's history, so Home says what they are worth next to their count.
   */
  const weekValue = ref<number | null>(null)
  let weekSeq = 0
  async function loadWeekValue(): Promise<void> {
    const mine = ++weekSeq
    const n = today.value?.newResponses ?? 0
    if (n === 0 || n > RESPONSE_MAX) {
      weekValue.value = n === 0 ? 0 : null
      return
    }
    const since = weekAgo()
    try {
      // Newest first; a few more than counted in case some came in since.
      const p = await api.responses({ campaignId: 0, contactId: 0, offset: 0, limit: Math.min(n + RESPONSE_PAGE, RESPONSE_MAX) })
      if (mine === weekSeq) weekValue.value = valueSince(p.items ?? [], since)
    } catch {
      if (mine === weekSeq) weekValue.value = null
    }
  }

  // ---- One touch's list ----------------------------------------------------------------
  const touchId = ref(0)
  const items = ref<WorkRow[]>([])
  const total = ref(0)
  const counts = ref<Partial<Record<WorkState, number>>>({})
  const stateFilter = ref<WorkState | ''>('')
  const query = ref('')
  const offset = ref(0)
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  let workSeq = 0

  async function loadWork(): Promise<void> {
    const id = touchId.value
    if (!id) return
    const mine = ++workSeq
    loading.value = true
    try {
      const page = await api.work({ touchId: id, state: stateFilter.value, query: query.value.trim(), offset: offset.value, limit: WORK_PAGE })
      if (mine !== workSeq) return
      items.value = (page.items ?? []) as WorkRow[]
      total.value = page.total ?? 0
      counts.value = page.counts ?? {}
      error.value = null
      // The page emptied (its rows moved on): show the last one that has rows.
      if (items.value.length === 0 && offset.value > 0 && total.value > 0) {
        offset.value = Math.floor((total.value - 1) / WORK_PAGE) * WORK_PAGE
        await loadWork()
      }
    } catch (e) {
      if (mine === workSeq) error.value = parseError(e)
    } finally {
      if (mine === workSeq) loading.value = false
    }
  }

  /** Shows a touch's list (state filter as given: the call list wants only due people). */
  function openTouch(id: number, state: WorkState | '' = ''): Promise<void> {
    touchId.value = id
    stateFilter.value = state
    query.value = ''
    offset.value = 0
    items.value = []
    total.value = 0
    counts.value = {}
    error.value = null
    return loadWork()
  }

  function setState(s: WorkState | '') {
    stateFilter.value = s
    offset.value = 0
    return loadWork()
  }
  function setQuery(q: string) {
    query.value = q
    offset.value = 0
    return loadWork()
  }
  function setPage(p: number) {
    const last = Math.max(0, Math.ceil(total.value / WORK_PAGE) - 1)
    offset.value = Math.min(Math.max(0, p), last) * WORK_PAGE
    return loadWork()
  }
  const page = computed(() => Math.floor(offset.value / WORK_PAGE))
  const pages = computed(() => Math.max(1, Math.ceil(total.value / WORK_PAGE)))

  // ---- Long jobs (print, imports) ----------------------------------------------------------
  const job = ref<WorkJob>(idleJob())
  const meter = new RateMeter()

  onEvent('job:progress', (p) => {
    const task = job.value.task
    if (!task || p.job !== jobNames[task]) return
    const now = Date.now()
    meter.add(p.done, now)
    job.value.done = p.done
    job.value.total = p.total
    job.value.rate = meter.rate()
    job.value.eta = meter.eta(p.done, p.total)
  })

  async function runJob<T>(task: WorkTask, fn: () => Promise<T>): Promise<Result<T>> {
    if (job.value.task) return { ok: false, error: new ApiError('conflict', 'Another job is running. Wait until it has finished.') }
    job.value = { ...idleJob(), task }
    meter.reset(Date.now())
    try {
      return { ok: true, value: await fn() }
    } catch (e) {
      return { ok: false, error: parseError(e) }
    } finally {
      job.value = idleJob()
    }
  }

  /** Stops the running job; it ends by itself (rolled back) and its call answers "canceled". */
  async function cancelJob(): Promise<void> {
    const task = job.value.task
    if (!task) return
    job.value.cancelling = true
    try {
      await api.cancelJob(jobNames[task])
    } catch {
      if (job.value.task) job.value.cancelling = false
    }
  }

  // ---- Print queue -----------------------------------------------------------------------
  async function print(req: PrintRequest, path: string): Promise<Result<PrintResult>> {
    const res = await runJob('print', () => api.print(req, path))
    if (res.ok) await loadWork()
    return res
  }

  /**
   * Marks printed letters as posted: these people's (contact ids), or every
   * printed one when none are given. Resolves to how many.
   */
  async function markPosted(contactIds: number[] = []): Promise<number> {
    // "All" goes as null: the backend reads a nil list as every printed letter
    // and an empty one as nobody.
    const n = await api.markPosted(touchId.value, contactIds.length ? contactIds : (null as unknown as number[]))
    await loadWork()
    return n
  }

  /** Makes a touch's list now, before its day. */
  async function release(id: number) {
    const r = await api.release(id)
    if (id === touchId.value) await loadWork()
    return r
  }

  // ---- Call list -----------------------------------------------------------------------------
  const calling = ref(false)
  async function recordCall(o: CallOutcome): Promise<void> {
    calling.value = true
    try {
      await api.recordCall(o)
      // At once on screen, before the list is read again.
      const i = items.value.findIndex((w) => w.id === o.workId)
      if (i >= 0) items.value.splice(i, 1, { ...items.value[i], outcome: o.outcome, callbackAt: o.callbackAt, attempts: items.value[i].attempts + 1 })
      await loadWork()
    } finally {
      calling.value = false
    }
  }

  // ---- SMS -------------------------------------------------------------------------------------
  async function exportSMS(path: string): Promise<SMSExport> {
    const r = await api.exportSMS(touchId.value, path)
    await loadWork()
    return r
  }

  // ---- Responses -------------------------------------------------------------------------------
  const responsesCampaign = ref(0)
  const responses = ref<Response[]>([])
  const responsesTotal = ref(0)
  const responsesOffset = ref(0)
  const responsesLoading = ref(false)
  const responsesError = ref<ApiError | null>(null)
  let respSeq = 0

  /** A page of responses, newest first (campaignId 0 = all campaigns). */
  async function loadResponses(campaignId = responsesCampaign.value, off = responsesOffset.value): Promise<void> {
    const mine = ++respSeq
    responsesCampaign.value = campaignId
    responsesOffset.value = Math.max(0, off)
    responsesLoading.value = true
    try {
      const p = await api.responses({ campaignId, contactId: 0, offset: responsesOffset.value, limit: RESPONSE_PAGE })
      if (mine !== respSeq) return
      responses.value = p.items ?? []
      responsesTotal.value = p.total ?? 0
      responsesError.value = null
    } catch (e) {
      if (mine === respSeq) responsesError.value = parseError(e)
    } finally {
      if (mine === respSeq) responsesLoading.value = false
    }
  }

  function redeem(code: string): Promise<Redemption> {
    return api.redeem(code)
  }

  /** Records a response; the lists that show it are read again. */
  async function addResponse(r: NewResponse): Promise<Response> {
    const saved = await api.addResponse(r)
    const reloads: Promise<void>[] = [loadResponses()]
    if (r.fulfil) reloads.push(loadFulfilments())
    await Promise.all(reloads)
    return saved
  }

  async function deleteResponse(id: number): Promise<void> {
    await api.deleteResponse(id)
    await Promise.all([loadResponses(), loadFulfilments()])
  }

  // ---- Fulfilment ---------------------------------------------------------------------------------
  const fulfilments = ref<FulfilmentTask[]>([])
  const fulfilmentsAll = ref(false)
  const fulfilmentsLoading = ref(false)
  const fulfilmentsError = ref<ApiError | null>(null)

  async function loadFulfilments(all = fulfilmentsAll.value): Promise<void> {
    fulfilmentsAll.value = all
    fulfilmentsLoading.value = true
    try {
      fulfilments.value = (await api.fulfilments(all)) ?? []
      fulfilmentsError.value = null
    } catch (e) {
      fulfilmentsError.value = parseError(e)
    } finally {
      fulfilmentsLoading.value = false
    }
  }

  /** Marks a task done (or open again); Home's count follows. */
  async function completeFulfilment(id: number, done: boolean): Promise<void> {
    await api.completeFulfilment(id, done)
    const stamp = done ? new Date().toISOString().slice(0, 19) + 'Z' : ''
    if (done && !fulfilmentsAll.value) fulfilments.value = fulfilments.value.filter((f) => f.id !== id)
    else fulfilments.value = fulfilments.value.map((f) => (f.id === id ? { ...f, doneAt: stamp } : f))
    if (today.value) {
      const open = today.value.fulfilments.filter((f) => f.id !== id)
      today.value = { ...today.value, fulfilments: open }
    }
  }

  // ---- Imports ------------------------------------------------------------------------------------
  function previewResponseFile(path: string): Promise<ResponseFilePreview> {
    return api.previewResponseFile(path)
  }

  async function importResponses(path: string, m: ResponseMapping): Promise<Result<ResponseImportResult>> {
    const res = await runJob('responses', () => api.importResponses(path, m))
    if (res.ok) {
      res.value = { ...res.value, problems: res.value.problems ?? [] }
      await Promise.all([loadResponses(), loadFulfilments()])
    }
    return res
  }

  function importAccessLog(path: string): Promise<Result<AccessLogResult>> {
    return runJob('accesslog', () => api.importAccessLog(path))
  }

  return {
    today,
    todayLoading,
    todayError,
    loadToday,
    weekValue,
    loadWeekValue,

    touchId,
    items,
    total,
    counts,
    stateFilter,
    query,
    offset,
    loading,
    error,
    page,
    pages,
    loadWork,
    openTouch,
    setState,
    setQuery,
    setPage,

    job,
    cancelJob,
    print,
    markPosted,
    release,
    calling,
    recordCall,
    exportSMS,

    responsesCampaign,
    responses,
    responsesTotal,
    responsesOffset,
    responsesLoading,
    responsesError,
    loadResponses,
    redeem,
    addResponse,
    deleteResponse,

    fulfilments,
    fulfilmentsAll,
    fulfilmentsLoading,
    fulfilmentsError,
    loadFulfilments,
    completeFulfilment,

    previewResponseFile,
    importResponses,
    importAccessLog,
  }
})
