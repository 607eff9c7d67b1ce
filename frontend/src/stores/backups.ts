import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as api from '../api/backups'
import type { BackupInfo, BackupStatus, Moved, Restored } from '../api/backups'
import { ApiError, parseError } from '../api/errors'

/** Reloads the window on the reopened workspace: every screen starts fresh at Home. */
export function reloadApp() {
  if (typeof window === 'undefined') return
  window.location.hash = '#/'
  window.location.reload()
}

export type BackupBusy = '' | 'create' | 'restore' | 'move' | 'delete' | 'folder'

/** Backups: the list, back up now, restore, delete, move the workspace. */
export const useBackupsStore = defineStore('backups', () => {
  const items = ref<BackupInfo[]>([])
  const dir = ref('')
  const last = ref('')
  const auto = ref(false)
  const keep = ref<[number, number]>([7, 4])
  const damage = ref(false)
  const loaded = ref(false)
  const busy = ref<BackupBusy>('')
  /** Quick checks done on request, by backup name. */
  const checks = ref<Record<string, BackupStatus | 'checking'>>({})
  /**
   * Set when a restore could not carry over the erasures of the damaged
   * file it replaced: the window reloads only after the user has read it.
   */
  const erasuresLost = ref<null | (() => void)>(null)

  /** Backups that can be restored (not the damaged files kept aside). */
  const restorable = computed(() => items.value.filter((b) => b.kind !== 'damaged'))

  /** The newest backup that passes its check (the damaged screen offers it). */
  function newestGood() {
    return api.newestGood()
  }

  async function load() {
    const l = await api.list()
    items.value = l.items ?? []
    dir.value = l.dir
    last.value = l.last
    auto.value = l.auto
    keep.value = l.keep
    damage.value = l.damage
    loaded.value = true
  }

  async function guard<T>(what: BackupBusy, fn: () => Promise<T>): Promise<T> {
    if (busy.value) throw new ApiError('conflict', 'Busy', '', { reason: 'busy' })
    busy.value = what
    try {
      return await fn()
    } finally {
      busy.value = ''
    }
  }

  /** Makes a manual backup and shows it at the top of the list. */
  function create(): Promise<BackupInfo> {
    return guard('create', async () => {
      const b = await api.create()
      await load().catch(() => {
        items.value = [b, ...items.value]
        last.value = b.time
      })
      return b
    })
  }

  /**
   * Restores backup name. On success the workspace was reopened by the
   * backend; the window reloads at Home so no screen shows old data.
   */
  function restore(name: string, reload = reloadApp): Promise<Restored> {
    return guard('restore', async () => {
      const r = await api.restore(name)
      if (r.erasuresLost) erasuresLost.value = reload
      else reload()
      return r
    })
  }

  function remove(name: string): Promise<void> {
    return guard('delete', async () => {
      await api.remove(name)
      items.value = items.value.filter((b) => b.name !== name)
      const { [name]: _, ...rest } = checks.value
      checks.value = rest
    })
  }

  async function check(name: string): Promise<BackupStatus> {
    checks.value = { ...checks.value, [name]: 'checking' }
    try {
      const st = await api.check(name)
      checks.value = { ...checks.value, [name]: st }
      return st
    } catch (e) {
      const { [name]: _, ...rest } = checks.value
      checks.value = rest
      throw parseError(e)
    }
  }

  function openFolder(): Promise<void> {
    return guard('folder', () => api.openFolder())
  }

  /** Moves the workspace (the folder is chosen in the system dialog). null: cancelled. */
  function move(reload = reloadApp): Promise<Moved | null> {
    return guard('move', async () => {
      const m = await api.move('')
      if (!m.dir) return null
      reload()
      return m
    })
  }

  /** The user has read that erasures were not carried over: reload now. */
  function finishRestore() {
    const reload = erasuresLost.value
    erasuresLost.value = null
    reload?.()
  }

  return {
    items, dir, last, auto, keep, damage, loaded, busy, checks, restorable, erasuresLost,
    newestGood, load, create, restore, finishRestore, remove, check, openFolder, move,
  }
})

/** Hours between an RFC 3339 time and now (never negative). */
export function hoursOld(iso: string, now = Date.now()): number {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return 0
  return Math.max(0, Math.floor((now - t) / 3_600_000))
}

/** A file size in the user's language: "840 kB", "12.5 MB". */
export function formatSize(bytes: number, locale: string): string {
  const units: [number, string][] = [
    [1 << 30, 'gigabyte'],
    [1 << 20, 'megabyte'],
    [1 << 10, 'kilobyte'],
  ]
  for (const [n, unit] of units) {
    if (bytes >= n) {
      const v = bytes / n
      return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: v < 10 ? 1 : 0 }).format(v)
    }
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte' }).format(bytes)
}
