import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { CatalogVariant, LabelLayout, SheetInfo, Template } from '../api/documents'
import type { Product } from '../api/products'

vi.mock('../api/documents', () => ({
  templates: vi.fn(),
  save: vi.fn(),
  remove: vi.fn(),
  starters: vi.fn(),
  sheets: vi.fn(),
}))
vi.mock('../api/segments', () => ({ list: vi.fn() }))
vi.mock('../api/products', () => ({ list: vi.fn() }))

import * as docs from '../api/documents'
import * as segmentsApi from '../api/segments'
import * as productsApi from '../api/products'
import { ApiError } from '../api/errors'
import {
  catalogPages,
  chooseSheet,
  clampStart,
  customProblem,
  discounted,
  emptyVariant,
  firstPageCount,
  formatMoney,
  geometryOf,
  labelRect,
  moved,
  perGrid,
  perPage,
  uniqueTitle,
  unreachable,
  useCatalogStore,
  useLabelsStore,
  usePrintStore,
  variantIndexOf,
  variantSections,
} from './print'

// What backend/document.Sheets() answers (L7163 and L7160 as on the packet).
const sheets: SheetInfo[] = [
  { name: 'L7160', columns: 3, rows: 7, width: 63.5, height: 38.1, top: 15.15, left: 7.21, gapX: 2.54, gapY: 0, paperW: 210, paperH: 297, envelope: false },
  { name: 'L7163', columns: 2, rows: 7, width: 99.1, height: 38.1, top: 15.15, left: 4.65, gapX: 2.54, gapY: 0, paperW: 210, paperH: 297, envelope: false },
  { name: 'DL', columns: 1, rows: 1, width: 0, height: 0, top: 0, left: 0, gapX: 0, gapY: 0, paperW: 220, paperH: 110, envelope: true },
]

function labels(p: Partial<LabelLayout> = {}): LabelLayout {
  return { sheet: 'L7163', columns: 0, rows: 0, width: 0, height: 0, top: 0, left: 0, gapX: 0, gapY: 0, start: 1, sender: false, sortByZip: true, ...p }
}

function product(sku: string, category: string, minor: number, active = true): Product {
  return { id: 0, sku, name: `Product ${sku}`, description: '', category, price: { minor, currency: 'DKK' }, imagePath: '', active }
}

const products: Product[] = [
  product('COF-1', 'Coffee & tea', 8900),
  product('COF-2', 'Coffee & tea', 17900),
  product('GAR-1', 'Garden', 17900),
  product('GAR-2', 'Garden', 7900),
  product('GAR-3', 'Garden', 12900, false),
  product('KIT-1', 'Kitchen', 11900),
]

function template(p: Partial<Template> = {}): Template {
  return {
    id: 1,
    name: 'standard-labels',
    kind: 'labels',
    title: 'Address labels',
    lang: 'en',
    body: '',
    layout: {
      letter: {} as Template['layout']['letter'],
      labels: labels(),
      catalog: { title: '', season: '', grid: '2x3', contents: true, intro: true, reply: true, variants: [] },
    },
    version: 1,
    starter: 'standard-labels',
    updatedAt: '',
    ...p,
  }
}

describe('label sheets', () => {
  it('counts the labels on the first sheet from the starting position', () => {
    const g = geometryOf(labels({ sheet: 'L7163' }), sheets)!
    expect(perPage(g)).toBe(14)
    expect(firstPageCount(g, 1)).toBe(14)
    expect(firstPageCount(g, 5)).toBe(10)
    expect(firstPageCount(g, 14)).toBe(1)
    // Out of range: kept on the sheet.
    expect(clampStart(0, g)).toBe(1)
    expect(clampStart(99, g)).toBe(14)
  })

  it('places labels row by row', () => {
    const g = geometryOf(labels({ sheet: 'L7163' }), sheets)!
    expect(labelRect(g, 0)).toEqual({ x: 4.65, y: 15.15, w: 99.1, h: 38.1 })
    const r = labelRect(g, 5) // row 3, column 2
    expect(r.x).toBeCloseTo(4.65 + 99.1 + 2.54)
    expect(r.y).toBeCloseTo(15.15 + 2 * 38.1)
  })

  it('uses the custom geometry on A4 and checks it as the backend does', () => {
    const custom = labels({ sheet: 'custom', columns: 3, rows: 8, width: 70, height: 37, top: 0, left: 0, gapX: 0, gapY: 0 })
    const g = geometryOf(custom, sheets)!
    expect(g.paperW).toBe(210)
    expect(perPage(g)).toBe(24)
    expect(customProblem(custom)).toBeNull()
    expect(customProblem({ ...custom, columns: 11 })).toEqual({ field: 'columns', reason: 'grid' })
    expect(customProblem({ ...custom, width: 15 })).toEqual({ field: 'width', reason: 'small' })
    expect(customProblem({ ...custom, width: 71 })).toEqual({ field: 'width', reason: 'fit' })
    expect(customProblem({ ...custom, top: -1 })).toEqual({ field: 'width', reason: 'fit' })
    expect(customProblem(labels())).toBeNull()
  })

  it('switching to a custom sheet starts from the sheet shown, and envelopes start at 1', () => {
    const c = chooseSheet(labels({ sheet: 'L7163', start: 5 }), 'custom', sheets)
    expect(c).toMatchObject({ sheet: 'custom', columns: 2, rows: 7, width: 99.1, start: 5 })
    expect(chooseSheet(labels({ start: 5 }), 'DL', sheets).start).toBe(1)
    expect(chooseSheet(labels({ sheet: 'L7160', start: 20 }), 'L7163', sheets).start).toBe(14)
    expect(geometryOf(labels({ sheet: 'nope' }), sheets)).toBeNull()
  })
})

describe('catalog variants', () => {
  it('takes the active products of the chosen categories, in the chosen order', () => {
    const s = variantSections(products, { categories: ['Garden', 'Coffee & tea'], skus: [] })
    expect(s.map((x) => x.category)).toEqual(['Garden', 'Coffee & tea'])
    expect(s[0].products.map((p) => p.sku)).toEqual(['GAR-1', 'GAR-2']) // GAR-3 is not for sale
  })

  it('takes every category in the order the products come when none is chosen', () => {
    const s = variantSections(products, emptyVariant())
    expect(s.map((x) => x.category)).toEqual(['Coffee & tea', 'Garden', 'Kitchen'])
    expect(s.reduce((n, x) => n + x.products.length, 0)).toBe(5)
  })

  it('takes picked products in their order, within the chosen categories', () => {
    const s = variantSections(products, { categories: [], skus: ['gar-2', 'COF-1', 'GAR-1', 'NOPE'] })
    expect(s.map((x) => [x.category, x.products.map((p) => p.sku)])).toEqual([
      ['Garden', ['GAR-2', 'GAR-1']],
      ['Coffee & tea', ['COF-1']],
    ])
    const only = variantSections(products, { categories: ['Garden'], skus: ['COF-1', 'GAR-1'] })
    expect(only.map((x) => x.products.map((p) => p.sku))).toEqual([['GAR-1']])
  })

  it('counts pages as the PDF has them', () => {
    const sections = variantSections(products, emptyVariant()) // 2 + 2 + 1 products
    expect(perGrid('3x4')).toBe(12)
    expect(catalogPages({ grid: '2x2', contents: true, intro: true, reply: true }, sections)).toBe(1 + 1 + 1 + 3 + 1)
    expect(catalogPages({ grid: '2x2', contents: false, intro: true, reply: false }, sections, false)).toBe(1 + 3)
    const many = [{ category: 'X', products: Array.from({ length: 13 }, (_, i) => product(`X-${i}`, 'X', 100)) }]
    expect(catalogPages({ grid: '2x3', contents: false, intro: false, reply: false }, many)).toBe(1 + 3)
  })

  it('rounds discounted prices like the backend', () => {
    expect(discounted(17900, 10)).toBe(16100)
    expect(discounted(7900, 15)).toBe(6700)
    expect(discounted(999, 33.3)).toBe(600)
    expect(discounted(4900, 15)).toBe(4100)
    expect(discounted(50, 10)).toBe(45)
    expect(discounted(150, 99)).toBe(100)
    expect(discounted(17900, 0)).toBe(17900)
  })

  it('finds variants nobody gets', () => {
    const v = (segment: string): CatalogVariant => emptyVariant(segment)
    expect(unreachable([v('60+'), v(''), v('Families')])).toEqual([null, null, 'everyone'])
    expect(unreachable([v('60+'), v('60+')])).toEqual([null, 'duplicate'])
    expect(unreachable([v('60+'), v('Families')])).toEqual([null, null])
  })

  it('says which variant a previewed contact gets', () => {
    const list = [emptyVariant('60+'), emptyVariant('Families'), emptyVariant('')]
    expect(variantIndexOf('Families', list)).toBe(1)
    expect(variantIndexOf('families', list)).toBe(1)
    expect(variantIndexOf('', list)).toBe(2)
    expect(variantIndexOf('', list.slice(0, 2))).toBe(-1) // the built-in "everyone else"
  })

  it('moves and names things', () => {
    expect(moved([1, 2, 3], 2, 0)).toEqual([3, 1, 2])
    expect(moved([1, 2, 3], 0, 5)).toEqual([1, 2, 3])
    expect(uniqueTitle('Address labels', ['address labels', 'Address labels 2'])).toBe('Address labels 3')
    expect(uniqueTitle('Catalog', ['Other'])).toBe('Catalog')
    expect(formatMoney({ minor: 17900, currency: 'DKK' }, 'en-GB')).toMatch(/179/)
  })
})

describe('template stores', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
  })

  it('loads the templates, opens the first and tracks changes', async () => {
    vi.mocked(docs.templates).mockResolvedValue([template(), template({ id: 2, title: 'Envelopes' })])
    const s = useLabelsStore()
    await s.load()
    expect(docs.templates).toHaveBeenCalledWith('labels')
    expect(s.draft?.id).toBe(1)
    expect(s.dirty).toBe(false)
    s.draft!.layout.labels.start = 5
    expect(s.dirty).toBe(true)
    s.revert()
    expect(s.draft!.layout.labels.start).toBe(1)
    expect(s.dirty).toBe(false)
  })

  it('saves a new version and keeps the list in step', async () => {
    vi.mocked(docs.templates).mockResolvedValue([template()])
    vi.mocked(docs.save).mockImplementation(async (t) => ({ ...t, version: t.version + 1 }))
    const s = useLabelsStore()
    await s.load()
    s.draft!.layout.labels.sheet = 'L7160'
    const res = await s.save()
    expect(res.ok).toBe(true)
    expect(s.saved?.layout.labels.sheet).toBe('L7160')
    expect(s.saved?.version).toBe(2)
    expect(s.dirty).toBe(false)
  })

  it('keeps the draft and returns the error when saving is refused', async () => {
    vi.mocked(docs.templates).mockResolvedValue([template()])
    vi.mocked(docs.save).mockRejectedValue(new ApiError('invalid', 'nope', 'columns', { reason: 'grid' }))
    const s = useLabelsStore()
    await s.load()
    s.draft!.layout.labels = labels({ sheet: 'custom', columns: 40 })
    const res = await s.save()
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.error.field).toBe('columns')
    expect(s.draft!.layout.labels.columns).toBe(40)
    expect(s.dirty).toBe(true)
  })

  it('starts a new catalog from the starter with a title not taken', async () => {
    const starter = template({ id: 0, kind: 'catalog', name: 'standard-catalog', title: 'Product catalog', starter: 'standard-catalog' })
    vi.mocked(docs.templates).mockResolvedValue([template({ kind: 'catalog', title: 'Product catalog' })])
    vi.mocked(docs.starters).mockResolvedValue([template({ id: 0, kind: 'labels' }), starter])
    const s = useCatalogStore()
    await s.load()
    const res = await s.startNew('Product catalog', 'da')
    expect(res.ok).toBe(true)
    expect(docs.starters).toHaveBeenCalledWith('da')
    expect(s.draft).toMatchObject({ id: 0, name: '', kind: 'catalog', title: 'Product catalog 2', lang: 'da' })
    expect(s.dirty).toBe(true)
    // Deleting an unsaved one just drops it.
    await s.remove()
    expect(docs.remove).not.toHaveBeenCalled()
    expect(s.draft?.id).toBe(1)
  })

  it('deletes the open template and opens another', async () => {
    vi.mocked(docs.templates).mockResolvedValue([template(), template({ id: 2, title: 'Envelopes' })])
    vi.mocked(docs.remove).mockResolvedValue()
    const s = useLabelsStore()
    await s.load()
    const res = await s.remove()
    expect(res.ok).toBe(true)
    expect(docs.remove).toHaveBeenCalledWith(1)
    expect(s.list.map((t) => t.id)).toEqual([2])
    expect(s.draft?.id).toBe(2)
  })

  it('loads products, categories and segments for the variants', async () => {
    vi.mocked(productsApi.list).mockResolvedValue(products)
    vi.mocked(segmentsApi.list).mockResolvedValue([{ id: 3, name: '60+', kind: 'dynamic', filter: { v: 1, root: {} }, createdAt: '', updatedAt: '', size: 12 }])
    vi.mocked(docs.sheets).mockResolvedValue(sheets)
    const p = usePrintStore()
    await Promise.all([p.loadProducts(), p.loadSegments(), p.loadSheets()])
    expect(p.activeProducts).toHaveLength(5)
    expect(p.categories).toEqual([
      { name: 'Coffee & tea', count: 2 },
      { name: 'Garden', count: 2 },
      { name: 'Kitchen', count: 1 },
    ])
    expect(p.segments.map((s) => s.name)).toEqual(['60+'])
    expect(p.sheets).toHaveLength(3)
  })
})
