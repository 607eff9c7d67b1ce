import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as docs from '../api/documents'
import * as segmentsApi from '../api/segments'
import * as productsApi from '../api/products'
import type { Product } from '../api/products'
import { ApiError, parseError } from '../api/errors'
import type { CatalogLayout, CatalogVariant, LabelLayout, SheetInfo, Template, TemplateKind } from '../api/documents'
import type { LanguageCode, SavedSegment } from '../api/types'

// The Labels and Catalogs tabs of "Letters & print": the label sheets and
// envelopes, the products and saved segments a catalog's variants pick
// from, and one template being edited per tab (kept while the user looks at
// another tab). The pure helpers below mirror what backend/document draws,
// so the editor can say "10 labels on the first page" or "12 products,
// 5 pages" without asking the backend.

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }

// ---- Label sheets -----------------------------------------------------------------

/** A sheet's geometry in millimetres (a named sheet, or the custom one of a layout). */
export type Geometry = Omit<SheetInfo, 'name'>

export const A4 = { w: 210, h: 297 }

/** The geometry a layout prints on; null when the sheet is unknown (sheets not loaded yet). */
export function geometryOf(l: LabelLayout, sheets: SheetInfo[]): Geometry | null {
  if (l.sheet === 'custom') {
    return {
      columns: l.columns,
      rows: l.rows,
      width: l.width,
      height: l.height,
      top: l.top,
      left: l.left,
      gapX: l.gapX,
      gapY: l.gapY,
      paperW: A4.w,
      paperH: A4.h,
      envelope: false,
    }
  }
  const s = sheets.find((x) => x.name === l.sheet)
  if (!s) return null
  const { name: _name, ...g } = s
  return g
}

/** Labels on one sheet (an envelope: 1). */
export function perPage(g: Geometry): number {
  return g.envelope ? 1 : Math.max(0, g.columns) * Math.max(0, g.rows)
}

/** Labels printed on the first sheet when printing starts at position start (1-based). */
export function firstPageCount(g: Geometry, start: number): number {
  const n = perPage(g)
  if (g.envelope) return n
  return Math.max(0, n - (clampStart(start, g) - 1))
}

export function clampStart(start: number, g: Geometry): number {
  const n = perPage(g)
  return Math.min(Math.max(1, Math.round(start || 1)), Math.max(1, n))
}

/** Where label i (0-based, row by row) sits on the sheet, in millimetres. */
export function labelRect(g: Geometry, i: number): { x: number; y: number; w: number; h: number } {
  const col = i % g.columns
  const row = Math.floor(i / g.columns)
  return { x: g.left + col * (g.width + g.gapX), y: g.top + row * (g.height + g.gapY), w: g.width, h: g.height }
}

/** The custom-sheet field at fault and why, as the backend would refuse it; null when fine. */
export function customProblem(l: LabelLayout): { field: 'columns' | 'width'; reason: 'grid' | 'small' | 'fit' } | null {
  if (l.sheet !== 'custom') return null
  const nums = [l.columns, l.rows, l.width, l.height, l.top, l.left, l.gapX, l.gapY]
  if (nums.some((n) => typeof n !== 'number' || !Number.isFinite(n))) return { field: 'width', reason: 'fit' }
  if (l.columns < 1 || l.columns > 10 || l.rows < 1 || l.rows > 30) return { field: 'columns', reason: 'grid' }
  if (l.width < 20 || l.height < 10) return { field: 'width', reason: 'small' }
  const w = l.left + l.columns * l.width + (l.columns - 1) * l.gapX
  const h = l.top + l.rows * l.height + (l.rows - 1) * l.gapY
  if (l.left < 0 || l.top < 0 || l.gapX < 0 || l.gapY < 0 || w > A4.w + 0.5 || h > A4.h + 0.5) return { field: 'width', reason: 'fit' }
  return null
}

/** Switches a layout to another sheet; a custom sheet starts from the geometry shown before. */
export function chooseSheet(l: LabelLayout, name: string, sheets: SheetInfo[]): LabelLayout {
  const next: LabelLayout = { ...l, sheet: name }
  if (name === 'custom' && (l.columns < 1 || l.rows < 1 || l.width <= 0 || l.height <= 0)) {
    const from = sheets.find((s) => s.name === l.sheet && !s.envelope) ?? sheets.find((s) => s.name === 'L7160')
    if (from) Object.assign(next, { columns: from.columns, rows: from.rows, width: from.width, height: from.height, top: from.top, left: from.left, gapX: from.gapX, gapY: from.gapY })
  }
  const g = geometryOf(next, sheets)
  next.start = g && !g.envelope ? clampStart(l.start, g) : 1
  return next
}

// ---- Products and catalog variants -------------------------------------------------------------

export type { Product }

export interface Section {
  category: string
  products: Product[]
}

/**
 * The sections a variant's catalog holds, as backend/document sectionsFor
 * builds them from the active products: the picked products (all when none
 * are picked), grouped by category in the variant's order of categories
 * (else in the order they first appear).
 */
export function variantSections(products: Product[], v: Pick<CatalogVariant, 'categories' | 'skus'>): Section[] {
  const active = products.filter((p) => p.active)
  let pick = active
  if (v.skus.length) {
    const bySku = new Map(active.map((p) => [p.sku.toLowerCase(), p]))
    pick = v.skus.map((s) => bySku.get(s.trim().toLowerCase())).filter((p): p is Product => !!p)
  }
  const allowed = new Set(v.categories.map((c) => c.toLowerCase()))
  const order: string[] = [...v.categories]
  const byCat = new Map<string, Product[]>()
  for (const p of pick) {
    const key = p.category.toLowerCase()
    if (allowed.size && !allowed.has(key)) continue
    if (!allowed.size && !byCat.has(key)) order.push(p.category)
    byCat.set(key, [...(byCat.get(key) ?? []), p])
  }
  const out: Section[] = []
  for (const cat of order) {
    const items = byCat.get(cat.toLowerCase())
    if (items?.length) {
      out.push({ category: cat, products: items })
      byCat.delete(cat.toLowerCase())
    }
  }
  return out
}

/** One recipient group's catalog as the editor sums it up. */
export interface VariantPlan {
  /** The variant's number (0-based), or -1 for the built-in "everyone else" (all products, list prices). */
  index: number
  who: string
  title: string
  sections: Section[]
  pages: number
}

/** Products per page for a grid ("2x3": 2 columns, 3 rows). */
export function perGrid(grid: string): number {
  const m = /^(\d+)x(\d+)$/.exec(grid)
  return m ? Number(m[1]) * Number(m[2]) : 6
}

/** Pages of one recipient's catalog: cover, letter, contents, the sections' pages, order form. */
export function catalogPages(l: Pick<CatalogLayout, 'grid' | 'contents' | 'intro' | 'reply'>, sections: Section[], hasIntro = true): number {
  const per = perGrid(l.grid)
  let pages = 1
  if (l.intro && hasIntro) pages++
  if (l.contents) pages++
  for (const s of sections) pages += Math.max(1, Math.ceil(s.products.length / per))
  if (l.reply) pages++
  return pages
}

/**
 * A price with a percentage off, rounded down to a whole unit as the backend
 * does (backend/document/variants.go discounted): 10 % off 179,00 is 161,00,
 * never less off than promised; prices under one unit keep their øre; never
 * below one unit.
 */
export function discounted(minor: number, percent: number): number {
  if (!(percent > 0)) return minor
  const unit = 100
  const raw = (minor * (100 - percent)) / 100
  if (minor < unit) return Math.round(raw)
  return Math.max(unit, Math.floor(raw / unit) * unit)
}

/**
 * For each variant, why nobody gets it: an earlier variant is for everyone
 * else ("everyone") or for the same segment ("duplicate"); null when it can be reached.
 */
export function unreachable(variants: CatalogVariant[]): ('everyone' | 'duplicate' | null)[] {
  const seen = new Set<string>()
  let everyone = false
  return variants.map((v) => {
    if (everyone) return 'everyone'
    if (v.segment === '') {
      everyone = true
      return null
    }
    const key = v.segment.toLowerCase()
    if (seen.has(key)) return 'duplicate'
    seen.add(key)
    return null
  })
}

/**
 * Which variant a previewed contact gets, from the segment name Preview
 * reports ("" for a variant without a segment, or for none): its index, or
 * -1 for the built-in "everyone else" (all products at list prices).
 */
export function variantIndexOf(segment: string, variants: CatalogVariant[]): number {
  if (segment !== '') return variants.findIndex((v) => v.segment.toLowerCase() === segment.toLowerCase())
  return variants.findIndex((v) => v.segment === '')
}

export function emptyVariant(segment = ''): CatalogVariant {
  return { segment, title: '', categories: [], skus: [], discount: 0 }
}

/** Moves item from to to, returning a new array. */
export function moved<T>(list: T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || from === to) return list
  const out = [...list]
  const [x] = out.splice(from, 1)
  out.splice(to, 0, x)
  return out
}

/** base, or "base 2", "base 3"... so it differs from every title taken. */
export function uniqueTitle(base: string, taken: string[]): string {
  const have = new Set(taken.map((s) => s.trim().toLowerCase()))
  if (!have.has(base.trim().toLowerCase())) return base
  for (let i = 2; ; i++) {
    const t = `${base} ${i}`
    if (!have.has(t.toLowerCase())) return t
  }
}

/** The products (api/products.ts belongs to the Products screen; it is only read here). */
export function listProducts(): Promise<Product[]> {
  return productsApi.list()
}

// ---- Shared data ------------------------------------------------------------------------

/** Sheets, products and saved segments the two tabs pick from. */
export const usePrintStore = defineStore('print', () => {
  const sheets = ref<SheetInfo[]>([])
  const products = ref<Product[]>([])
  const productsLoaded = ref(false)
  const productsError = ref<ApiError | null>(null)
  const segments = ref<SavedSegment[]>([])
  const segmentsLoaded = ref(false)

  const activeProducts = computed(() => products.value.filter((p) => p.active))
  /** Categories of the active products, in the order they first appear, with how many products each has. */
  const categories = computed(() => {
    const out = new Map<string, { name: string; count: number }>()
    for (const p of activeProducts.value) {
      const key = p.category.toLowerCase()
      const have = out.get(key)
      if (have) have.count++
      else out.set(key, { name: p.category, count: 1 })
    }
    return [...out.values()]
  })

  async function loadSheets(): Promise<void> {
    if (sheets.value.length) return
    try {
      sheets.value = await docs.sheets()
    } catch {
      sheets.value = []
    }
  }

  async function loadProducts(): Promise<void> {
    try {
      products.value = await listProducts()
      productsError.value = null
    } catch (e) {
      productsError.value = parseError(e)
    } finally {
      productsLoaded.value = true
    }
  }

  async function loadSegments(): Promise<void> {
    try {
      segments.value = await segmentsApi.list()
    } catch {
      segments.value = []
    } finally {
      segmentsLoaded.value = true
    }
  }

  return { sheets, products, productsLoaded, productsError, activeProducts, categories, segments, segmentsLoaded, loadSheets, loadProducts, loadSegments }
})

// ---- One template being edited --------------------------------------------------------

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T
const snapshot = (t: Template | null) => (t ? JSON.stringify({ title: t.title.trim(), lang: t.lang, body: t.body, layout: t.layout }) : '')

function defineTemplateStore(id: string, kind: TemplateKind) {
  return defineStore(id, () => {
    const list = ref<Template[]>([])
    const loaded = ref(false)
    const loadError = ref<ApiError | null>(null)
    /** The template being edited (id 0: not saved yet). */
    const draft = ref<Template | null>(null)
    const baseline = ref('')
    const busy = ref<'save' | 'delete' | null>(null)
    const dirty = computed(() => !!draft.value && (draft.value.id === 0 || snapshot(draft.value) !== baseline.value))
    /** The saved version of the draft, for generating; null when never saved. */
    const saved = computed(() => list.value.find((t) => t.id === draft.value?.id) ?? null)

    function open(t: Template) {
      draft.value = clone(t)
      baseline.value = snapshot(draft.value)
    }

    /** Lists the templates (the backend adds the starters the first time) and opens one. */
    async function load(): Promise<void> {
      try {
        list.value = await docs.templates(kind)
        loadError.value = null
      } catch (e) {
        loadError.value = parseError(e)
      } finally {
        loaded.value = true
      }
      const cur = draft.value
      if (cur && cur.id !== 0) {
        const fresh = list.value.find((t) => t.id === cur.id)
        if (!fresh) draft.value = null
        else if (!dirty.value) open(fresh)
      }
      if (!draft.value && list.value.length) open(list.value[0])
    }

    /** A new, unsaved template from the starter in lang, titled title. */
    async function startNew(title: string, lang: LanguageCode): Promise<Result<Template>> {
      try {
        const starter = (await docs.starters(lang)).find((t) => t.kind === kind)
        if (!starter) throw new ApiError('not_found', 'no starter')
        const t: Template = { ...clone(starter), id: 0, name: '', starter: starter.starter, title: uniqueTitle(title, list.value.map((x) => x.title)), lang, version: 0 }
        draft.value = t
        baseline.value = ''
        return { ok: true, value: t }
      } catch (e) {
        return { ok: false, error: parseError(e) }
      }
    }

    /** An unsaved copy of the draft titled title. */
    function duplicate(title: string) {
      if (!draft.value) return
      draft.value = { ...clone(draft.value), id: 0, name: '', version: 0, title: uniqueTitle(title, list.value.map((x) => x.title)) }
      baseline.value = ''
    }

    /** Drops the unsaved changes. */
    function revert() {
      const s = saved.value
      if (s) open(s)
      else if (list.value.length) open(list.value[0])
      else draft.value = null
    }

    async function save(): Promise<Result<Template>> {
      if (!draft.value) return { ok: false, error: new ApiError('invalid', 'nothing to save') }
      busy.value = 'save'
      try {
        const t = await docs.save(draft.value)
        const i = list.value.findIndex((x) => x.id === t.id)
        if (i >= 0) list.value.splice(i, 1, t)
        else list.value.push(t)
        open(t)
        return { ok: true, value: t }
      } catch (e) {
        return { ok: false, error: parseError(e) }
      } finally {
        busy.value = null
      }
    }

    async function remove(): Promise<Result<Template>> {
      const cur = draft.value
      if (!cur) return { ok: false, error: new ApiError('invalid', 'nothing to delete') }
      if (cur.id === 0) {
        revert()
        return { ok: true, value: cur }
      }
      busy.value = 'delete'
      try {
        await docs.remove(cur.id)
        list.value = list.value.filter((t) => t.id !== cur.id)
        draft.value = null
        if (list.value.length) open(list.value[0])
        return { ok: true, value: cur }
      } catch (e) {
        return { ok: false, error: parseError(e) }
      } finally {
        busy.value = null
      }
    }

    return { list, loaded, loadError, draft, baseline, busy, dirty, saved, open, load, startNew, duplicate, revert, save, remove }
  })
}

/** The label layout being edited on the Labels tab. */
export const useLabelsStore = defineTemplateStore('printLabels', 'labels')
/** The catalog being edited on the Catalogs tab. */
export const useCatalogStore = defineTemplateStore('printCatalog', 'catalog')

/** A price for the screen, in the UI language (the PDF formats it in the recipient's). */
export function formatMoney(m: { minor: number; currency: string }, locale: string): string {
  const major = m.minor / 100
  if (!m.currency) return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(major)
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: m.currency,
      minimumFractionDigits: m.minor % 100 === 0 ? 0 : 2,
      maximumFractionDigits: 2,
    }).format(major)
  } catch {
    return `${major.toFixed(2)} ${m.currency}`
  }
}
