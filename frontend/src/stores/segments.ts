import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import * as segmentsApi from '../api/segments'
import * as contactsApi from '../api/contacts'
import * as workspaceApi from '../api/workspace'
import { onEvent } from '../api/events'
import { ApiError, parseError } from '../api/errors'
import type {
  AudienceFormat,
  AudienceResult,
  Bucket,
  Contact,
  ContactExportResult,
  ExportCheck,
  ExportPurpose,
  SavedSegment,
  SegmentExplanation,
  SegmentField,
  SegmentFilter,
  SegmentResult,
  TitleGroup,
} from '../api/types'
import { RateMeter } from '../utils/jobRate'
import {
  buildFilter,
  conditions,
  conditionState,
  emptyFilter,
  findNode,
  newCondition,
  newGroup,
  removeNode as removeTreeNode,
  setConditionField,
  setConditionOp,
  treeFromFilter,
  treeKey,
  valueListKey,
  type EditCondition,
  type EditGroup,
  type GroupMode,
} from './segmentTree'

export const COUNT_DEBOUNCE_MS = 250
const EXPORT_JOB = 'export'

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }

/** The values of a field to pick from (Segments.Values), or 'none' when the field has no list. */
export interface ValueList {
  status: 'loading' | 'ready' | 'none'
  buckets: Bucket[]
  labels: Map<string, string>
}

/** A running export, as JobProgress shows it. */
export interface ExportJob {
  task: 'export' | null
  done: number
  total: number
  rate: number | null
  eta: number | null
  cancelling: boolean
}

function idleJob(): ExportJob {
  return { task: null, done: 0, total: 0, rate: null, eta: null, cancelling: false }
}

/** What the segment screen shows: the builder, the explorer of the open segment, or the overlap of saved ones. */
export type SegmentView = 'build' | 'explore' | 'compare'

/**
 * The segment screen: the condition tree being edited, its live count with
 * breakdowns and a sample (a frozen list: its members'), the values to pick
 * from, the saved segments and frozen lists, explanations, exports and
 * hashed audiences, random splits and the groups of job titles.
 *
 * Every edit that changes the filter (finished conditions only) recounts
 * after a short pause; an answer that arrives after a newer request was sent
 * is dropped, so the screen always shows the count of what it shows.
 */
export const useSegmentsStore = defineStore('segments', () => {
  // ---- Fields ----------------------------------------------------------------
  const fields = ref<SegmentField[]>([])
  const fieldsError = ref<ApiError | null>(null)
  const fieldMap = computed(() => new Map(fields.value.map((f) => [f.name, f])))

  // ---- The screen ---------------------------------------------------------------------
  const view = ref<SegmentView>('build')
  /** The job-title groups editor is open (from a condition or the explorer). */
  const groupsEditorOpen = ref(false)

  // ---- The segment being edited ------------------------------------------------
  const root = ref<EditGroup>(newGroup('all', [newCondition()]))
  const name = ref('')
  /** The saved segment or frozen list open in the editor; null for a new one. */
  const current = ref<SavedSegment | null>(null)
  const isFrozen = computed(() => current.value?.kind === 'frozen')

  const filter = computed<SegmentFilter>(() => buildFilter(root.value, fieldMap.value))
  const filterKey = computed(() => JSON.stringify(filter.value))
  /** Conditions not finished yet (left out of the count). */
  const unfinished = computed(() => conditions(root.value).filter((c) => conditionState(c, fieldMap.value) === 'incomplete'))

  function snapshot(): string {
    return JSON.stringify({ n: name.value.trim(), t: isFrozen.value ? null : treeKey(root.value) })
  }
  const baseline = ref(snapshot())
  const dirty = computed(() => snapshot() !== baseline.value)

  // ---- Live count -----------------------------------------------------------------
  const result = ref<SegmentResult | null>(null)
  /** The filter (filterKey) the result belongs to. */
  const resultKey = ref('')
  const counting = ref(false)
  const countError = ref<ApiError | null>(null)
  /** The result does not (yet) belong to the conditions shown. */
  const stale = computed(() => resultKey.value !== filterKey.value)
  let countSeq = 0
  let countTimer: ReturnType<typeof setTimeout> | undefined
  /** The filter the last scheduled count is for (the watcher does not schedule it twice). */
  let scheduledKey = ''

  function cancelPendingCount() {
    if (countTimer !== undefined) {
      clearTimeout(countTimer)
      countTimer = undefined
    }
  }

  /** Counts after a pause: edits come in bursts (typing a number, ticking values). */
  function scheduleCount(delay = COUNT_DEBOUNCE_MS) {
    cancelPendingCount()
    if (isFrozen.value) return
    scheduledKey = filterKey.value
    counting.value = true
    countTimer = setTimeout(() => {
      countTimer = undefined
      void runCount()
    }, delay)
  }

  /** Counts the conditions now; for a frozen list, breaks its members down. */
  async function runCount(): Promise<void> {
    cancelPendingCount()
    const mine = ++countSeq
    const f = filter.value
    const key = filterKey.value
    const frozenId = isFrozen.value && current.value ? current.value.id : 0
    scheduledKey = key
    counting.value = true
    try {
      const res = frozenId ? await segmentsApi.countList(frozenId) : await segmentsApi.count(f)
      if (mine !== countSeq) return
      result.value = res
      resultKey.value = key
      countError.value = null
    } catch (e) {
      if (mine !== countSeq) return
      countError.value = parseError(e)
    } finally {
      if (mine === countSeq) counting.value = false
    }
  }

  watch(filterKey, (key) => {
    if (key !== scheduledKey) scheduleCount()
  })

  // ---- Values to pick from ------------------------------------------------------------
  const valueLists = ref<Record<string, ValueList>>({})
  const valueRequests = new Map<string, Promise<ValueList>>()

  function fetchValues(key: string): Promise<Bucket[]> {
    if (key.endsWith('#groups')) {
      // Groups of job titles: no contact counts, the name is the value.
      return segmentsApi.titleGroups().then((groups) => groups.map((g) => ({ value: g.name, label: g.name, count: -1 })))
    }
    return segmentsApi.values(key)
  }

  /**
   * Loads the values of a field once (again after init); fields without a
   * list are 'none'. key is a field, or valueListKey's "<field>#groups".
   */
  function loadValues(field: string): Promise<ValueList> {
    const have = valueLists.value[field]
    if (have && have.status !== 'loading') return Promise.resolve(have)
    const pending = valueRequests.get(field)
    if (pending) return pending
    valueLists.value = { ...valueLists.value, [field]: { status: 'loading', buckets: [], labels: new Map() } }
    const p = fetchValues(field)
      .then(
        (buckets): ValueList => ({ status: 'ready', buckets, labels: new Map(buckets.map((b) => [b.value, b.label || b.value])) }),
        (): ValueList => ({ status: 'none', buckets: [], labels: new Map() }),
      )
      .then((list) => {
        if (valueRequests.get(field) === p) {
          valueLists.value = { ...valueLists.value, [field]: list }
          valueRequests.delete(field)
        }
        return list
      })
    valueRequests.set(field, p)
    return p
  }

  /** A value as the user typed it ("region hovedstaden" is "Region Hovedstaden"), when known. */
  function valueLabel(field: string, value: string): string {
    return valueLists.value[field]?.labels.get(value) ?? breakdownLabel(field, value) ?? value
  }

  function breakdownLabel(field: string, value: string): string | undefined {
    const r = result.value
    if (!r) return undefined
    const list = field === 'region' ? r.regions : field === 'jobTitle' ? r.jobTitles : null
    const hit = list?.find((b) => b.value === value)
    return hit?.label || undefined
  }

  // ---- Editing ---------------------------------------------------------------------------
  function condition(id: number): EditCondition | null {
    if (isFrozen.value) return null
    const n = findNode(root.value, id)
    return n && n.type === 'condition' ? n : null
  }

  function group(id: number): EditGroup | null {
    if (isFrozen.value) return null
    const n = findNode(root.value, id)
    return n && n.type === 'group' ? n : null
  }

  /** Adds an empty condition (the user picks its field) to a group; returns its id. */
  function addCondition(groupId: number, field = ''): number | null {
    const g = group(groupId)
    if (!g) return null
    const c = newCondition()
    if (field) setConditionField(c, fieldMap.value.get(field))
    g.children.push(c)
    return c.id
  }

  /** Adds a group "any of these" with one empty condition; returns the group's id. */
  function addGroup(groupId: number): number | null {
    const g = group(groupId)
    if (!g) return null
    const inner = newGroup('any', [newCondition()])
    g.children.push(inner)
    return inner.id
  }

  function removeNode(id: number): boolean {
    if (isFrozen.value) return false
    return removeTreeNode(root.value, id)
  }

  function setMode(groupId: number, mode: GroupMode) {
    const g = group(groupId)
    if (g) g.mode = mode
  }

  function setField(id: number, field: string) {
    const c = condition(id)
    if (c) setConditionField(c, fieldMap.value.get(field))
  }

  function setOp(id: number, op: string) {
    const c = condition(id)
    if (!c) return
    setConditionOp(c, fieldMap.value.get(c.field)?.kind ?? '', op)
  }

  function setValues(id: number, values: string[]) {
    const c = condition(id)
    if (c) c.values = [...values]
  }

  /** Sets one value of a range (index 0 or 1). */
  function setValue(id: number, index: number, value: string) {
    const c = condition(id)
    if (!c) return
    const v = [...c.values]
    while (v.length <= index) v.push('')
    v[index] = value
    c.values = v
  }

  function setAsOf(id: number, date: string) {
    const c = condition(id)
    if (!c) return
    if (date) c.asOf = date
    else delete c.asOf
  }

  function setDays(id: number, days: number) {
    const c = condition(id)
    if (!c) return
    if (days > 0) c.days = Math.floor(days)
    else delete c.days
  }

  // ---- Opening and saving ------------------------------------------------------------------
  const saved = ref<SavedSegment[]>([])
  const listLoaded = ref(false)
  const listError = ref<ApiError | null>(null)
  const busy = ref<'save' | 'freeze' | 'delete' | 'split' | 'groups' | null>(null)

  function setBaseline() {
    baseline.value = snapshot()
  }

  function load(s: SavedSegment | null) {
    current.value = s ? { ...s } : null
    name.value = s?.name ?? ''
    root.value = s ? treeFromFilter(s.filter) : newGroup('all', [newCondition()])
    countError.value = null
    setBaseline()
    if (isFrozen.value) {
      // Its members, not its conditions: counted once, never as the tree changes.
      result.value = null
      resultKey.value = ''
      void runCount()
    } else {
      scheduleCount(0)
    }
  }

  /** Starts a new segment with one empty condition. */
  function newSegment() {
    load(null)
  }

  /** Opens a saved segment or frozen list. */
  function open(s: SavedSegment) {
    load(s)
  }

  /**
   * Opens conditions from elsewhere (a cell of the explorer) as a new,
   * unsaved segment called newName, to check and save.
   */
  function openAsNew(f: SegmentFilter, newName: string) {
    load(null)
    root.value = treeFromFilter(f)
    if (root.value.children.length === 0) root.value.children.push(newCondition())
    name.value = newName
  }

  /** A copy of the open frozen list's conditions as a new, unsaved segment. */
  function conditionsAsNew() {
    const f = current.value?.filter
    load(null)
    if (f) {
      root.value = treeFromFilter(f)
      if (root.value.children.length === 0) root.value.children.push(newCondition())
    }
  }

  async function loadList(): Promise<void> {
    try {
      saved.value = await segmentsApi.list()
      listError.value = null
      // Keep the open one's size and dates current.
      const id = current.value?.id
      const fresh = id ? saved.value.find((s) => s.id === id) : undefined
      if (fresh && current.value) current.value = { ...current.value, size: fresh.size, updatedAt: fresh.updatedAt }
    } catch (e) {
      listError.value = parseError(e)
    } finally {
      listLoaded.value = true
    }
  }

  async function loadFields(): Promise<void> {
    try {
      fields.value = await segmentsApi.fields()
      fieldsError.value = null
    } catch (e) {
      fieldsError.value = parseError(e)
    }
  }

  /** Opening the screen: fields and saved segments again (imports may have changed them), then count. */
  async function init(): Promise<void> {
    valueLists.value = {}
    valueRequests.clear()
    await Promise.all([loadFields(), loadList()])
    await runCount()
  }

  function nameError(n: string): ApiError | null {
    if (n.trim() === '') return new ApiError('invalid', 'Give the segment a name.', 'name', { reason: 'required' })
    return null
  }

  function unfinishedError(): ApiError | null {
    if (isFrozen.value || unfinished.value.length === 0) return null
    return new ApiError('invalid', 'Finish or remove the conditions that are not finished.', 'filter', {
      reason: 'incomplete',
      n: String(unfinished.value.length),
    })
  }

  async function run<T>(what: 'save' | 'freeze' | 'delete' | 'split' | 'groups', fn: () => Promise<T>): Promise<Result<T>> {
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

  /** Saves the open segment (creates it when new); a frozen list is only renamed. */
  async function save(): Promise<Result<SavedSegment>> {
    const err = nameError(name.value) ?? unfinishedError()
    if (err) return { ok: false, error: err }
    const cur = current.value
    const body: SavedSegment = cur
      ? { ...cur, name: name.value.trim(), filter: isFrozen.value ? cur.filter : filter.value }
      : { id: 0, name: name.value.trim(), kind: 'dynamic', filter: filter.value, createdAt: '', updatedAt: '', size: 0 }
    const res = await run('save', () => segmentsApi.save(body))
    if (res.ok) {
      current.value = res.value
      name.value = res.value.name
      setBaseline()
      await loadList()
    }
    return res
  }

  /** Saves the conditions shown as a new segment called newName, and opens it. */
  async function saveAsNew(newName: string): Promise<Result<SavedSegment>> {
    const err = nameError(newName) ?? unfinishedError()
    if (err) return { ok: false, error: err }
    const f = isFrozen.value && current.value ? current.value.filter : filter.value
    const body: SavedSegment = { id: 0, name: newName.trim(), kind: 'dynamic', filter: f, createdAt: '', updatedAt: '', size: 0 }
    const res = await run('save', () => segmentsApi.save(body))
    if (res.ok) {
      const wasFrozen = isFrozen.value
      current.value = res.value
      name.value = res.value.name
      if (wasFrozen) root.value = treeFromFilter(res.value.filter)
      setBaseline()
      if (wasFrozen) scheduleCount(0)
      await loadList()
    }
    return res
  }

  /** Stores who matches the conditions now as a frozen list called listName. The editor stays as it is. */
  async function freeze(listName: string): Promise<Result<SavedSegment>> {
    const err = nameError(listName) ?? unfinishedError()
    if (err) return { ok: false, error: err }
    const res = await run('freeze', () => segmentsApi.freeze(filter.value, listName.trim()))
    if (res.ok) await loadList()
    return res
  }

  /**
   * Splits the contacts of the conditions shown at random into groups
   * stored as frozen lists (a control group, A/B test groups). The editor
   * stays as it is.
   */
  async function split(names: string[], percents: number[], seed: number, stratum: string): Promise<Result<SavedSegment[]>> {
    if (isFrozen.value) return { ok: false, error: new ApiError('invalid', 'A frozen list cannot be split; split a segment.', 'segment', { reason: 'frozen' }) }
    const err = unfinishedError()
    if (err) return { ok: false, error: err }
    const res = await run('split', () =>
      segmentsApi.split(
        filter.value,
        names.map((n) => n.trim()),
        percents,
        seed,
        stratum,
      ),
    )
    if (res.ok) await loadList()
    return res
  }

  // ---- Groups of job titles -----------------------------------------------------------------
  function loadTitleGroups(): Promise<TitleGroup[]> {
    return segmentsApi.titleGroups()
  }

  /** Replaces the groups of job titles; segments that name a group count again. */
  async function saveTitleGroups(groups: TitleGroup[]): Promise<Result<TitleGroup[]>> {
    const res = await run('groups', () => segmentsApi.saveTitleGroups(groups))
    if (res.ok) {
      const key = valueListKey('jobTitle', 'inGroup')
      const lists = { ...valueLists.value }
      delete lists[key]
      valueLists.value = lists
      valueRequests.delete(key)
      void loadValues(key)
      if (!isFrozen.value) scheduleCount(0)
    }
    return res
  }

  /** Deletes a saved segment or frozen list; the editor starts afresh if it was open. */
  async function remove(id: number): Promise<Result<void>> {
    const res = await run('delete', () => segmentsApi.remove(id))
    if (res.ok || res.error.code === 'not_found') {
      if (current.value?.id === id) newSegment()
      await loadList()
    }
    return res
  }

  // ---- Explain ----------------------------------------------------------------------------------
  /** Which conditions a contact meets; filter is what was asked (to describe the answer's nodes). */
  async function explain(contactId: number): Promise<{ filter: SegmentFilter; explanation: SegmentExplanation }> {
    const f = isFrozen.value && current.value ? current.value.filter : filter.value
    const explanation = await segmentsApi.explain(f, contactId)
    return { filter: f, explanation }
  }

  /** Contacts whose name, email, phone, city or company match text (for "check a contact"). */
  async function findContacts(text: string, limit = 10): Promise<Contact[]> {
    if (!text.trim()) return []
    const page = await contactsApi.list({ search: text.trim(), country: '', region: '', tag: '', sort: 'name', desc: false, offset: 0, limit })
    return page.items
  }

  // ---- Export --------------------------------------------------------------------------------------
  const exportJob = ref<ExportJob>(idleJob())
  const meter = new RateMeter()

  onEvent('job:progress', (p) => {
    const job = exportJob.value
    if (p.job !== EXPORT_JOB || !job.task) return
    meter.add(p.done, Date.now())
    job.done = p.done
    job.total = p.total
    job.rate = meter.rate()
    job.eta = meter.eta(p.done, p.total)
  })

  /**
   * Who an export takes: the open segment's conditions, or a frozen list's
   * members. Also the selection a "see who" list of the export checks.
   */
  function exportSelection(): { filter: SegmentFilter; frozenId: number } {
    const frozenId = isFrozen.value && current.value ? current.value.id : 0
    return { filter: frozenId ? emptyFilter() : filter.value, frozenId }
  }

  /**
   * The preflight of a file for sending on channel: how many go in and who
   * is left out, by reason. Writes nothing.
   */
  async function checkExport(channel: ExportPurpose): Promise<Result<ExportCheck>> {
    const unfinishedErr = unfinishedError()
    if (unfinishedErr) return { ok: false, error: unfinishedErr }
    const sel = exportSelection()
    try {
      return { ok: true, value: await segmentsApi.exportCheck(sel.filter, sel.frozenId, channel) }
    } catch (e) {
      return { ok: false, error: parseError(e) }
    }
  }

  /**
   * Exports the open segment's contacts to path ("" or a bare name in browser
   * mode); a frozen list exports its members. channel is what the file is
   * for: '' own use (everyone), or the channel of a file for sending, which
   * leaves out who may not be contacted that way.
   */
  async function runExport(path: string, channel: ExportPurpose = ''): Promise<Result<ContactExportResult>> {
    if (exportJob.value.task) return { ok: false, error: new ApiError('conflict', 'An export is running.') }
    const unfinishedErr = unfinishedError()
    if (unfinishedErr) return { ok: false, error: unfinishedErr }
    const sel = exportSelection()
    exportJob.value = { ...idleJob(), task: 'export' }
    meter.reset(Date.now())
    try {
      return { ok: true, value: await segmentsApi.exportContacts(sel.filter, sel.frozenId, path, channel) }
    } catch (e) {
      return { ok: false, error: parseError(e) }
    } finally {
      exportJob.value = idleJob()
    }
  }

  /**
   * Writes the open segment's contacts (a frozen list's members) as a hashed
   * audience file for Google or Meta ads. Job "export", as runExport.
   */
  async function runAudience(format: AudienceFormat, path: string): Promise<Result<AudienceResult>> {
    if (exportJob.value.task) return { ok: false, error: new ApiError('conflict', 'An export is running.') }
    const unfinishedErr = unfinishedError()
    if (unfinishedErr) return { ok: false, error: unfinishedErr }
    const frozen = isFrozen.value && current.value ? current.value.id : 0
    const f = frozen ? emptyFilter() : filter.value
    exportJob.value = { ...idleJob(), task: 'export' }
    meter.reset(Date.now())
    try {
      return { ok: true, value: await segmentsApi.audience(f, frozen, path, format) }
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
    view,
    groupsEditorOpen,
    fields,
    fieldsError,
    fieldMap,
    root,
    name,
    current,
    isFrozen,
    filter,
    filterKey,
    unfinished,
    dirty,
    result,
    counting,
    countError,
    stale,
    valueLists,
    saved,
    listLoaded,
    listError,
    busy,
    exportJob,
    scheduleCount,
    runCount,
    loadValues,
    valueLabel,
    addCondition,
    addGroup,
    removeNode,
    setMode,
    setField,
    setOp,
    setValues,
    setValue,
    setAsOf,
    setDays,
    newSegment,
    open,
    openAsNew,
    conditionsAsNew,
    loadList,
    loadFields,
    init,
    save,
    saveAsNew,
    freeze,
    remove,
    split,
    loadTitleGroups,
    saveTitleGroups,
    explain,
    findContacts,
    exportSelection,
    checkExport,
    runExport,
    runAudience,
    cancelExport,
  }
})
