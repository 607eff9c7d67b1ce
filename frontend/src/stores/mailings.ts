import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as api from '../api/email'
import type { AccountView, InboxResult, MailingStatus, OutboxEntry, OutboxState } from '../api/email'
import { onEvent } from '../api/events'
import { ApiError, parseError } from '../api/errors'

// Send tracking (the mailings and their per-recipient log), the mail
// accounts the tracking, inbox and settings screens name, and the inbox
// check. Live status arrives as 'email:status' events; while a mailing is
// sending the store also asks for its status every POLL_MS, in case an
// event is lost.

/** Recipients per page of the per-recipient log (paged by the backend). */
export const RECIPIENT_PAGE = 50
/** How often a sending mailing's status is fetched (a fallback for lost events). */
export const POLL_MS = 3000
/** The per-recipient log is reloaded at most this often while events arrive. */
export const RECIPIENTS_REFRESH_MS = 2000

/** Every outbox state, in the order the summary shows them. */
export const outboxStates: OutboxState[] = ['queued', 'sending', 'sent', 'soft_failed', 'hard_failed', 'skipped', 'unknown', 'cancelled', 'bounced']

/** The log's state filter: '' all, 'failed' soft and hard failures, or one state. */
export type RecipientFilter = '' | 'failed' | OutboxState

/** Pause reason codes the screen translates ("code: English message"). */
export const pauseCodes = ['user', 'password', 'failures', 'auth', 'connection', 'certificate', 'starttls_missing', 'error'] as const

export const countOf = (st: MailingStatus | null | undefined, state: OutboxState): number => st?.counts?.[state] ?? 0
export const failedOf = (st: MailingStatus | null | undefined): number => countOf(st, 'soft_failed') + countOf(st, 'hard_failed')

/** A mailing that sends now or will go on by itself (so its status is polled). */
export function isLive(st: MailingStatus): boolean {
  return st.active || st.mailing.status === 'running'
}

/** Splits "code: English message" (or a bare "code") into its parts. */
export function splitPauseReason(reason: string): { code: string; detail: string } {
  const r = (reason ?? '').trim()
  if (!r) return { code: '', detail: '' }
  const i = r.indexOf(':')
  const head = (i < 0 ? r : r.slice(0, i)).trim()
  if (/^[a-z][a-z_]*$/.test(head)) return { code: head, detail: i < 0 ? '' : r.slice(i + 1).trim() }
  return { code: 'error', detail: r }
}

/** Newest first: by start (or creation) time, then by id. */
function newestFirst(a: MailingStatus, b: MailingStatus): number {
  const ta = a.mailing.createdAt || a.mailing.startedAt || ''
  const tb = b.mailing.createdAt || b.mailing.startedAt || ''
  if (ta !== tb) return ta < tb ? 1 : -1
  return b.mailing.touchId - a.mailing.touchId
}

/** Fills the gaps the backend may leave (null maps). */
function normalized(st: MailingStatus): MailingStatus {
  return { ...st, counts: st.counts ?? {} }
}

export interface InboxJob {
  /** The account being checked, null when no check runs. */
  accountId: number | null
  done: number
  total: number
  cancelling: boolean
}

export type MailingAction = 'pause' | 'resume' | 'cancel' | 'retry' | 'resend' | 'markSent'

export const useMailingsStore = defineStore('mailings', () => {
  // ---- Mailings ----------------------------------------------------------------
  const mailings = ref<MailingStatus[]>([])
  const loaded = ref(false)
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const selectedId = ref<number | null>(null)
  /** The action running on the selected mailing (its button shows a spinner). */
  const busy = ref<MailingAction | null>(null)

  const selected = computed(() => mailings.value.find((m) => m.mailing.touchId === selectedId.value) ?? null)
  const anyLive = computed(() => mailings.value.some(isLive))

  // ---- Per-recipient log -------------------------------------------------------
  const query = ref('')
  const stateFilter = ref<RecipientFilter>('')
  const offset = ref(0)
  const rows = ref<OutboxEntry[]>([])
  const total = ref(0)
  const rowsLoading = ref(false)
  const rowsError = ref<ApiError | null>(null)
  let rowsSeq = 0
  let rowsTimer: ReturnType<typeof setTimeout> | undefined
  let rowsLast = 0

  // ---- Accounts ----------------------------------------------------------------
  const accounts = ref<AccountView[]>([])
  /** Whether the computer has a password store (known before any account exists). */
  const hasKeychain = ref(true)
  const accountsLoaded = ref(false)
  const accountsError = ref<ApiError | null>(null)

  // ---- Inbox check -------------------------------------------------------------
  const inboxJob = ref<InboxJob>({ accountId: null, done: 0, total: 0, cancelling: false })
  /** The last check's result per account. */
  const inboxResults = ref<Record<number, InboxResult>>({})
  const inboxError = ref<{ accountId: number; error: ApiError } | null>(null)

  onEvent('email:status', (st) => applyStatus(st))
  onEvent('job:progress', (p) => {
    if (p.job !== api.INBOX_JOB || inboxJob.value.accountId === null) return
    inboxJob.value.done = p.done
    inboxJob.value.total = p.total
  })

  /** Takes in a mailing's status (from an event or a call). */
  function applyStatus(raw: MailingStatus) {
    if (!raw || !raw.mailing) return
    const st = normalized(raw)
    const id = st.mailing.touchId
    const i = mailings.value.findIndex((m) => m.mailing.touchId === id)
    const before = i >= 0 ? mailings.value[i] : null
    if (i >= 0) mailings.value.splice(i, 1, st)
    else mailings.value = [st, ...mailings.value].sort(newestFirst)
    if (id === selectedId.value && before && JSON.stringify(before.counts) !== JSON.stringify(st.counts)) {
      recipientsSoon()
    }
  }

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const list = (await api.mailings()).map(normalized)
      mailings.value = list.sort(newestFirst)
      loaded.value = true
    } catch (e) {
      error.value = parseError(e)
    } finally {
      loading.value = false
    }
  }

  /** Fetches one mailing's status; errors are kept in `error`. */
  async function refresh(touchId: number): Promise<void> {
    try {
      applyStatus(await api.status(touchId))
    } catch (e) {
      error.value = parseError(e)
    }
  }

  /** Opens a mailing: its status and the first page of its recipients. */
  async function select(touchId: number | null): Promise<void> {
    if (touchId !== null && touchId === selectedId.value) {
      // Shown again (e.g. back on the tab): fresh numbers, same search and page.
      await Promise.all([refresh(touchId), loadRecipients()])
      return
    }
    if (touchId === selectedId.value) return
    selectedId.value = touchId
    query.value = ''
    stateFilter.value = ''
    offset.value = 0
    rows.value = []
    total.value = 0
    rowsError.value = null
    if (touchId === null) return
    await Promise.all([refresh(touchId), loadRecipients()])
  }

  /** The poll: the status of every mailing that is sending. */
  async function poll(): Promise<void> {
    const live = mailings.value.filter(isLive).map((m) => m.mailing.touchId)
    await Promise.all(live.map((id) => refresh(id)))
  }

  let pollTimer: ReturnType<typeof setInterval> | undefined
  let pollUsers = 0
  /** Polls while at least one screen wants it (pair with stopPolling). */
  function startPolling() {
    pollUsers++
    if (pollTimer) return
    pollTimer = setInterval(() => {
      if (anyLive.value) void poll()
    }, POLL_MS)
  }
  function stopPolling() {
    pollUsers = Math.max(0, pollUsers - 1)
    if (pollUsers > 0 || !pollTimer) return
    clearInterval(pollTimer)
    pollTimer = undefined
  }

  // ---- Per-recipient log -------------------------------------------------------
  async function loadRecipients(): Promise<void> {
    const id = selectedId.value
    if (id === null) return
    const mine = ++rowsSeq
    clearTimeout(rowsTimer)
    rowsTimer = undefined
    rowsLast = Date.now()
    rowsLoading.value = true
    try {
      const page = await api.recipients(id, query.value.trim(), stateFilter.value, offset.value, RECIPIENT_PAGE)
      if (mine !== rowsSeq) return
      rows.value = page.rows ?? []
      total.value = page.total ?? 0
      rowsError.value = null
      // The page may have emptied (a filter's rows moved on): go back to the last one.
      if (rows.value.length === 0 && offset.value > 0 && total.value > 0) {
        offset.value = Math.max(0, Math.floor((total.value - 1) / RECIPIENT_PAGE) * RECIPIENT_PAGE)
        await loadRecipients()
      }
    } catch (e) {
      if (mine === rowsSeq) rowsError.value = parseError(e)
    } finally {
      if (mine === rowsSeq) rowsLoading.value = false
    }
  }

  /** Reloads the log soon, at most every RECIPIENTS_REFRESH_MS (live updates). */
  function recipientsSoon() {
    if (rowsTimer) return
    const wait = Math.max(0, rowsLast + RECIPIENTS_REFRESH_MS - Date.now())
    rowsTimer = setTimeout(() => {
      rowsTimer = undefined
      void loadRecipients()
    }, wait)
  }

  function setQuery(q: string) {
    query.value = q
    offset.value = 0
    return loadRecipients()
  }
  function setStateFilter(s: RecipientFilter) {
    stateFilter.value = s
    offset.value = 0
    return loadRecipients()
  }
  function setPage(page: number) {
    const last = Math.max(0, Math.ceil(total.value / RECIPIENT_PAGE) - 1)
    offset.value = Math.min(Math.max(0, page), last) * RECIPIENT_PAGE
    return loadRecipients()
  }
  const page = computed(() => Math.floor(offset.value / RECIPIENT_PAGE))
  const pages = computed(() => Math.max(1, Math.ceil(total.value / RECIPIENT_PAGE)))

  // ---- Actions on the selected mailing ---------------------------------------------
  /** Runs an action on a mailing, then refreshes it. Resolves to the count the backend returns (or 0). */
  async function act(action: MailingAction, touchId: number): Promise<number> {
    busy.value = action
    try {
      let n = 0
      switch (action) {
        case 'pause':
          await api.pause(touchId)
          break
        case 'resume':
          await api.resume(touchId)
          break
        case 'cancel':
          await api.cancel(touchId)
          break
        case 'retry':
          n = await api.retryFailed(touchId)
          break
        case 'resend':
          n = await api.resolveUnknown(touchId, true)
          break
        case 'markSent':
          n = await api.resolveUnknown(touchId, false)
          break
      }
      await refresh(touchId)
      if (touchId === selectedId.value) await loadRecipients()
      return n
    } finally {
      busy.value = null
    }
  }

  // ---- Accounts ----------------------------------------------------------------------
  async function loadAccounts(): Promise<void> {
    try {
      accounts.value = await api.accounts()
      // Asked once, so a first account's form can say where its password goes.
      if (!accounts.value.length) hasKeychain.value = await api.keychain().catch(() => true)
      accountsError.value = null
    } catch (e) {
      accountsError.value = parseError(e)
    } finally {
      accountsLoaded.value = true
    }
  }

  /** Puts a saved account into the list (or replaces it). */
  function putAccount(v: AccountView) {
    const i = accounts.value.findIndex((a) => a.account.id === v.account.id)
    if (i >= 0) accounts.value.splice(i, 1, v)
    else accounts.value = [...accounts.value, v]
  }
  function dropAccount(id: number) {
    accounts.value = accounts.value.filter((a) => a.account.id !== id)
  }

  // ---- Inbox check --------------------------------------------------------------------
  /** Reads an account's inbox (job "inbox"). Resolves to the result, or null (see inboxError). */
  async function syncInbox(accountId: number): Promise<InboxResult | null> {
    if (inboxJob.value.accountId !== null) return null
    inboxJob.value = { accountId, done: 0, total: 0, cancelling: false }
    inboxError.value = null
    try {
      const res = await api.syncInbox(accountId)
      const clean: InboxResult = { counts: res?.counts ?? {}, events: res?.events ?? [] }
      inboxResults.value = { ...inboxResults.value, [accountId]: clean }
      return clean
    } catch (e) {
      inboxError.value = { accountId, error: parseError(e) }
      return null
    } finally {
      inboxJob.value = { accountId: null, done: 0, total: 0, cancelling: false }
    }
  }

  async function cancelInbox(): Promise<void> {
    if (inboxJob.value.accountId === null) return
    inboxJob.value.cancelling = true
    try {
      await api.cancelJob(api.INBOX_JOB)
    } catch {
      // The check ends by itself; nothing else to do.
    }
  }

  return {
    mailings,
    loaded,
    loading,
    error,
    selectedId,
    selected,
    anyLive,
    busy,
    applyStatus,
    load,
    refresh,
    select,
    poll,
    startPolling,
    stopPolling,
    act,

    query,
    stateFilter,
    offset,
    rows,
    total,
    rowsLoading,
    rowsError,
    page,
    pages,
    loadRecipients,
    setQuery,
    setStateFilter,
    setPage,

    accounts,
    hasKeychain,
    accountsLoaded,
    accountsError,
    loadAccounts,
    putAccount,
    dropAccount,

    inboxJob,
    inboxResults,
    inboxError,
    syncInbox,
    cancelInbox,
  }
})
