import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import type { FieldInfo, PreflightReport, Preview, Template } from '../api/documents'
import type { JobProgress } from '../api/types'

const progressListeners: ((p: JobProgress) => void)[] = []

vi.mock('../api/documents', () => ({
  everyone: () => ({ segmentId: 0, filter: { v: 1, root: {} } }),
  templates: vi.fn(),
  template: vi.fn(),
  save: vi.fn(),
  remove: vi.fn(),
  starters: vi.fn(),
  fields: vi.fn(),
  preview: vi.fn(),
  preflight: vi.fn(),
  generate: vi.fn(),
  cancel: vi.fn(),
  runs: vi.fn(),
  image: vi.fn(),
}))
vi.mock('../api/segments', () => ({ list: vi.fn() }))
vi.mock('../api/events', () => ({
  onEvent: vi.fn((name: string, cb: (p: JobProgress) => void) => {
    if (name === 'job:progress') progressListeners.push(cb)
    return () => {}
  }),
}))

import * as api from '../api/documents'
import * as segmentsApi from '../api/segments'
import { ApiError } from '../api/errors'
import {
  PREVIEW_DEBOUNCE_MS,
  blankLetter,
  conditionFields,
  conditionOps,
  conditionTags,
  conditionText,
  copyTitle,
  defaultCampaign,
  fieldRef,
  groupFields,
  markMissing,
  mediaRefs,
  missingIn,
  replaceField,
  selectionFor,
  selectionKeyOf,
  showMissing,
  templateSnapshot,
  useDocumentsStore,
  withLetterLayout,
  withMediaUrls,
} from './documents'

const mocked = <T extends (...a: never[]) => unknown>(f: T) => f as unknown as ReturnType<typeof vi.fn>

function letter(id: number, over: Partial<Template> = {}): Template {
  return { ...blankLetter(`Letter ${id}`, 'da'), id, name: `letter-${id}`, version: 1, updatedAt: '2026-12-02T10:00:00Z', body: '<p>Kære {{first_name}}</p>', ...over }
}

function preview(over: Partial<Preview> = {}): Preview {
  return { contactId: 7, name: 'Anna Hansen', index: 0, total: 3, html: '<p>Kære Anna</p>', address: ['Anna Hansen'], date: '2. december 2026', variant: '', variantIndex: -1, missing: [], problems: [], ...over }
}

const field = (name: string, group: FieldInfo['group'] = 'contact', kind: FieldInfo['kind'] = 'text', token = `{{${name}}}`): FieldInfo => ({ name, group, kind, token })

// ---- Pure helpers ------------------------------------------------------------------------------

describe('selections', () => {
  it('maps picker keys to selections and back', () => {
    expect(selectionFor('all')).toEqual({ segmentId: 0, filter: { v: 1, root: {} } })
    expect(selectionFor('seg:12')).toEqual({ segmentId: 12, filter: { v: 1, root: {} } })
    expect(selectionFor('seg:x')).toEqual({ segmentId: 0, filter: { v: 1, root: {} } })
    expect(selectionKeyOf({ segmentId: 12, filter: { v: 1, root: {} } })).toBe('seg:12')
    expect(selectionKeyOf({ segmentId: 0, filter: { v: 1, root: {} } })).toBe('all')
  })
})

describe('letter layout', () => {
  it('fills what a template from elsewhere lacks, and keeps what it has', () => {
    const t = letter(1)
    t.layout.letter = { paper: '', envelope: '', window: '', offsetX: 0, offsetY: 3, sender: false, logo: false, footer: false } as never
    const l = withLetterLayout(t).layout.letter
    expect(l).toEqual({ paper: 'A4', envelope: 'DL', window: 'left', offsetX: 0, offsetY: 3, sender: false, logo: false, footer: false })
    t.layout.letter = { ...l, paper: 'Letter', envelope: 'C6/5', window: 'right' }
    expect(withLetterLayout(t).layout.letter).toMatchObject({ paper: 'Letter', envelope: 'C6/5', window: 'right' })
  })

  it('counts title, language, body and layout as changes, not the version', () => {
    const t = letter(1)
    const base = templateSnapshot(t)
    expect(templateSnapshot({ ...t, version: 9, updatedAt: 'later' })).toBe(base)
    expect(templateSnapshot({ ...t, title: ` ${t.title} ` })).toBe(base)
    expect(templateSnapshot({ ...t, lang: 'sv' })).not.toBe(base)
    expect(templateSnapshot({ ...t, layout: { ...t.layout, letter: { ...t.layout.letter, window: 'right' } } })).not.toBe(base)
    expect(templateSnapshot(null)).toBe('')
  })
})

describe('markMissing', () => {
  it('gives plain fields a fallback that marks the spot, once per name', () => {
    const m = markMissing('<p>Kære {{first_name}} {{ last_name }}, hej {{first_name}}</p>')
    expect(m.names).toEqual(['first_name', 'last_name'])
    expect(m.body).toBe('<p>Kære {{first_name | "[[dd-missing:0]]"}} {{ last_name  | "[[dd-missing:1]]"}}, hej {{first_name | "[[dd-missing:0]]"}}</p>')
  })

  it('leaves conditions, fallbacks and quoted texts alone', () => {
    const body = '{{#if gender = "female"}}a{{#elif age > 60}}b{{#else}}c{{/if}} {{first_name | "kunde"}} {{"{{"}} {{ #if x }}{{ /if }}'
    expect(markMissing(body)).toEqual({ body, names: [] })
  })

  it('reads custom fields and fields split by formatting', () => {
    const m = markMissing('{{custom."Favourite shop"}} {{<b>city</b>}} {{custom.Skostørrelse}}')
    expect(m.names).toEqual(['custom."Favourite shop"', 'city', 'custom.Skostørrelse'])
    expect(m.body).toContain('{{<b>city</b> | "[[dd-missing:1]]"}}')
  })

  it('finds the marks in the merged text and shows them as labels', () => {
    const names = ['first_name', 'city']
    const html = '<p>Kære [[dd-missing:0]] i [[dd-missing:1]], [[dd-missing:0]] [[dd-missing:9]]</p>'
    expect(missingIn(html, names)).toEqual(['first_name', 'city'])
    expect(missingIn('<p>Kære Anna</p>', names)).toEqual([])
    const shown = showMissing(html, names, (n) => (n === 'city' ? 'By & <sted>' : 'Fornavn'))
    expect(shown).toContain('<mark class="dd-missing" data-field="first_name">Fornavn</mark>')
    expect(shown).toContain('<mark class="dd-missing" data-field="city">By &amp; &lt;sted&gt;</mark>')
    expect(shown).not.toContain('[[dd-missing')
  })
})

describe('pictures', () => {
  it('lists media references and swaps them for data URLs, remembering the reference', () => {
    const html = '<p>Hej</p><img src="media:img/a.png" data-width="40"><img src="media:img/b.png"><img src="media:img/a.png">'
    expect(mediaRefs(html)).toEqual(['media:img/a.png', 'media:img/b.png'])
    const out = withMediaUrls(html, new Map([['media:img/a.png', 'data:image/png;base64,AAA']]))
    expect(out).toBe(
      '<p>Hej</p><img src="data:image/png;base64,AAA" data-media="media:img/a.png" data-width="40"><img src="media:img/b.png"><img src="data:image/png;base64,AAA" data-media="media:img/a.png">',
    )
  })
})

describe('replaceField', () => {
  it('fixes a misspelt field wherever it is a field, not in the text', () => {
    const body = '<p>frist_name: {{frist_name}}, {{ frist_name | "ven" }} {{#if frist_name = "A"}}x{{/if}} {{frist_name_2}} {{custom.frist_name}}</p>'
    expect(replaceField(body, 'frist_name', 'first_name')).toBe(
      '<p>frist_name: {{first_name}}, {{ first_name | "ven" }} {{#if first_name = "A"}}x{{/if}} {{frist_name_2}} {{custom.frist_name}}</p>',
    )
  })

  it('replaces a custom field by the quoted form the suggestion gives', () => {
    expect(replaceField('{{custom.Skostorrelse}}', 'custom.Skostorrelse', 'custom.Skostørrelse')).toBe('{{custom.Skostørrelse}}')
    expect(replaceField('a', '', 'b')).toBe('a')
  })
})

describe('conditions', () => {
  const gender = field('gender')
  const age = field('age', 'contact', 'number')
  const spent = field('total_spent', 'purchase', 'money')
  const last = field('last_order_date', 'purchase', 'date')
  const shop = field('custom.Favourite shop', 'other', 'text', '{{custom."Favourite shop"}}')

  it('offers operators by kind', () => {
    expect(conditionOps('text')).toEqual(['eq', 'ne', 'filled', 'empty'])
    expect(conditionOps('number')[0]).toBe('gt')
    expect(conditionOps('date')).toEqual(['before', 'after', 'filled', 'empty'])
    expect(conditionOps('segment')).toEqual(['inSegment', 'notInSegment'])
  })

  it('writes the condition the template language reads', () => {
    const c = (f: FieldInfo | null, op: Parameters<typeof conditionText>[0]['op'], value = '', segment = '') => conditionText({ field: f, op, value, segment })
    expect(c(gender, 'eq', 'female')).toBe('gender = "female"')
    expect(c(gender, 'ne', 'male')).toBe('gender != "male"')
    expect(c(gender, 'filled')).toBe('gender')
    expect(c(gender, 'empty')).toBe('not gender')
    expect(c(age, 'ge', '60')).toBe('age >= 60')
    expect(c(spent, 'gt', '1499,50')).toBe('total_spent > 1499.50')
    expect(c(age, 'lt', 'sixty')).toBe('age < "sixty"')
    expect(c(last, 'before', '2026-01-01')).toBe('last_order_date < "2026-01-01"')
    expect(c(last, 'after', '2026-01-01')).toBe('last_order_date > "2026-01-01"')
    expect(c(shop, 'eq', 'Nørre "Bro"')).toBe('custom."Favourite shop" = "Nørre \\"Bro\\""')
    expect(c(null, 'inSegment', '', 'VIP kunder')).toBe('segment = "VIP kunder"')
    expect(c(null, 'notInSegment', '', 'VIP')).toBe('segment != "VIP"')
    // Not finished: nothing to insert.
    expect(c(gender, 'eq', '  ')).toBe('')
    expect(c(null, 'eq', 'x')).toBe('')
    expect(c(null, 'inSegment')).toBe('')
  })

  it('wraps with or without an otherwise part', () => {
    expect(conditionTags('age >= 60', '')).toEqual({ open: '{{#if age >= 60}}', close: '{{/if}}' })
    expect(conditionTags('gender = "female"', 'Kære kunde')).toEqual({ open: '{{#if gender = "female"}}', close: '{{#else}}Kære kunde{{/if}}' })
  })

  it('tests only the recipient’s fields', () => {
    const fields = [field('salutation'), gender, field('business.name', 'business'), field('response_code', 'campaign'), field('today', 'other', 'date'), shop]
    expect(conditionFields(fields).map((f) => f.name)).toEqual(['gender', 'custom.Favourite shop'])
    expect(fieldRef(shop)).toBe('custom."Favourite shop"')
  })
})

describe('insert-field menu', () => {
  const fields = [field('first_name'), field('city', 'address'), field('business.name', 'business'), field('custom.Shoe', 'other'), field('weird', 'mystery' as never)]
  const label = (f: FieldInfo) => ({ first_name: 'Fornavn', city: 'By', 'business.name': 'Firmanavn' })[f.name] ?? f.name

  it('groups in menu order, unknown groups under other', () => {
    expect(groupFields(fields, label).map((g) => [g.group, g.fields.map((f) => f.name)])).toEqual([
      ['contact', ['first_name']],
      ['address', ['city']],
      ['business', ['business.name']],
      ['other', ['custom.Shoe', 'weird']],
    ])
  })

  it('finds by label or by name', () => {
    expect(groupFields(fields, label, 'navn').flatMap((g) => g.fields.map((f) => f.name))).toEqual(['first_name', 'business.name'])
    expect(groupFields(fields, label, 'CITY').flatMap((g) => g.fields.map((f) => f.name))).toEqual(['city'])
    expect(groupFields(fields, label, 'zzz')).toEqual([])
  })
})

describe('names', () => {
  it('names a copy that is not taken', () => {
    const word = (n: number) => (n === 1 ? 'copy' : `copy ${n}`)
    expect(copyTitle('Offer', ['Offer'], word)).toBe('Offer (copy)')
    expect(copyTitle('Offer', ['Offer', 'offer (COPY)'], word)).toBe('Offer (copy 2)')
  })

  it('names the campaign after the template and the date', () => {
    expect(defaultCampaign(' Julebrev ', '2026-12-02')).toBe('Julebrev 2026-12-02')
    expect(defaultCampaign('', '2026-12-02')).toBe('2026-12-02')
  })
})

// ---- The store ------------------------------------------------------------------------------

describe('documents store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.useFakeTimers()
    vi.clearAllMocks()
    progressListeners.length = 0
    mocked(api.fields).mockResolvedValue([field('first_name')])
    mocked(api.templates).mockResolvedValue([letter(1), letter(2)])
    mocked(api.preview).mockResolvedValue(preview())
    mocked(segmentsApi.list).mockResolvedValue([{ id: 5, name: 'VIP', kind: 'dynamic', filter: { v: 1, root: {} }, createdAt: '', updatedAt: '', size: 12 }])
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  async function ready() {
    const store = useDocumentsStore()
    await store.init()
    await vi.runAllTimersAsync()
    return store
  }

  it('opens the first letter and previews it with the missing fields marked', async () => {
    mocked(api.preview).mockResolvedValue(preview({ html: '<p>Kære [[dd-missing:0]]</p>', missing: ['business.name'] }))
    const store = await ready()
    expect(store.draft?.id).toBe(1)
    expect(store.dirty).toBe(false)
    const [sent, sel, index] = mocked(api.preview).mock.calls.at(-1)!
    expect(sent.body).toBe('<p>Kære {{first_name | "[[dd-missing:0]]"}}</p>')
    expect(sel).toEqual({ segmentId: 0, filter: { v: 1, root: {} } })
    expect(index).toBe(0)
    expect(store.previewNames).toEqual(['first_name'])
    expect(store.previewMissing).toEqual(['first_name', 'business.name'])
  })

  it('previews edits after a pause, and drops an answer that came too late', async () => {
    const store = await ready()
    let release: (p: Preview) => void = () => {}
    mocked(api.preview).mockImplementationOnce(() => new Promise<Preview>((r) => (release = r)))
    store.setBody('<p>Hej</p>')
    await nextTick()
    expect(store.dirty).toBe(true)
    await vi.advanceTimersByTimeAsync(PREVIEW_DEBOUNCE_MS)
    mocked(api.preview).mockResolvedValueOnce(preview({ html: '<p>Hej igen</p>' }))
    store.setBody('<p>Hej igen</p>')
    await nextTick()
    await vi.advanceTimersByTimeAsync(PREVIEW_DEBOUNCE_MS)
    release(preview({ html: '<p>stale</p>' }))
    await vi.runAllTimersAsync()
    expect(store.preview?.html).toBe('<p>Hej igen</p>')
  })

  it('goes to another recipient within the selection, and starts over when the selection changes', async () => {
    const store = await ready()
    mocked(api.preview).mockResolvedValueOnce(preview({ index: 2, total: 3, contactId: 9 }))
    store.showRecipient(7)
    await vi.runAllTimersAsync()
    expect(mocked(api.preview).mock.calls.at(-1)![2]).toBe(2)
    expect(store.preview?.contactId).toBe(9)
    store.selectionKey = 'seg:5'
    await nextTick()
    await vi.runAllTimersAsync()
    const [, sel, index] = mocked(api.preview).mock.calls.at(-1)!
    expect(sel).toEqual({ segmentId: 5, filter: { v: 1, root: {} } })
    expect(index).toBe(0)
  })

  it('saves a new version and is clean after; what is typed meanwhile stays unsaved', async () => {
    const store = await ready()
    store.setBody('<p>Ny tekst</p>')
    let release: (t: Template) => void = () => {}
    mocked(api.save).mockImplementationOnce(() => new Promise<Template>((r) => (release = r)))
    const saving = store.save()
    expect(store.busy).toBe('save')
    store.setBody('<p>Ny tekst, mere</p>')
    release({ ...letter(1), body: '<p>Ny tekst</p>', version: 2 })
    const res = await saving
    expect(res.ok).toBe(true)
    expect(store.draft?.version).toBe(2)
    expect(store.draft?.body).toBe('<p>Ny tekst, mere</p>')
    expect(store.dirty).toBe(true)

    mocked(api.save).mockResolvedValueOnce({ ...letter(1), body: '<p>Ny tekst, mere</p>', version: 3 })
    expect((await store.save()).ok).toBe(true)
    expect(store.dirty).toBe(false)
    expect(mocked(api.templates)).toHaveBeenCalledTimes(3)
  })

  it('refuses a letter without a name before asking the backend, and passes on its errors', async () => {
    const store = await ready()
    store.draft!.title = '  '
    const res = await store.save()
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.error.field).toBe('title')
    expect(api.save).not.toHaveBeenCalled()

    store.draft!.title = 'Brev'
    const err = new ApiError('invalid', 'unknown field', 'body', { reason: 'unknown_field', name: 'frist_name', suggestion: 'first_name' })
    mocked(api.save).mockRejectedValueOnce(err)
    const res2 = await store.save()
    expect(res2.ok).toBe(false)
    if (!res2.ok) expect(res2.error.details.suggestion).toBe('first_name')
    expect(store.dirty).toBe(true)
  })

  it('fixes a misspelt field in the body', async () => {
    const store = await ready()
    store.setBody('<p>Hej {{frist_name}}</p>')
    store.fixField('frist_name', 'first_name')
    expect(store.draft?.body).toBe('<p>Hej {{first_name}}</p>')
  })

  it('creates a letter at once and opens it; deleting the open one opens the next', async () => {
    const store = await ready()
    mocked(api.save).mockResolvedValueOnce(letter(3, { title: 'Julebrev' }))
    mocked(api.templates).mockResolvedValueOnce([letter(1), letter(2), letter(3, { title: 'Julebrev' })])
    const res = await store.create(blankLetter('Julebrev', 'da'))
    expect(res.ok).toBe(true)
    expect(mocked(api.save).mock.calls[0][0]).toMatchObject({ id: 0, name: '', title: 'Julebrev', kind: 'letter' })
    expect(store.draft?.id).toBe(3)
    expect(store.dirty).toBe(false)

    mocked(api.remove).mockResolvedValueOnce(undefined)
    mocked(api.templates).mockResolvedValueOnce([letter(1), letter(2)])
    expect((await store.remove(3)).ok).toBe(true)
    expect(store.draft?.id).toBe(2)
  })

  it('runs the preflight as a job with progress, and says when the letter changed since', async () => {
    const store = await ready()
    const report: PreflightReport = { recipients: 3, ready: 2, warnings: [], gaps: [{ key: 'first_name', kind: 'field', count: 1, contacts: [{ id: 7, name: 'Hansen' }] }] }
    let release: (r: PreflightReport) => void = () => {}
    mocked(api.preflight).mockImplementationOnce(() => new Promise<PreflightReport>((r) => (release = r)))
    const running = store.runPreflight()
    expect(store.job.task).toBe('preflight')
    for (const cb of progressListeners) cb({ job: 'documents', done: 2, total: 3 })
    for (const cb of progressListeners) cb({ job: 'import', done: 99, total: 100 })
    expect(store.job.done).toBe(2)
    expect(store.job.total).toBe(3)
    // Another job cannot start meanwhile.
    const other = await store.generate(1, selectionFor('all'), '', 'combined', '')
    expect(other.ok).toBe(false)
    release(report)
    expect((await running).ok).toBe(true)
    expect(store.job.task).toBe(null)
    expect(store.report).toEqual(report)
    expect(store.reportStale).toBe(false)
    store.setBody('<p>Andet</p>')
    expect(store.reportStale).toBe(true)
  })

  it('asks the backend to stop the running job and shows it is stopping', async () => {
    const store = await ready()
    let reject: (e: unknown) => void = () => {}
    mocked(api.generate).mockImplementationOnce(() => new Promise((_, r) => (reject = r)))
    mocked(api.cancel).mockResolvedValueOnce(true)
    const running = store.generate(1, selectionFor('all'), '', 'folder', '')
    expect(store.job.task).toBe('generate')
    await store.cancelJob()
    expect(api.cancel).toHaveBeenCalledTimes(1)
    expect(store.job.cancelling).toBe(true)
    reject(new ApiError('canceled', 'Stopped.'))
    const res = await running
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.error.code).toBe('canceled')
    expect(store.job).toMatchObject({ task: null, cancelling: false })
  })

  it('keeps the last report when the preflight is cancelled, without an error', async () => {
    const store = await ready()
    mocked(api.preflight).mockRejectedValueOnce(new ApiError('canceled', 'Stopped.'))
    const res = await store.runPreflight()
    expect(res.ok).toBe(false)
    expect(store.preflightError).toBe(null)
    expect(store.job.task).toBe(null)
  })

  it('generates and reads the history again', async () => {
    const store = await ready()
    const result = { run: { id: 1 }, files: [], problems: [], download: 'x.pdf' }
    mocked(api.generate).mockResolvedValueOnce(result)
    mocked(api.runs).mockResolvedValueOnce([{ id: 1 }])
    const res = await store.generate(1, selectionFor('seg:5'), 'x.pdf', 'combined', ' Jul 2026 ')
    expect(res.ok).toBe(true)
    expect(mocked(api.generate).mock.calls[0]).toEqual([1, { segmentId: 5, filter: { v: 1, root: {} } }, 'x.pdf', { output: 'combined', campaign: 'Jul 2026' }])
    await vi.runAllTimersAsync()
    expect(store.runs).toEqual([{ id: 1 }])
  })

  it('falls back to everyone when the chosen segment is gone', async () => {
    const store = await ready()
    store.selectionKey = 'seg:99'
    await store.loadSegments()
    expect(store.selectionKey).toBe('all')
  })
})
