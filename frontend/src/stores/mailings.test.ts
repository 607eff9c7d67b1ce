import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { AccountView, InboxResult, Mailing, MailingStatus, OutboxEntry } from '../api/email'
import type { JobProgress } from '../api/types'

const handlers: { status?: (s: MailingStatus) => void; progress?: (p: JobProgress) => void } = {}

vi.mock('../api/email', () => ({
  SEND_JOB: 'email',
  INBOX_JOB: 'inbox',
  mailings: vi.fn(),
  status: vi.fn(),
  recipients: vi.fn(),
  pause: vi.fn(),
  resume: vi.fn(),
  cancel: vi.fn(),
  retryFailed: vi.fn(),
  resolveUnknown: vi.fn(),
  accounts: vi.fn(),
  keychain: vi.fn(async () => false),
  syncInbox: vi.fn(),
  cancelJob: vi.fn(),
}))
vi.mock('../api/events', () => ({
  onEvent: vi.fn((name: string, cb: (p: never) => void) => {
    if (name === 'email:status') handlers.status = cb as (s: MailingStatus) => void
    if (name === 'job:progress') handlers.progress = cb as (p: JobProgress) => void
    return () => {}
  }),
}))

import * as api from '../api/email'
import { ApiError } from '../api/errors'
import { POLL_MS, RECIPIENT_PAGE, RECIPIENTS_REFRESH_MS, failedOf, isLive, splitPauseReason, useMailingsStore } from './mailings'

const mailings = vi.mocked(api.mailings)
const status = vi.mocked(api.status)
const recipients = vi.mocked(api.recipients)
const pause = vi.mocked(api.pause)
const retryFailed = vi.mocked(api.retryFailed)
const resolveUnknown = vi.mocked(api.resolveUnknown)
const accounts = vi.mocked(api.accounts)
const syncInbox = vi.mocked(api.syncInbox)
const cancelJob = vi.mocked(api.cancelJob)

function mailing(touchId: number, over: Partial<Mailing> = {}): Mailing {
  return {
    campaignId: touchId * 10,
    touchId,
    name: `Mailing ${touchId}`,
    status: 'running',
    accountId: 1,
    templateId: 3,
    templateVersion: 1,
    segmentId: 0,
    selection: '',
    pauseReason: '',
    createdAt: `2026-12-0${touchId}T10:00:00Z`,
    startedAt: `2026-12-0${touchId}T10:00:01Z`,
    finishedAt: '',
    ...over,
  }
}

function st(touchId: number, over: Partial<MailingStatus> = {}, m: Partial<Mailing> = {}): MailingStatus {
  return {
    mailing: mailing(touchId, m),
    account: 'Shop',
    counts: { queued: 8, sent: 2 },
    total: 10,
    done: 2,
    active: true,
    waiting: '',
    waitUntil: '',
    perMinute: 30,
    etaSeconds: 16,
    ...over,
  }
}

function entry(id: number, over: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    id,
    touchId: 1,
    contactId: id,
    name: `Person ${id}`,
    email: `p${id}@example.dk`,
    state: 'sent',
    reason: '',
    attempts: 1,
    nextAttempt: '',
    messageId: '',
    responseCode: '250',
    updatedAt: '',
    sentAt: '2026-12-01T10:01:00Z',
    ...over,
  }
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.useFakeTimers()
  vi.setSystemTime(new Date('2026-12-05T12:00:00Z'))
  for (const m of [mailings, status, recipients, pause, retryFailed, resolveUnknown, accounts, syncInbox, cancelJob]) m.mockReset()
  recipients.mockResolvedValue({ rows: [entry(1), entry(2)], total: 2 })
})

afterEach(() => {
  vi.useRealTimers()
})

describe('helpers', () => {
  it('splits pause reasons into code and English detail', () => {
    expect(splitPauseReason('user')).toEqual({ code: 'user', detail: '' })
    expect(splitPauseReason('auth: 535 5.7.8 Authentication failed')).toEqual({ code: 'auth', detail: '535 5.7.8 Authentication failed' })
    expect(splitPauseReason('starttls_missing: the server offers no STARTTLS')).toEqual({ code: 'starttls_missing', detail: 'the server offers no STARTTLS' })
    expect(splitPauseReason('')).toEqual({ code: '', detail: '' })
    expect(splitPauseReason('Something odd happened')).toEqual({ code: 'error', detail: 'Something odd happened' })
  })

  it('counts failures and tells live mailings', () => {
    expect(failedOf(st(1, { counts: { soft_failed: 2, hard_failed: 3 } }))).toBe(5)
    expect(failedOf(st(1, { counts: {} }))).toBe(0)
    expect(isLive(st(1, { active: false }, { status: 'running' }))).toBe(true)
    expect(isLive(st(1, { active: false }, { status: 'paused' }))).toBe(false)
    expect(isLive(st(1, { active: false }, { status: 'finished' }))).toBe(false)
  })
})

describe('mailings store: list and selection', () => {
  it('loads the mailings newest first and fills missing counts', async () => {
    mailings.mockResolvedValue([st(1), st(3), { ...st(2), counts: null as unknown as MailingStatus['counts'] }])
    const s = useMailingsStore()
    await s.load()
    expect(s.loaded).toBe(true)
    expect(s.mailings.map((m) => m.mailing.touchId)).toEqual([3, 2, 1])
    expect(s.mailings[1].counts).toEqual({})
  })

  it('keeps a load error', async () => {
    mailings.mockRejectedValue(new ApiError('internal', 'boom'))
    const s = useMailingsStore()
    await s.load()
    expect(s.loaded).toBe(false)
    expect(s.error?.message).toBe('boom')
  })

  it('selecting a mailing fetches its status and the first page of recipients', async () => {
    mailings.mockResolvedValue([st(1), st(2)])
    status.mockResolvedValue(st(2, { done: 5, counts: { sent: 5, queued: 5 } }))
    const s = useMailingsStore()
    await s.load()
    await s.select(2)
    expect(status).toHaveBeenCalledWith(2)
    expect(recipients).toHaveBeenCalledWith(2, '', '', 0, RECIPIENT_PAGE)
    expect(s.selected?.done).toBe(5)
    expect(s.rows).toHaveLength(2)
    expect(s.total).toBe(2)
  })

  it('takes status events: updates the list, adds new mailings at the top', async () => {
    mailings.mockResolvedValue([st(1)])
    const s = useMailingsStore()
    await s.load()
    handlers.status!(st(1, { done: 9, counts: { sent: 9, queued: 1 } }))
    expect(s.mailings[0].done).toBe(9)
    handlers.status!(st(4))
    expect(s.mailings.map((m) => m.mailing.touchId)).toEqual([4, 1])
  })

  it('reloads the recipient page when the selected mailing changes, at most every few seconds', async () => {
    mailings.mockResolvedValue([st(1)])
    status.mockResolvedValue(st(1))
    const s = useMailingsStore()
    await s.load()
    await s.select(1)
    expect(recipients).toHaveBeenCalledTimes(1)
    handlers.status!(st(1, { done: 3, counts: { sent: 3, queued: 7 } }))
    handlers.status!(st(1, { done: 4, counts: { sent: 4, queued: 6 } }))
    await vi.advanceTimersByTimeAsync(RECIPIENTS_REFRESH_MS + 10)
    expect(recipients).toHaveBeenCalledTimes(2)
    // The same counts again: nothing to reload.
    handlers.status!(st(1, { done: 4, counts: { sent: 4, queued: 6 } }))
    await vi.advanceTimersByTimeAsync(RECIPIENTS_REFRESH_MS + 10)
    expect(recipients).toHaveBeenCalledTimes(2)
  })

  it('polls the status of sending mailings only while asked to', async () => {
    mailings.mockResolvedValue([st(1), st(2, { active: false }, { status: 'finished' })])
    status.mockImplementation(async (id) => st(id))
    const s = useMailingsStore()
    await s.load()
    s.startPolling()
    await vi.advanceTimersByTimeAsync(POLL_MS + 10)
    expect(status).toHaveBeenCalledTimes(1)
    expect(status).toHaveBeenCalledWith(1)
    s.stopPolling()
    await vi.advanceTimersByTimeAsync(POLL_MS * 3)
    expect(status).toHaveBeenCalledTimes(1)
  })

  it('does not poll when nothing is sending', async () => {
    mailings.mockResolvedValue([st(1, { active: false }, { status: 'paused' })])
    const s = useMailingsStore()
    await s.load()
    s.startPolling()
    await vi.advanceTimersByTimeAsync(POLL_MS * 2 + 10)
    expect(status).not.toHaveBeenCalled()
    s.stopPolling()
  })
})

describe('mailings store: recipient log', () => {
  async function selected() {
    mailings.mockResolvedValue([st(1)])
    status.mockResolvedValue(st(1))
    const s = useMailingsStore()
    await s.load()
    await s.select(1)
    recipients.mockClear()
    return s
  }

  it('searches and filters from the first page', async () => {
    const s = await selected()
    recipients.mockResolvedValue({ rows: [entry(1)], total: 120 })
    await s.setPage(2)
    expect(recipients).toHaveBeenLastCalledWith(1, '', '', 0, RECIPIENT_PAGE)
    // total was 2 before: one page only; now 120 are known.
    await s.setPage(2)
    expect(recipients).toHaveBeenLastCalledWith(1, '', '', 100, RECIPIENT_PAGE)
    expect(s.page).toBe(2)
    expect(s.pages).toBe(3)
    await s.setQuery(' anna ')
    expect(recipients).toHaveBeenLastCalledWith(1, 'anna', '', 0, RECIPIENT_PAGE)
    await s.setStateFilter('failed')
    expect(recipients).toHaveBeenLastCalledWith(1, 'anna', 'failed', 0, RECIPIENT_PAGE)
  })

  it('ignores an answer that came after a newer question', async () => {
    const s = await selected()
    let slow!: (v: { rows: OutboxEntry[]; total: number }) => void
    recipients.mockImplementationOnce(() => new Promise((r) => (slow = r)))
    recipients.mockResolvedValueOnce({ rows: [entry(7)], total: 1 })
    const first = s.setQuery('a')
    const second = s.setQuery('ab')
    await second
    slow({ rows: [entry(1), entry(2), entry(3)], total: 3 })
    await first
    expect(s.rows.map((r) => r.id)).toEqual([7])
  })

  it('keeps the error of a failed page', async () => {
    const s = await selected()
    recipients.mockRejectedValue(new ApiError('internal', 'db gone'))
    await s.setStateFilter('sent')
    expect(s.rowsError?.message).toBe('db gone')
    expect(s.rowsLoading).toBe(false)
  })

  it('selecting the same mailing again fetches fresh numbers and keeps the search', async () => {
    const s = await selected()
    await s.setQuery('anna')
    status.mockClear()
    await s.select(1)
    expect(status).toHaveBeenCalledWith(1)
    expect(recipients).toHaveBeenLastCalledWith(1, 'anna', '', 0, RECIPIENT_PAGE)
    expect(s.query).toBe('anna')
  })

  it('resetting the selection clears the log', async () => {
    const s = await selected()
    await s.select(null)
    expect(s.rows).toEqual([])
    expect(s.selected).toBeNull()
  })
})

describe('mailings store: actions', () => {
  it('pauses, then refreshes the mailing and its log', async () => {
    mailings.mockResolvedValue([st(1)])
    status.mockResolvedValueOnce(st(1)).mockResolvedValueOnce(st(1, { active: false }, { status: 'paused', pauseReason: 'user' }))
    const s = useMailingsStore()
    await s.load()
    await s.select(1)
    recipients.mockClear()
    pause.mockResolvedValue(undefined)
    const p = s.act('pause', 1)
    expect(s.busy).toBe('pause')
    await p
    expect(pause).toHaveBeenCalledWith(1)
    expect(s.selected?.mailing.status).toBe('paused')
    expect(recipients).toHaveBeenCalledTimes(1)
    expect(s.busy).toBeNull()
  })

  it('returns the counts of retry and of settling unknown messages', async () => {
    mailings.mockResolvedValue([st(1)])
    status.mockResolvedValue(st(1))
    const s = useMailingsStore()
    await s.load()
    retryFailed.mockResolvedValue(4)
    resolveUnknown.mockResolvedValue(2)
    expect(await s.act('retry', 1)).toBe(4)
    expect(await s.act('resend', 1)).toBe(2)
    expect(resolveUnknown).toHaveBeenLastCalledWith(1, true)
    expect(await s.act('markSent', 1)).toBe(2)
    expect(resolveUnknown).toHaveBeenLastCalledWith(1, false)
  })

  it('passes an action error on and clears busy', async () => {
    const s = useMailingsStore()
    pause.mockRejectedValue(new ApiError('conflict', 'not sending'))
    await expect(s.act('pause', 1)).rejects.toThrow('not sending')
    expect(s.busy).toBeNull()
  })
})

describe('mailings store: accounts and inbox', () => {
  const view = (id: number, over: Partial<AccountView['account']> = {}): AccountView => ({
    account: { ...blankAccount(), id, name: `Account ${id}`, fromEmail: `shop${id}@example.dk`, ...over },
    passwordSaved: true,
    keychain: true,
  })

  it('loads, puts and drops accounts', async () => {
    accounts.mockResolvedValue([view(1)])
    const s = useMailingsStore()
    await s.loadAccounts()
    expect(s.accountsLoaded).toBe(true)
    s.putAccount(view(2))
    s.putAccount({ ...view(1), passwordSaved: false })
    expect(s.accounts.map((a) => [a.account.id, a.passwordSaved])).toEqual([
      [1, false],
      [2, true],
    ])
    s.dropAccount(1)
    expect(s.accounts.map((a) => a.account.id)).toEqual([2])
  })

  it('asks whether there is a password store when there is no account yet', async () => {
    accounts.mockResolvedValue([])
    const s = useMailingsStore()
    expect(s.hasKeychain).toBe(true)
    await s.loadAccounts()
    expect(s.hasKeychain).toBe(false)
  })

  it('checks an inbox with progress and keeps the result per account', async () => {
    let finish!: (r: InboxResult) => void
    syncInbox.mockImplementation(() => new Promise((r) => (finish = r)))
    const s = useMailingsStore()
    const p = s.syncInbox(5)
    expect(s.inboxJob.accountId).toBe(5)
    handlers.progress!({ job: 'inbox', done: 3, total: 10 })
    handlers.progress!({ job: 'import', done: 9, total: 9 })
    expect(s.inboxJob.done).toBe(3)
    expect(s.inboxJob.total).toBe(10)
    // A second check waits for the first.
    expect(await s.syncInbox(6)).toBeNull()
    finish({ counts: { bounce_hard: 1, reply: 2 }, events: null as unknown as InboxResult['events'] })
    const res = await p
    expect(res?.counts.reply).toBe(2)
    expect(res?.events).toEqual([])
    expect(s.inboxResults[5].counts.bounce_hard).toBe(1)
    expect(s.inboxJob.accountId).toBeNull()
  })

  it('cancels an inbox check and keeps why it ended', async () => {
    let fail!: (e: unknown) => void
    syncInbox.mockImplementation(() => new Promise((_, rej) => (fail = rej)))
    cancelJob.mockResolvedValue(true)
    const s = useMailingsStore()
    const p = s.syncInbox(5)
    await s.cancelInbox()
    expect(cancelJob).toHaveBeenCalledWith('inbox')
    expect(s.inboxJob.cancelling).toBe(true)
    fail(new ApiError('canceled', 'Stopped'))
    expect(await p).toBeNull()
    expect(s.inboxError).toEqual({ accountId: 5, error: expect.objectContaining({ code: 'canceled' }) })
  })
})

function blankAccount(): AccountView['account'] {
  return {
    id: 0, name: '', fromName: '', fromEmail: '', replyTo: '',
    smtpHost: 'smtp.example.dk', smtpPort: 587, smtpSecurity: 'starttls', smtpUser: '',
    imapHost: '', imapPort: 993, imapSecurity: 'tls', imapUser: '', processedFolder: 'DirectDesk',
    perMinute: 0, perHour: 0, perDay: 0, unsubscribeUrl: '',
    dkimSelector: '', dkimEnabled: false, dkimRecord: '', createdAt: '', updatedAt: '',
  }
}
