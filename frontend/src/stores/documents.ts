import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import * as docsApi from '../api/documents'
import * as segmentsApi from '../api/segments'
import { onEvent } from '../api/events'
import { ApiError, parseError } from '../api/errors'
import type {
  DocumentOutput,
  DocumentResult,
  DocumentRun,
  DocumentSelection,
  FieldInfo,
  LetterLayout,
  PreflightReport,
  Preview,
  Template,
} from '../api/documents'
import type { LanguageCode, SavedSegment } from '../api/types'
import { RateMeter } from '../utils/jobRate'

export const DOCUMENTS_JOB = 'documents'
export const PREVIEW_DEBOUNCE_MS = 450

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }

// ---- Pure helpers (tested in documents.test.ts) ----------------------------------------

/** Who the documents are for, as the pickers name it: "all" or "seg:<id>". */
export type SelectionKey = string

export function selectionFor(key: SelectionKey): DocumentSelection {
  const m = /^seg:(\d+)$/.exec(key)
  if (m) return { segmentId: Number(m[1]), filter: { v: 1, root: {} } }
  return docsApi.everyone()
}

/** The picker key of a selection (a filter other than "everyone" has no key of its own). */
export function selectionKeyOf(sel: DocumentSelection): SelectionKey {
  return sel.segmentId ? `seg:${sel.segmentId}` : 'all'
}

export function defaultLetterLayout(): LetterLayout {
  return { paper: 'A4', envelope: 'DL', window: 'left', offsetX: 0, offsetY: 0, sender: true, logo: true, footer: true }
}

/** A letter with every part of the layout filled (templates made elsewhere may lack some). */
export function withLetterLayout(t: Template): Template {
  const l = { ...defaultLetterLayout(), ...(t.layout.letter ?? {}) }
  if (l.paper !== 'Letter') l.paper = 'A4'
  if (l.envelope !== 'C5' && l.envelope !== 'C6/5') l.envelope = 'DL'
  if (l.window !== 'right') l.window = 'left'
  l.offsetX = Number.isFinite(l.offsetX) ? l.offsetX : 0
  l.offsetY = Number.isFinite(l.offsetY) ? l.offsetY : 0
  return { ...t, layout: { ...t.layout, letter: l } }
}

/** A new, unsaved letter. */
export function blankLetter(title: string, lang: string): Template {
  return {
    id: 0,
    name: '',
    kind: 'letter',
    title,
    lang,
    body: '<p></p>',
    layout: {
      letter: defaultLetterLayout(),
      labels: {} as Template['layout']['labels'],
      catalog: { title: '', season: '', grid: '2x3', contents: false, intro: false, reply: false, variants: [] },
    },
    version: 0,
    starter: '',
    updatedAt: '',
  }
}

/** What counts as an unsaved change of a template. */
export function templateSnapshot(t: Template | null): string {
  if (!t) return ''
  return JSON.stringify({ title: t.title.trim(), lang: t.lang, body: t.body, layout: t.layout })
}

/** The name a copy gets: "X (copy)", "X (copy 2)" when that is taken. */
export function copyTitle(title: string, taken: string[], word: (n: number) => string): string {
  const names = new Set(taken.map((s) => s.trim().toLocaleLowerCase()))
  for (let n = 1; n < 100; n++) {
    const candidate = `${title} (${word(n)})`
    if (!names.has(candidate.toLocaleLowerCase())) return candidate
  }
  return `${title} (${word(100)})`
}

const MISSING_MARK = /\[\[dd-missing:(\d+)\]\]/g

/**
 * Gives every plain field of the body ({{first_name}}, not one with its own
 * fallback) a fallback that marks the spot, so the preview can show where a
 * value is missing for the contact shown. Returns the body to preview and
 * the names the marks stand for.
 */
export function markMissing(body: string): { body: string; names: string[] } {
  const names: string[] = []
  const out = body.replace(/\{\{([^{}]*)\}\}/g, (whole, inner: string) => {
    const text = inner.replace(/<[^>]*>/g, '').replace(/&nbsp;|\u00a0/g, ' ').trim()
    if (!text || /^[#/"“„«]/.test(text) || text.includes('|') || text.startsWith('else')) return whole
    const name = text
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
    let i = names.indexOf(name)
    if (i < 0) {
      names.push(name)
      i = names.length - 1
    }
    return `{{${inner} | "[[dd-missing:${i}]]"}}`
  })
  return { body: out, names }
}

/** The field names whose marks are in merged HTML. */
export function missingIn(html: string, names: string[]): string[] {
  const found = new Set<string>()
  for (const m of html.matchAll(MISSING_MARK)) {
    const n = names[Number(m[1])]
    if (n) found.add(n)
  }
  return [...found]
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Turns the marks into highlighted labels ("‹First name›"). */
export function showMissing(html: string, names: string[], label: (name: string) => string): string {
  return html.replace(MISSING_MARK, (_, i: string) => {
    const name = names[Number(i)] ?? ''
    return `<mark class="dd-missing" data-field="${escapeHtml(name)}">${escapeHtml(label(name))}</mark>`
  })
}

/** The media references ("media:img/…") of the pictures in HTML. */
export function mediaRefs(html: string): string[] {
  const out = new Set<string>()
  for (const m of html.matchAll(/<img\b[^>]*?\bsrc="(media:[^"]+)"/g)) out.add(m[1])
  return [...out]
}

/** Replaces picture references by the data: URLs given (those not given stay as they are). */
export function withMediaUrls(html: string, urls: Map<string, string>): string {
  return html.replace(/(<img\b[^>]*?\bsrc=")(media:[^"]+)(")/g, (whole, a: string, ref: string, b: string) => {
    const url = urls.get(ref)
    return url ? `${a}${url}" data-media="${ref}${b}` : whole
  })
}

/**
 * Replaces a field a save refused ({{frist_name}}) by the one meant
 * ({{first_name}}), wherever it is written as a field or in a condition.
 */
export function replaceField(body: string, from: string, to: string): string {
  if (!from || from === to) return body
  const esc = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return body.replace(/\{\{[^{}]*\}\}/g, (tag) => tag.replace(new RegExp(`(^|[^\\p{L}\\p{N}_."])${esc}(?=$|[^\\p{L}\\p{N}_.])`, 'gu'), `$1${to}`))
}

// ---- Conditions ({{#if …}}) ---------------------------------------------------------------

export type ConditionOp = 'eq' | 'ne' | 'filled' | 'empty' | 'gt' | 'ge' | 'lt' | 'le' | 'before' | 'after' | 'inSegment' | 'notInSegment'

/** The operators a field of a kind offers in the condition helper. */
export function conditionOps(kind: FieldInfo['kind'] | 'segment'): ConditionOp[] {
  switch (kind) {
    case 'segment':
      return ['inSegment', 'notInSegment']
    case 'number':
    case 'money':
      return ['gt', 'ge', 'lt', 'le', 'eq', 'ne', 'filled', 'empty']
    case 'date':
      return ['before', 'after', 'filled', 'empty']
  }
  return ['eq', 'ne', 'filled', 'empty']
}

export const opTakesValue = (op: ConditionOp) => op !== 'filled' && op !== 'empty'

/** A quoted text of the template language. */
export function quoteText(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/** What a field is called inside a tag: the token without its braces. */
export function fieldRef(f: Pick<FieldInfo, 'token' | 'name'>): string {
  const m = /^\{\{(.*)\}\}$/.exec(f.token)
  return m ? m[1] : f.name
}

/** The fields a condition may test (not the business's, the campaign's or today). */
export function conditionFields(fields: FieldInfo[]): FieldInfo[] {
  return fields.filter((f) => f.group !== 'business' && f.group !== 'campaign' && f.name !== 'today' && f.name !== 'salutation')
}

export interface ConditionSpec {
  field: Pick<FieldInfo, 'token' | 'name' | 'kind'> | null
  op: ConditionOp
  value: string
  segment: string
}

/** The condition as the template language writes it, or "" when it is not complete. */
export function conditionText(c: ConditionSpec): string {
  if (c.op === 'inSegment' || c.op === 'notInSegment') {
    if (!c.segment) return ''
    return `segment ${c.op === 'inSegment' ? '=' : '!='} ${quoteText(c.segment)}`
  }
  if (!c.field) return ''
  const f = fieldRef(c.field)
  if (c.op === 'filled') return f
  if (c.op === 'empty') return `not ${f}`
  const v = c.value.trim()
  if (!v) return ''
  const numeric = (c.field.kind === 'number' || c.field.kind === 'money') && /^-?\d+([.,]\d+)?$/.test(v)
  const lit = numeric ? v.replace(',', '.') : quoteText(v)
  switch (c.op) {
    case 'eq':
      return `${f} = ${lit}`
    case 'ne':
      return `${f} != ${lit}`
    case 'gt':
    case 'after':
      return `${f} > ${lit}`
    case 'ge':
      return `${f} >= ${lit}`
    case 'lt':
    case 'before':
      return `${f} < ${lit}`
    case 'le':
      return `${f} <= ${lit}`
  }
  return ''
}

/** The opening and closing tags around conditional text; otherwise is the text for the {{#else}}. */
export function conditionTags(cond: string, otherwise: string): { open: string; close: string } {
  return { open: `{{#if ${cond}}}`, close: otherwise ? `{{#else}}${otherwise}{{/if}}` : '{{/if}}' }
}

// ---- Fields -------------------------------------------------------------------------------

export const fieldGroups = ['contact', 'address', 'purchase', 'business', 'campaign', 'other'] as const

/** The insert-field menu: the fields whose name or label holds the search, by group. */
export function groupFields(
  fields: FieldInfo[],
  label: (f: FieldInfo) => string,
  search = '',
): { group: FieldInfo['group']; fields: FieldInfo[] }[] {
  const q = search.trim().toLocaleLowerCase()
  const hit = (f: FieldInfo) => !q || label(f).toLocaleLowerCase().includes(q) || f.name.toLocaleLowerCase().includes(q)
  const out: { group: FieldInfo['group']; fields: FieldInfo[] }[] = []
  for (const g of fieldGroups) {
    const list = fields.filter((f) => (f.group === g || (g === 'other' && !fieldGroups.includes(f.group))) && hit(f))
    if (list.length) out.push({ group: g, fields: list })
  }
  return out
}

/** The campaign a run is recorded under by default: the template's title and the date. */
export function defaultCampaign(title: string, isoDate: string): string {
  return `${title.trim()} ${isoDate}`.trim()
}

// ---- Jobs ---------------------------------------------------------------------------------

/** The running preflight or generation, as the progress bar shows it. */
export interface DocJob {
  task: 'preflight' | 'generate' | null
  done: number
  total: number
  rate: number | null
  eta: number | null
  cancelling: boolean
}

function idleJob(): DocJob {
  return { task: null, done: 0, total: 0, rate: null, eta: null, cancelling: false }
}

/**
 * The Letters & print screen: the letter templates, the one being edited
 * (unsaved changes kept while the user looks elsewhere), who the documents
 * are for, the live preview of one recipient, the preflight over all of
 * them, generation (job "documents", with progress and cancel) and the
 * history of what was made.
 */
export const useDocumentsStore = defineStore('documents', () => {
  // ---- Fields for "Insert field" -------------------------------------------------------
  const fields = ref<FieldInfo[]>([])
  const fieldsError = ref<ApiError | null>(null)
  let fieldsRequest: Promise<void> | null = null

  function loadFields(force = false): Promise<void> {
    if (fieldsRequest && !force) return fieldsRequest
    fieldsRequest = docsApi
      .fields()
      .then((list) => {
        fields.value = list
        fieldsError.value = null
      })
      .catch((e) => {
        fieldsError.value = parseError(e)
        fieldsRequest = null
      })
    return fieldsRequest
  }

  // ---- Who gets the documents ----------------------------------------------------------
  const segments = ref<SavedSegment[]>([])
  const segmentsError = ref<ApiError | null>(null)
  const selectionKey = ref<SelectionKey>('all')
  const selection = computed(() => selectionFor(selectionKey.value))

  async function loadSegments(): Promise<void> {
    try {
      segments.value = await segmentsApi.list()
      segmentsError.value = null
      if (selectionKey.value !== 'all' && !segments.value.some((s) => `seg:${s.id}` === selectionKey.value)) selectionKey.value = 'all'
    } catch (e) {
      segmentsError.value = parseError(e)
    }
  }

  // ---- Letter templates ----------------------------------------------------------------
  const letters = ref<Template[]>([])
  const listLoaded = ref(false)
  const listError = ref<ApiError | null>(null)
  /** The letter being edited (a copy: saving stores it). */
  const draft = ref<Template | null>(null)
  const baseline = ref('')
  const dirty = computed(() => !!draft.value && templateSnapshot(draft.value) !== baseline.value)
  const busy = ref<'save' | 'create' | 'delete' | null>(null)

  async function loadLetters(): Promise<void> {
    try {
      letters.value = await docsApi.templates('letter')
      listError.value = null
    } catch (e) {
      listError.value = parseError(e)
    } finally {
      listLoaded.value = true
    }
  }

  function open(t: Template | null) {
    draft.value = t ? withLetterLayout(JSON.parse(JSON.stringify(t)) as Template) : null
    baseline.value = templateSnapshot(draft.value)
    previewIndex.value = 0
    preview.value = null
    previewError.value = null
    report.value = null
    reportKey.value = ''
    preflightError.value = null
    if (draft.value) schedulePreview(0)
  }

  /** Opening the screen: fields, segments and letters; the letter being edited stays open. */
  async function init(): Promise<void> {
    await Promise.all([loadFields(true), loadSegments(), loadLetters()])
    const cur = draft.value
    if (cur && cur.id && !letters.value.some((t) => t.id === cur.id)) {
      open(letters.value[0] ?? null)
    } else if (!cur && letters.value.length) {
      open(letters.value[0])
    } else if (cur) {
      schedulePreview(0)
    }
  }

  async function run<T>(what: 'save' | 'create' | 'delete', fn: () => Promise<T>): Promise<Result<T>> {
    if (busy.value) return { ok: false, error: new ApiError('conflict', 'Another change is being saved.') }
    busy.value = what
    try {
      return { ok: true, value: await fn() }
    } catch (e) {
      return { ok: false, error: parseError(e) }
    } finally {
      busy.value = null
    }
  }

  function titleError(title: string): ApiError | null {
    if (title.trim() === '') return new ApiError('invalid', 'Give the template a name.', 'title', { reason: 'required' })
    return null
  }

  /** Saves the letter being edited as a new version. */
  async function save(): Promise<Result<Template>> {
    const t = draft.value
    if (!t) return { ok: false, error: new ApiError('not_found', 'No letter is open.') }
    const err = titleError(t.title)
    if (err) return { ok: false, error: err }
    const sent = templateSnapshot(t)
    const res = await run('save', () => docsApi.save({ ...t, title: t.title.trim() }))
    if (res.ok && draft.value === t) {
      // The editor keeps its own text (and caret): the stored body is the
      // same letter, tidied. What was typed while saving stays unsaved.
      const saved = res.value
      Object.assign(t, { id: saved.id, name: saved.name, version: saved.version, updatedAt: saved.updatedAt, kind: saved.kind })
      baseline.value = sent
    }
    if (res.ok) await loadLetters()
    return res
  }

  /** Creates and opens a letter (blank or from a starter) and stores it at once. */
  async function create(t: Template): Promise<Result<Template>> {
    const err = titleError(t.title)
    if (err) return { ok: false, error: err }
    const res = await run('create', () => docsApi.save({ ...t, id: 0, name: '', version: 0, title: t.title.trim() }))
    if (res.ok) {
      await loadLetters()
      open(res.value)
    }
    return res
  }

  /** Deletes a template; when it was open, the next letter opens. */
  async function remove(id: number): Promise<Result<void>> {
    const res = await run('delete', () => docsApi.remove(id))
    if (res.ok) {
      const idx = letters.value.findIndex((t) => t.id === id)
      await loadLetters()
      if (draft.value?.id === id) open(letters.value[Math.min(Math.max(idx, 0), letters.value.length - 1)] ?? null)
    }
    return res
  }

  function setBody(html: string) {
    if (draft.value) draft.value.body = html
  }

  /** The one-click fix of an unknown field: {{frist_name}} becomes {{first_name}}. */
  function fixField(from: string, to: string) {
    if (draft.value) draft.value.body = replaceField(draft.value.body, from, to)
  }

  // ---- Preview -------------------------------------------------------------------------
  const previewIndex = ref(0)
  const preview = ref<Preview | null>(null)
  /** Fields missing for the contact shown (highlighted in the merged text). */
  const previewMissing = ref<string[]>([])
  /** The names behind the marks in preview.html. */
  const previewNames = ref<string[]>([])
  const previewError = ref<ApiError | null>(null)
  const previewLoading = ref(false)
  let previewSeq = 0
  let previewTimer: ReturnType<typeof setTimeout> | undefined

  function schedulePreview(delay = PREVIEW_DEBOUNCE_MS) {
    if (previewTimer !== undefined) clearTimeout(previewTimer)
    if (!draft.value) return
    previewLoading.value = true
    previewTimer = setTimeout(() => {
      previewTimer = undefined
      void runPreview()
    }, delay)
  }

  async function runPreview(): Promise<void> {
    if (previewTimer !== undefined) {
      clearTimeout(previewTimer)
      previewTimer = undefined
    }
    const t = draft.value
    if (!t) return
    const mine = ++previewSeq
    previewLoading.value = true
    const marked = markMissing(t.body)
    try {
      const p = await docsApi.preview({ ...t, body: marked.body }, selection.value, previewIndex.value)
      if (mine !== previewSeq) return
      preview.value = p
      previewNames.value = marked.names
      previewMissing.value = [...new Set([...missingIn(p.html, marked.names), ...p.missing])]
      previewIndex.value = p.index
      previewError.value = null
    } catch (e) {
      if (mine !== previewSeq) return
      previewError.value = parseError(e)
    } finally {
      if (mine === previewSeq) previewLoading.value = false
    }
  }

  /** Shows the recipient at index (0-based; clamped by the backend). */
  function showRecipient(index: number) {
    const total = preview.value?.total ?? 0
    previewIndex.value = Math.max(0, total > 0 ? Math.min(index, total - 1) : index)
    void runPreview()
  }

  // Edits to the letter shown (opening another one previews at once, in open()).
  watch(
    () => (draft.value ? { id: draft.value.id, key: JSON.stringify([draft.value.body, draft.value.layout, draft.value.lang]) } : null),
    (now, before) => {
      if (now && before && now.id === before.id && now.key !== before.key) schedulePreview()
    },
  )
  watch(selectionKey, () => {
    previewIndex.value = 0
    schedulePreview(0)
  })

  // ---- Preflight ------------------------------------------------------------------------
  const report = ref<PreflightReport | null>(null)
  /** What the report was made for (body and selection). */
  const reportKey = ref('')
  const preflightError = ref<ApiError | null>(null)
  const checkKey = computed(() => (draft.value ? JSON.stringify([draft.value.body, draft.value.layout.letter, selectionKey.value]) : ''))
  /** The letter or the recipients changed since the report was made. */
  const reportStale = computed(() => !!report.value && reportKey.value !== checkKey.value)

  // ---- Jobs ------------------------------------------------------------------------------
  const job = ref<DocJob>(idleJob())
  const meter = new RateMeter()

  onEvent('job:progress', (p) => {
    if (p.job !== DOCUMENTS_JOB || !job.value.task) return
    const now = Date.now()
    meter.add(p.done, now)
    job.value.done = p.done
    job.value.total = p.total
    job.value.rate = meter.rate()
    job.value.eta = meter.eta(p.done, p.total)
  })

  function startJob(task: 'preflight' | 'generate') {
    job.value = { ...idleJob(), task }
    meter.reset(Date.now())
  }

  async function runPreflight(): Promise<Result<PreflightReport>> {
    const t = draft.value
    if (!t) return { ok: false, error: new ApiError('not_found', 'No letter is open.') }
    if (job.value.task) return { ok: false, error: new ApiError('conflict', 'Documents are being made or checked.') }
    const key = checkKey.value
    startJob('preflight')
    try {
      const r = await docsApi.preflight(t, selection.value)
      report.value = r
      reportKey.value = key
      preflightError.value = null
      return { ok: true, value: r }
    } catch (e) {
      const err = parseError(e)
      if (err.code !== 'canceled') preflightError.value = err
      return { ok: false, error: err }
    } finally {
      job.value = idleJob()
    }
  }

  async function cancelJob(): Promise<void> {
    if (!job.value.task) return
    job.value.cancelling = true
    try {
      await docsApi.cancel()
    } catch {
      if (job.value.task) job.value.cancelling = false
    }
  }

  /** Makes the PDFs of a saved template (any kind); the history is read again after. */
  async function generate(id: number, sel: DocumentSelection, path: string, output: DocumentOutput, campaign: string): Promise<Result<DocumentResult>> {
    if (job.value.task) return { ok: false, error: new ApiError('conflict', 'Documents are being made or checked.') }
    startJob('generate')
    try {
      const r = await docsApi.generate(id, sel, path, { output, campaign: campaign.trim() })
      void loadRuns()
      return { ok: true, value: r }
    } catch (e) {
      return { ok: false, error: parseError(e) }
    } finally {
      job.value = idleJob()
    }
  }

  // ---- History ---------------------------------------------------------------------------
  const runs = ref<DocumentRun[]>([])
  const runsLoaded = ref(false)
  const runsError = ref<ApiError | null>(null)

  async function loadRuns(): Promise<void> {
    try {
      runs.value = await docsApi.runs()
      runsError.value = null
    } catch (e) {
      runsError.value = parseError(e)
    } finally {
      runsLoaded.value = true
    }
  }

  /** The language new letters are written in by default. */
  function defaultLang(ui: LanguageCode): string {
    return draft.value?.lang || ui
  }

  return {
    fields,
    fieldsError,
    loadFields,
    segments,
    segmentsError,
    selectionKey,
    selection,
    loadSegments,
    letters,
    listLoaded,
    listError,
    draft,
    dirty,
    busy,
    loadLetters,
    open,
    init,
    save,
    create,
    remove,
    setBody,
    fixField,
    previewIndex,
    preview,
    previewMissing,
    previewNames,
    previewError,
    previewLoading,
    schedulePreview,
    runPreview,
    showRecipient,
    report,
    reportStale,
    preflightError,
    runPreflight,
    job,
    cancelJob,
    generate,
    runs,
    runsLoaded,
    runsError,
    loadRuns,
    defaultLang,
  }
})
