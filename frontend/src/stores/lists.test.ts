import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'

vi.mock('../api/lists', async (orig) => ({
  ...(await orig<typeof import('../api/lists')>()),
  lists: vi.fn(),
  saveTerms: vi.fn(),
  listContacts: vi.fn(),
  suppressions: vi.fn(),
  addSuppression: vi.fn(),
  removeSuppression: vi.fn(),
  exportSuppressions: vi.fn(),
}))
vi.mock('../api/download', () => ({
  saveTarget: vi.fn(async () => ''),
  deliver: vi.fn(),
  formatFilters: vi.fn(() => []),
}))

import * as api from '../api/lists'
import { listStatus } from '../api/lists'
import { ApiError } from '../api/errors'
import { SUPPRESSION_PAGE, useListsStore } from './lists'

const page = (n: number, total = n, erased = 0) => ({
  total,
  erased,
  items: Array.from({ length: n }, (_, i) => ({ kind: 'phone' as const, value: `+45200000${i}`, reason: 'optout', source: '', createdAt: '2026-11-23T10:00:00Z' })),
})

beforeEach(() => {
  setActivePinia(createPinia())
  vi.mocked(api.suppressions).mockReset()
  vi.mocked(api.addSuppression).mockReset()
  vi.mocked(api.removeSuppression).mockReset()
  vi.mocked(api.lists).mockReset()
  vi.mocked(api.saveTerms).mockReset()
})

describe('list status', () => {
  it('names what stops a list first', () => {
    expect(listStatus({ expired: true, usedUp: true, notWashed: true })).toBe('expired')
    expect(listStatus({ expired: false, usedUp: true, notWashed: true })).toBe('usedUp')
    expect(listStatus({ expired: false, usedUp: false, notWashed: true })).toBe('notWashed')
    expect(listStatus({ expired: false, usedUp: false, notWashed: false })).toBe('ready')
  })
})

describe('suppression list', () => {
  it('pages by offset and keeps the erased count', async () => {
    vi.mocked(api.suppressions).mockResolvedValue(page(3, 120, 4))
    const s = useListsStore()
    await s.setPage(3)
    expect(api.suppressions).toHaveBeenLastCalledWith('', '', 2 * SUPPRESSION_PAGE, SUPPRESSION_PAGE)
    expect(s.total).toBe(120)
    expect(s.erased).toBe(4)
  })

  it('a search or a kind starts on page one', async () => {
    vi.mocked(api.suppressions).mockResolvedValue(page(1))
    const s = useListsStore()
    await s.setPage(2)
    await s.search('  20 12 ')
    expect(api.suppressions).toHaveBeenLastCalledWith('20 12', '', 0, SUPPRESSION_PAGE)
    await s.setPage(2)
    await s.setKind('email')
    expect(api.suppressions).toHaveBeenLastCalledWith('20 12', 'email', 0, SUPPRESSION_PAGE)
  })

  it('an answer to an older search does not replace a newer one', async () => {
    let first!: (v: ReturnType<typeof page>) => void
    vi.mocked(api.suppressions)
      .mockImplementationOnce(() => new Promise((r) => (first = r)))
      .mockResolvedValueOnce(page(2))
    const s = useListsStore()
    const a = s.search('a')
    await s.search('ab')
    first(page(7))
    await a
    expect(s.items).toHaveLength(2)
  })

  it('after removing the last entry of the last page it shows the page before', async () => {
    vi.mocked(api.suppressions).mockResolvedValueOnce(page(0, SUPPRESSION_PAGE)).mockResolvedValueOnce(page(SUPPRESSION_PAGE))
    vi.mocked(api.removeSuppression).mockResolvedValue()
    const s = useListsStore()
    s.page = 2
    const err = await s.remove({ kind: 'phone', value: '+4520000000', reason: 'optout', source: '', createdAt: '' }, false)
    expect(err).toBeNull()
    expect(s.page).toBe(1)
    expect(s.items).toHaveLength(SUPPRESSION_PAGE)
  })

  it('hands a refusal back to the dialog and keeps the list', async () => {
    vi.mocked(api.addSuppression).mockRejectedValue(
      JSON.stringify({ code: 'invalid', message: 'This phone number is not valid.', field: 'value', details: { reason: 'phone' } }),
    )
    const s = useListsStore()
    const err = await s.add('phone', '12', 'optout', '')
    expect(err).toBeInstanceOf(ApiError)
    expect(err?.details.reason).toBe('phone')
    expect(api.suppressions).not.toHaveBeenCalled()
  })

  it('shows a new entry: search cleared, its kind visible, page one', async () => {
    vi.mocked(api.addSuppression).mockResolvedValue({ kind: 'phone', value: '+4520123456', reason: 'optout', source: '', createdAt: '' })
    vi.mocked(api.suppressions).mockResolvedValue(page(1))
    const s = useListsStore()
    s.query = 'anna'
    s.kind = 'email'
    s.page = 3
    expect(await s.add('phone', '20 12 34 56', 'optout', '')).toBeNull()
    expect(api.suppressions).toHaveBeenLastCalledWith('', '', 0, SUPPRESSION_PAGE)
  })
})

describe('lists', () => {
  it('reloads after saving terms and returns a refusal unchanged', async () => {
    vi.mocked(api.lists).mockResolvedValue([])
    vi.mocked(api.saveTerms).mockResolvedValueOnce().mockRejectedValueOnce(
      JSON.stringify({ code: 'invalid', message: 'x', field: 'list.expiresOn', details: { reason: 'before_acquired' } }),
    )
    const s = useListsStore()
    const terms = { supplier: 'A', acquiredOn: '2026-11-01', licence: 'once' as const, expiresOn: '', legalBasis: 'supplier_consent' }
    expect(await s.saveTerms(1, terms)).toBeNull()
    expect(api.lists).toHaveBeenCalledTimes(1)
    const err = await s.saveTerms(1, terms)
    expect(err?.field).toBe('list.expiresOn')
    expect(api.lists).toHaveBeenCalledTimes(1)
  })
})
