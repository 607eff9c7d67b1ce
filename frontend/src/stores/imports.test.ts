import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { ImportBatch, ImportInspection, ImportSummary, JobProgress } from '../api/types'
import { emptyCounts } from '../api/types'

const handlers: { progress?: (p: JobProgress) => void } = {}

vi.mock('../api/imports', () => ({
  fields: vi.fn(),
  inspect: vi.fn(),
  preview: vi.fn(),
  analyze: vi.fn(),
  commit: vi.fn(),
  saveRejects: vi.fn(),
  batches: vi.fn(),
  undo: vi.fn(),
}))
vi.mock('../api/exports', () => ({
  contacts: vi.fn(),
  orders: vi.fn(),
  products: vi.fn(),
}))
vi.mock('../api/workspace', () => ({
  cancelJob: vi.fn(),
}))
vi.mock('../api/events', () => ({
  onEvent: vi.fn((name: string, cb: (p: JobProgress) => void) => {
    if (name === 'job:progress') handlers.progress = cb
    return () => {}
  }),
}))

import * as api from '../api/imports'
import * as exportsApi from '../api/exports'
import * as workspaceApi from '../api/workspace'
import { PREVIEW_DEBOUNCE_MS, useImportsStore } from './imports'
import { RateMeter, RATE_WINDOW_MS } from '../utils/jobRate'

const inspect = vi.mocked(api.inspect)
const preview = vi.mocked(api.preview)
const analyze = vi.mocked(api.analyze)
const commit = vi.mocked(api.commit)
const batches = vi.mocked(api.batches)
const undo = vi.mocked(api.undo)
const cancelJob = vi.mocked(workspaceApi.cancelJob)

function inspection(over: Partial<ImportInspection> = {}): ImportInspection {
  return {
    fileName: 'kunder.xlsx',
    size: 1234,
    format: 'xlsx',
    encoding: '',
    delimiter: '',
    sheets: [{ name: 'Ark1', rows: 101, cols: 3, hidden: false }],
    sheet: 'Ark1',
    headerRow: 1,
    rows: 100,
    columns: [
      { index: 0, header: 'Navn', samples: ['Anna Jensen'] },
      { index: 1, header: 'E-mail', samples: ['anna@example.dk'] },
      { index: 2, header: 'Noter', samples: ['VIP'] },
    ],
    mapping: {
      kind: 'contacts',
      sheet: 'Ark1',
      headerRow: 1,
      columns: [
        { column: 0, header: 'Navn', field: 'fullName' },
        { column: 1, header: 'E-mail', field: 'email' },
        { column: 2, header: 'Noter', field: '' },
      ],
    },
    remembered: false,
    fields: [
      { key: 'fullName', group: 'name', compound: true },
      { key: 'email', group: 'contact' },
      { key: 'notes', group: 'other' },
    ],
    top: [['Navn', 'E-mail', 'Noter']],
    ...over,
  }
}

function summary(over: Partial<ImportSummary> = {}): ImportSummary {
  return { counts: { ...emptyCounts(), rows: 100, new: 90, updated: 5, invalid: 5 }, reasons: [], suggestions: [], rejects: 'r1', seconds: 1, ...over }
}

function batch(id: number, over: Partial<ImportBatch> = {}): ImportBatch {
  return {
    id,
    kind: 'contacts',
    fileName: 'kunder.xlsx',
    size: 1234,
    sha256: '',
    startedAt: '2026-12-01T10:00:00Z',
    finishedAt: '2026-12-01T10:00:02Z',
    mapping: inspection().mapping,
    options: { mapping: inspection().mapping, policy: 'update', matchNamePostcode: true, tag: '', listKind: 'own', currency: 'DKK', imageFolder: '' },
    counts: { ...emptyCounts(), rows: 95, new: 90, updated: 5 },
    undoneAt: '',
    seconds: 2,
    ...over,
  }
}

/** A promise the test settles by hand, like a long backend call. */
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.useFakeTimers()
  for (const m of [inspect, preview, analyze, commit, batches, undo, cancelJob]) m.mockReset()
  vi.mocked(exportsApi.contacts).mockReset()
  inspect.mockResolvedValue(inspection())
  preview.mockResolvedValue([{ row: 2, status: 'new', values: { firstName: 'Anna', lastName: 'Jensen' }, problems: [] }])
  batches.mockResolvedValue([])
  cancelJob.mockResolvedValue(true)
})

afterEach(() => {
  vi.useRealTimers()
})

async function opened() {
  const s = useImportsStore()
  await s.openFile('/tmp/kunder.xlsx')
  await vi.advanceTimersByTimeAsync(0)
  return s
}

describe('imports store: reading and mapping', () => {
  it('inspects a file, takes the proposed mapping and pins how the file is read', async () => {
    const s = useImportsStore()
    expect(s.step).toBe(0)
    await s.openFile('/tmp/kunder.xlsx')
    expect(inspect).toHaveBeenCalledWith('/tmp/kunder.xlsx', 'contacts', {
      paste: '',
      fileName: '',
      sheet: '',
      encoding: '',
      delimiter: '',
      headerRow: 0,
    })
    expect(s.inspection?.fileName).toBe('kunder.xlsx')
    expect(s.mapping?.columns.map((c) => c.field)).toEqual(['fullName', 'email', ''])
    expect(s.read).toEqual({ sheet: 'Ark1', encoding: '', delimiter: '', headerRow: 1 })
    expect(s.step).toBe(1)
    await vi.advanceTimersByTimeAsync(0)
    expect(preview).toHaveBeenCalledTimes(1)
    expect(s.preview).toHaveLength(1)
  })

  it('sends pasted rows instead of a path', async () => {
    const s = useImportsStore()
    await s.openPaste('Navn\tE-mail\nAnna\ta@b.dk')
    expect(inspect).toHaveBeenCalledWith('', 'contacts', expect.objectContaining({ paste: 'Navn\tE-mail\nAnna\ta@b.dk' }))
  })

  it('refuses an empty paste without calling the backend', async () => {
    const s = useImportsStore()
    expect(await s.openPaste('   ')).toBe(false)
    expect(inspect).not.toHaveBeenCalled()
    expect(s.inspectError?.field).toBe('paste')
  })

  it('keeps the error of a file it cannot read', async () => {
    inspect.mockRejectedValueOnce('{"code":"unsupported_file","message":"old","details":{"reason":"legacy_xls"}}')
    const s = useImportsStore()
    expect(await s.openFile('/tmp/old.xls')).toBe(false)
    expect(s.inspectError?.code).toBe('unsupported_file')
    expect(s.inspectError?.details.reason).toBe('legacy_xls')
    expect(s.inspection).toBeNull()
  })

  it('reads the file again for another kind, sheet or header row', async () => {
    const s = await opened()
    await s.setKind('orders')
    expect(inspect).toHaveBeenLastCalledWith('/tmp/kunder.xlsx', 'orders', expect.objectContaining({ sheet: 'Ark1', headerRow: 1 }))
    await s.setRead({ headerRow: 3 })
    expect(inspect).toHaveBeenLastCalledWith('/tmp/kunder.xlsx', 'orders', expect.objectContaining({ headerRow: 3 }))
    await s.setRead({ sheet: 'Ark2' })
    // Another sheet: its header row is found again.
    expect(inspect).toHaveBeenLastCalledWith('/tmp/kunder.xlsx', 'orders', expect.objectContaining({ sheet: 'Ark2', headerRow: 0 }))
  })

  it('debounces the preview after mapping edits and sends the last mapping', async () => {
    const s = await opened()
    preview.mockClear()
    s.setField(2, 'notes')
    await vi.advanceTimersByTimeAsync(100)
    s.setField(0, '')
    await vi.advanceTimersByTimeAsync(100)
    s.setChoice('policy', 'fill')
    await vi.advanceTimersByTimeAsync(PREVIEW_DEBOUNCE_MS - 1)
    expect(preview).not.toHaveBeenCalled()
    expect(s.previewLoading).toBe(true)
    await vi.advanceTimersByTimeAsync(1)
    expect(preview).toHaveBeenCalledTimes(1)
    const opt = preview.mock.calls[0][2]
    expect(opt.mapping.columns.map((c) => c.field)).toEqual(['', 'email', 'notes'])
    expect(opt.mapping.kind).toBe('contacts')
    expect(opt.policy).toBe('fill')
    expect(s.previewLoading).toBe(false)
  })

  it('maps a field to one column only', async () => {
    const s = await opened()
    s.setField(2, 'email')
    expect(s.mapping?.columns.map((c) => c.field)).toEqual(['fullName', '', 'email'])
    s.setField(1, 'custom:Shoe size')
    expect(s.mapping?.columns[1].field).toBe('custom:Shoe size')
  })

  it('ignores a preview answer that arrives after a newer request', async () => {
    const s = await opened()
    const slow = deferred<Awaited<ReturnType<typeof api.preview>>>()
    preview.mockReturnValueOnce(slow.promise)
    s.setField(2, 'notes')
    await vi.advanceTimersByTimeAsync(PREVIEW_DEBOUNCE_MS)
    preview.mockResolvedValueOnce([{ row: 2, status: 'invalid', values: {}, problems: [] }])
    s.setField(2, '')
    await vi.advanceTimersByTimeAsync(PREVIEW_DEBOUNCE_MS)
    slow.resolve([{ row: 2, status: 'new', values: {}, problems: [] }])
    await vi.advanceTimersByTimeAsync(0)
    expect(s.preview[0].status).toBe('invalid')
  })
})

describe('imports store: check, import, undo', () => {
  it('sets the summary after the check; an edit makes it stale', async () => {
    const s = await opened()
    analyze.mockResolvedValue(summary())
    const res = await s.analyze()
    expect(res.ok).toBe(true)
    expect(s.summary?.counts.new).toBe(90)
    expect(s.toImport).toBe(95)
    expect(s.step).toBe(3)
    expect(s.job.task).toBeNull()
    s.setChoice('tag', 'Messe 2026')
    expect(s.summary).toBeNull()
    expect(s.step).toBe(1)
  })

  it('keeps the check error', async () => {
    const s = await opened()
    analyze.mockRejectedValue('{"code":"invalid","field":"mapping","message":"No column","details":{"reason":"none"}}')
    const res = await s.analyze()
    expect(res.ok).toBe(false)
    expect(s.analyzeError?.field).toBe('mapping')
    expect(s.summary).toBeNull()
  })

  it('imports, refreshes the history, then undoes and refreshes it again', async () => {
    const s = await opened()
    commit.mockResolvedValue(batch(7))
    batches.mockResolvedValueOnce([batch(7)])
    const res = await s.commit()
    expect(res.ok).toBe(true)
    expect(s.batch?.id).toBe(7)
    expect(s.batches.map((b) => b.id)).toEqual([7])
    expect(commit.mock.calls[0][0]).toBe('/tmp/kunder.xlsx')

    undo.mockResolvedValue(batch(7, { undoneAt: '2026-12-01T11:00:00Z' }))
    batches.mockResolvedValueOnce([batch(7, { undoneAt: '2026-12-01T11:00:00Z' })])
    const u = await s.undo(7)
    expect(u.ok).toBe(true)
    expect(undo).toHaveBeenCalledWith(7)
    expect(s.batch?.undoneAt).toBe('2026-12-01T11:00:00Z')
    expect(s.batches[0].undoneAt).toBe('2026-12-01T11:00:00Z')
    expect(batches).toHaveBeenCalledTimes(2)
  })

  it('refuses a second job while one runs', async () => {
    const s = await opened()
    const d = deferred<ImportSummary>()
    analyze.mockReturnValue(d.promise)
    const first = s.analyze()
    expect(s.busy).toBe(true)
    const second = await s.commit()
    expect(second.ok).toBe(false)
    expect(commit).not.toHaveBeenCalled()
    d.resolve(summary())
    await first
    expect(s.busy).toBe(false)
  })

  it('cancel stops the job and leaves a consistent state', async () => {
    const s = await opened()
    const d = deferred<ImportBatch>()
    commit.mockReturnValue(d.promise)
    const running = s.commit()
    expect(s.job.task).toBe('commit')
    await s.cancel()
    expect(cancelJob).toHaveBeenCalledWith('import')
    expect(s.job.cancelling).toBe(true)
    d.reject('{"code":"canceled","message":"Stopped."}')
    const res = await running
    expect(res.ok).toBe(false)
    expect(s.job).toEqual({ task: null, done: 0, total: 0, rate: null, eta: null, cancelling: false })
    expect(s.canceled).toBe('commit')
    expect(s.commitError).toBeNull()
    expect(s.batch).toBeNull()
    expect(s.inspection).not.toBeNull()
    expect(s.mapping?.columns).toHaveLength(3)
    // The user can go on: check the file again.
    analyze.mockResolvedValue(summary())
    expect((await s.analyze()).ok).toBe(true)
    expect(s.canceled).toBeNull()
  })

  it('a cancelled check leaves no summary and no error', async () => {
    const s = await opened()
    analyze.mockRejectedValue('{"code":"canceled","message":"Stopped."}')
    await s.analyze()
    expect(s.summary).toBeNull()
    expect(s.analyzeError).toBeNull()
    expect(s.canceled).toBe('analyze')
  })
})

describe('imports store: progress', () => {
  it('computes rows per second and time left from the events', async () => {
    const s = await opened()
    const d = deferred<ImportSummary>()
    analyze.mockReturnValue(d.promise)
    const running = s.analyze()
    const progress = handlers.progress!
    // 1,000 rows a second for 2 seconds, 10,000 rows in all.
    for (let i = 1; i <= 20; i++) {
      await vi.advanceTimersByTimeAsync(100)
      progress({ job: 'import', done: i * 100, total: 10_000 })
    }
    expect(s.job.done).toBe(2000)
    expect(s.job.rate).toBeCloseTo(1000, 0)
    expect(s.job.eta).toBeCloseTo(8, 0)
    // Other jobs' events are not ours.
    progress({ job: 'demo', done: 5, total: 10 })
    expect(s.job.done).toBe(2000)
    d.resolve(summary())
    await running
    expect(s.job.rate).toBeNull()
  })

  it('has a rate but no time left when the total is unknown', async () => {
    const s = await opened()
    const d = deferred<ImportSummary>()
    analyze.mockReturnValue(d.promise)
    const running = s.analyze()
    for (let i = 1; i <= 10; i++) {
      await vi.advanceTimersByTimeAsync(100)
      handlers.progress!({ job: 'import', done: i * 50, total: -1 })
    }
    expect(s.job.rate).toBeCloseTo(500, 0)
    expect(s.job.eta).toBeNull()
    d.resolve(summary())
    await running
  })

  it('ignores progress when no job runs', async () => {
    const s = await opened()
    handlers.progress!({ job: 'import', done: 5, total: 10 })
    expect(s.job.done).toBe(0)
  })

  it('tracks export progress separately', async () => {
    const s = useImportsStore()
    const d = deferred<{ path: string; name: string; rows: number }>()
    vi.mocked(exportsApi.contacts).mockReturnValue(d.promise)
    const running = s.runExport('contacts', '', { search: 'jensen', country: '', region: '', tag: '' })
    expect(exportsApi.contacts).toHaveBeenCalledWith({ search: 'jensen', country: '', region: '', tag: '' }, '')
    handlers.progress!({ job: 'export', done: 10, total: 20 })
    expect(s.exportJob.done).toBe(10)
    expect(s.job.done).toBe(0)
    d.resolve({ path: '', name: 'contacts.xlsx', rows: 20 })
    const res = await running
    expect(res.ok && res.value.rows).toBe(20)
    expect(s.exportJob.task).toBeNull()
  })
})

describe('RateMeter', () => {
  it('measures over the last few seconds only', () => {
    const m = new RateMeter()
    m.reset(0)
    // 100 rows/s for 10 s, then 1,000 rows/s.
    let done = 0
    let t = 0
    for (; t < 10_000; ) {
      t += 100
      done += 10
      m.add(done, t)
    }
    expect(m.rate()).toBeCloseTo(100, 5)
    for (let i = 0; i < RATE_WINDOW_MS / 100 + 1; i++) {
      t += 100
      done += 100
      m.add(done, t)
    }
    expect(m.rate()).toBeCloseTo(1000, 5)
    expect(m.eta(done, done + 5000)).toBeCloseTo(5, 5)
  })

  it('says nothing until the job has run a moment, and starts over when the count drops', () => {
    const m = new RateMeter()
    m.reset(0)
    m.add(100, 200)
    expect(m.rate()).toBeNull()
    m.add(1000, 1000)
    expect(m.rate()).toBe(1000)
    m.add(10, 1100)
    expect(m.rate()).toBeNull()
    expect(m.eta(10, 100)).toBeNull()
  })
})
