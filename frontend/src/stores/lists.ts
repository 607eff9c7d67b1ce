import { defineStore } from 'pinia'
import { ref } from 'vue'
import * as api from '../api/lists'
import { deliver, formatFilters, saveTarget } from '../api/download'
import { ApiError, parseError } from '../api/errors'
import type { ListContactsPage, ListTerms, SupplierList, SuppressionEntry, SuppressionKind } from '../api/lists'
import type { ExportResult } from '../api/types'

export const SUPPRESSION_PAGE = 50

/**
 * Bought and rented lists (with their licence status) and the whole
 * suppression list, for the Privacy screen's Lists and Suppression tabs.
 */
export const useListsStore = defineStore('lists', () => {
  // ---- Bought and rented lists -------------------------------------------------
  const lists = ref<SupplierList[]>([])
  const listsLoaded = ref(false)
  const listsError = ref<ApiError | null>(null)

  async function loadLists() {
    try {
      lists.value = await api.lists()
      listsError.value = null
    } catch (e) {
      listsError.value = parseError(e)
    } finally {
      listsLoaded.value = true
    }
  }

  /** Saves corrected terms; the error (null when saved) is for the form. */
  async function saveTerms(id: number, terms: ListTerms): Promise<ApiError | null> {
    try {
      await api.saveTerms(id, terms)
    } catch (e) {
      return parseError(e)
    }
    await loadLists()
    return null
  }

  function listContacts(id: number, offset: number, limit: number): Promise<ListContactsPage> {
    return api.listContacts(id, offset, limit)
  }

  // ---- Suppression list -----------------------------------------------------------
  const query = ref('')
  const kind = ref<'' | SuppressionKind>('')
  const page = ref(1)
  const items = ref<SuppressionEntry[]>([])
  const total = ref(0)
  const erased = ref(0)
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<ApiError | null>(null)
  let seq = 0

  async function loadSuppressions() {
    const mine = ++seq
    loading.value = true
    try {
      const p = await api.suppressions(query.value.trim(), kind.value, (page.value - 1) * SUPPRESSION_PAGE, SUPPRESSION_PAGE)
      if (mine !== seq) return
      items.value = p.items
      total.value = p.total
      erased.value = p.erased
      error.value = null
      // A removal can empty the last page: show the one before it.
      if (p.items.length === 0 && page.value > 1 && p.total > 0) {
        page.value = Math.ceil(p.total / SUPPRESSION_PAGE)
        return loadSuppressions()
      }
    } catch (e) {
      if (mine === seq) error.value = parseError(e)
    } finally {
      if (mine === seq) {
        loading.value = false
        loaded.value = true
      }
    }
  }

  function search(q: string) {
    query.value = q
    page.value = 1
    return loadSuppressions()
  }

  function setKind(k: '' | SuppressionKind) {
    kind.value = k
    page.value = 1
    return loadSuppressions()
  }

  function setPage(p: number) {
    page.value = Math.max(1, p)
    return loadSuppressions()
  }

  /** Adds an entry; the error (null when added) is for the dialog. */
  async function add(k: SuppressionKind, value: string, reason: string, note: string): Promise<ApiError | null> {
    try {
      const e = await api.addSuppression(k, value, reason, note)
      // Show the new entry: it is the newest, on page one of its kind.
      query.value = ''
      if (kind.value !== '' && kind.value !== e.kind) kind.value = ''
      page.value = 1
    } catch (e) {
      return parseError(e)
    }
    await loadSuppressions()
    return null
  }

  /**
   * Removes an entry. A hard bounce or complaint needs confirmed; without
   * it the error has details.reason "confirm".
   */
  async function remove(e: SuppressionEntry, confirmed: boolean): Promise<ApiError | null> {
    try {
      await api.removeSuppression(e.kind, e.value, confirmed)
    } catch (err) {
      return parseError(err)
    }
    await loadSuppressions()
    return null
  }

  const exporting = ref(false)
  /** Exports the whole list; null when the user cancelled the save dialog. */
  async function exportAll(title: string, label: string): Promise<ExportResult | null> {
    const path = await saveTarget(title, 'suppression-list.xlsx', formatFilters('xlsx', label))
    if (path === null) return null
    exporting.value = true
    try {
      const res = await api.exportSuppressions(path)
      deliver(res)
      return res
    } finally {
      exporting.value = false
    }
  }

  return {
    lists,
    listsLoaded,
    listsError,
    loadLists,
    saveTerms,
    listContacts,
    query,
    kind,
    page,
    items,
    total,
    erased,
    loading,
    loaded,
    error,
    loadSuppressions,
    search,
    setKind,
    setPage,
    add,
    remove,
    exporting,
    exportAll,
  }
})
