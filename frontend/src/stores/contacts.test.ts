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
  tagMatching: vi.fn(),
  removeMatching: vi.fn(),
  timeline: vi.fn(),
}))

import * as api from '../api/contacts'
import { SEARCH_DEBOUNCE_MS, useContactsStore } from './contacts'
import { regionKey } from '../utils/regions'
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

/** A page of contacts with the given ids (of `total` matching). */
function idsPage(ids: number[], total: number): ContactPage {
  return { items: ids.map((id) => ({ ...emptyContact(), id })), total, offset: 0, limit: 50 }
}
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i)

describe('selection', () => {
  beforeEach(() => {
    for (const f of [api.tag, api.tagMatching, api.remove, api.removeMatching]) vi.mocked(f).mockReset()
  })

  async function loaded(ids = range(1, 50), total = 2318) {
    const s = useContactsStore()
    list.mockResolvedValue(idsPage(ids, total))
    await s.fetch()
    return s
  }

  it('offers all matching only once the whole page is ticked and there are more', async () => {
    const s = await loaded()
    expect(s.canSelectAllMatching).toBe(false)
    s.setSelected(range(1, 49))
    expect(s.pageSelected).toBe(false)
    expect(s.canSelectAllMatching).toBe(false)
    s.setSelected(range(1, 50))
    expect(s.pageSelected).toBe(true)
    expect(s.canSelectAllMatching).toBe(true)
    expect(s.selectionCount).toBe(50)
  })

  it('does not offer it when the page already holds every match', async () => {
    const s = await loaded(range(1, 7), 7)
    s.setSelected(range(1, 7))
    expect(s.pageSelected).toBe(true)
    expect(s.canSelectAllMatching).toBe(false)
  })

  it('selects every match: the count is the total and the rows of every page look ticked', async () => {
    const s = await loaded()
    s.setSelected(range(1, 50))
    s.selectAllMatching()
    expect(s.allMatching).toBe(true)
    expect(s.canSelectAllMatching).toBe(false)
    expect(s.selectionCount).toBe(2318)
    list.mockResolvedValue(idsPage(range(51, 50), 2318))
    await s.setPage(2)
    expect(s.allMatching).toBe(true)
    expect(s.checkedIds).toEqual(range(51, 50))
    expect(s.pageSelected).toBe(true)
  })

  it('unticking one row goes back to the rows still ticked', async () => {
    const s = await loaded()
    s.setSelected(range(1, 50))
    s.selectAllMatching()
    // The table reports its keys again unchanged (e.g. a re-render): nothing happens.
    s.setSelected(range(1, 50))
    expect(s.allMatching).toBe(true)
    s.setSelected(range(2, 49))
    expect(s.allMatching).toBe(false)
    expect(s.selected).toEqual(range(2, 49))
    expect(s.selectionCount).toBe(49)
    expect(s.canSelectAllMatching).toBe(false)
  })

  it('clear selection ends all matching', async () => {
    const s = await loaded()
    s.setSelected(range(1, 50))
    s.selectAllMatching()
    s.clearSelection()
    expect(s.allMatching).toBe(false)
    expect(s.selectionCount).toBe(0)
    expect(s.checkedIds).toEqual([])
  })

  it('a new search or filter clears the selection; sorting and paging keep it', async () => {
    const s = await loaded()
    s.setSelected(range(1, 50))
    s.selectAllMatching()
    await s.setSort('city')
    expect(s.allMatching).toBe(true)
    await s.setPageSize(100)
    expect(s.allMatching).toBe(true)
    await s.setFilter('tag', 'VIP')
    expect(s.allMatching).toBe(false)
    expect(s.selected).toEqual([])

    s.setSelected([1, 2])
    s.setSearch('hansen')
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS)
    expect(s.selected).toEqual([])
  })

  it('tags every match with the query the user saw, then clears the selection', async () => {
    const s = useContactsStore()
    list.mockResolvedValue(idsPage(range(1, 50), 312))
    await s.setFilter('country', 'DK')
    s.setSearch(' hansen ')
    await s.flushSearch()
    s.setSelected(range(1, 50))
    s.selectAllMatching()
    vi.mocked(api.tagMatching).mockResolvedValue(312)
    const n = await s.tagSelection('VIP', true)
    expect(n).toBe(312)
    expect(api.tagMatching).toHaveBeenCalledWith({ search: 'hansen', country: 'DK', region: '', tag: '' }, 'VIP', true)
    expect(api.tag).not.toHaveBeenCalled()
    expect(s.allMatching).toBe(false)
    expect(facets).toHaveBeenCalled()
  })

  it('tags ticked rows by id', async () => {
    const s = await loaded()
    s.setSelected([3, 4])
    vi.mocked(api.tag).mockResolvedValue(2)
    await s.tagSelection('VIP', false)
    expect(api.tag).toHaveBeenCalledWith([3, 4], 'VIP', false)
    expect(api.tagMatching).not.toHaveBeenCalled()
  })

  it('deletes every match, then shows what is left without search and filters', async () => {
    const s = useContactsStore()
    list.mockResolvedValue(idsPage(range(1, 50), 120))
    s.setSearch('hansen')
    await s.flushSearch()
    await s.setPage(2)
    s.setSelected(range(1, 50))
    s.selectAllMatching()
    vi.mocked(api.removeMatching).mockResolvedValue(120)
    list.mockResolvedValue(idsPage(range(200, 50), 2380))
    const n = await s.deleteSelection()
    expect(n).toBe(120)
    expect(api.removeMatching).toHaveBeenCalledWith({ search: 'hansen', country: '', region: '', tag: '' })
    expect(api.remove).not.toHaveBeenCalled()
    expect(s.allMatching).toBe(false)
    expect(s.search).toBe('')
    expect(s.hasFilters).toBe(false)
    expect(s.page).toBe(1)
    expect(lastQuery()).toMatchObject({ search: '', offset: 0 })
    expect(s.total).toBe(2380)
  })

  it('deletes ticked rows by id', async () => {
    const s = await loaded()
    s.setSelected([5, 6])
    vi.mocked(api.remove).mockResolvedValue(2)
    expect(await s.deleteSelection()).toBe(2)
    expect(api.remove).toHaveBeenCalledWith([5, 6])
    expect(api.removeMatching).not.toHaveBeenCalled()
  })
})

describe('country and region filters', () => {
  const regions = [
    { value: 'Hovedstaden', count: 300, group: 'DK' },
    { value: 'Stockholms län', count: 250, group: 'SE' },
    { value: 'Nord', count: 20, group: 'NO' },
    { value: 'Nord', count: 10, group: 'DK' },
    { value: 'Somewhere', count: 3, group: '' },
  ]
  async function withFacets() {
    const s = useContactsStore()
    facets.mockResolvedValue({ countries: [], regions, tags: [] })
    await s.loadFacets()
    return s
  }

  it('choosing a region without a country also chooses its country', async () => {
    const s = await withFacets()
    await s.setFilter('region', 'Stockholms län')
    expect(s.country).toBe('SE')
    expect(s.regionGroup).toBe('SE')
    expect(lastQuery()).toMatchObject({ country: 'SE', region: 'Stockholms län' })
  })

  it('uses the country the option names when two countries have a region of that name', async () => {
    const s = await withFacets()
    await s.setFilter('region', 'Nord', 'DK')
    expect(lastQuery()).toMatchObject({ country: 'DK', region: 'Nord' })
    expect(regionKey(s.regionGroup, s.region)).toBe(regionKey('DK', 'Nord'))
  })

  it('prefers the chosen country when looking a region up', async () => {
    const s = await withFacets()
    await s.setFilter('country', 'DK')
    await s.setFilter('region', 'Nord')
    expect(lastQuery()).toMatchObject({ country: 'DK', region: 'Nord' })
  })

  it('a region of contacts without a country leaves the country alone', async () => {
    const s = await withFacets()
    await s.setFilter('region', 'Somewhere')
    expect(lastQuery()).toMatchObject({ country: '', region: 'Somewhere' })
  })

  it('clearing the country clears the region', async () => {
    const s = await withFacets()
    await s.setFilter('region', 'Hovedstaden')
    await s.setFilter('country', null)
    expect(lastQuery()).toMatchObject({ country: '', region: '' })
    expect(s.regionGroup).toBe('')
  })

  it('another country drops the region; the same country keeps it', async () => {
    const s = await withFacets()
    await s.setFilter('region', 'Hovedstaden')
    await s.setFilter('country', 'DK')
    expect(lastQuery()).toMatchObject({ country: 'DK', region: 'Hovedstaden' })
    await s.setFilter('country', 'SE')
    expect(lastQuery()).toMatchObject({ country: 'SE', region: '' })
  })

  it('clearing the region keeps the country', async () => {
    const s = await withFacets()
    await s.setFilter('region', 'Hovedstaden')
    await s.setFilter('region', null)
    expect(lastQuery()).toMatchObject({ country: 'DK', region: '' })
  })

  it('clear filters forgets the region country too', async () => {
    const s = await withFacets()
    await s.setFilter('region', 'Hovedstaden')
    await s.clearFilters()
    expect(s.regionGroup).toBe('')
  })
})
