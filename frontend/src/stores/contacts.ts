import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as contactsApi from '../api/contacts'
import { ApiError, parseError } from '../api/errors'
import type { Contact, ContactEvent, ContactFacets, ContactQuery, ContactSortField } from '../api/types'

export const SEARCH_DEBOUNCE_MS = 250
export const PAGE_SIZES = [25, 50, 100] as const

/** The contact list: query, paging, sorting, filters, facets and selection. */
export const useContactsStore = defineStore('contacts', () => {
  // What the user typed, and what the list currently shows results for.
  const search = ref('')
  const appliedSearch = ref('')
  const country = ref('')
  const region = ref('')
  const tag = ref('')
  const sort = ref<ContactSortField>('name')
  const desc = ref(false)
  const page = ref(1)
  const pageSize = ref<number>(50)

  const items = ref<Contact[]>([])
  const total = ref(0)
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<ApiError | null>(null)
  const facets = ref<ContactFacets>({ countries: [], regions: [], tags: [] })
  const selected = ref<number[]>([])

  let seq = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  const hasFilters = computed(() => !!(appliedSearch.value.trim() || country.value || region.value || tag.value))
  const pageCount = computed(() => Math.max(1, Math.ceil(total.value / pageSize.value)))

  /** The ContactQuery for the current state. */
  function buildQuery(): ContactQuery {
    return {
      search: appliedSearch.value.trim(),
      country: country.value,
      region: region.value,
      tag: tag.value,
      sort: sort.value,
      desc: desc.value,
      offset: (page.value - 1) * pageSize.value,
      limit: pageSize.value,
    }
  }

  /** Loads the current page. Answers to older requests are ignored. */
  async function fetch(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const res = await contactsApi.list(buildQuery())
      if (mine !== seq) return
      // Deleting the last rows of the last page: step back to a page that has rows.
      if (res.items.length === 0 && res.total > 0 && page.value > 1) {
        page.value = Math.max(1, Math.ceil(res.total / pageSize.value))
        return fetch()
      }
      items.value = res.items
      total.value = res.total
      error.value = null
      loaded.value = true
    } catch (e) {
      if (mine === seq) error.value = parseError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  async function loadFacets(): Promise<void> {
    try {
      facets.value = await contactsApi.facets()
    } catch {
      // Filters stay as they were; the list itself reports errors.
    }
  }

  async function refresh(): Promise<void> {
    await Promise.all([fetch(), loadFacets()])
  }

  function cancelPendingSearch() {
    if (timer !== undefined) {
      clearTimeout(timer)
      timer = undefined
    }
  }

  /** Sets the search text; the list reloads after the user pauses typing. */
  function setSearch(text: string) {
    search.value = text
    cancelPendingSearch()
    timer = setTimeout(() => {
      timer = undefined
      if (appliedSearch.value === search.value) return
      appliedSearch.value = search.value
      page.value = 1
      void fetch()
    }, SEARCH_DEBOUNCE_MS)
  }

  /** Runs a pending search now (Enter in the search box). */
  function flushSearch() {
    cancelPendingSearch()
    if (appliedSearch.value === search.value) return Promise.resolve()
    appliedSearch.value = search.value
    page.value = 1
    return fetch()
  }

  function setFilter(name: 'country' | 'region' | 'tag', value: string | null) {
    const v = value ?? ''
    if (name === 'country') country.value = v
    else if (name === 'region') region.value = v
    else tag.value = v
    page.value = 1
    return fetch()
  }

  function clearFilters() {
    cancelPendingSearch()
    search.value = ''
    appliedSearch.value = ''
    country.value = ''
    region.value = ''
    tag.value = ''
    page.value = 1
    return fetch()
  }

  /** Sorts by field; null goes back to the default (name, A–Z). */
  function setSort(field: ContactSortField | null, descending = false) {
    sort.value = field ?? 'name'
    desc.value = field ? descending : false
    page.value = 1
    return fetch()
  }

  function setPage(p: number) {
    page.value = Math.max(1, Math.floor(p))
    return fetch()
  }

  function setPageSize(size: number) {
    pageSize.value = (PAGE_SIZES as readonly number[]).includes(size) ? size : 50
    page.value = 1
    return fetch()
  }

  function setSelected(ids: number[]) {
    selected.value = [...ids]
  }

  function clearSelection() {
    selected.value = []
  }

  /** Creates or updates; refreshes the list on the same page. Rejects with ApiError. */
  async function save(c: Contact): Promise<Contact> {
    const saved = c.id ? await contactsApi.update(c) : await contactsApi.create(c)
    await refresh()
    return saved
  }

  async function removeContacts(ids: number[]): Promise<number> {
    const n = await contactsApi.remove(ids)
    selected.value = selected.value.filter((id) => !ids.includes(id))
    await refresh()
    return n
  }

  /** One contact, fresh from the database (for editing). */
  function get(id: number): Promise<Contact> {
    return contactsApi.get(id)
  }

  function timeline(id: number): Promise<ContactEvent[]> {
    return contactsApi.timeline(id)
  }

  async function tagContacts(ids: number[], tagName: string, add: boolean): Promise<number> {
    const n = await contactsApi.tag(ids, tagName, add)
    await refresh()
    return n
  }

  return {
    search,
    appliedSearch,
    country,
    region,
    tag,
    sort,
    desc,
    page,
    pageSize,
    items,
    total,
    loading,
    loaded,
    error,
    facets,
    selected,
    hasFilters,
    pageCount,
    buildQuery,
    fetch,
    loadFacets,
    refresh,
    setSearch,
    flushSearch,
    setFilter,
    clearFilters,
    setSort,
    setPage,
    setPageSize,
    setSelected,
    clearSelection,
    save,
    removeContacts,
    tagContacts,
    get,
    timeline,
  }
})
