import { defineStore } from 'pinia'
import { ref } from 'vue'
import * as segmentsApi from '../api/segments'
import { ApiError, parseError } from '../api/errors'
import type { CrossTab, ExploreDimension, OverlapResult, SegmentFilter } from '../api/types'

/** The explorer's cell the user clicked, by position in the table. */
export interface CellRef {
  row: number
  col: number
}

/**
 * The micro-segment explorer (a segment split by two dimensions into a
 * heat-mapped cross-table) and the overlap of saved segments.
 *
 * The explorer asks again whenever the segment's conditions or the
 * dimensions change; an answer that arrives after a newer question is
 * dropped, so the table always belongs to what the screen shows.
 */
export const useSegmentExploreStore = defineStore('segmentExplore', () => {
  // ---- Explorer ---------------------------------------------------------------------
  const rowDim = ref<ExploreDimension>('region')
  const colDim = ref<ExploreDimension>('ageBand')
  const table = ref<CrossTab | null>(null)
  /** What the table answers: the filter and the two dimensions. */
  const tableKey = ref('')
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const selected = ref<CellRef | null>(null)
  /** What a cell shows under its count: average spend or orders per buyer, or nothing. */
  const secondLine = ref<'revenue' | 'orders' | 'none'>('revenue')
  let seq = 0

  const keyOf = (filterKey: string) => `${filterKey}|${rowDim.value}|${colDim.value}`

  /** Explores filter (filterKey: its JSON) by the chosen dimensions, unless the table already shows that. */
  async function explore(filter: SegmentFilter, filterKey: string, force = false): Promise<void> {
    const key = keyOf(filterKey)
    if (!force && key === tableKey.value && !error.value) return
    const mine = ++seq
    loading.value = true
    try {
      const t = await segmentsApi.explore(filter, rowDim.value, colDim.value)
      if (mine !== seq) return
      if (key !== tableKey.value) selected.value = null
      table.value = t
      tableKey.value = key
      error.value = null
    } catch (e) {
      if (mine !== seq) return
      error.value = parseError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  /** Picks the rows' dimension; picking the columns' one swaps them. */
  function setRowDim(d: ExploreDimension) {
    if (d === colDim.value) colDim.value = rowDim.value
    rowDim.value = d
  }

  function setColDim(d: ExploreDimension) {
    if (d === rowDim.value) rowDim.value = colDim.value
    colDim.value = d
  }

  function swap() {
    const r = rowDim.value
    rowDim.value = colDim.value
    colDim.value = r
  }

  function select(cell: CellRef | null) {
    selected.value = cell
  }

  /** Forgets the table (the workspace's contacts changed). */
  function reset() {
    seq++
    table.value = null
    tableKey.value = ''
    selected.value = null
    error.value = null
    loading.value = false
  }

  // ---- Overlap ----------------------------------------------------------------------
  /** The saved segments and frozen lists compared, 2 to 4. */
  const compareIds = ref<number[]>([])
  const overlap = ref<OverlapResult | null>(null)
  const overlapLoading = ref(false)
  const overlapError = ref<ApiError | null>(null)
  let overlapSeq = 0

  /** Compares the chosen segments (nothing to do for fewer than two). */
  async function runOverlap(): Promise<void> {
    const ids = [...compareIds.value]
    const mine = ++overlapSeq
    if (ids.length < 2) {
      overlap.value = null
      overlapError.value = null
      overlapLoading.value = false
      return
    }
    if (ids.length > 4) {
      overlapError.value = new ApiError('invalid', 'Pick two, three or four segments to compare.', 'segments')
      return
    }
    overlapLoading.value = true
    try {
      const res = await segmentsApi.overlap(ids)
      if (mine !== overlapSeq) return
      overlap.value = res
      overlapError.value = null
    } catch (e) {
      if (mine !== overlapSeq) return
      overlapError.value = parseError(e)
    } finally {
      if (mine === overlapSeq) overlapLoading.value = false
    }
  }

  function setCompare(ids: number[]) {
    compareIds.value = ids.slice(0, 4)
  }

  /** Drops segments that no longer exist from the comparison. */
  function keepExisting(existing: number[]) {
    const keep = compareIds.value.filter((id) => existing.includes(id))
    if (keep.length !== compareIds.value.length) compareIds.value = keep
  }

  return {
    rowDim,
    colDim,
    table,
    tableKey,
    loading,
    error,
    selected,
    secondLine,
    explore,
    setRowDim,
    setColDim,
    swap,
    select,
    reset,
    compareIds,
    overlap,
    overlapLoading,
    overlapError,
    runOverlap,
    setCompare,
    keepExisting,
  }
})
