import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'

vi.mock('../api/backups', () => ({
  list: vi.fn(),
  check: vi.fn(),
  newestGood: vi.fn(),
  create: vi.fn(),
  remove: vi.fn(),
  restore: vi.fn(),
  openFolder: vi.fn(),
  move: vi.fn(),
}))

import * as api from '../api/backups'
import type { BackupInfo, BackupList } from '../api/backups'
import { ApiError } from '../api/errors'
import { formatSize, hoursOld, useBackupsStore } from './backups'

const b = (name: string, kind: BackupInfo['kind'], time: string, size = 1000): BackupInfo => ({ name, kind, time, size })
const listOf = (items: BackupInfo[]): BackupList => ({
  dir: '/w/backups',
  items,
  last: items.find((i) => i.kind !== 'damaged')?.time ?? '',
  auto: true,
  keep: [7, 4],
  damage: false,
})

beforeEach(() => {
  setActivePinia(createPinia())
  for (const f of Object.values(api)) if (typeof f === 'function' && 'mockReset' in f) (f as ReturnType<typeof vi.fn>).mockReset()
})

describe('backups store', () => {
  it('loads the list and keeps damaged files out of the restorable ones', async () => {
    vi.mocked(api.list).mockResolvedValue(
      listOf([b('damaged-20261202-100000.db', 'damaged', '2026-12-02T10:00:00Z'), b('directdesk-20261201-090000-daily.db', 'daily', '2026-12-01T09:00:00Z')]),
    )
    const s = useBackupsStore()
    await s.load()
    expect(s.items).toHaveLength(2)
    expect(s.restorable.map((i) => i.name)).toEqual(['directdesk-20261201-090000-daily.db'])
    expect(s.last).toBe('2026-12-01T09:00:00Z')
    expect(s.dir).toBe('/w/backups')
    expect(s.loaded).toBe(true)
  })

  it('backs up now and shows the new backup first', async () => {
    const made = b('directdesk-20261202-120000-manual.db', 'manual', '2026-12-02T12:00:00Z')
    vi.mocked(api.create).mockResolvedValue(made)
    vi.mocked(api.list).mockResolvedValue(listOf([made]))
    const s = useBackupsStore()
    const got = await s.create()
    expect(got).toEqual(made)
    expect(s.items[0].name).toBe(made.name)
    expect(s.busy).toBe('')
  })

  it('refuses a second action while one runs, and clears busy after a failure', async () => {
    let release!: () => void
    vi.mocked(api.create).mockReturnValue(new Promise((r) => (release = () => r(b('x', 'manual', '2026-12-02T12:00:00Z')))))
    vi.mocked(api.list).mockResolvedValue(listOf([]))
    const s = useBackupsStore()
    const first = s.create()
    expect(s.busy).toBe('create')
    await expect(s.restore('y', () => {})).rejects.toMatchObject({ code: 'conflict', details: { reason: 'busy' } })
    expect(api.restore).not.toHaveBeenCalled()
    release()
    await first
    vi.mocked(api.restore).mockRejectedValue(new ApiError('damaged', 'This backup is damaged', '', { reason: 'backup_damaged' }))
    const reload = vi.fn()
    await expect(s.restore('bad.db', reload)).rejects.toMatchObject({ details: { reason: 'backup_damaged' } })
    expect(reload).not.toHaveBeenCalled()
    expect(s.busy).toBe('')
  })

  it('reloads the window at Home after a restore', async () => {
    vi.mocked(api.restore).mockResolvedValue({ from: 'a.db', aside: 'directdesk-x-before_restore.db', contacts: 3, erased: 0, erasuresLost: false })
    const reload = vi.fn()
    const s = useBackupsStore()
    const r = await s.restore('a.db', reload)
    expect(r.aside).toContain('before_restore')
    expect(api.restore).toHaveBeenCalledWith('a.db')
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('waits for the user before reloading when erasures could not be carried over', async () => {
    vi.mocked(api.restore).mockResolvedValue({ from: 'a.db', aside: 'damaged-x.db', contacts: 3, erased: 0, erasuresLost: true })
    const reload = vi.fn()
    const s = useBackupsStore()
    await s.restore('a.db', reload)
    expect(reload).not.toHaveBeenCalled()
    expect(s.erasuresLost).not.toBeNull()
    s.finishRestore()
    expect(reload).toHaveBeenCalledTimes(1)
    expect(s.erasuresLost).toBeNull()
  })

  it('a cancelled move changes nothing and does not reload', async () => {
    vi.mocked(api.move).mockResolvedValue({ dir: '', remembered: false })
    const reload = vi.fn()
    const s = useBackupsStore()
    expect(await s.move(reload)).toBeNull()
    expect(reload).not.toHaveBeenCalled()
    vi.mocked(api.move).mockResolvedValue({ dir: '/mnt/usb/shop', remembered: true })
    expect(await s.move(reload)).toEqual({ dir: '/mnt/usb/shop', remembered: true })
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('deletes from the list and forgets its check', async () => {
    vi.mocked(api.list).mockResolvedValue(listOf([b('a.db', 'manual', '2026-12-02T12:00:00Z'), b('b.db', 'daily', '2026-12-01T12:00:00Z')]))
    vi.mocked(api.check).mockResolvedValue({ name: 'a.db', ok: true, result: 'ok', contacts: 12, newer: false })
    vi.mocked(api.remove).mockResolvedValue(undefined)
    const s = useBackupsStore()
    await s.load()
    await s.check('a.db')
    expect(s.checks['a.db']).toMatchObject({ ok: true, contacts: 12 })
    await s.remove('a.db')
    expect(s.items.map((i) => i.name)).toEqual(['b.db'])
    expect(s.checks['a.db']).toBeUndefined()
  })

  it('a failed check leaves no "checking" behind', async () => {
    vi.mocked(api.check).mockRejectedValue(new ApiError('not_found', 'gone'))
    const s = useBackupsStore()
    await expect(s.check('gone.db')).rejects.toMatchObject({ code: 'not_found' })
    expect(s.checks['gone.db']).toBeUndefined()
  })
})

describe('formatting', () => {
  it('counts whole hours, never negative', () => {
    const now = Date.parse('2026-12-02T15:30:00Z')
    expect(hoursOld('2026-12-02T12:00:00Z', now)).toBe(3)
    expect(hoursOld('2026-12-02T15:10:00Z', now)).toBe(0)
    expect(hoursOld('2026-12-03T15:10:00Z', now)).toBe(0)
    expect(hoursOld('nonsense', now)).toBe(0)
  })

  it('formats sizes in the user language', () => {
    expect(formatSize(512, 'en')).toBe('512 byte')
    expect(formatSize(12.5 * 1024 * 1024, 'en')).toBe('13 MB')
    expect(formatSize(3.25 * 1024 * 1024, 'en')).toBe('3.3 MB')
    expect(formatSize(3.25 * 1024 * 1024, 'da')).toBe('3,3 MB')
  })
})
