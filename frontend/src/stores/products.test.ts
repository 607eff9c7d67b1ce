import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { JobProgress } from '../api/types'

vi.mock('../api/products', async (orig) => {
  const real = await orig<typeof import('../api/products')>()
  return {
    ...real,
    list: vi.fn(),
    categories: vi.fn(),
    save: vi.fn(),
    remove: vi.fn(),
    imagesFromFolder: vi.fn(),
    image: vi.fn(),
    thumbnail: vi.fn(),
    addImage: vi.fn(),
    chooseFolder: vi.fn(),
  }
})

const listeners: ((p: JobProgress) => void)[] = []
vi.mock('../api/events', () => ({
  onEvent: (name: string, cb: (p: JobProgress) => void) => {
    if (name === 'job:progress') listeners.push(cb)
    return () => {}
  },
}))

import * as api from '../api/products'
import { emptyProduct, type Product } from '../api/products'
import { ApiError } from '../api/errors'
import {
  byCategoryAndName,
  currencyDigits,
  fold,
  formatAmount,
  formatMoney,
  matches,
  parseMoney,
  productErrorKeys,
  productErrorText,
  useProductsStore,
} from './products'

const list = vi.mocked(api.list)
const save = vi.mocked(api.save)
const remove = vi.mocked(api.remove)
const imagesFromFolder = vi.mocked(api.imagesFromFolder)
// Thumbnails come scaled from the backend (api.thumbnail).
const image = vi.mocked(api.thumbnail)

let nextId = 1
function product(p: Partial<Product>): Product {
  return { ...emptyProduct('DKK'), id: nextId++, active: true, ...p, price: { minor: 0, currency: 'DKK', ...p.price } }
}

const demo = () => [
  product({ sku: 'COF-001', name: 'Morgenkaffe coffee beans', category: 'Coffee & tea', price: { minor: 8900, currency: 'DKK' } }),
  product({ sku: 'COF-002', name: 'Espresso Mørk', description: 'Dark roast', category: 'Coffee & tea' }),
  product({ sku: 'GAR-001', name: 'Bird feeder Mejse', category: 'Garden', imagePath: 'media:img/abc' }),
  product({ sku: 'X-1', name: 'Gift wrap', category: '', active: false }),
]

beforeEach(() => {
  setActivePinia(createPinia())
  nextId = 1
  listeners.length = 0
  for (const m of [list, save, remove, imagesFromFolder, image]) m.mockReset()
  list.mockResolvedValue(demo())
})

describe('parseMoney', () => {
  const cases: [string, number | null][] = [
    ['1.234,50', 123450],
    ['1 234,50', 123450],
    ['1\u00a0234,50', 123450],
    ['1\u202f234,50', 123450],
    ['1234.50', 123450],
    ['1,234.50', 123450],
    ['1234,5', 123450],
    ['1234', 123400],
    ['149,-', 14900],
    ['149.-', 14900],
    ['kr 149', 14900],
    ['149 kr.', 14900],
    ['1 190 ₽', 119000],
    ['€19.95', 1995],
    ['19,95 €', 1995],
    ['1.234', 123400],
    ['1,234', 123400],
    ['0,500', 50],
    ['1.234.567', 123456700],
    ['1.234.567,89', 123456789],
    ['0', 0],
    ['0,00', 0],
    ['12.30', 1230],
    ['12.300', 1230000],
    ['', null],
    ['   ', null],
    ['abc', null],
    ['-5', null],
    ['12a3', null],
    ['1,2,3', null],
    ['12.34.5', null],
    ['1.23,4', null],
    ['1..2', null],
    ['1,2345', null],
    ['1,2300', 123],
    ['99999999999', null],
  ]
  for (const [text, want] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => {
      expect(parseMoney(text)).toBe(want)
    })
  }

  it('knows currencies without decimals', () => {
    expect(currencyDigits('JPY')).toBe(0)
    expect(currencyDigits('DKK')).toBe(2)
    expect(parseMoney('1.500', currencyDigits('JPY'))).toBe(1500)
    expect(parseMoney('15,5', 0)).toBeNull()
  })
})

describe('formatting prices', () => {
  const norm = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')
  it('formats for reading in the UI language and the product currency', () => {
    expect(norm(formatMoney(123450, 'DKK', 'da'))).toBe('1.234,50 kr.')
    expect(norm(formatMoney(123450, 'SEK', 'sv'))).toBe('1 234,50 kr')
    expect(norm(formatMoney(119000, 'RUB', 'ru'))).toBe('1 190,00 ₽')
    expect(formatMoney(1995, 'EUR', 'en')).toBe('€19.95')
  })

  it('formats for editing so that parseMoney reads it back', () => {
    for (const lang of ['en', 'da', 'sv', 'nb', 'ru'] as const) {
      const text = formatAmount(123450, 'DKK', lang)
      expect(parseMoney(text), `${lang}: ${text}`).toBe(123450)
    }
    expect(formatAmount(123450, 'DKK', 'da')).toBe('1.234,50')
  })
})

describe('searching', () => {
  it('folds case and accents', () => {
    expect(fold('Café MØRK')).toBe('cafe mørk')
  })

  it('matches every word in SKU, name, description or category', () => {
    const p = product({ sku: 'COF-002', name: 'Espresso Mørk', description: 'Dark roast', category: 'Coffee & tea' })
    expect(matches(p, '')).toBe(true)
    expect(matches(p, 'cof-002')).toBe(true)
    expect(matches(p, 'mørk espresso')).toBe(true)
    expect(matches(p, 'dark')).toBe(true)
    expect(matches(p, 'tea')).toBe(true)
    expect(matches(p, 'espresso light')).toBe(false)
  })

  it('orders like the backend: category, name, SKU', () => {
    const a = product({ category: 'b', name: 'x' })
    const b = product({ category: 'A', name: 'z' })
    const c = product({ category: 'a', name: 'y' })
    expect([a, b, c].sort(byCategoryAndName).map((p) => p.name)).toEqual(['y', 'z', 'x'])
  })
})

describe('product errors', () => {
  const i18n = (known: Record<string, string>) => ({
    te: (k: string) => k in known,
    t: (k: string, named: Record<string, unknown>) => known[k].replace(/\{(\w+)\}/g, (_, n: string) => String(named[n])),
  })

  it('tries the reason, then the code, under products.errors', () => {
    const err = new ApiError('invalid', 'x', 'sku', { reason: 'required' })
    expect(productErrorKeys(err)).toEqual(['products.errors.sku.invalid_required', 'products.errors.sku.invalid'])
    expect(productErrorKeys(new ApiError('internal', 'x'))).toEqual([])
  })

  it('translates a taken SKU with its name, and falls back for others', () => {
    const t = i18n({ 'products.errors.sku.conflict': 'Taken: {name}' })
    const fallback = (e: ApiError) => `fallback ${e.code}`
    expect(productErrorText(new ApiError('conflict', 'x', 'sku', { name: 'CLO-001' }), t, fallback)).toBe('Taken: CLO-001')
    expect(productErrorText(new ApiError('locked', 'x'), t, fallback)).toBe('fallback locked')
  })
})

describe('products store', () => {
  it('loads the products and counts the categories, no category last', async () => {
    const s = useProductsStore()
    await s.fetch()
    expect(s.loaded).toBe(true)
    expect(s.total).toBe(4)
    expect(s.categories).toEqual([
      { name: 'Coffee & tea', count: 2 },
      { name: 'Garden', count: 1 },
      { name: '', count: 1 },
    ])
    expect(s.categoryNames).toEqual(['Coffee & tea', 'Garden'])
    expect(s.activeCount).toBe(3)
    expect(s.withoutPicture).toBe(3)
  })

  it('reports a failed load and keeps what it had', async () => {
    const s = useProductsStore()
    await s.fetch()
    list.mockRejectedValueOnce('{"code":"internal","message":"disk"}')
    await s.fetch()
    expect(s.error?.message).toBe('disk')
    expect(s.total).toBe(4)
  })

  it('keeps the answer to the latest request', async () => {
    const s = useProductsStore()
    let resolveOld: (p: Product[]) => void = () => {}
    list.mockImplementationOnce(() => new Promise((r) => (resolveOld = r)))
    list.mockImplementationOnce(() => Promise.resolve([product({ sku: 'NEW' })]))
    const first = s.fetch()
    await s.fetch()
    resolveOld(demo())
    await first
    expect(s.items.map((p) => p.sku)).toEqual(['NEW'])
  })

  it('filters by category and search, and clears the selection when they change', async () => {
    const s = useProductsStore()
    await s.fetch()
    s.setSelected([1, 3])
    s.setCategory('Coffee & tea')
    expect(s.selected).toEqual([])
    expect(s.filtered.map((p) => p.sku)).toEqual(['COF-001', 'COF-002'])
    s.setSelected([1])
    s.setSearch('mork')
    expect(s.selected).toEqual([])
    expect(s.filtered.map((p) => p.sku)).toEqual([])
    s.setSearch('mørk')
    expect(s.filtered.map((p) => p.sku)).toEqual(['COF-002'])
    expect(s.hasFilters).toBe(true)
    s.setCategory('')
    s.setSearch('')
    expect(s.filtered.map((p) => p.sku)).toEqual(['X-1'])
    s.clearFilters()
    expect(s.hasFilters).toBe(false)
    expect(s.filtered).toHaveLength(4)
  })

  it('adds a saved product in its place and replaces an edited one', async () => {
    const s = useProductsStore()
    await s.fetch()
    save.mockImplementationOnce(async (p) => ({ ...p, id: 99, sku: p.sku.trim() }))
    const saved = await s.save(product({ id: 0, sku: ' DK-ÆØÅ ', name: 'Æbleskiver pan', category: 'Coffee & tea' }))
    expect(saved.id).toBe(99)
    // Like the backend: by category (none first), then name (Æ as AE).
    expect(s.items.map((p) => p.sku)).toEqual(['X-1', 'DK-ÆØÅ', 'COF-002', 'COF-001', 'GAR-001'])
    save.mockImplementationOnce(async (p) => p)
    await s.save({ ...s.get(99)!, name: 'Aebleskiver pan' })
    expect(s.items.filter((p) => p.id === 99)).toHaveLength(1)
    expect(s.get(99)?.name).toBe('Aebleskiver pan')
  })

  it('passes a save error on untouched', async () => {
    const s = useProductsStore()
    await s.fetch()
    save.mockRejectedValueOnce(new ApiError('conflict', 'taken', 'sku', { name: 'COF-001' }))
    await expect(s.save(product({ id: 0, sku: 'COF-001', name: 'x' }))).rejects.toMatchObject({ code: 'conflict', field: 'sku' })
    expect(s.total).toBe(4)
  })

  it('switches a product off at once and back when saving fails', async () => {
    const s = useProductsStore()
    await s.fetch()
    let fail: (e: unknown) => void = () => {}
    save.mockImplementationOnce(() => new Promise((_, rej) => (fail = rej)))
    const done = s.setActive(1, false)
    expect(s.get(1)?.active).toBe(false)
    fail('{"code":"not_found","message":"gone"}')
    await expect(done).rejects.toMatchObject({ code: 'not_found' })
    expect(s.get(1)?.active).toBe(true)

    save.mockImplementationOnce(async (p) => p)
    await s.setActive(1, false)
    expect(save).toHaveBeenLastCalledWith(expect.objectContaining({ id: 1, active: false, sku: 'COF-001' }))
    expect(s.get(1)?.active).toBe(false)
  })

  it('deletes products, unselects them and drops an emptied category filter', async () => {
    const s = useProductsStore()
    await s.fetch()
    s.setCategory('Garden')
    s.setSelected([3])
    remove.mockResolvedValueOnce(1)
    expect(await s.remove([3])).toBe(1)
    expect(remove).toHaveBeenCalledWith([3])
    expect(s.get(3)).toBeUndefined()
    expect(s.selected).toEqual([])
    expect(s.category).toBeNull()
    expect(s.total).toBe(3)
  })

  it('adds pictures from a folder with progress, then reloads', async () => {
    const s = useProductsStore()
    await s.fetch()
    let finish: (r: api.ProductImageResult) => void = () => {}
    imagesFromFolder.mockImplementationOnce(() => new Promise((r) => (finish = r)))
    const run = s.imagesFromFolder('/pics')
    expect(s.folderJob).toEqual({ running: true, done: 0, total: 4 })
    for (const cb of listeners) cb({ job: 'export', done: 9, total: 9 })
    for (const cb of listeners) cb({ job: 'products', done: 2, total: 4 })
    expect(s.folderJob).toEqual({ running: true, done: 2, total: 4 })
    const again = await s.imagesFromFolder('/pics')
    expect(again.ok).toBe(false)
    list.mockClear()
    finish({ matched: 3, unmatched: ['X-1'], failed: ['broken.jpg'] })
    const res = await run
    expect(res).toEqual({ ok: true, value: { matched: 3, unmatched: ['X-1'], failed: ['broken.jpg'] } })
    expect(list).toHaveBeenCalledTimes(1)
    expect(s.folderJob.running).toBe(false)
  })

  it('reports a refused folder', async () => {
    const s = useProductsStore()
    imagesFromFolder.mockRejectedValueOnce('{"code":"invalid","message":"desktop only"}')
    const res = await s.imagesFromFolder('/x')
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.error.message).toBe('desktop only')
    expect(s.folderJob.running).toBe(false)
  })

  it('loads each stored picture once, a few at a time, and remembers failures', async () => {
    const s = useProductsStore()
    const waiting: ((url: string) => void)[] = []
    image.mockImplementation(() => new Promise((r) => waiting.push(r)))
    for (const ref of ['media:img/a', 'media:img/b', 'media:img/c', 'media:img/d', 'media:img/a']) s.loadThumb(ref)
    s.loadThumb('C:\\pics\\x.jpg')
    s.loadThumb('')
    expect(image).toHaveBeenCalledTimes(3)
    waiting[0]('data:image/png;base64,AAA')
    await vi.waitFor(() => expect(image).toHaveBeenCalledTimes(4))
    expect(s.thumbs['media:img/a']).toBe('data:image/png;base64,AAA')
    image.mockRejectedValueOnce(new Error('missing'))
    s.loadThumb('media:img/e')
    waiting[1]('data:image/png;base64,BBB')
    await vi.waitFor(() => expect(s.thumbs['media:img/e']).toBe(''))
    s.loadThumb('media:img/e')
    expect(image).toHaveBeenCalledTimes(5)
  })
})
