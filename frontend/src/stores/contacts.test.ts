import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { Contact, ContactPage, ContactQuery } from '../api/types'
import { emptyContact } from '../api/types'

vi.mock('../api/contacts', () => ({
  list: vi.fn(),
  facets: vi.fn(),
  get: vi.fn(),
  create: vi.fn(),
  update: vi.fn(),
  remove: vi.fn(),
  tag: vi.fn(),
  timeline: vi.fn(),
}))

import * as api from '../api/contacts'
import { SEARCH_DEBOUNCE_MS, useContactsStore } from './contacts'
import { ApiError } from '../api/errors'

const list = vi.mocked(api.list)
const facets = vi.mocked(api.facets)

function page(items: Partial<Contact>[], total = items.length): ContactPage {
  return { items: items.map((c, i) => ({ ...emptyContact(), id: i + 1, ...c })), total, offset: 0, limit: 50 }
}
const lastQuery = (): ContactQuery => list.mock.calls[list.mock.calls.length - 1][0]

beforeEach(() => {
  setActivePinia(createPinia())
  vi.useFakeTimers()
  list.mockReset()
  facets.mockReset()
  list.mockResolvedValue(page([]))
  facets.mockResolvedValue({ countries: [], regions: [], tags: [] })
})

afterEach(() => {
  vi.useRealTimers()
})

describe('contacts store', () => {
  it('builds the default query: first page of 50, by name', () => {
    const s = useContactsStore()
    expect(s.buildQuery()).toEqual({ search: '', country: '', region: '', tag: '', sort: 'name', desc: false, offset: 0, limit: 50 })
  })

  it('debounces the search and sends one query for the last text', async () => {
    const s = useContactsStore()
    s.setSearch('h')
    await vi.advanceTimersByTimeAsync(100)
    s.setSearch('han')
    await vi.advanceTimersByTimeAsync(100)
    s.setSearch('  hansen ')
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 1)
    expect(list).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(list).toHaveBeenCalledTimes(1)
    expect(lastQuery()).toMatchObject({ search: 'hansen', offset: 0 })
  })

  it('goes back to the first page when the search changes', async () => {
    const s = useContactsStore()
    await s.setPage(3)
    expect(lastQuery()).toMatchObject({ offset: 100, limit: 50 })
    s.setSearch('oslo')
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS)
    expect(s.page).toBe(1)
    expect(lastQuery()).toMatchObject({ search: 'oslo', offset: 0 })
  })

  it('runs a pending search at once on Enter', async () => {
    const s = useContactsStore()
    s.setSearch('vip')
    await s.flushSearch()
    expect(list).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS * 2)
    expect(list).toHaveBeenCalledTimes(1)
  })

  it('maps sorting, filters and page size into the query', async () => {
    const s = useContactsStore()
    await s.setSort('city', true)
    expect(lastQuery()).toMatchObject({ sort: 'city', desc: true, offset: 0 })
    await s.setSort(null)
    expect(lastQuery()).toMatchObject({ sort: 'name', desc: false })
    await s.setFilter('country', 'DK')
    await s.setFilter('tag', 'VIP')
    await s.setFilter('region', 'Region Hovedstaden')
    expect(lastQuery()).toMatchObject({ country: 'DK', tag: 'VIP', region: 'Region Hovedstaden' })
    await s.setFilter('tag', null)
    expect(lastQuery().tag).toBe('')
    await s.setPageSize(100)
    await s.setPage(2)
    expect(lastQuery()).toMatchObject({ limit: 100, offset: 100 })
    await s.setPageSize(7)
    expect(lastQuery().limit).toBe(50)
  })

  it('clears search and filters together', async () => {
    const s = useContactsStore()
    s.setSearch('x')
    await s.flushSearch()
    await s.setFilter('country', 'SE')
    expect(s.hasFilters).toBe(true)
    await s.clearFilters()
    expect(s.hasFilters).toBe(false)
    expect(lastQuery()).toMatchObject({ search: '', country: '', region: '', tag: '' })
  })

  it('keeps the answer to the latest request when answers arrive out of order', async () => {
    const s = useContactsStore()
    let resolveOld: (p: ContactPage) => void = () => {}
    list.mockImplementationOnce(() => new Promise((r) => (resolveOld = r)))
    list.mockImplementationOnce(() => Promise.resolve(page([{ lastName: 'New' }], 1)))
    const first = s.fetch()
    const second = s.fetch()
    await second
    resolveOld(page([{ lastName: 'Old' }], 1))
    await first
    expect(s.items.map((c) => c.lastName)).toEqual(['New'])
  })

  it('steps back a page when the current one became empty', async () => {
    const s = useContactsStore()
    list.mockResolvedValueOnce(page([], 120))
    list.mockResolvedValueOnce({ ...page([{ lastName: 'Last' }], 120), offset: 100 })
    s.page = 5
    await s.fetch()
    expect(s.page).toBe(3)
    expect(lastQuery().offset).toBe(100)
    expect(s.items).toHaveLength(1)
  })

  it('reports a failed load without throwing', async () => {
    const s = useContactsStore()
    list.mockRejectedValueOnce(new ApiError('internal', 'broken'))
    await s.fetch()
    expect(s.error?.code).toBe('internal')
    expect(s.loading).toBe(false)
  })

  it('saves new contacts with create, others with update, and refreshes the same page', async () => {
    const s = useContactsStore()
    await s.setPage(2)
    vi.mocked(api.create).mockResolvedValue({ ...emptyContact(), id: 9, lastName: 'A' })
    vi.mocked(api.update).mockResolvedValue({ ...emptyContact(), id: 9, lastName: 'B' })
    await s.save({ ...emptyContact(), lastName: 'A' })
    expect(api.create).toHaveBeenCalledTimes(1)
    await s.save({ ...emptyContact(), id: 9, lastName: 'B' })
    expect(api.update).toHaveBeenCalledTimes(1)
    expect(lastQuery().offset).toBe(50)
    expect(facets).toHaveBeenCalled()
  })

  it('passes field errors through unchanged and keeps the list as it was', async () => {
    const s = useContactsStore()
    vi.mocked(api.update).mockRejectedValue(new ApiError('invalid', 'bad email', 'email'))
    const before = list.mock.calls.length
    await expect(s.save({ ...emptyContact(), id: 3 })).rejects.toMatchObject({ field: 'email', code: 'invalid' })
    expect(list.mock.calls.length).toBe(before)
  })

  it('drops deleted contacts from the selection', async () => {
    const s = useContactsStore()
    vi.mocked(api.remove).mockResolvedValue(2)
    s.setSelected([1, 2, 3])
    await s.removeContacts([1, 3])
    expect(api.remove).toHaveBeenCalledWith([1, 3])
    expect(s.selected).toEqual([2])
  })
})
