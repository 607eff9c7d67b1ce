import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as contactsApi from '../api/contacts'
import { ApiError, parseError } from '../api/errors'
import type { ContactMatch } from '../api/contacts'
import type { Contact, ContactEvent, ContactFacets, ContactQuery, ContactSortField } from '../api/types'
import { regionCountry } from '../utils/regions'

export const SEARCH_DEBOUNCE_MS = 250
export const PAGE_SIZES = [25, 50, 100] as const
/** Deleting more contacts than this asks the user to type the number. */
export const TYPE_TO_CONFIRM_ABOVE = 100

/**
 * The contact list: query, paging, sorting, filters, facets and selection.
 *
 * The selection is either some contacts by id (ticked rows, possibly on
 * several pages) or, after selectAllMatching(), every contact the current
 * search and filters find, on all pages ("all matching"). Changing the search
 * or a filter clears the selection, so an action never reaches contacts the
 * list no longer shows.
 */
export const useContactsStore = defineStore('contacts', () => {
  // What the user typed, and what the list currently shows results for.
  const search = ref('')
  const appliedSearch = ref('')
  const country = ref('')
  const region = ref('')
  /** The country of the chosen region ("" when unknown). */
  const regionGroup = ref('')
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
  /** The search and filters whose every match is selected; null when rows are selected by id. */
  const matching = ref<ContactMatch | null>(null)

  let seq = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  const hasFilters = computed(() => !!(appliedSearch.value.trim() || country.value || region.value || tag.value))
  const pageCount = computed(() => Math.max(1, Math.ceil(total.value / pageSize.value)))

  const allMatching = computed(() => matching.value !== null)
  const pageIds = computed(() => items.value.map((c) => c.id))
  /** The row keys the table shows ticked. */
  const checkedIds = computed(() => (allMatching.value ? pageIds.value : selected.value))
  /** Every row of the page is ticked (and there is at least one). */
  const pageSelected = computed(() => {
    if (!pageIds.value.length) return false
    if (allMatching.value) return true
    const set = new Set(selected.value)
    return pageIds.value.every((id) => set.has(id))
  })
  /** Offer "Select all N contacts that match": the page is ticked, and there are more. */
  const canSelectAllMatching = computed(() => !allMatching.value && pageSelected.value && total.value > selected.value.length)
  /** How many contacts a bulk action reaches. */
  const selectionCount = computed(() => (allMatching.value ? total.value : selected.value.length))

  /** The search and filters the list shows results for. */
  function currentMatch(): ContactMatch {
    return { search: appliedSearch.value.trim(), country: country.value, region: region.value, tag: tag.value }
  }

  /** The ContactQuery for the current state. */
  function buildQuery(): ContactQuery {
    return {
      ...currentMatch(),
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
      queryChanged()
      void fetch()
    }, SEARCH_DEBOUNCE_MS)
  }

  /** Runs a pending search now (Enter in the search box). */
  function flushSearch() {
    cancelPendingSearch()
    if (appliedSearch.value === search.value) return Promise.resolve()
    appliedSearch.value = search.value
    queryChanged()
    return fetch()
  }

  /** The search or a filter changed: back to page 1, and nothing selected. */
  function queryChanged() {
    page.value = 1
    clearSelection()
  }

  /**
   * Sets a filter. Country and region go together: a region belongs to one
   * country, so choosing a region also chooses its country (group, or looked
   * up in the facets), and changing or clearing the country drops a region
   * of another country.
   */
  function setFilter(name: 'country' | 'region' | 'tag', value: string | null, group?: string) {
    const v = value ?? ''
    if (name === 'country') {
      country.value = v
      if (region.value && (!v || regionGroup.value !== v)) {
        region.value = ''
        regionGroup.value = ''
      }
    } else if (name === 'region') {
      region.value = v
      regionGroup.value = v ? (group ?? regionCountry(facets.value.regions, v, country.value)) : ''
      if (v && regionGroup.value) country.value = regionGroup.value
    } else {
      tag.value = v
    }
    queryChanged()
    return fetch()
  }

  function clearFilters() {
    cancelPendingSearch()
    search.value = ''
    appliedSearch.value = ''
    country.value = ''
    region.value = ''
    regionGroup.value = ''
    tag.value = ''
    queryChanged()
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

  /**
   * The ticked rows changed (the table or the keyboard). With all matching
   * selected, unticking a row goes back to selecting rows by id: the rows
   * still ticked.
   */
  function setSelected(ids: number[]) {
    if (allMatching.value) {
      const set = new Set(ids)
      if (pageIds.value.every((id) => set.has(id))) return
      matching.value = null
    }
    selected.value = [...ids]
  }

  /** Selects every contact the current search and filters find, on all pages. */
  function selectAllMatching() {
    if (!pageIds.value.length) return
    matching.value = currentMatch()
    selected.value = [...pageIds.value]
  }

  function clearSelection() {
    selected.value = []
    matching.value = null
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

  /**
   * Tags or untags the selection: by id, or every match of the search and
   * filters. Resolves to how many contacts changed. All-matching is cleared
   * afterwards, as the tag may change what the filters find.
   */
  async function tagSelection(tagName: string, add: boolean): Promise<number> {
    const q = matching.value
    if (!q) return tagContacts([...selected.value], tagName, add)
    const n = await contactsApi.tagMatching(q, tagName, add)
    clearSelection()
    await refresh()
    return n
  }

  /**
   * Deletes the selection: by id, or every match of the search and filters.
   * After deleting all matches, search and filters are cleared so the list
   * shows the contacts that are left.
   */
  async function deleteSelection(): Promise<number> {
    const q = matching.value
    if (!q) return removeContacts([...selected.value])
    const n = await contactsApi.removeMatching(q)
    cancelPendingSearch()
    search.value = ''
    appliedSearch.value = ''
    country.value = ''
    region.value = ''
    regionGroup.value = ''
    tag.value = ''
    queryChanged()
    await refresh()
    return n
  }

  return {
    search,
    appliedSearch,
    country,
    region,
    regionGroup,
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
    matching,
    allMatching,
    checkedIds,
    pageSelected,
    canSelectAllMatching,
    selectionCount,
    hasFilters,
    pageCount,
    currentMatch,
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
    selectAllMatching,
    clearSelection,
    tagSelection,
    deleteSelection,
    save,
    removeContacts,
    tagContacts,
    get,
    timeline,
  }
})
