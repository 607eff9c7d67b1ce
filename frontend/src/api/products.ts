import * as D from '../../wailsjs/go/app/Documents'
import * as P from '../../wailsjs/go/app/Products'
import type { marketing } from '../../wailsjs/go/models'
import { call } from './call'

// The products screen: the whole list (a shop has hundreds, not millions),
// the categories in use, saving one product, deleting several, and giving
// products the pictures in a folder named like their SKUs (desktop only;
// job "products"). A single picture is stored with addImage (Documents) and
// shown with image: both re-exported here so the screen has one import.
//
// Products go to the backend as plain JSON, not through the generated
// marketing.Product class (see api/segments.ts for why).

export { addImage, image, chooseFolder } from './documents'

/** A stored picture scaled by the backend to at most px on its long side (a data: URL). */
export async function thumbnail(ref: string, px: number): Promise<string> {
  return call(D.Thumbnail(ref, px))
}

/** Stops a running imagesFromFolder; what was matched before stays. */
export async function cancelFolder(): Promise<boolean> {
  return call(P.Cancel())
}

/** An amount in minor units (øre, öre, kopeks) of a currency (ISO 4217). */
export interface Money {
  minor: number
  currency: string
}

export interface Product {
  id: number
  sku: string
  name: string
  description: string
  category: string
  price: Money
  /** "media:img/..." for a stored picture, a file path from an import, or "". */
  imagePath: string
  /** For sale: only active products go into catalogs. */
  active: boolean
}

/** What a folder of pictures gave the products. */
export interface ProductImageResult {
  /** How many products got a picture. */
  matched: number
  /** SKUs with no picture of that name in the folder. */
  unmatched: string[]
  /** Files that were not usable pictures. */
  failed: string[]
}

/** The job name of imagesFromFolder's progress events. */
export const PRODUCTS_JOB = 'products'

/** An empty product, as "Add product" starts. */
export function emptyProduct(currency = ''): Product {
  return { id: 0, sku: '', name: '', description: '', category: '', price: { minor: 0, currency }, imagePath: '', active: true }
}

/** Fills the gaps the backend may leave. */
export function normalizeProduct(p: Partial<Product> | null | undefined): Product {
  const base = emptyProduct()
  return {
    id: p?.id ?? 0,
    sku: p?.sku ?? '',
    name: p?.name ?? '',
    description: p?.description ?? '',
    category: p?.category ?? '',
    price: { minor: p?.price?.minor ?? 0, currency: p?.price?.currency ?? base.price.currency },
    imagePath: p?.imagePath ?? '',
    active: p?.active ?? true,
  }
}

const wire = (p: Product) => JSON.parse(JSON.stringify(p)) as marketing.Product

/** Every product, by category and name. */
export async function list(): Promise<Product[]> {
  const out = (await call(P.List())) as unknown as Product[] | null
  return (out ?? []).map(normalizeProduct)
}

/** The categories in use. */
export async function categories(): Promise<string[]> {
  return (await call(P.Categories())) ?? []
}

/**
 * Creates (id 0) or updates a product; resolves to it as stored (trimmed, the
 * workspace's currency when none was given). Rejects with an ApiError whose
 * field names the problem: sku (invalid; conflict = the SKU is taken), name,
 * description, category, price.
 */
export async function save(p: Product): Promise<Product> {
  return normalizeProduct((await call(P.Save(wire(p)))) as unknown as Product)
}

/** Deletes products; resolves to how many were deleted. Orders keep naming their SKUs. */
export async function remove(ids: number[]): Promise<number> {
  return (await call(P.Delete(ids))) ?? 0
}

/**
 * Desktop: gives each product the picture in dir named like its SKU
 * (CLO-001.jpg), storing each picture once. Job "products". Refused in
 * browser mode.
 */
export async function imagesFromFolder(dir: string): Promise<ProductImageResult> {
  const r = (await call(P.ImagesFromFolder(dir))) as unknown as Partial<ProductImageResult> | null
  return { matched: r?.matched ?? 0, unmatched: r?.unmatched ?? [], failed: r?.failed ?? [] }
}
