import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'

vi.mock('../api/gdpr', async (orig) => {
  const real = await orig<typeof import('../api/gdpr')>()
  return {
    ...real,
    findPeople: vi.fn(),
    personSummary: vi.fn(),
    exportPerson: vi.fn(),
    erasePerson: vi.fn(),
    retention: vi.fn(),
    setRetention: vi.fn(),
    retentionPreview: vi.fn(),
    runRetention: vi.fn(),
    cancelRetention: vi.fn(),
    auditLog: vi.fn(),
    exportAudit: vi.fn(),
  }
})
vi.mock('../api/download', () => ({ saveTarget: vi.fn(), deliver: vi.fn() }))

import * as api from '../api/gdpr'
import * as dl from '../api/download'
import { ApiError } from '../api/errors'
import { confirmsErase } from '../api/gdpr'
import { useGdprStore } from './gdpr'
import { auditDetail } from '../components/privacy/gdpr/words'

const summary = {
  contactId: 7, name: 'Zebulon Quaxworth', email: 'z@example.dk', phone: '', city: 'Aarhus',
  areas: [{ key: 'contact', count: 1 }, { key: 'orders', count: 2 }], files: 0, sharedDocuments: 0,
}

describe('gdpr store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
    vi.mocked(api.auditLog).mockResolvedValue({ total: 0, items: [] })
    vi.mocked(api.retention).mockResolvedValue({ years: 0, due: 0 })
  })

  it('keeps only the answer to the latest search', async () => {
    let first: (v: unknown) => void = () => {}
    vi.mocked(api.findPeople)
      .mockImplementationOnce(() => new Promise((r) => (first = r as (v: unknown) => void)))
      .mockResolvedValueOnce([{ id: 2 } as never])
    const s = useGdprStore()
    const a = s.search('zeb')
    await s.search('zebulon')
    first([{ id: 1 }])
    await a
    expect(s.people.map((p) => p.id)).toEqual([2])
    await s.search('  ')
    expect(s.people).toEqual([])
  })

  it('exports to the chosen path and delivers both files', async () => {
    vi.mocked(api.personSummary).mockResolvedValue(summary)
    vi.mocked(dl.saveTarget).mockResolvedValue('')
    const files = [{ path: '/d/a.xlsx', name: 'a.xlsx', rows: 0 }, { path: '/d/a.json', name: 'a.json', rows: 0 }]
    vi.mocked(api.exportPerson).mockResolvedValue({ files })
    const s = useGdprStore()
    await s.select(7)
    expect(await s.exportSelected('Save', 'Excel')).toEqual(['a.xlsx', 'a.json'])
    expect(vi.mocked(dl.saveTarget).mock.calls[0][1]).toBe('Zebulon-Quaxworth.xlsx')
    expect(api.exportPerson).toHaveBeenCalledWith(7, 'Zebulon-Quaxworth.xlsx')
    expect(dl.deliver).toHaveBeenCalledTimes(2)
    // A cancelled save dialog exports nothing.
    vi.mocked(dl.saveTarget).mockResolvedValue(null)
    expect(await s.exportSelected('Save', 'Excel')).toBeNull()
    expect(api.exportPerson).toHaveBeenCalledTimes(1)
  })

  it('forgets an erased person and rethrows a refused confirmation', async () => {
    vi.mocked(api.personSummary).mockResolvedValue(summary)
    vi.mocked(api.findPeople).mockResolvedValue([{ id: 7 } as never, { id: 8 } as never])
    const s = useGdprStore()
    await s.search('q')
    await s.select(7)
    vi.mocked(api.erasePerson).mockRejectedValueOnce(new ApiError('invalid', 'Type the name', 'confirm'))
    await expect(s.eraseSelected('nope')).rejects.toThrow('Type the name')
    expect(s.summary?.contactId).toBe(7)
    vi.mocked(api.erasePerson).mockResolvedValue({ contactId: 7, counts: { orders: 2 }, hashes: 1, files: 0, backup: 'directdesk-x-before_erase.db', scrubPending: false })
    await s.eraseSelected('ERASE')
    expect(s.summary).toBeNull()
    expect(s.erased?.name).toBe('Zebulon Quaxworth')
    expect(s.people.map((p) => p.id)).toEqual([8])
  })

  it('runs retention and reloads the rule and the log', async () => {
    vi.mocked(api.runRetention).mockResolvedValue({ erased: 12, backup: 'directdesk-x-before_erase.db', scrubPending: true })
    const s = useGdprStore()
    await s.runRetention(5)
    expect(api.runRetention).toHaveBeenCalledWith(5)
    expect(s.lastRun).toBe(12)
    expect(s.lastRunScrubPending).toBe(true)
    expect(s.running).toBe(false)
    expect(api.retention).toHaveBeenCalled()
    expect(api.auditLog).toHaveBeenCalled()
  })

  it('filters the audit log from the first page', async () => {
    const s = useGdprStore()
    s.auditOffset = 100
    await s.filterAudit('person_erase')
    expect(api.auditLog).toHaveBeenLastCalledWith('person_erase', 0, 50)
  })
})

describe('gdpr words', () => {
  it('confirms erasing only with the name or ERASE', () => {
    expect(confirmsErase('erase', 'Anna Hansen')).toBe(true)
    expect(confirmsErase('  anna   HANSEN ', 'Anna Hansen')).toBe(true)
    expect(confirmsErase('Anna', 'Anna Hansen')).toBe(false)
    expect(confirmsErase('', '')).toBe(false)
  })

  it('sums an erasure without naming anyone', () => {
    const t = (k: string, named?: Record<string, unknown>) => `${k}:${JSON.stringify(named)}`
    expect(auditDetail({ id: 1, at: '', action: 'person_erase', contactId: 3, by: '', detail: { orders: '2', timeline: '3', hashes: '2' } }, t))
      .toBe('gdpr.audit.detail.erased:{"rows":5}')
    expect(auditDetail({ id: 1, at: '', action: 'backup', contactId: 0, by: '', detail: { file: 'b.db', size: '10' } }, t)).toBe('file: b.db; size: 10')
  })
})
