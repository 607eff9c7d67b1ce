import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as productsApi from '../api/products'
import { PRODUCTS_JOB } from '../api/products'
import type { Product, ProductImageResult } from '../api/products'
import { onEvent } from '../api/events'
import { ApiError, parseError } from '../api/errors'
import type { Translator } from '../api/errors'
import { localeTags } from '../i18n'
import type { LanguageCode } from '../api/types'

// ---- Money --------------------------------------------------------------------

/** How many decimals a currency has (2 for DKK, SEK, NOK, RUB, EUR; 0 for JPY). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: currency || 'EUR' }).resolvedOptions().maximumFractionDigits ?? 2
  } catch {
    return 2
  }
}

/** The biggest price the backend takes, in minor units. */
export const MAX_PRICE_MINOR = 1e12

/**
 * Reads a price as people type it, in minor units: "1.234,50", "1 234,50",
 * "1234.50", "1,234.50", "149,-", "kr 149" and "149 kr." all work. A single
 * separator followed by exactly three digits groups thousands ("1.234" is
 * 1,234), as prices rarely have three decimals. null: not a price (letters
 * inside, negative, too many decimals, badly grouped, too big).
 */
export function parseMoney(text: string, digits = 2): number | null {
  let s = (text ?? '').replace(/[\s\u00a0\u202f'’]/g, '')
  // "149,-" is the Nordic way of writing a whole amount.
  s = s.replace(/[.,]-$/, '')
  if (s.includes('-')) return null
  // Currency before or after the number: kr, kr., DKK, €, ₽, руб.
  s = s.replace(/^\D+/, '').replace(/\D+$/, '')
  if (!/^\d[\d.,]*$/.test(s)) return null
  if (/[.,]{2}/.test(s)) return null

  let intPart = s
  let frac = ''
  const last = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','))
  if (last >= 0) {
    const sep = s[last]
    const other = sep === '.' ? ',' : '.'
    const count = s.split(sep).length - 1
    let decimal: boolean
    if (s.includes(other)) decimal = count === 1
    else if (count > 1) decimal = false
    else decimal = !(s.length - last - 1 === 3 && s.slice(0, last) !== '0')
    if (s.includes(other) && count > 1) return null
    if (decimal) {
      intPart = s.slice(0, last)
      frac = s.slice(last + 1)
    }
    // What is left of the separators groups thousands: 1-3 digits, then threes.
    const groups = intPart.split(/[.,]/)
    if (groups.length > 1) {
      if (new Set(intPart.replace(/\d/g, '')).size > 1) return null
      if (groups[0].length < 1 || groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3)) return null
    }
    intPart = groups.join('')
  }
  if (frac.length > digits) {
    if (/[^0]/.test(frac.slice(digits))) return null
    frac = frac.slice(0, digits)
  }
  const minor = Number(intPart || '0') * 10 ** digits + Number(frac.padEnd(digits, '0') || '0')
  if (!Number.isFinite(minor) || minor > MAX_PRICE_MINOR) return null
  return minor
}

const tagOf = (lang: LanguageCode) => localeTags[lang] ?? 'en-GB'

/** A price for reading: "1.234,50 kr." (da), "1 234,50 ₽" (ru), "€19.95" (en). */
export function formatMoney(minor: number, currency: string, lang: LanguageCode): string {
  const digits = currencyDigits(currency)
  const major = minor / 10 ** digits
  if (!currency) return formatAmount(minor, '', lang)
  try {
    return new Intl.NumberFormat(tagOf(lang), { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(major)
  } catch {
    return `${formatAmount(minor, currency, lang)} ${currency}`
  }
}

/** A price for editing, without the currency: "1.234,50" (da), "1 234,50" (sv), "1,234.50" (en). */
export function formatAmount(minor: number, currency: string, lang: LanguageCode): string {
  const digits = currencyDigits(currency)
  return new Intl.NumberFormat(tagOf(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(minor / 10 ** digits)
}

// ---- Searching ------------------------------------------------------------------

/** Lower case without accents, for searching ("Mørk" and "mørk", "Café" and "cafe"). */
export function fold(s: string): string {
  return (s ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase()
}

/** Does the product match every word of the search (SKU, name, description or category)? */
export function matches(p: Product, search: string): boolean {
  const words = fold(search).split(/\s+/).filter(Boolean)
  if (!words.length) return true
  const hay = fold([p.sku, p.name, p.description, p.category].join('\n'))
  return words.every((w) => hay.includes(w))
}

/** The backend's order: by category, then name, then SKU. */
export function byCategoryAndName(a: Product, b: Product): number {
  const c = a.category.localeCompare(b.category, undefined, { sensitivity: 'base' })
  if (c) return c
  const n = a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })
  if (n) return n
  return a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0
}

// ---- Errors ---------------------------------------------------------------------

/** The product form's fields the backend names in its errors. */
export const productFields = ['sku', 'name', 'description', 'category', 'price'] as const
export type ProductField = (typeof productFields)[number]

export function isProductField(f: string): f is ProductField {
  return (productFields as readonly string[]).includes(f)
}

/**
 * The i18n keys tried for an error of the product form or its picture, most
 * specific first: products.errors.<field>.<code>_<reason>, then
 * products.errors.<field>.<code>. The products screen keeps its own texts
 * (the generic errors.field.name would speak of contacts).
 */
export function productErrorKeys(err: ApiError): string[] {
  if (!err.field) return []
  const keys: string[] = []
  const reason = err.details.reason
  if (reason && /^[a-z][a-z0-9_]*$/.test(reason)) keys.push(`products.errors.${err.field}.${err.code}_${reason}`)
  keys.push(`products.errors.${err.field}.${err.code}`)
  return keys
}

/** Translates a product error; fallback handles what the products texts do not cover. */
export function productErrorText(err: ApiError, i18n: Translator, fallback: (e: ApiError) => string): string {
  const params: Record<string, unknown> = { ...err.details, message: err.message }
  for (const key of productErrorKeys(err)) {
    if (i18n.te(key)) return i18n.t(key, params)
  }
  return fallback(err)
}

// ---- Thumbnails --------------------------------------------------------------------

/** The longest side of a list thumbnail, in pixels (twice the 44 px shown, for sharp screens). */
export const THUMB_PIXELS = 96
const THUMB_CONCURRENCY = 3

/**
 * Makes a small copy of a picture for the list, so hundreds of print-size
 * pictures do not sit in memory. Falls back to the picture itself where
 * there is no canvas (tests).
 */
export async function shrinkDataUrl(url: string, size = THUMB_PIXELS): Promise<string> {
  if (typeof document === 'undefined' || typeof Image === 'undefined') return url
  try {
    const img = new Image()
    img.src = url
    await img.decode()
    const scale = Math.min(1, size / Math.max(img.naturalWidth, img.naturalHeight, 1))
    if (scale >= 1) return url
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale))
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale))
    const ctx = canvas.getContext('2d')
    if (!ctx) return url
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
    return canvas.toDataURL(url.startsWith('data:image/png') ? 'image/png' : 'image/jpeg', 0.85)
  } catch {
    return url
  }
}

/** A picture stored in the workspace ("media:img/..."), rather than a file path from an import. */
export const isStoredPicture = (path: string) => path.startsWith('media:')

// ---- The store ---------------------------------------------------------------------

/** "Pictures from a folder" as the screen shows it. */
export interface FolderJob {
  running: boolean
  done: number
  total: number
}

export type JobResult<T> = { ok: true; value: T } | { ok: false; error: ApiError }

/**
 * The products screen: the whole list (loaded at once and searched here),
 * the category filter, the selection, saving and deleting, thumbnails, and
 * "Pictures from a folder".
 *
 * Changing the search or the category clears the selection, so Delete never
 * reaches products the list no longer shows.
 */
export const useProductsStore = defineStore('products', () => {
  const items = ref<Product[]>([])
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<ApiError | null>(null)
  const search = ref('')
  /** null: every category; "": products without a category. */
  const category = ref<string | null>(null)
  const selected = ref<number[]>([])
  /** Thumbnails by picture reference; "" when the picture could not be shown. */
  const thumbs = ref<Record<string, string>>({})
  const folderJob = ref<FolderJob>({ running: false, done: 0, total: 0 })

  let seq = 0

  onEvent('job:progress', (p) => {
    if (p.job !== PRODUCTS_JOB || !folderJob.value.running) return
    folderJob.value = { running: true, done: p.done, total: p.total }
  })

  /** Each category with how many products it has, by name; "" (no category) last. */
  const categories = computed(() => {
    const counts = new Map<string, number>()
    for (const p of items.value) counts.set(p.category, (counts.get(p.category) ?? 0) + 1)
    return [...counts.entries()]
      .map(([name, count]) => ({ name, count }))
      .sort((a, b) => (a.name === '' ? 1 : b.name === '' ? -1 : a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })))
  })
  /** The category names in use (for the category field's suggestions). */
  const categoryNames = computed(() => categories.value.map((c) => c.name).filter(Boolean))
  const hasFilters = computed(() => !!search.value.trim() || category.value !== null)
  /** The products the list shows. */
  const filtered = computed(() =>
    items.value.filter((p) => (category.value === null || p.category === category.value) && matches(p, search.value)),
  )
  const total = computed(() => items.value.length)
  const activeCount = computed(() => items.value.filter((p) => p.active).length)
  const withoutPicture = computed(() => items.value.filter((p) => !p.imagePath).length)

  /** Loads every product. Answers to older requests are ignored. */
  async function fetch(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const list = await productsApi.list()
      if (mine !== seq) return
      items.value = list
      error.value = null
      loaded.value = true
      // A deleted product cannot stay selected; a category no longer used is no filter.
      const ids = new Set(list.map((p) => p.id))
      selected.value = selected.value.filter((id) => ids.has(id))
      if (category.value !== null && !list.some((p) => p.category === category.value)) category.value = null
    } catch (e) {
      if (mine === seq) error.value = parseError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function setSearch(text: string) {
    if (text === search.value) return
    search.value = text
    selected.value = []
  }

  function setCategory(c: string | null) {
    if (c === category.value) return
    category.value = c
    selected.value = []
  }

  function clearFilters() {
    search.value = ''
    category.value = null
    selected.value = []
  }

  function setSelected(ids: number[]) {
    selected.value = [...ids]
  }

  function clearSelection() {
    selected.value = []
  }

  function get(id: number): Product | undefined {
    return items.value.find((p) => p.id === id)
  }

  function put(p: Product) {
    const i = items.value.findIndex((x) => x.id === p.id)
    const next = [...items.value]
    if (i >= 0) next[i] = p
    else next.push(p)
    items.value = next.sort(byCategoryAndName)
  }

  /** Creates (id 0) or updates a product and shows it in the list. Rejects with ApiError (field: sku, name, ...). */
  async function save(p: Product): Promise<Product> {
    const saved = await productsApi.save(p)
    put(saved)
    return saved
  }

  /** Puts a product on sale or takes it off at once; back as it was when saving fails. */
  async function setActive(id: number, active: boolean): Promise<void> {
    const before = get(id)
    if (!before || before.active === active) return
    put({ ...before, active })
    try {
      put(await productsApi.save({ ...before, active }))
    } catch (e) {
      const now = get(id)
      if (now) put({ ...now, active: before.active })
      throw parseError(e)
    }
  }

  /** Deletes products; resolves to how many were deleted. */
  async function remove(ids: number[]): Promise<number> {
    const n = await productsApi.remove(ids)
    const gone = new Set(ids)
    items.value = items.value.filter((p) => !gone.has(p.id))
    selected.value = selected.value.filter((id) => !gone.has(id))
    if (category.value !== null && !items.value.some((p) => p.category === category.value)) category.value = null
    return n
  }

  /** Gives the products the pictures in a folder named like their SKUs, then reloads the list. */
  async function imagesFromFolder(dir: string): Promise<JobResult<ProductImageResult>> {
    if (folderJob.value.running) return { ok: false, error: new ApiError('conflict', 'Pictures are being added already.') }
    folderJob.value = { running: true, done: 0, total: items.value.length }
    try {
      const value = await productsApi.imagesFromFolder(dir)
      await fetch()
      return { ok: true, value }
    } catch (e) {
      return { ok: false, error: parseError(e) }
    } finally {
      folderJob.value = { running: false, done: 0, total: 0 }
    }
  }

  // Thumbnails load a few at a time, each picture once however many products show it.
  const queue: string[] = []
  const pending = new Set<string>()
  let inFlight = 0

  function pump() {
    while (inFlight < THUMB_CONCURRENCY && queue.length) {
      const ref = queue.shift()!
      inFlight++
      void (async () => {
        let url = ''
        try {
          // The backend scales it: a print-size picture never reaches the page.
          url = await productsApi.thumbnail(ref, THUMB_PIXELS)
        } catch {
          url = ''
        }
        thumbs.value = { ...thumbs.value, [ref]: url }
        pending.delete(ref)
        inFlight--
        pump()
      })()
    }
  }

  /** Asks for a stored picture's thumbnail; thumbs[ref] holds it once loaded. */
  function loadThumb(ref: string) {
    if (!isStoredPicture(ref) || ref in thumbs.value || pending.has(ref)) return
    pending.add(ref)
    queue.push(ref)
    pump()
  }

  /** A picture the user just chose: shown at once, without asking the backend again. */
  function rememberThumb(ref: string, url: string) {
    if (!isStoredPicture(ref) || !url) return
    void shrinkDataUrl(url).then((small) => {
      thumbs.value = { ...thumbs.value, [ref]: small }
    })
  }

  return {
    items,
    loading,
    loaded,
    error,
    search,
    category,
    selected,
    thumbs,
    folderJob,
    categories,
    categoryNames,
    hasFilters,
    filtered,
    total,
    activeCount,
    withoutPicture,
    fetch,
    setSearch,
    setCategory,
    clearFilters,
    setSelected,
    clearSelection,
    get,
    save,
    setActive,
    remove,
    imagesFromFolder,
    loadThumb,
    rememberThumb,
  }
})
