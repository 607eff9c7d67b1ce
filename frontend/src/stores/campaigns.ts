import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import * as api from '../api/campaigns'
import { CHANNELS, DEFAULT_INTERVAL, MAX_TOUCHES, emptyCampaign, emptyTouch } from '../api/campaigns'
import type { Campaign, CampaignPreflight, CampaignStatus, Channel, Released, Summary, Touch } from '../api/campaigns'
import * as segmentsApi from '../api/segments'
import * as documentsApi from '../api/documents'
import * as emailApi from '../api/email'
import type { FieldInfo, Template } from '../api/documents'
import type { AccountView } from '../api/email'
import type { SavedSegment } from '../api/types'
import { ApiError, errorKeys, parseError } from '../api/errors'
import type { Translator } from '../api/errors'

// Campaigns: the list, the eight-step wizard's draft (autosaved), the
// preflight of steps 4 and 7, launch, and the campaign page's status
// changes. Pure helpers (dates of the plan, cost suggestions, the checks
// each step makes before Next) are exported for the screens and tests.

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }

/** A draft is saved this long after the last change. */
export const AUTOSAVE_MS = 1500

/** A control group smaller than this can rarely show a difference that is not chance. */
export const MIN_CONTROL = 100

/** The wizard's steps, 1-based as the screen shows them. */
export const STEPS = ['goal', 'target', 'channels', 'list', 'messages', 'plan', 'launch', 'measure'] as const
export type StepKey = (typeof STEPS)[number]

// ---- Dates ----------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, '0')

/** Today as YYYY-MM-DD in local time. */
export function todayISO(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

export function isISODate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])
}

/** A calendar date n days later (UTC arithmetic, so no daylight-saving shifts). */
export function addDays(iso: string, n: number): string {
  if (!isISODate(iso)) return ''
  const [y, m, d] = iso.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, d + n))
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`
}

/** Whole days from a to b (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  if (!isISODate(a) || !isISODate(b)) return 0
  const ms = (s: string) => {
    const [y, m, d] = s.split('-').map(Number)
    return Date.UTC(y, m - 1, d)
  }
  return Math.round((ms(b) - ms(a)) / 86_400_000)
}

/** The first touch's day: the start date, or today when it starts at launch. */
export function startOf(c: Pick<Campaign, 'startDate'>, today = todayISO()): string {
  return c.startDate && isISODate(c.startDate) ? c.startDate : today
}

/** A touch's day as the backend computes it (marketing.Touch.Due): a fixed date wins. */
export function touchDue(t: Pick<Touch, 'dueDate' | 'offsetDays'>, start: string): string {
  if (t.dueDate) return t.dueDate
  return addDays(start, t.offsetDays)
}

// ---- Costs ----------------------------------------------------------------------

/**
 * Unit costs to start from, per currency, in minor units: print and postage
 * of a letter or a catalog, one email, one SMS part, one phone call (the
 * time it takes). Rough 2026 prices for a small sender; the user edits them.
 */
const suggestedCosts: Record<string, Record<Channel, number>> = {
  DKK: { letter: 1200, catalog: 2800, email: 10, sms: 25, phone: 2000 },
  SEK: { letter: 1500, catalog: 3500, email: 10, sms: 40, phone: 3000 },
  NOK: { letter: 2000, catalog: 4000, email: 10, sms: 45, phone: 3000 },
  RUB: { letter: 6000, catalog: 12000, email: 50, sms: 350, phone: 10000 },
  EUR: { letter: 160, catalog: 380, email: 1, sms: 5, phone: 300 },
  GBP: { letter: 140, catalog: 330, email: 1, sms: 4, phone: 250 },
  USD: { letter: 130, catalog: 300, email: 1, sms: 3, phone: 300 },
}

/** Response rates to start from (0..1): what small senders commonly see per channel. */
export const suggestedRates: Record<Channel, number> = { letter: 0.02, catalog: 0.03, email: 0.01, sms: 0.015, phone: 0.08 }

export interface ChannelCost {
  unitCostMinor: number
  expectedRate: number
}

/** The suggested cost and response rate of a channel in a currency. */
export function suggestedCost(channel: Channel, currency: string): ChannelCost {
  const table = suggestedCosts[currency] ?? suggestedCosts.EUR
  return { unitCostMinor: table[channel], expectedRate: suggestedRates[channel] }
}

export function suggestedCostTable(currency: string): Record<Channel, ChannelCost> {
  return Object.fromEntries(CHANNELS.map((ch) => [ch, suggestedCost(ch, currency)])) as Record<Channel, ChannelCost>
}

/** The channels of a campaign's touches, in the order the wizard lists channels. */
export function channelsOf(c: Pick<Campaign, 'touches'>): Channel[] {
  return CHANNELS.filter((ch) => c.touches.some((t) => t.channel === ch))
}

/** What the whole plan costs per person in the target group (SMS: one part each). */
export function costPerPerson(c: Pick<Campaign, 'touches'>): number {
  return c.touches.reduce((sum, t) => sum + Math.max(0, t.unitCostMinor), 0)
}

/** What one response earns: the order value times the margin (minor units). */
export function earnPerResponse(c: Pick<Campaign, 'orderValueMinor' | 'marginPct'>): number {
  return Math.round((c.orderValueMinor * c.marginPct) / 100)
}

/**
 * The share of the target group that must respond for the margin to pay for
 * the plan: cost per person / earnings per response. 0 when unknown.
 */
export function breakEvenRate(c: Pick<Campaign, 'touches' | 'orderValueMinor' | 'marginPct'>): number {
  const earn = earnPerResponse(c)
  const cost = costPerPerson(c)
  if (earn <= 0 || cost <= 0) return 0
  return cost / earn
}

/** People held back: the control group's share of the group, rounded as the backend draws it. */
export function controlSize(count: number, pct: number): number {
  return Math.round((Math.max(0, count) * Math.max(0, pct)) / 100)
}

// ---- Editing the plan ----------------------------------------------------------------

function renumber(c: Campaign) {
  c.touches.forEach((t, i) => (t.seq = i + 1))
}

/**
 * Adds a touch at the end: DEFAULT_INTERVAL days after the last one (as a
 * fixed date when the last one has one), with the channel's cost.
 */
export function addTouch(c: Campaign, channel: Channel, cost: ChannelCost): Touch | null {
  if (c.touches.length >= MAX_TOUCHES) return null
  const t = emptyTouch(c.touches.length + 1, channel)
  const last = c.touches[c.touches.length - 1]
  if (last) {
    if (last.dueDate) {
      t.dueDate = addDays(last.dueDate, DEFAULT_INTERVAL)
      t.offsetDays = 0
    } else {
      t.offsetDays = last.offsetDays + DEFAULT_INTERVAL
    }
  } else {
    t.offsetDays = 0
  }
  t.campaignId = c.id
  t.unitCostMinor = cost.unitCostMinor
  t.expectedRate = cost.expectedRate
  c.touches.push(t)
  renumber(c)
  return t
}

export function removeTouch(c: Campaign, i: number) {
  if (i < 0 || i >= c.touches.length) return
  c.touches.splice(i, 1)
  renumber(c)
}

/**
 * Moves touch i one place up (d = -1) or down (d = 1). The dates stay where
 * they are in the sequence and the content moves: "the email first" keeps
 * the rhythm of the plan.
 */
export function moveTouch(c: Campaign, i: number, d: -1 | 1) {
  const j = i + d
  if (i < 0 || j < 0 || i >= c.touches.length || j >= c.touches.length) return
  const a = c.touches[i]
  const b = c.touches[j]
  const when = (t: Touch) => ({ dueDate: t.dueDate, offsetDays: t.offsetDays })
  const wa = when(a)
  const wb = when(b)
  c.touches[i] = { ...b, ...wa }
  c.touches[j] = { ...a, ...wb }
  renumber(c)
}

/** Sets the cost and expected response of every touch of a channel. */
export function setChannelCost(c: Campaign, channel: Channel, cost: ChannelCost) {
  for (const t of c.touches) {
    if (t.channel !== channel) continue
    t.unitCostMinor = cost.unitCostMinor
    t.expectedRate = cost.expectedRate
  }
}

/** Changes a touch's channel; the message of the old channel no longer fits. */
export function setTouchChannel(t: Touch, channel: Channel, cost: ChannelCost) {
  if (t.channel === channel) return
  t.channel = channel
  t.templateId = 0
  t.templateVersion = 0
  t.labelTemplateId = 0
  if (channel !== 'email') t.accountId = 0
  t.unitCostMinor = cost.unitCostMinor
  t.expectedRate = cost.expectedRate
}

/** Whether the user put anything into a touch that removing it would lose. */
export function touchHasContent(t: Touch): boolean {
  return t.templateId !== 0 || t.smsText.trim() !== '' || t.script.trim() !== '' || t.name.trim() !== ''
}

/** The campaign as the backend takes it: touches numbered in order. */
export function wire(c: Campaign): Campaign {
  const out = JSON.parse(JSON.stringify(c)) as Campaign
  out.kind = 'campaign'
  out.touches.forEach((t, i) => {
    t.seq = i + 1
    t.campaignId = out.id
  })
  return out
}

/** Fills what the backend may leave out (null lists), touches by seq. */
export function normalizeCampaign(c: Campaign): Campaign {
  const touches = [...(c.touches ?? [])].sort((a, b) => a.seq - b.seq).map((t) => ({ ...t, smsText: t.smsText ?? '', script: t.script ?? '', name: t.name ?? '' }))
  return { ...c, goal: c.goal ?? '', notes: c.notes ?? '', stopOn: c.stopOn ?? [], touches }
}

export function normalizePreflight(p: CampaignPreflight): CampaignPreflight {
  const ex = (list: CampaignPreflight['exclusions'] | null | undefined) => (list ?? []).map((e) => ({ ...e, contacts: e.contacts ?? [] }))
  return {
    ...p,
    exclusions: ex(p.exclusions),
    touches: (p.touches ?? []).map((t) => ({ ...t, exclusions: ex(t.exclusions) })),
    warnings: p.warnings ?? [],
    problems: p.problems ?? [],
  }
}

function normalizeSummary(s: Summary): Summary {
  return { ...s, campaign: normalizeCampaign(s.campaign) }
}

const snapshot = (c: Campaign | null) => (c ? JSON.stringify(wire(c)) : '')

// ---- Checks before Next ------------------------------------------------------------------

const invalid = (field: string, message: string, details: Record<string, string> = {}) => new ApiError('invalid', message, field, details)

/** The step a field belongs to (a backend error on it is shown there). */
export function fieldStep(field: string): number {
  if (/^touches\.\d+\.(templateId|templateVersion|labelTemplateId|accountId|smsText|script)$/.test(field)) return 5
  if (/^touches\.\d+\.(unitCostMinor|expectedRate)$/.test(field) || field === 'channels') return 3
  if (field.startsWith('touches') || ['startDate', 'stopOn', 'pressureMax', 'pressureDays', 'attributionDays'].includes(field)) return 6
  if (field === 'segmentId' || field === 'controlPct' || field === 'selection') return 2
  return 1
}

/** Messages a touch needs before launch (as marketing.ValidateCampaign with launch). */
function messageErrors(t: Touch, i: number): ApiError[] {
  const f = `touches.${i}`
  const touch = { touch: String(i + 1), reason: 'required' }
  const out: ApiError[] = []
  if ((t.channel === 'letter' || t.channel === 'catalog' || t.channel === 'email') && !t.templateId) {
    out.push(invalid(`${f}.templateId`, `Touch ${i + 1} has no message yet. Pick or write one.`, touch))
  }
  if (t.channel === 'email' && !t.accountId) out.push(invalid(`${f}.accountId`, `Touch ${i + 1} needs the mail account to send from.`, touch))
  if (t.channel === 'sms' && !t.smsText.trim()) out.push(invalid(`${f}.smsText`, `Touch ${i + 1} has no SMS text yet.`, touch))
  if (t.channel === 'phone' && !t.script.trim()) out.push(invalid(`${f}.script`, `Touch ${i + 1} has no call script yet.`, touch))
  return out
}

/**
 * What keeps a step from being finished: errors with the backend's field
 * names, codes and reasons, so one translation serves both. Step 4 and 8
 * have nothing to fill in; step 7 checks everything.
 */
export function validateStep(step: number, c: Campaign, today = todayISO()): ApiError[] {
  const out: ApiError[] = []
  switch (step) {
    case 1: {
      const name = c.name.trim()
      if (!name) out.push(invalid('name', 'Give the campaign a name.', { reason: 'required' }))
      else if ([...name].length > 120) out.push(invalid('name', 'The name is too long.', { reason: 'too_long', max: '120' }))
      if (c.budgetMinor < 0) out.push(invalid('budget', 'Amounts cannot be negative.', { reason: 'negative' }))
      if (c.orderValueMinor < 0) out.push(invalid('orderValue', 'Amounts cannot be negative.', { reason: 'negative' }))
      if (!(c.marginPct >= 0 && c.marginPct <= 100)) out.push(invalid('marginPct', 'The margin is between 0 and 100 %.', { reason: 'range', min: '0', max: '100' }))
      break
    }
    case 2:
      if (!c.segmentId) out.push(invalid('segmentId', 'Pick the target group: a saved segment.', { reason: 'required' }))
      if (!(c.controlPct >= 0 && c.controlPct <= 50)) out.push(invalid('controlPct', 'The control group is 0 to 50 %.', { reason: 'range', min: '0', max: '50' }))
      break
    case 3:
      if (!c.touches.length) out.push(invalid('channels', 'Pick at least one channel.', { reason: 'required' }))
      c.touches.forEach((t, i) => {
        if (t.unitCostMinor < 0 || !(t.expectedRate >= 0 && t.expectedRate <= 1)) {
          out.push(invalid(`touches.${i}.unitCostMinor`, 'Costs cannot be negative.', { reason: 'range', touch: String(i + 1) }))
        }
      })
      break
    case 5:
      c.touches.forEach((t, i) => out.push(...messageErrors(t, i)))
      break
    case 6: {
      if (!c.touches.length) out.push(invalid('touches', 'Plan at least one touch.', { reason: 'required' }))
      if (c.touches.length > MAX_TOUCHES) out.push(invalid('touches', 'Too many touches.', { reason: 'too_many', max: String(MAX_TOUCHES) }))
      if (c.startDate && !isISODate(c.startDate)) out.push(invalid('startDate', 'The start date is not a date.', { reason: 'date' }))
      const start = startOf(c, today)
      let prev = ''
      c.touches.forEach((t, i) => {
        const touch = String(i + 1)
        if (t.dueDate && !isISODate(t.dueDate)) {
          out.push(invalid(`touches.${i}.dueDate`, 'Not a date.', { reason: 'date', touch }))
          return
        }
        if (!t.dueDate && !(Number.isInteger(t.offsetDays) && t.offsetDays >= 0 && t.offsetDays <= 730)) {
          out.push(invalid(`touches.${i}.offsetDays`, 'A touch can come 0 to 730 days after the start.', { reason: 'range', touch, min: '0', max: '730' }))
          return
        }
        const due = touchDue(t, start)
        if (t.dueDate && due < start) {
          out.push(invalid(`touches.${i}.dueDate`, 'The touch comes before the start.', { reason: 'before_start', touch }))
        } else if (prev && due < prev) {
          out.push(invalid(`touches.${i}.dueDate`, 'The touch comes before the one above it.', { reason: 'order', touch, previous: String(i) }))
        }
        prev = due
      })
      if (!(Number.isInteger(c.pressureMax) && c.pressureMax >= 0 && c.pressureMax <= 100)) {
        out.push(invalid('pressureMax', 'The contact cap is at most 100 touches.', { reason: 'range', min: '0', max: '100' }))
      } else if (c.pressureMax > 0 && !(c.pressureDays >= 1 && c.pressureDays <= 366)) {
        out.push(invalid('pressureDays', 'Say over how many days the cap counts.', { reason: 'range', min: '1', max: '366' }))
      }
      if (!(Number.isInteger(c.attributionDays) && c.attributionDays >= 1 && c.attributionDays <= 365)) {
        out.push(invalid('attributionDays', 'Responses count for 1 to 365 days.', { reason: 'range', min: '1', max: '365' }))
      }
      break
    }
    case 7:
      for (const s of [1, 2, 3, 5, 6]) out.push(...validateStep(s, c, today))
      break
  }
  return out
}

/**
 * The translation keys tried for a campaign error, most specific first:
 * campaign.errors.<field>.<code>_<reason>, campaign.errors.<field>.<code>
 * (a touch's fields as touch.<name>), then the general ones.
 */
export function campaignErrorKeys(err: ApiError): string[] {
  const keys: string[] = []
  if (err.field) {
    const field = err.field.replace(/^touches\.\d+\./, 'touch.')
    if (/^[a-zA-Z.]+$/.test(field)) {
      const reason = err.details.reason
      if (reason && /^[a-z][a-z0-9_]*$/.test(reason)) keys.push(`campaign.errors.${field}.${err.code}_${reason}`)
      keys.push(`campaign.errors.${field}.${err.code}`)
    }
  }
  return [...keys, ...errorKeys(err)]
}

/** Translates a campaign error (with {touch}, {max}... from its details), else the backend's message. */
export function campaignErrorText(err: ApiError, i18n: Translator): string {
  const params: Record<string, unknown> = { touch: '', ...err.details, message: err.message }
  const m = /^touches\.(\d+)\./.exec(err.field)
  if (m && !err.details.touch) params.touch = String(Number(m[1]) + 1)
  for (const key of campaignErrorKeys(err)) {
    if (i18n.te(key)) return i18n.t(key, params)
  }
  return err.message
}

// ---- Status -------------------------------------------------------------------------------

/** What the campaign page offers per status (marketing.CanMove, from the user's side). */
export type StatusAction = 'pause' | 'resume' | 'finish' | 'archive' | 'unarchive' | 'unschedule'

export const statusActions: Record<CampaignStatus, StatusAction[]> = {
  draft: ['archive'],
  scheduled: ['pause', 'unschedule', 'finish'],
  running: ['pause', 'finish'],
  paused: ['resume', 'finish'],
  finished: ['archive'],
  archived: ['unarchive'],
}

export const actionTarget: Record<StatusAction, CampaignStatus> = {
  pause: 'paused',
  resume: 'running',
  finish: 'finished',
  archive: 'archived',
  unarchive: 'finished',
  unschedule: 'draft',
}

/**
 * A touch on the campaign page: not made yet, its list made (work going on),
 * held while the campaign is paused (its list is made but nothing goes out),
 * or done.
 */
export type TouchState = 'planned' | 'released' | 'paused' | 'done'

export function touchState(t: Touch, status?: CampaignStatus): TouchState {
  if (t.finishedAt) return 'done'
  if (t.releasedAt) return status === 'paused' ? 'paused' : 'released'
  return 'planned'
}

export interface TouchCount {
  total: number
  done: number
}

// ---- The store ---------------------------------------------------------------------------------

export const useCampaignsStore = defineStore('campaigns', () => {
  // ---- List ---------------------------------------------------------------------------
  const summaries = ref<Summary[]>([])
  const showArchived = ref(false)
  const listLoaded = ref(false)
  const listLoading = ref(false)
  const listError = ref<ApiError | null>(null)
  let listSeq = 0

  async function loadList(): Promise<void> {
    const mine = ++listSeq
    listLoading.value = true
    try {
      const list = (await api.list(showArchived.value)) ?? []
      if (mine !== listSeq) return
      summaries.value = list.map(normalizeSummary)
      listError.value = null
      listLoaded.value = true
    } catch (e) {
      if (mine === listSeq) listError.value = parseError(e)
    } finally {
      if (mine === listSeq) listLoading.value = false
    }
  }

  function setShowArchived(v: boolean) {
    showArchived.value = v
    return loadList()
  }

  // ---- Things the wizard picks from ------------------------------------------------------
  const segments = ref<SavedSegment[]>([])
  const templates = ref<Record<'letter' | 'catalog' | 'email' | 'labels', Template[]>>({ letter: [], catalog: [], email: [], labels: [] })
  const accounts = ref<AccountView[]>([])
  const fields = ref<FieldInfo[]>([])
  const lookupsLoaded = ref(false)
  const lookupError = ref<ApiError | null>(null)
  /** Live counts of segments (a dynamic segment is counted again; a frozen list has its size). */
  const segmentCounts = ref<Record<number, number>>({})

  async function loadLookups(): Promise<void> {
    const results = await Promise.allSettled([
      segmentsApi.list(),
      documentsApi.templates('letter'),
      documentsApi.templates('catalog'),
      documentsApi.templates('email'),
      documentsApi.templates('labels'),
      emailApi.accounts(),
      documentsApi.fields(),
    ])
    const [segs, letters, catalogs, emails, labels, accts, flds] = results
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined
    lookupError.value = failed ? parseError(failed.reason) : null
    if (segs.status === 'fulfilled') segments.value = segs.value
    templates.value = {
      letter: letters.status === 'fulfilled' ? letters.value : templates.value.letter,
      catalog: catalogs.status === 'fulfilled' ? catalogs.value : templates.value.catalog,
      email: emails.status === 'fulfilled' ? emails.value : templates.value.email,
      labels: labels.status === 'fulfilled' ? labels.value : templates.value.labels,
    }
    if (accts.status === 'fulfilled') accounts.value = accts.value ?? []
    if (flds.status === 'fulfilled') fields.value = flds.value ?? []
    lookupsLoaded.value = true
  }

  /** Counts a segment's contacts now (frozen lists: their size). Resolves to the count, or null. */
  async function countSegment(id: number): Promise<number | null> {
    const s = segments.value.find((x) => x.id === id)
    if (!s) return null
    if (s.kind === 'frozen') {
      segmentCounts.value = { ...segmentCounts.value, [id]: s.size }
      return s.size
    }
    try {
      const r = await segmentsApi.count(s.filter)
      segmentCounts.value = { ...segmentCounts.value, [id]: r.count }
      return r.count
    } catch {
      return null
    }
  }

  // ---- The draft in the wizard -------------------------------------------------------------
  const draft = ref<Campaign | null>(null)
  /** The draft as last saved (or loaded); dirty when it differs. */
  const baseline = ref('')
  const draftLoading = ref(false)
  const draftError = ref<ApiError | null>(null)
  const saving = ref(false)
  const saveError = ref<ApiError | null>(null)
  /** When the draft was last saved (ISO timestamp), "" before. */
  const savedAt = ref('')
  /** Cost and expected response per channel, also for channels no touch uses (yet). */
  const channelCosts = ref<Record<Channel, ChannelCost>>(suggestedCostTable('EUR'))
  /** The wizard saves by itself while this is on. */
  const autosave = ref(false)

  const dirty = computed(() => draft.value !== null && snapshot(draft.value) !== baseline.value)
  const locked = computed(() => draft.value !== null && draft.value.status !== 'draft')

  function adoptCosts(c: Campaign) {
    const table = suggestedCostTable(c.currency)
    for (const ch of CHANNELS) {
      const t = c.touches.find((x) => x.channel === ch)
      if (t) table[ch] = { unitCostMinor: t.unitCostMinor, expectedRate: t.expectedRate }
    }
    channelCosts.value = table
  }

  function resetDraftState() {
    clearTimeout(timer)
    timer = undefined
    saveError.value = null
    draftError.value = null
    savedAt.value = ''
    preflight.value = null
    preflightError.value = null
    preflightOf.value = ''
  }

  /** Starts a new draft with the textbook defaults in the workspace's currency. */
  function newDraft(currency: string) {
    resetDraftState()
    const c = emptyCampaign(currency || 'EUR')
    draft.value = c
    // Untouched, a new draft is nothing to save or to ask about.
    baseline.value = snapshot(c)
    adoptCosts(c)
  }

  /** Opens a saved campaign for editing. */
  async function openDraft(id: number): Promise<boolean> {
    resetDraftState()
    draftLoading.value = true
    draft.value = null
    try {
      const c = normalizeCampaign(await api.get(id))
      draft.value = c
      baseline.value = snapshot(c)
      adoptCosts(c)
      return true
    } catch (e) {
      draftError.value = parseError(e)
      return false
    } finally {
      draftLoading.value = false
    }
  }

  function closeDraft() {
    resetDraftState()
    draft.value = null
    baseline.value = ''
    autosave.value = false
  }

  /** Edits a channel's cost; every touch of the channel follows. */
  function setCost(channel: Channel, cost: ChannelCost) {
    channelCosts.value = { ...channelCosts.value, [channel]: cost }
    if (draft.value) setChannelCost(draft.value, channel, cost)
  }

  let inflight: Promise<Result<Campaign>> | null = null
  let timer: ReturnType<typeof setTimeout> | undefined

  async function saveOnce(): Promise<Result<Campaign>> {
    const d = draft.value
    if (!d) return { ok: false, error: new ApiError('not_found', 'No campaign is open.') }
    const sent = wire(d)
    const sentSnap = JSON.stringify(sent)
    saving.value = true
    try {
      const saved = normalizeCampaign(await api.save(sent))
      const now = draft.value
      if (now && now === d && snapshot(now) === sentSnap) {
        // Nothing changed while saving: take the stored version (ids, versions).
        draft.value = saved
      } else if (now && now === d) {
        // Changed meanwhile: keep the edits, take the ids; the next save sends the rest.
        now.id = saved.id
        if (now.touches.length === saved.touches.length) {
          now.touches.forEach((t, i) => {
            if (!t.id) t.id = saved.touches[i].id
            t.campaignId = saved.id
          })
        }
      }
      baseline.value = snapshot(saved)
      saveError.value = null
      savedAt.value = new Date().toISOString()
      return { ok: true, value: saved }
    } catch (e) {
      const error = parseError(e)
      saveError.value = error
      return { ok: false, error }
    } finally {
      saving.value = false
    }
  }

  /** Saves the draft now (one save at a time; a save asked for during one follows it). */
  async function save(): Promise<Result<Campaign>> {
    clearTimeout(timer)
    timer = undefined
    while (inflight) await inflight
    const p = saveOnce()
    inflight = p
    try {
      return await p
    } finally {
      if (inflight === p) inflight = null
    }
  }

  /** Saves if there is anything to save; a result either way. */
  async function saveIfDirty(): Promise<Result<Campaign>> {
    if (draft.value && draft.value.id && !dirty.value) return { ok: true, value: draft.value }
    return save()
  }

  /** Saves AUTOSAVE_MS after the last change, once the draft has a name. */
  function scheduleSave() {
    clearTimeout(timer)
    timer = undefined
    if (!autosave.value || !draft.value || !dirty.value) return
    if (!draft.value.name.trim()) return
    timer = setTimeout(() => {
      timer = undefined
      void save()
    }, AUTOSAVE_MS)
  }

  watch(draft, () => scheduleSave(), { deep: true })

  // ---- Preflight (steps 4 and 7) --------------------------------------------------------------
  const preflight = ref<CampaignPreflight | null>(null)
  const preflightLoading = ref(false)
  const preflightError = ref<ApiError | null>(null)
  /** The draft the preflight was made for: it is stale when the draft changed. */
  const preflightOf = ref('')
  const preflightStale = computed(() => preflight.value !== null && preflightOf.value !== snapshot(draft.value))

  /** Saves the draft, then asks what launching would do. */
  async function runPreflight(): Promise<Result<CampaignPreflight>> {
    preflightLoading.value = true
    try {
      const s = await saveIfDirty()
      if (!s.ok) {
        preflightError.value = s.error
        return s
      }
      const of = snapshot(draft.value)
      const p = normalizePreflight(await api.preflight(s.value.id))
      preflight.value = p
      preflightOf.value = of
      preflightError.value = null
      return { ok: true, value: p }
    } catch (e) {
      const error = parseError(e)
      preflightError.value = error
      return { ok: false, error }
    } finally {
      preflightLoading.value = false
    }
  }

  // ---- Launch ---------------------------------------------------------------------------------
  const launching = ref(false)

  /** Saves, then freezes the list and starts (or schedules) the campaign. */
  async function launch(): Promise<Result<{ id: number; released: Released }>> {
    launching.value = true
    try {
      const s = await saveIfDirty()
      if (!s.ok) return s
      const released = await api.launch(s.value.id)
      autosave.value = false
      void loadList()
      return { ok: true, value: { id: s.value.id, released: { touches: released?.touches ?? [] } } }
    } catch (e) {
      return { ok: false, error: parseError(e) }
    } finally {
      launching.value = false
    }
  }

  // ---- The campaign page ------------------------------------------------------------------------
  const current = ref<Campaign | null>(null)
  const currentSummary = ref<Summary | null>(null)
  const currentLoading = ref(false)
  const currentError = ref<ApiError | null>(null)
  /** The action running on the open campaign (its button shows a spinner). */
  const busy = ref<string | null>(null)
  const touchCounts = ref<Record<number, TouchCount>>({})
  let currentSeq = 0

  async function loadTouchCounts(c: Campaign) {
    const out: Record<number, TouchCount> = {}
    await Promise.all(
      c.touches
        .filter((t) => t.releasedAt)
        .map(async (t) => {
          try {
            if (t.channel === 'email') {
              const st = await emailApi.status(t.id)
              out[t.id] = { total: st.total ?? 0, done: st.done ?? 0 }
            } else {
              const page = await api.work({ touchId: t.id, state: '', query: '', offset: 0, limit: 1 })
              out[t.id] = { total: page.total ?? 0, done: page.counts?.done ?? 0 }
            }
          } catch {
            // A count that cannot be read is left out; the touch still shows its state.
          }
        }),
    )
    if (current.value?.id === c.id) touchCounts.value = out
  }

  /** Opens a campaign on its page: the plan, its headline numbers and each touch's count. */
  async function load(id: number): Promise<void> {
    const mine = ++currentSeq
    if (current.value?.id !== id) {
      current.value = null
      currentSummary.value = null
      touchCounts.value = {}
    }
    currentLoading.value = true
    try {
      const c = normalizeCampaign(await api.get(id))
      if (mine !== currentSeq) return
      current.value = c
      currentError.value = null
      const [list] = await Promise.allSettled([api.list(c.status === 'archived'), loadTouchCounts(c)])
      if (mine !== currentSeq) return
      if (list.status === 'fulfilled') {
        const s = (list.value ?? []).find((x) => x.campaign.id === id)
        currentSummary.value = s ? normalizeSummary(s) : null
      }
    } catch (e) {
      if (mine === currentSeq) currentError.value = parseError(e)
    } finally {
      if (mine === currentSeq) currentLoading.value = false
    }
  }

  async function act<T>(name: string, fn: () => Promise<T>): Promise<Result<T>> {
    busy.value = name
    try {
      return { ok: true, value: await fn() }
    } catch (e) {
      return { ok: false, error: parseError(e) }
    } finally {
      busy.value = null
    }
  }

  /** Pauses, resumes, finishes, archives or unschedules the open campaign, then shows it again. */
  async function setStatus(action: StatusAction): Promise<Result<void>> {
    const c = current.value
    if (!c) return { ok: false, error: new ApiError('not_found', 'No campaign is open.') }
    const r = await act(action, () => api.setStatus(c.id, actionTarget[action]))
    await load(c.id)
    return r as Result<void>
  }

  /** Makes a touch's list now ("Start now"). */
  async function release(touchId: number): Promise<Result<Released>> {
    const c = current.value
    const r = await act(`release:${touchId}`, async () => {
      const res = await api.release(touchId)
      return { touches: res?.touches ?? [] }
    })
    if (c) await load(c.id)
    return r
  }

  /** Copies a campaign's plan into a new draft. */
  async function duplicate(id: number): Promise<Result<Campaign>> {
    const r = await act('duplicate', async () => normalizeCampaign(await api.duplicate(id)))
    if (r.ok) void loadList()
    return r
  }

  /** Deletes a draft. */
  async function remove(id: number): Promise<Result<void>> {
    const r = await act('delete', () => api.remove(id))
    if (r.ok) {
      summaries.value = summaries.value.filter((s) => s.campaign.id !== id)
      if (current.value?.id === id) current.value = null
    }
    return r as Result<void>
  }

  return {
    summaries,
    showArchived,
    listLoaded,
    listLoading,
    listError,
    loadList,
    setShowArchived,

    segments,
    templates,
    accounts,
    fields,
    lookupsLoaded,
    lookupError,
    segmentCounts,
    loadLookups,
    countSegment,

    draft,
    baseline,
    draftLoading,
    draftError,
    saving,
    saveError,
    savedAt,
    channelCosts,
    autosave,
    dirty,
    locked,
    newDraft,
    openDraft,
    closeDraft,
    setCost,
    save,
    saveIfDirty,
    scheduleSave,

    preflight,
    preflightLoading,
    preflightError,
    preflightStale,
    runPreflight,

    launching,
    launch,

    current,
    currentSummary,
    currentLoading,
    currentError,
    busy,
    touchCounts,
    load,
    setStatus,
    release,
    duplicate,
    remove,
  }
})
