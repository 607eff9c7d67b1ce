import { defineStore } from 'pinia'
import { computed, ref, toRaw, watch } from 'vue'
import * as docsApi from '../api/documents'
import * as emailApi from '../api/email'
import * as segmentsApi from '../api/segments'
import { onEvent } from '../api/events'
import { ApiError, parseError } from '../api/errors'
import type { Template } from '../api/documents'
import type { AccountView, BlockKind, EmailBlock, EmailLayout, EmailPreflight, EmailPreview, Mailing } from '../api/email'
import type { SavedSegment } from '../api/types'
import { blankLetter, replaceField, selectionFor, type Result, type SelectionKey } from './documents'

export const EMAIL_PREVIEW_DEBOUNCE_MS = 400
export const STARTER_EMAIL = 'standard-email'
export const blockKinds: BlockKind[] = ['text', 'image', 'button', 'product', 'divider']

// ---- Pure helpers (tested in email.test.ts) ------------------------------------------------

export function emptyEmailLayout(): EmailLayout {
  return { subject: '', preheader: '', blocks: [], attachments: [] }
}

/** A new block of a kind, empty. */
export function newBlock(kind: BlockKind): EmailBlock {
  switch (kind) {
    case 'text':
      return { kind, text: '<p></p>' }
    case 'image':
      return { kind, image: '', alt: '', url: '' }
    case 'button':
      return { kind, text: '', url: '' }
    case 'product':
      return { kind, productId: 0, url: '' }
    case 'divider':
      return { kind }
  }
}

const isKind = (k: unknown): k is BlockKind => typeof k === 'string' && (blockKinds as string[]).includes(k)

/** A block with every field its kind uses (stored blocks may leave some out). */
export function normalizeBlock(b: Partial<EmailBlock>): EmailBlock {
  const kind = isKind(b.kind) ? b.kind : 'text'
  return { ...newBlock(kind), ...b, kind } as EmailBlock
}

/** An email template with its layout.email filled in. */
export function withEmailLayout(t: Template): Template {
  const e = (t.layout?.email ?? {}) as Partial<EmailLayout>
  const email: EmailLayout = {
    subject: e.subject ?? '',
    preheader: e.preheader ?? '',
    blocks: (e.blocks ?? []).map((b) => normalizeBlock(b)),
    attachments: (e.attachments ?? []).map((a) => ({ kind: a.kind === 'catalog' ? 'catalog' : 'letter', templateId: a.templateId ?? 0, fileName: a.fileName ?? '' })),
  }
  return { ...t, kind: 'email', body: t.body ?? '', layout: { ...t.layout, email } }
}

/** A new, unsaved email with one empty text block; its name is the subject to start with (an email needs one). */
export function blankEmail(title: string, lang: string): Template {
  const base = blankLetter(title, lang)
  return { ...base, kind: 'email', body: '', layout: { ...base.layout, email: { ...emptyEmailLayout(), subject: title.trim(), blocks: [newBlock('text')] } } }
}

/** What counts as an unsaved change of an email. */
export function emailSnapshot(t: Template | null): string {
  if (!t) return ''
  return JSON.stringify({ title: t.title.trim(), lang: t.lang, email: t.layout.email ?? null })
}

/** The list with the item at from moved to to (clamped); the same list when nothing moves. */
export function moveItem<T>(list: T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length) return list
  const dest = Math.max(0, Math.min(list.length - 1, to))
  if (dest === from) return list
  const out = [...list]
  const [x] = out.splice(from, 1)
  out.splice(dest, 0, x)
  return out
}

/** A field token put into a one-line text at the caret (replacing what is selected); caret after it. */
export function insertToken(value: string, token: string, start: number | null, end: number | null): { value: string; caret: number } {
  const len = value.length
  const s = start === null || start < 0 || start > len ? len : start
  const e = end === null || end < s || end > len ? s : end
  return { value: value.slice(0, s) + token + value.slice(e), caret: s + token.length }
}

/** A link the backend takes: http(s), a host, no spaces or quotes. */
export function isWebUrl(s: string): boolean {
  const v = s.trim()
  if (!/^https?:\/\/[^\s"'<>]+$/i.test(v)) return false
  try {
    const u = new URL(v)
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== ''
  } catch {
    return false
  }
}

/** Bytes as the user reads them: { n, unit } with unit kb (whole, at least 1) or mb (one decimal). */
export function sizeOf(bytes: number): { n: number; unit: 'kb' | 'mb' } {
  const b = Math.max(0, bytes)
  if (b >= 1024 * 1024) return { n: Math.round((b / (1024 * 1024)) * 10) / 10, unit: 'mb' }
  return { n: Math.max(1, Math.round(b / 1024)), unit: 'kb' }
}

/**
 * The email's HTML drawn at a zoom (the preview shows a 680 px wide email
 * in a narrower column): a style on the root, so the email lays out at its
 * own width. 1 leaves the HTML as it is.
 */
export function zoomed(html: string, zoom: number): string {
  if (!html || !(zoom > 0) || Math.abs(zoom - 1) < 0.005) return html
  const style = `<style>html{zoom:${Math.round(zoom * 100) / 100}}</style>`
  const head = /<head[^>]*>/i.exec(html)
  if (head) return html.slice(0, head.index + head[0].length) + style + html.slice(head.index + head[0].length)
  return style + html
}

/** The file name of an attachment: the template's title without what a file name cannot hold, ending in .pdf. */
export function attachmentName(title: string, fallback = 'attachment'): string {
  const clean = title
    // eslint-disable-next-line no-control-regex
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 80)
    .trim()
  const base = clean || fallback
  return /\.pdf$/i.test(base) ? base : `${base}.pdf`
}

/** Where an error of saving (or previewing) belongs on the screen. */
export type ErrorPlace =
  | { at: 'title' | 'lang' | 'subject' | 'preheader' | 'attachments' | 'blocks' | 'general' }
  | { at: 'block'; index: number }

/**
 * The place an error names: error.field subject, preheader, attachments,
 * blocks (details.block is 1-based) or body (a text block or button label:
 * the block that holds the field or tag it names).
 */
export function errorPlace(err: ApiError | null, layout: EmailLayout | null | undefined): ErrorPlace | null {
  if (!err) return null
  const blocks = layout?.blocks ?? []
  switch (err.field) {
    case 'title':
    case 'lang':
    case 'subject':
    case 'preheader':
      return { at: err.field }
    case 'attachments':
    case 'attachment':
      return { at: 'attachments' }
    case 'blocks': {
      const n = Number(err.details.block)
      if (Number.isInteger(n) && n >= 1 && n <= blocks.length) return { at: 'block', index: n - 1 }
      return { at: 'blocks' }
    }
    case 'body': {
      const needles = [err.details.name, err.details.tag].filter((s): s is string => !!s)
      for (const needle of needles) {
        const i = blocks.findIndex((b) => (b.kind === 'text' || b.kind === 'button') && (b.text ?? '').includes(needle))
        if (i >= 0) return { at: 'block', index: i }
      }
      const texts = blocks.map((b, i) => (b.kind === 'text' || b.kind === 'button' ? i : -1)).filter((i) => i >= 0)
      if (texts.length === 1 && err.details.reason) return { at: 'block', index: texts[0] }
      return { at: 'general' }
    }
  }
  return { at: 'general' }
}

/** The account to use: the one chosen when it still exists, else the first. */
export function pickAccount(list: AccountView[], chosen: number): number {
  if (list.some((a) => a.account.id === chosen)) return chosen
  return list[0]?.account.id ?? 0
}

// ---- The store -----------------------------------------------------------------------------

/** The preparing of a mailing (job "email"), as its progress shows it. */
export interface SendJob {
  running: boolean
  done: number
  total: number
  cancelling: boolean
}

const idleSend = (): SendJob => ({ running: false, done: 0, total: 0, cancelling: false })

let nextKey = 1
const blockKeys = new WeakMap<object, number>()

/**
 * The email composer: the email templates, the one being edited (its
 * unsaved changes kept while the user looks elsewhere), the account it is
 * sent from and who gets it, the live preview of one recipient (debounced
 * while typing), the preflight, test sends and starting a mailing.
 */
export const useEmailStore = defineStore('email', () => {
  // ---- Templates ------------------------------------------------------------------------
  const templates = ref<Template[]>([])
  const listLoaded = ref(false)
  const listError = ref<ApiError | null>(null)
  const draft = ref<Template | null>(null)
  const baseline = ref('')
  const dirty = computed(() => !!draft.value && emailSnapshot(draft.value) !== baseline.value)
  const busy = ref<'save' | 'create' | 'delete' | null>(null)
  /** The last refused save; errorAt says where it belongs. */
  const saveError = ref<ApiError | null>(null)
  const errorAt = computed(() => errorPlace(saveError.value, draft.value?.layout.email))

  const email = computed(() => draft.value?.layout.email ?? null)

  async function loadTemplates(): Promise<void> {
    try {
      templates.value = (await docsApi.templates('email')).map(withEmailLayout)
      listError.value = null
    } catch (e) {
      listError.value = parseError(e)
    } finally {
      listLoaded.value = true
    }
  }

  function open(t: Template | null) {
    draft.value = t ? withEmailLayout(JSON.parse(JSON.stringify(t)) as Template) : null
    baseline.value = emailSnapshot(draft.value)
    saveError.value = null
    previewIndex.value = 0
    preview.value = null
    previewError.value = null
    report.value = null
    reportKey.value = ''
    preflightError.value = null
    if (draft.value) schedulePreview(0)
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

  const titleError = (title: string) => (title.trim() === '' ? new ApiError('invalid', 'Give the email a name.', 'title', { reason: 'required' }) : null)

  /** Saves the email being edited as a new version; a refused save is kept in saveError. */
  async function save(): Promise<Result<Template>> {
    const t = draft.value
    if (!t) return { ok: false, error: new ApiError('not_found', 'No email is open.') }
    const err = titleError(t.title)
    if (err) {
      saveError.value = err
      return { ok: false, error: err }
    }
    const sent = emailSnapshot(t)
    const res = await run('save', () => docsApi.save({ ...t, title: t.title.trim() }))
    if (res.ok) {
      saveError.value = null
      if (draft.value === t) {
        // The editors keep their own text (and caret); what was typed while saving stays unsaved.
        const saved = res.value
        Object.assign(t, { id: saved.id, name: saved.name, version: saved.version, updatedAt: saved.updatedAt, kind: saved.kind })
        baseline.value = sent
      }
      await loadTemplates()
    } else if (draft.value === t) {
      saveError.value = res.error
    }
    return res
  }

  /** Creates and opens an email (blank, from a starter or a copy) and stores it at once. */
  async function create(t: Template): Promise<Result<Template>> {
    const err = titleError(t.title)
    if (err) return { ok: false, error: err }
    const res = await run('create', () => docsApi.save(withEmailLayout({ ...t, id: 0, name: '', version: 0, title: t.title.trim() })))
    if (res.ok) {
      await loadTemplates()
      open(res.value)
    }
    return res
  }

  /** Deletes a template; when it was open, the next one opens. */
  async function remove(id: number): Promise<Result<void>> {
    const res = await run('delete', () => docsApi.remove(id))
    if (res.ok) {
      const idx = templates.value.findIndex((t) => t.id === id)
      await loadTemplates()
      if (draft.value?.id === id) open(templates.value[Math.min(Math.max(idx, 0), templates.value.length - 1)] ?? null)
    }
    return res
  }

  /** Forgets the refused save when the part it names is edited. */
  function touch(place: ErrorPlace['at'], index = -1) {
    const at = errorAt.value
    if (!at) return
    if (at.at === place && (at.at !== 'block' || ('index' in at && at.index === index))) saveError.value = null
  }

  /** The one-click fix of an unknown field ({{frist_name}} becomes {{first_name}}) in the subject, preheader and every block. */
  function fixField(from: string, to: string) {
    const e = email.value
    if (!e) return
    e.subject = replaceField(e.subject, from, to)
    e.preheader = replaceField(e.preheader, from, to)
    for (const b of e.blocks) if (b.text && (b.kind === 'text' || b.kind === 'button')) b.text = replaceField(b.text, from, to)
    saveError.value = null
  }

  // ---- Blocks ---------------------------------------------------------------------------
  /** A stable key of a block for lists (it moves with the block). */
  function blockKey(b: EmailBlock): number {
    const raw = toRaw(b) as object
    let k = blockKeys.get(raw)
    if (!k) {
      k = nextKey++
      blockKeys.set(raw, k)
    }
    return k
  }

  /** Adds a block of a kind after index (at the end by default); returns its index. */
  function addBlock(kind: BlockKind, after = -1): number {
    const e = email.value
    if (!e) return -1
    const at = after >= 0 && after < e.blocks.length ? after + 1 : e.blocks.length
    e.blocks.splice(at, 0, newBlock(kind))
    if (saveError.value?.field === 'blocks') saveError.value = null
    return at
  }

  function moveBlock(index: number, by: number) {
    const e = email.value
    if (!e) return
    const moved = moveItem(e.blocks, index, index + by)
    if (moved === e.blocks) return
    e.blocks = moved
    // A block error's number no longer points at the block.
    if (saveError.value?.field === 'blocks') saveError.value = null
  }

  function removeBlock(index: number) {
    const e = email.value
    if (!e || index < 0 || index >= e.blocks.length) return
    e.blocks.splice(index, 1)
    if (saveError.value?.field === 'blocks' || saveError.value?.field === 'body') saveError.value = null
  }

  // ---- Who gets it, and from which account ----------------------------------------------
  const segments = ref<SavedSegment[]>([])
  const selectionKey = ref<SelectionKey>('all')
  const selection = computed(() => selectionFor(selectionKey.value))

  async function loadSegments(): Promise<void> {
    try {
      segments.value = await segmentsApi.list()
      if (selectionKey.value !== 'all' && !segments.value.some((s) => `seg:${s.id}` === selectionKey.value)) selectionKey.value = 'all'
    } catch {
      // The picker still offers "everyone".
    }
  }

  const accounts = ref<AccountView[]>([])
  const accountsLoaded = ref(false)
  const accountsError = ref<ApiError | null>(null)
  /** The account the email goes from (0 = none yet). */
  const accountId = ref(0)
  const account = computed(() => accounts.value.find((a) => a.account.id === accountId.value) ?? null)

  async function loadAccounts(): Promise<void> {
    try {
      accounts.value = await emailApi.accounts()
      accountsError.value = null
    } catch (e) {
      accountsError.value = parseError(e)
    } finally {
      accountsLoaded.value = true
      accountId.value = pickAccount(accounts.value, accountId.value)
    }
  }

  // ---- Letters and catalogs to attach ---------------------------------------------------
  const attachable = ref<Template[]>([])
  const attachableLoaded = ref(false)
  async function loadAttachable(): Promise<void> {
    try {
      const [letters, catalogs] = await Promise.all([docsApi.templates('letter'), docsApi.templates('catalog')])
      attachable.value = [...letters, ...catalogs]
    } catch {
      attachable.value = []
    } finally {
      attachableLoaded.value = true
    }
  }

  /** Opening the screen: templates, accounts and segments; the email being edited stays open. */
  async function init(): Promise<void> {
    await Promise.all([loadTemplates(), loadAccounts(), loadSegments()])
    const cur = draft.value
    if (cur && cur.id && !templates.value.some((t) => t.id === cur.id)) open(templates.value[0] ?? null)
    else if (!cur && templates.value.length) open(templates.value[0])
    else if (cur) schedulePreview(0)
  }

  // ---- Preview ---------------------------------------------------------------------------
  const previewIndex = ref(0)
  const preview = ref<EmailPreview | null>(null)
  const previewError = ref<ApiError | null>(null)
  const previewLoading = ref(false)
  let previewSeq = 0
  let previewTimer: ReturnType<typeof setTimeout> | undefined

  function schedulePreview(delay = EMAIL_PREVIEW_DEBOUNCE_MS) {
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
    try {
      const p = await emailApi.preview(t, accountId.value, selection.value, previewIndex.value)
      if (mine !== previewSeq) return
      preview.value = { ...p, missing: p.missing ?? [] }
      previewIndex.value = p.index
      previewError.value = null
    } catch (e) {
      if (mine !== previewSeq) return
      previewError.value = parseError(e)
    } finally {
      if (mine === previewSeq) previewLoading.value = false
    }
  }

  /** Shows the recipient at index (0-based; clamped). */
  function showRecipient(index: number) {
    const total = preview.value?.total ?? 0
    previewIndex.value = Math.max(0, total > 0 ? Math.min(index, total - 1) : index)
    void runPreview()
  }

  watch(
    () => (draft.value ? { id: draft.value.id, key: JSON.stringify([draft.value.layout.email, draft.value.lang]) } : null),
    (now, before) => {
      if (now && before && now.id === before.id && now.key !== before.key) schedulePreview()
    },
  )
  watch(selectionKey, () => {
    previewIndex.value = 0
    schedulePreview(0)
  })
  watch(accountId, (now, before) => {
    if (now !== before) schedulePreview(0)
  })

  // ---- Preflight -------------------------------------------------------------------------
  const report = ref<EmailPreflight | null>(null)
  const reportKey = ref('')
  const preflightError = ref<ApiError | null>(null)
  const preflightBusy = ref(false)
  const checkKey = computed(() => (draft.value ? JSON.stringify([draft.value.layout.email, draft.value.lang, selectionKey.value, accountId.value]) : ''))
  /** The email, the recipients or the account changed since the report was made. */
  const reportStale = computed(() => !!report.value && reportKey.value !== checkKey.value)
  let preflightSeq = 0

  async function runPreflight(): Promise<Result<EmailPreflight>> {
    const t = draft.value
    if (!t) return { ok: false, error: new ApiError('not_found', 'No email is open.') }
    const mine = ++preflightSeq
    const key = checkKey.value
    preflightBusy.value = true
    try {
      const r = await emailApi.preflight(t, accountId.value, selection.value)
      const clean: EmailPreflight = {
        ...r,
        skipped: r.skipped ?? {},
        warnings: (r.warnings ?? []).map((w) => ({ ...w, params: w.params ?? {} })),
        gaps: (r.gaps ?? []).map((g) => ({ ...g, contacts: g.contacts ?? [] })),
      }
      if (mine === preflightSeq) {
        report.value = clean
        reportKey.value = key
        preflightError.value = null
      }
      return { ok: true, value: clean }
    } catch (e) {
      const err = parseError(e)
      if (mine === preflightSeq) {
        preflightError.value = err
        report.value = null
      }
      return { ok: false, error: err }
    } finally {
      if (mine === preflightSeq) preflightBusy.value = false
    }
  }

  // ---- Test send -------------------------------------------------------------------------
  const testing = ref(false)
  /** Sends the shown recipient's version to the address to, from the account. */
  async function testSend(fromAccount: number, to: string): Promise<Result<void>> {
    const t = draft.value
    if (!t) return { ok: false, error: new ApiError('not_found', 'No email is open.') }
    if (testing.value) return { ok: false, error: new ApiError('conflict', 'A test is being sent.') }
    testing.value = true
    try {
      await emailApi.testSend(t, fromAccount, selection.value, previewIndex.value, to.trim())
      return { ok: true, value: undefined }
    } catch (e) {
      return { ok: false, error: parseError(e) }
    } finally {
      testing.value = false
    }
  }

  // ---- Sending ---------------------------------------------------------------------------
  const sendJob = ref<SendJob>(idleSend())
  onEvent('job:progress', (p) => {
    if (p.job !== emailApi.SEND_JOB || !sendJob.value.running) return
    sendJob.value = { ...sendJob.value, done: p.done, total: p.total }
  })

  /** Freezes the list and starts the mailing of the saved email. */
  async function send(fromAccount: number, name: string): Promise<Result<Mailing>> {
    const t = draft.value
    if (!t || !t.id) return { ok: false, error: new ApiError('not_found', 'Save the email first.') }
    if (sendJob.value.running) return { ok: false, error: new ApiError('conflict', 'A mailing is being prepared.') }
    sendJob.value = { ...idleSend(), running: true }
    try {
      return { ok: true, value: await emailApi.send(t.id, fromAccount, selection.value, name.trim()) }
    } catch (e) {
      return { ok: false, error: parseError(e) }
    } finally {
      sendJob.value = idleSend()
    }
  }

  async function cancelSend(): Promise<void> {
    if (!sendJob.value.running) return
    sendJob.value = { ...sendJob.value, cancelling: true }
    try {
      await emailApi.cancelJob(emailApi.SEND_JOB)
    } catch {
      if (sendJob.value.running) sendJob.value = { ...sendJob.value, cancelling: false }
    }
  }

  return {
    templates,
    listLoaded,
    listError,
    draft,
    email,
    dirty,
    busy,
    saveError,
    errorAt,
    loadTemplates,
    open,
    init,
    save,
    create,
    remove,
    touch,
    fixField,
    blockKey,
    addBlock,
    moveBlock,
    removeBlock,
    segments,
    selectionKey,
    selection,
    loadSegments,
    accounts,
    accountsLoaded,
    accountsError,
    accountId,
    account,
    loadAccounts,
    attachable,
    attachableLoaded,
    loadAttachable,
    previewIndex,
    preview,
    previewError,
    previewLoading,
    schedulePreview,
    runPreview,
    showRecipient,
    report,
    reportStale,
    preflightError,
    preflightBusy,
    runPreflight,
    testing,
    testSend,
    sendJob,
    send,
    cancelSend,
  }
})
