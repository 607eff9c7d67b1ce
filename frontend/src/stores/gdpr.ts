import { defineStore } from 'pinia'
import { ref } from 'vue'
import * as api from '../api/gdpr'
import { parseError, type ApiError } from '../api/errors'
import { deliver, saveTarget } from '../api/download'
import { onEvent } from '../api/events'
import type { Contact } from '../api/types'
import type { AuditPage, ErasureResult, PersonSummary, RetentionPreview, RetentionStatus } from '../api/gdpr'

/** Rows per audit page and per retention preview page. */
export const AUDIT_PAGE = 50
export const PREVIEW_PAGE = 20

/**
 * The GDPR tab and the audit log: find a person, what is held about them,
 * export and erase; the retention rule with its preview and run (a job with
 * progress); the audit log, newest first, filtered by action.
 */
export const useGdprStore = defineStore('gdpr', () => {
  // ---- a person ----
  const query = ref('')
  const people = ref<Contact[]>([])
  const searching = ref(false)
  const summary = ref<PersonSummary | null>(null)
  const busy = ref<'' | 'export' | 'erase'>('')
  const error = ref<ApiError | null>(null)
  /** The last erasure, for the "was erased" message. */
  const erased = ref<{ name: string; result: ErasureResult } | null>(null)
  let seq = 0

  async function search(q: string): Promise<void> {
    query.value = q
    const my = ++seq
    if (q.trim() === '') {
      people.value = []
      return
    }
    searching.value = true
    try {
      const found = await api.findPeople(q)
      if (my === seq) {
        people.value = found
        error.value = null
      }
    } catch (e) {
      if (my === seq) error.value = parseError(e)
    } finally {
      if (my === seq) searching.value = false
    }
  }

  async function select(id: number): Promise<void> {
    erased.value = null
    try {
      summary.value = await api.personSummary(id)
      error.value = null
    } catch (e) {
      summary.value = null
      error.value = parseError(e)
    }
  }

  function clear(): void {
    summary.value = null
  }

  /** Exports the selected person; returns the files written, or null when the user cancelled. */
  async function exportSelected(title: string, label: string): Promise<string[] | null> {
    const s = summary.value
    if (!s) return null
    const safe = s.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'person'
    const path = await saveTarget(title, `${safe}.xlsx`, [{ displayName: label, pattern: '*.xlsx' }])
    if (path === null) return null
    busy.value = 'export'
    try {
      // In browser mode the bare name becomes the download's name.
      const out = await api.exportPerson(s.contactId, path || `${safe}.xlsx`)
      for (const f of out.files) deliver(f)
      error.value = null
      void loadAudit()
      // The desktop shows where the files went; the browser what was downloaded.
      return out.files.map((f) => (path ? f.path : f.name))
    } catch (e) {
      error.value = parseError(e)
      return null
    } finally {
      busy.value = ''
    }
  }

  /** Erases the selected person; throws the backend's error (the dialog shows it). */
  async function eraseSelected(confirm: string): Promise<ErasureResult | null> {
    const s = summary.value
    if (!s) return null
    busy.value = 'erase'
    try {
      const result = await api.erasePerson(s.contactId, confirm)
      erased.value = { name: s.name, result }
      summary.value = null
      people.value = people.value.filter((p) => p.id !== s.contactId)
      void loadAudit()
      void loadRetention()
      return result
    } finally {
      busy.value = ''
    }
  }

  // ---- retention ----
  const retention = ref<RetentionStatus | null>(null)
  const preview = ref<RetentionPreview | null>(null)
  const previewOffset = ref(0)
  const retentionError = ref<ApiError | null>(null)
  const running = ref(false)
  const progress = ref<{ done: number; total: number } | null>(null)
  const lastRun = ref<number | null>(null)
  /** The last run's file clean-up was left to closing DirectDesk (the file was busy). */
  const lastRunScrubPending = ref(false)

  async function loadRetention(): Promise<void> {
    try {
      retention.value = await api.retention()
      retentionError.value = null
    } catch (e) {
      retentionError.value = parseError(e)
    }
  }

  /** Stores the rule (0 = off); throws a validation error. */
  async function saveRetention(years: number): Promise<void> {
    retention.value = await api.setRetention(years)
    preview.value = null
    retentionError.value = null
  }

  async function loadPreview(years: number, offset = 0): Promise<void> {
    try {
      preview.value = await api.retentionPreview(years, offset, PREVIEW_PAGE)
      previewOffset.value = offset
      retentionError.value = null
    } catch (e) {
      retentionError.value = parseError(e)
    }
  }

  async function runRetention(years: number): Promise<void> {
    running.value = true
    progress.value = { done: 0, total: preview.value?.total ?? 0 }
    lastRun.value = null
    const off = onEvent('job:progress', (p) => {
      if (p.job === api.RETENTION_JOB) progress.value = { done: p.done, total: p.total }
    })
    try {
      const res = await api.runRetention(years)
      lastRun.value = res.erased
      lastRunScrubPending.value = !!res.scrubPending
      retentionError.value = null
    } catch (e) {
      retentionError.value = parseError(e)
    } finally {
      off()
      running.value = false
      progress.value = null
      preview.value = null
      void loadRetention()
      void loadAudit()
    }
  }

  function cancelRetention(): void {
    void api.cancelRetention()
  }

  // ---- audit log ----
  const audit = ref<AuditPage | null>(null)
  const auditAction = ref('')
  const auditOffset = ref(0)
  const auditError = ref<ApiError | null>(null)
  const auditLoading = ref(false)

  async function loadAudit(offset = auditOffset.value): Promise<void> {
    auditLoading.value = true
    try {
      audit.value = await api.auditLog(auditAction.value, offset, AUDIT_PAGE)
      auditOffset.value = offset
      auditError.value = null
    } catch (e) {
      auditError.value = parseError(e)
    } finally {
      auditLoading.value = false
    }
  }

  async function filterAudit(action: string): Promise<void> {
    auditAction.value = action
    await loadAudit(0)
  }

  /** Exports the audit log (the current filter); false when the user cancelled. */
  async function exportAudit(title: string, label: string): Promise<boolean> {
    const path = await saveTarget(title, 'audit-log.xlsx', [{ displayName: label, pattern: '*.xlsx' }])
    if (path === null) return false
    try {
      deliver(await api.exportAudit(auditAction.value, path))
      auditError.value = null
      return true
    } catch (e) {
      auditError.value = parseError(e)
      return false
    }
  }

  return {
    query, people, searching, summary, busy, error, erased, search, select, clear, exportSelected, eraseSelected,
    retention, preview, previewOffset, retentionError, running, progress, lastRun, lastRunScrubPending,
    loadRetention, saveRetention, loadPreview, runRetention, cancelRetention,
    audit, auditAction, auditOffset, auditError, auditLoading, loadAudit, filterAudit, exportAudit,
  }
})
