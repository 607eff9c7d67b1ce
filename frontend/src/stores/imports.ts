import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as importsApi from '../api/imports'
import * as exportsApi from '../api/exports'
import * as workspaceApi from '../api/workspace'
import { onEvent } from '../api/events'
import { ApiError, parseError } from '../api/errors'
import type { ContactMatch } from '../api/contacts'
import type {
  ColumnMapping,
  DuplicatePolicy,
  ExportKind,
  ExportResult,
  ImportBatch,
  ImportInspection,
  ImportKind,
  ImportMapping,
  ImportOptions,
  ImportRow,
  ImportSource,
  ImportSummary,
  ListKind,
  ListTermsChoice,
} from '../api/types'
import { RateMeter } from '../utils/jobRate'

export const PREVIEW_DEBOUNCE_MS = 300
const IMPORT_JOB = 'import'
const EXPORT_JOB = 'export'

/** The long calls of the import screen; one runs at a time. */
export type ImportTask = 'analyze' | 'commit' | 'undo'

/** A long job as the progress bar shows it. */
export interface JobState {
  task: ImportTask | 'export' | null
  done: number
  /** <= 0 when unknown. */
  total: number
  /** Rows per second over the last few seconds; null until known. */
  rate: number | null
  /** Seconds left; null when unknown. */
  eta: number | null
  cancelling: boolean
}

export type JobResult<T> = { ok: true; value: T } | { ok: false; error: ApiError }

/** The choices besides the mapping (ImportOptions without it). */
export interface ImportChoices {
  policy: DuplicatePolicy
  matchNamePostcode: boolean
  tag: string
  listKind: ListKind
  /** The terms of a bought or rented list (null for an own list). */
  list: ListTermsChoice | null
  currency: string
  imageFolder: string
}

/** How the file is read: sheet, header row, and for text files encoding and delimiter. */
export interface ReadOptions {
  sheet: string
  encoding: string
  delimiter: string
  /** 1-based; 0 = let DirectDesk find it; -1 = no header row. */
  headerRow: number
}

function idleJob(): JobState {
  return { task: null, done: 0, total: 0, rate: null, eta: null, cancelling: false }
}

export function defaultChoices(currency = ''): ImportChoices {
  return { policy: 'update', matchNamePostcode: false, tag: '', listKind: 'own', list: null, currency, imageFolder: '' }
}

function defaultRead(): ReadOptions {
  return { sheet: '', encoding: '', delimiter: '', headerRow: 0 }
}

/**
 * The import screen: what is imported from where, how the file is read, the
 * column mapping and choices, the live preview, the check (dry run), the
 * import itself, earlier imports with undo, and exports.
 *
 * Editing the mapping or a choice makes the last check stale (summary is
 * cleared) and refreshes the preview after a short pause.
 */
export const useImportsStore = defineStore('imports', () => {
  // ---- What and from where ----------------------------------------------
  const kind = ref<ImportKind>('contacts')
  /** The file's path ("" for pasted rows). */
  const path = ref('')
  /** Pasted rows (used when path is ""). */
  const paste = ref('')
  const read = ref<ReadOptions>(defaultRead())

  const inspection = ref<ImportInspection | null>(null)
  const inspecting = ref(false)
  const inspectError = ref<ApiError | null>(null)

  // ---- Mapping and choices ------------------------------------------------
  const mapping = ref<ImportMapping | null>(null)
  const choices = ref<ImportChoices>(defaultChoices())

  // ---- Preview, check, import ----------------------------------------------
  const preview = ref<ImportRow[]>([])
  const previewLoading = ref(false)
  const previewError = ref<ApiError | null>(null)
  const summary = ref<ImportSummary | null>(null)
  const analyzeError = ref<ApiError | null>(null)
  /** The batch this screen imported last (undoneAt set once undone). */
  const batch = ref<ImportBatch | null>(null)
  const commitError = ref<ApiError | null>(null)
  /** The last long call that the user stopped (for the "nothing was imported" note). */
  const canceled = ref<ImportTask | 'export' | null>(null)

  const batches = ref<ImportBatch[]>([])
  const batchesLoaded = ref(false)
  const batchesError = ref<ApiError | null>(null)

  const job = ref<JobState>(idleJob())
  /** The batch being undone (null when no undo runs). */
  const undoingId = ref<number | null>(null)
  const exportJob = ref<JobState>(idleJob())
  const meter = new RateMeter()
  const exportMeter = new RateMeter()

  let inspectSeq = 0
  let previewSeq = 0
  let previewTimer: ReturnType<typeof setTimeout> | undefined

  onEvent('job:progress', (p) => {
    if (p.job === IMPORT_JOB) progress(job.value, meter, p.done, p.total)
    else if (p.job === EXPORT_JOB) progress(exportJob.value, exportMeter, p.done, p.total)
  })

  function progress(state: JobState, m: RateMeter, done: number, total: number, now = Date.now()) {
    if (!state.task) return
    m.add(done, now)
    state.done = done
    state.total = total
    state.rate = m.rate()
    state.eta = m.eta(done, total)
  }

  // ---- Derived ---------------------------------------------------------------
  const hasSource = computed(() => path.value !== '' || paste.value.trim() !== '')
  const busy = computed(() => job.value.task !== null)
  /**
   * Where the user is: 0 what and from where, 1 columns, 2 check, 3 import
   * (the check is done, or the file is imported).
   */
  const step = computed(() => {
    if (!inspection.value) return 0
    if (batch.value || summary.value) return 3
    if (job.value.task === 'analyze') return 2
    return 1
  })
  const mappedCount = computed(() => (mapping.value?.columns ?? []).filter((c) => c.field !== '').length)
  /** How many rows the import will store (new and updated), once checked. */
  const toImport = computed(() => (summary.value ? summary.value.counts.new + summary.value.counts.updated : null))

  function src(): ImportSource {
    return {
      paste: path.value ? '' : paste.value,
      fileName: '',
      sheet: read.value.sheet,
      encoding: read.value.encoding,
      delimiter: read.value.delimiter,
      headerRow: read.value.headerRow,
    }
  }

  function importOptions(): ImportOptions {
    const m = mapping.value ?? { kind: kind.value, sheet: read.value.sheet, headerRow: 0, columns: [] }
    return { ...choices.value, mapping: { ...m, kind: kind.value, columns: m.columns.map((c) => ({ ...c })) } }
  }

  // ---- Reading the file -------------------------------------------------------
  function clearResults() {
    cancelPendingPreview()
    previewSeq++
    preview.value = []
    previewError.value = null
    previewLoading.value = false
    summary.value = null
    analyzeError.value = null
    commitError.value = null
    canceled.value = null
    batch.value = null
  }

  /** Inspects the current source; a mapping proposal and the preview follow. */
  async function inspect(): Promise<boolean> {
    if (!hasSource.value) return false
    const mine = ++inspectSeq
    inspecting.value = true
    inspectError.value = null
    try {
      const res = await importsApi.inspect(path.value, kind.value, src())
      if (mine !== inspectSeq) return false
      clearResults()
      inspection.value = res
      mapping.value = { ...res.mapping, kind: kind.value, columns: res.mapping.columns.map((c) => ({ ...c })) }
      // Read the file the same way from now on (preview, check, import).
      read.value = {
        sheet: res.sheet,
        encoding: res.encoding,
        delimiter: res.delimiter,
        headerRow: res.headerRow > 0 ? res.headerRow : -1,
      }
      schedulePreview(0)
      return true
    } catch (e) {
      if (mine !== inspectSeq) return false
      inspectError.value = parseError(e)
      return false
    } finally {
      if (mine === inspectSeq) inspecting.value = false
    }
  }

  /** A file was picked (path from Files.Open). */
  function openFile(p: string): Promise<boolean> {
    if (busy.value || !p) return Promise.resolve(false)
    path.value = p
    paste.value = ''
    read.value = defaultRead()
    inspection.value = null
    mapping.value = null
    clearResults()
    return inspect()
  }

  /** Rows pasted from a spreadsheet. */
  function openPaste(text: string): Promise<boolean> {
    if (busy.value) return Promise.resolve(false)
    path.value = ''
    paste.value = text
    read.value = defaultRead()
    inspection.value = null
    mapping.value = null
    clearResults()
    if (!text.trim()) {
      inspectError.value = new ApiError('invalid', 'Paste rows copied from Excel or LibreOffice, or choose a file.', 'paste', { reason: 'empty' })
      return Promise.resolve(false)
    }
    return inspect()
  }

  /** What the file holds; a file already read is read again for the new kind. */
  function setKind(k: ImportKind): Promise<boolean> {
    if (busy.value || k === kind.value) return Promise.resolve(false)
    kind.value = k
    if (!hasSource.value) return Promise.resolve(false)
    return inspect()
  }

  /** Reads the file again with another sheet, header row, encoding or delimiter. */
  function setRead(patch: Partial<ReadOptions>): Promise<boolean> {
    if (busy.value || !hasSource.value) return Promise.resolve(false)
    const next = { ...read.value, ...patch }
    // Another sheet or another way of splitting the text: find its header again.
    if (patch.headerRow === undefined && (patch.sheet !== undefined || patch.encoding !== undefined || patch.delimiter !== undefined)) {
      next.headerRow = 0
    }
    read.value = next
    return inspect()
  }

  /** Starts over with nothing picked (the kind stays). */
  function reset() {
    if (busy.value) return
    inspectSeq++
    path.value = ''
    paste.value = ''
    read.value = defaultRead()
    inspection.value = null
    inspecting.value = false
    inspectError.value = null
    mapping.value = null
    clearResults()
  }

  // ---- Mapping and choices ----------------------------------------------------
  function changed() {
    summary.value = null
    analyzeError.value = null
    commitError.value = null
    canceled.value = null
    batch.value = null
    schedulePreview()
  }

  /**
   * Maps column to field ("" = leave it out). A field can be mapped once:
   * the column that had it is left out instead.
   */
  function setField(column: number, field: string) {
    const m = mapping.value
    if (!m || busy.value) return
    const cols: ColumnMapping[] = m.columns.map((c) => {
      if (c.column === column) return { ...c, field }
      if (field !== '' && c.field === field) return { ...c, field: '' }
      return c
    })
    mapping.value = { ...m, columns: cols }
    changed()
  }

  function setChoice<K extends keyof ImportChoices>(key: K, value: ImportChoices[K]) {
    if (busy.value) return
    choices.value = { ...choices.value, [key]: value }
    changed()
  }

  /** Sets the currency without making the check stale (the workspace's default, on opening). */
  function setDefaultCurrency(currency: string) {
    if (!choices.value.currency) choices.value = { ...choices.value, currency }
  }

  // ---- Preview ------------------------------------------------------------------
  function cancelPendingPreview() {
    if (previewTimer !== undefined) {
      clearTimeout(previewTimer)
      previewTimer = undefined
    }
  }

  /** Refreshes the preview after a pause (mapping edits come in bursts). */
  function schedulePreview(delay = PREVIEW_DEBOUNCE_MS) {
    cancelPendingPreview()
    if (!inspection.value) return
    previewLoading.value = true
    previewTimer = setTimeout(() => {
      previewTimer = undefined
      void loadPreview()
    }, delay)
  }

  async function loadPreview(): Promise<void> {
    if (!inspection.value) return
    const mine = ++previewSeq
    previewLoading.value = true
    try {
      const rows = await importsApi.preview(path.value, src(), importOptions())
      if (mine !== previewSeq) return
      preview.value = rows
      previewError.value = null
    } catch (e) {
      if (mine !== previewSeq) return
      preview.value = []
      previewError.value = parseError(e)
    } finally {
      if (mine === previewSeq) previewLoading.value = false
    }
  }

  // ---- Long jobs -------------------------------------------------------------------
  function startJob(task: ImportTask) {
    job.value = { ...idleJob(), task }
    meter.reset(Date.now())
    canceled.value = null
  }

  async function runJob<T>(task: ImportTask, fn: () => Promise<T>): Promise<JobResult<T>> {
    if (busy.value) return { ok: false, error: new ApiError('conflict', 'Another import job is running.') }
    startJob(task)
    try {
      return { ok: true, value: await fn() }
    } catch (e) {
      const error = parseError(e)
      if (error.code === 'canceled') canceled.value = task
      return { ok: false, error }
    } finally {
      job.value = idleJob()
    }
  }

  /** Checks the whole file without storing anything. */
  async function analyze(): Promise<JobResult<ImportSummary>> {
    if (!inspection.value) return { ok: false, error: new ApiError('invalid', 'Choose a file first.') }
    cancelPendingPreview()
    summary.value = null
    analyzeError.value = null
    const res = await runJob('analyze', () => importsApi.analyze(path.value, src(), importOptions()))
    if (res.ok) summary.value = res.value
    else if (res.error.code !== 'canceled') analyzeError.value = res.error
    return res
  }

  /** Imports the file as one batch. */
  async function commit(): Promise<JobResult<ImportBatch>> {
    if (!inspection.value) return { ok: false, error: new ApiError('invalid', 'Choose a file first.') }
    cancelPendingPreview()
    commitError.value = null
    const res = await runJob('commit', () => importsApi.commit(path.value, src(), importOptions()))
    if (res.ok) batch.value = res.value
    else if (res.error.code !== 'canceled') commitError.value = res.error
    await loadBatches()
    return res
  }

  /** Undoes an import (this screen's last one, or one from the history). */
  async function undo(id: number): Promise<JobResult<ImportBatch>> {
    if (busy.value) return { ok: false, error: new ApiError('conflict', 'Another import job is running.') }
    undoingId.value = id
    const res = await runJob('undo', () => importsApi.undo(id)).finally(() => {
      undoingId.value = null
    })
    if (res.ok && batch.value?.id === id) batch.value = res.value
    await loadBatches()
    return res
  }

  /** Stops the running import job; its call then rejects with "canceled". */
  async function cancel(): Promise<void> {
    if (!job.value.task) return
    job.value.cancelling = true
    try {
      await workspaceApi.cancelJob(IMPORT_JOB)
    } catch {
      if (job.value.task) job.value.cancelling = false
    }
  }

  /** Saves the refused rows of the last check (path "" in browser mode). */
  function saveRejects(target: string): Promise<ExportResult> {
    const name = summary.value?.rejects ?? ''
    if (!name) return Promise.reject(new ApiError('not_found', 'There are no refused rows to save.'))
    return importsApi.saveRejects(name, target)
  }

  // ---- History ------------------------------------------------------------------------
  async function loadBatches(): Promise<void> {
    try {
      batches.value = await importsApi.batches()
      batchesError.value = null
    } catch (e) {
      batchesError.value = parseError(e)
    } finally {
      batchesLoaded.value = true
    }
  }

  // ---- Export ---------------------------------------------------------------------------
  /** Exports to path ("" in browser mode); q limits contacts to a search. */
  async function runExport(what: ExportKind, target: string, q?: ContactMatch): Promise<JobResult<ExportResult>> {
    if (exportJob.value.task) return { ok: false, error: new ApiError('conflict', 'An export is running.') }
    exportJob.value = { ...idleJob(), task: 'export' }
    exportMeter.reset(Date.now())
    try {
      const empty: ContactMatch = { search: '', country: '', region: '', tag: '' }
      const value =
        what === 'contacts'
          ? await exportsApi.contacts(q ?? empty, target)
          : what === 'orders'
            ? await exportsApi.orders(target)
            : await exportsApi.products(target)
      return { ok: true, value }
    } catch (e) {
      return { ok: false, error: parseError(e) }
    } finally {
      exportJob.value = idleJob()
    }
  }

  async function cancelExport(): Promise<void> {
    if (!exportJob.value.task) return
    exportJob.value.cancelling = true
    try {
      await workspaceApi.cancelJob(EXPORT_JOB)
    } catch {
      if (exportJob.value.task) exportJob.value.cancelling = false
    }
  }

  return {
    kind,
    path,
    paste,
    read,
    inspection,
    inspecting,
    inspectError,
    mapping,
    choices,
    preview,
    previewLoading,
    previewError,
    summary,
    analyzeError,
    batch,
    commitError,
    canceled,
    batches,
    batchesLoaded,
    batchesError,
    job,
    undoingId,
    exportJob,
    hasSource,
    busy,
    step,
    mappedCount,
    toImport,
    src,
    importOptions,
    inspect,
    openFile,
    openPaste,
    setKind,
    setRead,
    reset,
    setField,
    setChoice,
    setDefaultCurrency,
    schedulePreview,
    loadPreview,
    analyze,
    commit,
    undo,
    cancel,
    saveRejects,
    loadBatches,
    runExport,
    cancelExport,
  }
})
