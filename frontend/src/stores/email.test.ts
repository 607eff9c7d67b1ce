import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import type { Template } from '../api/documents'
import type { AccountView, EmailPreflight, EmailPreview, Mailing } from '../api/email'
import type { JobProgress } from '../api/types'

const progressListeners: ((p: JobProgress) => void)[] = []

vi.mock('../api/documents', () => ({
  everyone: () => ({ segmentId: 0, filter: { v: 1, root: {} } }),
  templates: vi.fn(),
  save: vi.fn(),
  remove: vi.fn(),
  starters: vi.fn(),
  fields: vi.fn(),
}))
vi.mock('../api/email', () => ({
  SEND_JOB: 'email',
  accounts: vi.fn(),
  preview: vi.fn(),
  preflight: vi.fn(),
  testSend: vi.fn(),
  send: vi.fn(),
  cancelJob: vi.fn(),
}))
vi.mock('../api/segments', () => ({ list: vi.fn() }))
vi.mock('../api/events', () => ({
  onEvent: vi.fn((name: string, cb: (p: JobProgress) => void) => {
    if (name === 'job:progress') progressListeners.push(cb)
    return () => {}
  }),
}))

import * as docsApi from '../api/documents'
import * as api from '../api/email'
import * as segmentsApi from '../api/segments'
import { ApiError } from '../api/errors'
import {
  EMAIL_PREVIEW_DEBOUNCE_MS,
  attachmentName,
  blankEmail,
  emailSnapshot,
  errorPlace,
  insertToken,
  isWebUrl,
  moveItem,
  newBlock,
  normalizeBlock,
  pickAccount,
  sizeOf,
  useEmailStore,
  withEmailLayout,
  zoomed,
} from './email'

const mocked = <T extends (...a: never[]) => unknown>(f: T) => f as unknown as ReturnType<typeof vi.fn>

function mail(id: number, over: Partial<Template> = {}): Template {
  const base = blankEmail(`Email ${id}`, 'da')
  base.layout.email = {
    subject: 'Hej {{first_name}}',
    preheader: 'Nyt fra butikken',
    blocks: [{ kind: 'text', text: '<p>Kære {{first_name}}</p>' }, { kind: 'button', text: 'Se mere', url: 'https://example.com' }],
    attachments: [],
  }
  return { ...base, id, name: `email-${id}`, version: 1, updatedAt: '2026-12-02T10:00:00Z', ...over }
}

function preview(over: Partial<EmailPreview> = {}): EmailPreview {
  return { contactId: 7, name: 'Anna Hansen', email: 'anna@example.dk', index: 0, total: 3, subject: 'Hej Anna', preheader: 'Nyt', html: '<html></html>', text: 'Hej Anna', missing: [], size: 20480, ...over }
}

function account(id: number, fromEmail = `shop${id}@example.dk`): AccountView {
  return { account: { id, name: `Konto ${id}`, fromEmail } as AccountView['account'], passwordSaved: true, keychain: true }
}

// ---- Pure helpers ------------------------------------------------------------------------------

describe('blocks', () => {
  it('makes empty blocks of each kind', () => {
    expect(newBlock('text')).toEqual({ kind: 'text', text: '<p></p>' })
    expect(newBlock('image')).toEqual({ kind: 'image', image: '', alt: '', url: '' })
    expect(newBlock('button')).toEqual({ kind: 'button', text: '', url: '' })
    expect(newBlock('product')).toEqual({ kind: 'product', productId: 0, url: '' })
    expect(newBlock('divider')).toEqual({ kind: 'divider' })
  })

  it('fills what a stored block leaves out and keeps what it has', () => {
    expect(normalizeBlock({ kind: 'button', url: 'https://x.dk' })).toEqual({ kind: 'button', text: '', url: 'https://x.dk' })
    expect(normalizeBlock({ kind: 'nonsense' as never, text: '<p>a</p>' })).toEqual({ kind: 'text', text: '<p>a</p>' })
  })

  it('moves an item and clamps at the ends', () => {
    const list = ['a', 'b', 'c']
    expect(moveItem(list, 0, 1)).toEqual(['b', 'a', 'c'])
    expect(moveItem(list, 2, 0)).toEqual(['c', 'a', 'b'])
    expect(moveItem(list, 2, 5)).toBe(list)
    expect(moveItem(list, 0, -1)).toBe(list)
    expect(moveItem(list, 7, 0)).toBe(list)
  })
})

describe('email layout', () => {
  it('fills layout.email of a template from elsewhere', () => {
    const t = mail(1)
    t.layout.email = { subject: 'S', blocks: [{ kind: 'image', image: 'media:img/x' }] } as never
    const e = withEmailLayout(t).layout.email!
    expect(e).toEqual({ subject: 'S', preheader: '', blocks: [{ kind: 'image', image: 'media:img/x', alt: '', url: '' }], attachments: [] })
    expect(withEmailLayout({ ...t, layout: { ...t.layout, email: undefined } }).layout.email).toEqual({ subject: '', preheader: '', blocks: [], attachments: [] })
  })

  it('starts a blank email with one text block', () => {
    const t = blankEmail('Nyhedsbrev', 'da')
    expect(t).toMatchObject({ id: 0, kind: 'email', title: 'Nyhedsbrev', lang: 'da' })
    expect(t.layout.email?.blocks).toEqual([{ kind: 'text', text: '<p></p>' }])
    expect(t.layout.email?.subject).toBe('Nyhedsbrev')
  })

  it('counts title, language and the email as changes, not the version', () => {
    const t = mail(1)
    const base = emailSnapshot(t)
    expect(emailSnapshot({ ...t, version: 4, updatedAt: 'later', title: ` ${t.title} ` })).toBe(base)
    expect(emailSnapshot({ ...t, lang: 'sv' })).not.toBe(base)
    const changed = withEmailLayout(t)
    changed.layout.email!.subject = 'Andet'
    expect(emailSnapshot(changed)).not.toBe(base)
    expect(emailSnapshot(null)).toBe('')
  })
})

describe('one-line fields', () => {
  it('puts a token at the caret, over a selection, or at the end', () => {
    expect(insertToken('Hej !', '{{first_name}}', 4, 4)).toEqual({ value: 'Hej {{first_name}}!', caret: 18 })
    expect(insertToken('Hej XX!', '{{first_name}}', 4, 6)).toEqual({ value: 'Hej {{first_name}}!', caret: 18 })
    expect(insertToken('Hej ', '{{city}}', null, null)).toEqual({ value: 'Hej {{city}}', caret: 12 })
    expect(insertToken('ab', '{{x}}', 9, 9)).toEqual({ value: 'ab{{x}}', caret: 7 })
  })

  it('knows a web link', () => {
    expect(isWebUrl('https://shop.dk/tilbud?x=1')).toBe(true)
    expect(isWebUrl(' http://shop.dk ')).toBe(true)
    expect(isWebUrl('shop.dk')).toBe(false)
    expect(isWebUrl('https://')).toBe(false)
    expect(isWebUrl('https://shop dk')).toBe(false)
    expect(isWebUrl('javascript:alert(1)')).toBe(false)
    expect(isWebUrl('https://a.dk/"x')).toBe(false)
  })
})

describe('sizes and names', () => {
  it('gives sizes in KB, or MB with one decimal', () => {
    expect(sizeOf(100)).toEqual({ n: 1, unit: 'kb' })
    expect(sizeOf(20 * 1024 + 300)).toEqual({ n: 20, unit: 'kb' })
    expect(sizeOf(1.25 * 1024 * 1024)).toEqual({ n: 1.3, unit: 'mb' })
  })

  it('zooms the preview inside the document, not the frame', () => {
    expect(zoomed('<html><head><title>x</title></head><body></body></html>', 0.704)).toBe('<html><head><style>html{zoom:0.7}</style><title>x</title></head><body></body></html>')
    expect(zoomed('<p>no head</p>', 0.5)).toBe('<style>html{zoom:0.5}</style><p>no head</p>')
    expect(zoomed('<html><head></head></html>', 1)).toBe('<html><head></head></html>')
    expect(zoomed('', 0.5)).toBe('')
  })

  it('makes a file name of an attachment', () => {
    expect(attachmentName('Tilbud: forår/sommer')).toBe('Tilbud forår sommer.pdf')
    expect(attachmentName('Katalog.PDF')).toBe('Katalog.PDF')
    expect(attachmentName('  ', 'bilag')).toBe('bilag.pdf')
  })

  it('keeps the chosen account while it exists', () => {
    expect(pickAccount([account(1), account(2)], 2)).toBe(2)
    expect(pickAccount([account(1), account(2)], 9)).toBe(1)
    expect(pickAccount([], 9)).toBe(0)
  })
})

describe('errorPlace', () => {
  const layout = mail(1).layout.email!
  const err = (field: string, details: Record<string, string> = {}) => new ApiError('invalid', 'x', field, details)

  it('puts an error on the field it names', () => {
    expect(errorPlace(null, layout)).toBe(null)
    expect(errorPlace(err('subject', { reason: 'required' }), layout)).toEqual({ at: 'subject' })
    expect(errorPlace(err('preheader'), layout)).toEqual({ at: 'preheader' })
    expect(errorPlace(err('attachments'), layout)).toEqual({ at: 'attachments' })
    expect(errorPlace(err('title'), layout)).toEqual({ at: 'title' })
    expect(errorPlace(err(''), layout)).toEqual({ at: 'general' })
  })

  it('finds the block by its 1-based number', () => {
    expect(errorPlace(err('blocks', { block: '2', reason: 'button_url' }), layout)).toEqual({ at: 'block', index: 1 })
    expect(errorPlace(err('blocks', { block: '9' }), layout)).toEqual({ at: 'blocks' })
    expect(errorPlace(new ApiError('too_large', 'x', 'blocks'), layout)).toEqual({ at: 'blocks' })
  })

  it('finds the block whose text holds the field a body error names', () => {
    const l = { ...layout, blocks: [{ kind: 'text' as const, text: '<p>Hej</p>' }, { kind: 'divider' as const }, { kind: 'text' as const, text: '<p>{{frist_name}}</p>' }] }
    expect(errorPlace(err('body', { reason: 'unknown_field', name: 'frist_name' }), l)).toEqual({ at: 'block', index: 2 })
    expect(errorPlace(err('body', { reason: 'syntax' }), l)).toEqual({ at: 'general' })
    expect(errorPlace(err('body', { reason: 'syntax' }), { ...l, blocks: [l.blocks[0]] })).toEqual({ at: 'block', index: 0 })
  })
})

// ---- The store ------------------------------------------------------------------------------

describe('email store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.useFakeTimers()
    vi.clearAllMocks()
    progressListeners.length = 0
    mocked(docsApi.templates).mockResolvedValue([mail(1), mail(2)])
    mocked(api.accounts).mockResolvedValue([account(4), account(5)])
    mocked(api.preview).mockResolvedValue(preview())
    mocked(segmentsApi.list).mockResolvedValue([{ id: 5, name: 'VIP', kind: 'dynamic', filter: { v: 1, root: {} }, createdAt: '', updatedAt: '', size: 12 }])
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  async function ready() {
    const store = useEmailStore()
    await store.init()
    await vi.runAllTimersAsync()
    return store
  }

  it('opens the first email with the first account and previews it', async () => {
    const store = await ready()
    expect(mocked(docsApi.templates)).toHaveBeenCalledWith('email')
    expect(store.draft?.id).toBe(1)
    expect(store.dirty).toBe(false)
    expect(store.accountId).toBe(4)
    const [sent, accountId, sel, index] = mocked(api.preview).mock.calls.at(-1)!
    expect(sent.kind).toBe('email')
    expect(sent.layout.email.subject).toBe('Hej {{first_name}}')
    expect(accountId).toBe(4)
    expect(sel).toEqual({ segmentId: 0, filter: { v: 1, root: {} } })
    expect(index).toBe(0)
    expect(store.preview?.subject).toBe('Hej Anna')
  })

  it('previews edits after a pause, and drops an answer that came too late', async () => {
    const store = await ready()
    const calls = mocked(api.preview).mock.calls.length
    let release: (p: EmailPreview) => void = () => {}
    mocked(api.preview).mockImplementationOnce(() => new Promise<EmailPreview>((r) => (release = r)))
    store.email!.subject = 'Hej igen'
    await nextTick()
    expect(store.dirty).toBe(true)
    await vi.advanceTimersByTimeAsync(EMAIL_PREVIEW_DEBOUNCE_MS - 50)
    expect(mocked(api.preview).mock.calls.length).toBe(calls)
    await vi.advanceTimersByTimeAsync(50)
    expect(mocked(api.preview).mock.calls.length).toBe(calls + 1)
    mocked(api.preview).mockResolvedValueOnce(preview({ subject: 'Hej igen, Anna' }))
    store.email!.subject = 'Hej igen, {{first_name}}'
    await nextTick()
    await vi.advanceTimersByTimeAsync(EMAIL_PREVIEW_DEBOUNCE_MS)
    release(preview({ subject: 'stale' }))
    await vi.runAllTimersAsync()
    expect(store.preview?.subject).toBe('Hej igen, Anna')
  })

  it('goes to another recipient, and starts over when the selection or the account changes', async () => {
    const store = await ready()
    mocked(api.preview).mockResolvedValueOnce(preview({ index: 2, total: 3, contactId: 9 }))
    store.showRecipient(7)
    await vi.runAllTimersAsync()
    expect(mocked(api.preview).mock.calls.at(-1)![3]).toBe(2)
    expect(store.preview?.contactId).toBe(9)
    store.selectionKey = 'seg:5'
    await nextTick()
    await vi.runAllTimersAsync()
    const [, , sel, index] = mocked(api.preview).mock.calls.at(-1)!
    expect(sel).toEqual({ segmentId: 5, filter: { v: 1, root: {} } })
    expect(index).toBe(0)
    store.accountId = 5
    await nextTick()
    await vi.runAllTimersAsync()
    expect(mocked(api.preview).mock.calls.at(-1)![1]).toBe(5)
  })

  it('adds, moves and removes blocks, each keeping its key', async () => {
    const store = await ready()
    const keys = store.email!.blocks.map((b) => store.blockKey(b))
    expect(new Set(keys).size).toBe(2)
    expect(store.addBlock('divider')).toBe(2)
    expect(store.addBlock('image', 0)).toBe(1)
    expect(store.email!.blocks.map((b) => b.kind)).toEqual(['text', 'image', 'button', 'divider'])
    const imageKey = store.blockKey(store.email!.blocks[1])
    store.moveBlock(1, -1)
    expect(store.email!.blocks.map((b) => b.kind)).toEqual(['image', 'text', 'button', 'divider'])
    expect(store.blockKey(store.email!.blocks[0])).toBe(imageKey)
    expect(store.blockKey(store.email!.blocks[1])).toBe(keys[0])
    store.moveBlock(0, -1)
    expect(store.email!.blocks[0].kind).toBe('image')
    store.removeBlock(0)
    expect(store.email!.blocks.map((b) => b.kind)).toEqual(['text', 'button', 'divider'])
    expect(store.dirty).toBe(true)
  })

  it('saves a new version and is clean after; what is typed meanwhile stays unsaved', async () => {
    const store = await ready()
    store.email!.subject = 'Ny'
    let release: (t: Template) => void = () => {}
    mocked(docsApi.save).mockImplementationOnce(() => new Promise<Template>((r) => (release = r)))
    const saving = store.save()
    expect(store.busy).toBe('save')
    store.email!.preheader = 'Mere'
    release({ ...mail(1), version: 2 })
    const res = await saving
    expect(res.ok).toBe(true)
    expect(store.draft?.version).toBe(2)
    expect(store.email?.preheader).toBe('Mere')
    expect(store.dirty).toBe(true)
    mocked(docsApi.save).mockResolvedValueOnce({ ...mail(1), version: 3 })
    expect((await store.save()).ok).toBe(true)
    expect(store.dirty).toBe(false)
  })

  it('keeps a refused save where it belongs, until that part is edited', async () => {
    const store = await ready()
    store.draft!.title = ' '
    expect((await store.save()).ok).toBe(false)
    expect(store.errorAt).toEqual({ at: 'title' })
    expect(docsApi.save).not.toHaveBeenCalled()
    store.draft!.title = 'Nyhedsbrev'
    store.touch('title')
    expect(store.saveError).toBe(null)

    mocked(docsApi.save).mockRejectedValueOnce(new ApiError('invalid', 'A button needs a web address.', 'blocks', { reason: 'button_url', block: '2' }))
    expect((await store.save()).ok).toBe(false)
    expect(store.errorAt).toEqual({ at: 'block', index: 1 })
    store.touch('block', 0)
    expect(store.saveError).not.toBe(null)
    store.touch('block', 1)
    expect(store.saveError).toBe(null)

    mocked(docsApi.save).mockRejectedValueOnce(new ApiError('invalid', 'No subject.', 'subject', { reason: 'required' }))
    await store.save()
    expect(store.errorAt).toEqual({ at: 'subject' })
    store.open(mail(2))
    expect(store.saveError).toBe(null)
  })

  it('fixes a misspelt field everywhere in the email and forgets the error', async () => {
    const store = await ready()
    store.email!.subject = 'Hej {{frist_name}}'
    store.email!.blocks[0].text = '<p>Kære {{frist_name}}</p>'
    store.email!.blocks[1].text = '{{frist_name}}, se mere'
    mocked(docsApi.save).mockRejectedValueOnce(new ApiError('invalid', 'x', 'subject', { reason: 'unknown_field', name: 'frist_name', suggestion: 'first_name' }))
    await store.save()
    expect(store.errorAt).toEqual({ at: 'subject' })
    store.fixField('frist_name', 'first_name')
    expect(store.email!.subject).toBe('Hej {{first_name}}')
    expect(store.email!.blocks.map((b) => b.text)).toEqual(['<p>Kære {{first_name}}</p>', '{{first_name}}, se mere'])
    expect(store.saveError).toBe(null)
  })

  it('creates an email at once and opens it; deleting the open one opens the next', async () => {
    const store = await ready()
    mocked(docsApi.save).mockResolvedValueOnce(mail(3, { title: 'Julebrev' }))
    mocked(docsApi.templates).mockResolvedValueOnce([mail(1), mail(2), mail(3, { title: 'Julebrev' })])
    const res = await store.create(blankEmail('Julebrev', 'da'))
    expect(res.ok).toBe(true)
    expect(mocked(docsApi.save).mock.calls[0][0]).toMatchObject({ id: 0, name: '', title: 'Julebrev', kind: 'email' })
    expect(store.draft?.id).toBe(3)
    expect(store.dirty).toBe(false)

    mocked(docsApi.remove).mockResolvedValueOnce(undefined)
    mocked(docsApi.templates).mockResolvedValueOnce([mail(1), mail(2)])
    expect((await store.remove(3)).ok).toBe(true)
    expect(store.draft?.id).toBe(2)
  })

  it('runs the preflight and says when the email, recipients or account changed since', async () => {
    const store = await ready()
    const report = { recipients: 3, willSend: 2, skipped: { no_email: 1 }, warnings: null, gaps: null, size: 20000, htmlSize: 9000 } as unknown as EmailPreflight
    mocked(api.preflight).mockResolvedValueOnce(report)
    const res = await store.runPreflight()
    expect(res.ok).toBe(true)
    expect(mocked(api.preflight).mock.calls[0][1]).toBe(4)
    expect(store.report).toMatchObject({ willSend: 2, warnings: [], gaps: [] })
    expect(store.reportStale).toBe(false)
    store.accountId = 5
    expect(store.reportStale).toBe(true)
    store.accountId = 4
    expect(store.reportStale).toBe(false)
    store.email!.blocks.push({ kind: 'divider' })
    expect(store.reportStale).toBe(true)

    mocked(api.preflight).mockRejectedValueOnce(new ApiError('invalid', 'empty', 'selection', { reason: 'empty' }))
    expect((await store.runPreflight()).ok).toBe(false)
    expect(store.preflightError?.details.reason).toBe('empty')
    expect(store.report).toBe(null)
  })

  it('sends a test of the recipient shown to the address given', async () => {
    const store = await ready()
    mocked(api.preview).mockResolvedValueOnce(preview({ index: 1 }))
    store.showRecipient(1)
    await vi.runAllTimersAsync()
    mocked(api.testSend).mockResolvedValueOnce(undefined)
    expect((await store.testSend(5, ' me@example.dk ')).ok).toBe(true)
    const [, accountId, , index, to] = mocked(api.testSend).mock.calls[0]
    expect([accountId, index, to]).toEqual([5, 1, 'me@example.dk'])
    mocked(api.testSend).mockRejectedValueOnce('{"code":"invalid","field":"smtp","message":"auth","details":{"reason":"auth"}}')
    const res = await store.testSend(5, '')
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.error.details.reason).toBe('auth')
    expect(store.testing).toBe(false)
  })

  it('sends the saved email with progress, and refuses an unsaved one', async () => {
    const store = await ready()
    store.open(blankEmail('Ny', 'da'))
    expect((await store.send(4, 'x')).ok).toBe(false)
    expect(api.send).not.toHaveBeenCalled()

    store.open(mail(2))
    let release: (m: Mailing) => void = () => {}
    mocked(api.send).mockImplementationOnce(() => new Promise<Mailing>((r) => (release = r)))
    const sending = store.send(4, ' Nyhedsbrev 2026-12-02 ')
    expect(store.sendJob.running).toBe(true)
    for (const cb of progressListeners) cb({ job: 'email', done: 40, total: 100 })
    for (const cb of progressListeners) cb({ job: 'documents', done: 1, total: 2 })
    expect(store.sendJob).toMatchObject({ done: 40, total: 100 })
    expect((await store.send(4, 'again')).ok).toBe(false)
    release({ touchId: 12, name: 'Nyhedsbrev 2026-12-02' } as Mailing)
    const res = await sending
    expect(res.ok).toBe(true)
    if (res.ok) expect(res.value.touchId).toBe(12)
    expect(mocked(api.send).mock.calls[0]).toEqual([2, 4, { segmentId: 0, filter: { v: 1, root: {} } }, 'Nyhedsbrev 2026-12-02'])
    expect(store.sendJob.running).toBe(false)
  })

  it('asks the backend to stop preparing a mailing', async () => {
    const store = await ready()
    let reject: (e: unknown) => void = () => {}
    mocked(api.send).mockImplementationOnce(() => new Promise((_, r) => (reject = r)))
    mocked(api.cancelJob).mockResolvedValueOnce(true)
    const sending = store.send(4, 'x')
    await store.cancelSend()
    expect(api.cancelJob).toHaveBeenCalledWith('email')
    expect(store.sendJob.cancelling).toBe(true)
    reject(new ApiError('canceled', 'Stopped.'))
    const res = await sending
    expect(res.ok).toBe(false)
    expect(store.sendJob).toMatchObject({ running: false, cancelling: false })
  })

  it('falls back to the first account and to everyone when the chosen ones are gone', async () => {
    const store = await ready()
    store.accountId = 99
    store.selectionKey = 'seg:99'
    await store.loadAccounts()
    await store.loadSegments()
    expect(store.accountId).toBe(4)
    expect(store.selectionKey).toBe('all')
    mocked(api.accounts).mockResolvedValueOnce([])
    await store.loadAccounts()
    expect(store.accountId).toBe(0)
  })
})
