import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'

vi.mock('../api/privacy', () => ({
  registers: vi.fn(),
  registerWarnings: vi.fn(),
  previewRegister: vi.fn(),
  importRegister: vi.fn(),
  removeRegister: vi.fn(),
  cancelRegister: vi.fn(),
  registerMatches: vi.fn(),
  excluded: vi.fn(),
}))

import * as api from '../api/privacy'
import type { RegisterStatus } from '../api/privacy'
import { ApiError } from '../api/errors'
import { usePrivacyStore } from './privacy'

const reg = (register: RegisterStatus['register'], over: Partial<RegisterStatus> = {}): RegisterStatus => ({
  register,
  country: 'DK',
  imported: false,
  fileName: '',
  listDate: '',
  importedAt: '',
  entries: 0,
  matches: 0,
  refreshDays: 90,
  stale: false,
  ageDays: 0,
  ...over,
})

beforeEach(() => {
  setActivePinia(createPinia())
  for (const f of Object.values(api)) if (typeof f === 'function' && 'mockReset' in f) (f as ReturnType<typeof vi.fn>).mockReset()
})

describe('privacy store: registers', () => {
  it('loads the registers and keeps an error to show', async () => {
    vi.mocked(api.registers).mockResolvedValueOnce([reg('robinson', { imported: true, entries: 3, matches: 2 }), reg('nix'), reg('reservasjon')])
    const s = usePrivacyStore()
    await s.loadRegisters()
    expect(s.loaded).toBe(true)
    expect(s.registers.map((r) => r.register)).toEqual(['robinson', 'nix', 'reservasjon'])
    expect(s.registers[0].matches).toBe(2)
    vi.mocked(api.registers).mockRejectedValueOnce(new ApiError('internal', 'boom'))
    await s.loadRegisters()
    expect(s.error?.message).toBe('boom')
  })

  it("loads Home's warnings without the match counts, and hides them on a failure", async () => {
    vi.mocked(api.registerWarnings).mockResolvedValueOnce([reg('robinson', { imported: true, stale: true, ageDays: 120 })])
    const s = usePrivacyStore()
    await s.loadWarnings()
    expect(api.registers).not.toHaveBeenCalled()
    expect(s.warnings[0].stale).toBe(true)
    vi.mocked(api.registerWarnings).mockRejectedValueOnce(new ApiError('internal', 'boom'))
    await s.loadWarnings()
    expect(s.warnings).toEqual([])
  })

  it('imports a file, then shows the list as it is now, also when the import fails', async () => {
    vi.mocked(api.importRegister).mockResolvedValueOnce({ register: 'nix', fileName: 'nix.xlsx', columns: [], headers: [], rows: 3, usable: 2, unusable: 1, unusableRows: [4], sample: [], entries: 3, matches: 1 })
    vi.mocked(api.registers).mockResolvedValue([reg('nix', { imported: true, entries: 3, matches: 1 })])
    const s = usePrivacyStore()
    const res = await s.importRegister('/tmp/nix.xlsx', 'nix', '2026-12-01')
    expect(api.importRegister).toHaveBeenCalledWith('/tmp/nix.xlsx', 'nix', '2026-12-01')
    expect(res.entries).toBe(3)
    expect(s.registers[0].imported).toBe(true)
    expect(s.importing).toBe('')

    vi.mocked(api.importRegister).mockRejectedValueOnce(new ApiError('invalid', 'no columns', 'path', { reason: 'register_columns' }))
    await expect(s.importRegister('/tmp/x.csv', 'nix', '')).rejects.toThrow('no columns')
    expect(api.registers).toHaveBeenCalledTimes(2)
    expect(s.importing).toBe('')
  })

  it('removes a register and returns the error instead of throwing', async () => {
    vi.mocked(api.registers).mockResolvedValue([])
    vi.mocked(api.removeRegister).mockResolvedValueOnce(undefined)
    const s = usePrivacyStore()
    expect(await s.removeRegister('robinson')).toBeNull()
    vi.mocked(api.removeRegister).mockRejectedValueOnce(new ApiError('not_found', 'not imported'))
    const err = await s.removeRegister('robinson')
    expect(err?.code).toBe('not_found')
  })

  it('asks for "see who" pages with the preflight query and selection', async () => {
    vi.mocked(api.excluded).mockResolvedValueOnce({ items: [{ contactId: 7, name: 'Rikke Holm', reason: 'register', detail: 'robinson' }], total: 1 })
    const s = usePrivacyStore()
    const p = await s.excluded({ source: 'print', reason: 'register' }, { segmentId: 3, filter: {} }, 0, 50)
    expect(api.excluded).toHaveBeenCalledWith({ source: 'print', reason: 'register' }, { segmentId: 3, filter: {} }, 0, 50)
    expect(p.items[0].name).toBe('Rikke Holm')
  })
})
