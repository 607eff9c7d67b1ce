import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { setUpWorkspace, startServer, type Server } from '../helpers/server'

// The products screen against the real backend in browser mode: the demo
// workspace has 42 products in 7 categories (2 not for sale). Screenshots of the list and the edit dialog go to
// e2e/test-results/products (or PRODUCTS_SHOTS) for a look by eye.

test.describe.configure({ mode: 'serial' })

let server: Server
let page: Page
const shots = process.env.PRODUCTS_SHOTS || path.resolve(__dirname, '..', 'test-results', 'products')
const newSku = 'DK-ÆØÅ-1'
const newName = 'Rødgrød med fløde – æøå-skål'

type BackendProduct = { id: number; sku: string; name: string; category: string; price: { minor: number; currency: string }; imagePath: string; active: boolean }

test.beforeAll(async ({ browser }) => {
  mkdirSync(shots, { recursive: true })
  server = await startServer()
  page = await browser.newPage()
  await setUpWorkspace(page, server.url, { language: 'en', demo: 200 })
  await page.getByTestId('nav-products').click()
  await expect(page.getByTestId('screen-title')).toHaveText('Products')
})

test.afterAll(async () => {
  await page?.close()
  await server?.stop()
})

const rows = () => page.getByTestId('product-row')
const rowBySku = (sku: string) => page.locator(`[data-testid="product-row"][data-sku="${sku}"]`)
const dialog = () => page.getByTestId('product-dialog')
const field = (name: string) => page.getByTestId(`field-${name}`)

/** Reads the products straight from the backend, through the same bridge the UI uses. */
async function backendProducts(): Promise<BackendProduct[]> {
  return page.evaluate(async () => {
    const p = (window as unknown as { go: { app: { Products: { List: () => Promise<unknown[]> } } } }).go.app.Products
    return (await p.List()) as never
  })
}
const backendProduct = async (sku: string) => (await backendProducts()).find((p) => p.sku === sku)

/** A 64x64 PNG drawn by the browser: a blue square with a yellow circle. */
async function makePng(): Promise<Buffer> {
  const b64 = await page.evaluate(() => {
    const c = document.createElement('canvas')
    c.width = 64
    c.height = 64
    const g = c.getContext('2d')!
    g.fillStyle = '#2b62c9'
    g.fillRect(0, 0, 64, 64)
    g.fillStyle = '#f2c230'
    g.beginPath()
    g.arc(32, 32, 18, 0, Math.PI * 2)
    g.fill()
    return c.toDataURL('image/png').split(',')[1]
  })
  return Buffer.from(b64, 'base64')
}

async function search(text: string) {
  await page.getByTestId('products-search').fill(text)
}

async function saveDialog() {
  await page.getByTestId('product-save').click()
  await expect(dialog()).toBeHidden()
}

test('lists the demo products with price, category and a for-sale switch', async () => {
  await expect(page.getByTestId('products-total')).toHaveText(/^42 products · 2 not for sale( · \d+ without a picture)?$/)
  await expect(rows()).toHaveCount(42)
  const row = rowBySku('CLO-003')
  await expect(row).toContainText('Lusekofte wool sweater')
  await expect(row).toContainText('Clothing')
  await expect(row.getByTestId('product-price-cell')).toHaveText(/1,499\.00/)
  // The thumbnail shows the stored picture (small), or an empty frame without one.
  const demoPicture = (await backendProduct('CLO-003'))!.imagePath
  const thumb = row.getByTestId('product-thumb')
  if (demoPicture.startsWith('media:')) {
    await expect(thumb).toHaveAttribute('data-state', 'picture')
    await expect(thumb.locator('img')).toHaveAttribute('src', /^data:image\//)
  } else {
    await expect(thumb).toHaveAttribute('data-state', 'none')
  }
  await expect(rowBySku('TEX-006').getByTestId('product-active-switch')).toHaveAttribute('aria-checked', 'false')

  // Seven categories, each a filter.
  await expect(page.getByTestId('category-chip')).toHaveCount(7)
  await page.locator('[data-testid="category-chip"][data-category="Clothing"]').click()
  await expect(rows()).toHaveCount(6)
  await expect(page.getByTestId('products-shown')).toHaveText('showing 6 of 42')
  await page.getByTestId('category-all').click()
  await expect(rows()).toHaveCount(42)

  // Catalogs are made from these products: the hint links to them.
  await expect(page.getByTestId('products-catalog-hint')).toContainText('Catalogs are made from the products that are for sale')
  await expect(page.getByTestId('products-catalog-link')).toHaveAttribute('href', /#\/documents\?tab=catalogs$/)

  // Browser mode: pictures are added one at a time, there is no folder button.
  await expect(page.getByTestId('products-pictures-folder')).toHaveCount(0)
  await expect(page.getByTestId('products-browser-note')).toBeVisible()
  await page.screenshot({ path: path.join(shots, 'list.png') })
})

test('adds a product with Danish letters and a price typed "1.234,50"', async () => {
  await page.getByTestId('new-product').click()
  await expect(dialog()).toBeVisible()
  await expect(page.locator('.n-card-header')).toContainText('New product')

  // Nothing filled in: told at the item number first.
  await page.getByTestId('product-save').click()
  await expect(field('sku')).toContainText('Give the product an item number')

  await page.getByTestId('product-sku').fill(newSku)
  await page.getByTestId('product-name').fill(newName)
  await page.getByTestId('product-category').click()
  // The categories in use are offered.
  const menu = page.locator('.n-base-select-menu:visible')
  await expect(menu).toContainText('Coffee & tea')
  await page.getByTestId('product-category').fill('Gi')
  await menu.locator('.n-base-select-option', { hasText: 'Gifts' }).click()
  await expect(page.getByTestId('product-category')).toHaveValue('Gifts')

  // A price that is not a number is explained at the field.
  await page.getByTestId('product-price').fill('12 kroner og 50 øre')
  await page.getByTestId('product-save').click()
  await expect(field('price')).toContainText('Type the price as a number')
  await page.getByTestId('product-price').fill('1.234,50')
  await expect(field('price')).not.toContainText('Type the price')
  await page.getByTestId('product-description').fill('Håndlavet skål – æøå ÆØÅ.')
  await page.screenshot({ path: path.join(shots, 'new-dialog.png') })
  await saveDialog()

  await expect(page.locator('.n-message', { hasText: `${newName} was added.` })).toBeVisible()
  const row = rowBySku(newSku)
  await expect(row).toContainText(newName)
  await expect(row).toContainText('Gifts')
  await expect(row.getByTestId('product-price-cell')).toHaveText(/1,234\.50/)
  await expect(page.getByTestId('products-total')).toContainText('43 products')

  const stored = await backendProduct(newSku)
  expect(stored).toMatchObject({ name: newName, category: 'Gifts', active: true })
  expect(stored!.price.minor).toBe(123450)
  expect(stored!.price.currency).not.toBe('')
})

test('a SKU another product has is refused at the SKU field', async () => {
  await page.getByTestId('new-product').click()
  await page.getByTestId('product-sku').fill('CLO-001')
  await page.getByTestId('product-name').fill('Another pair of socks')
  await page.getByTestId('product-price').fill('10')
  await page.getByTestId('product-save').click()
  await expect(field('sku')).toContainText('Another product already has the item number CLO-001')
  await expect(dialog()).toBeVisible()
  await expect(page.getByTestId('product-sku')).toBeFocused()
  // Changing the SKU clears the message.
  await page.getByTestId('product-sku').fill('CLO-001b')
  await expect(field('sku')).not.toContainText('Another product')

  // Leaving with changes asks first.
  await page.getByTestId('product-cancel').click()
  await page.locator('.n-dialog').getByRole('button', { name: 'Discard changes' }).click()
  await expect(dialog()).toBeHidden()
  expect((await backendProducts()).filter((p) => p.sku.startsWith('CLO-001'))).toHaveLength(1)
})

test('edits a product', async () => {
  await rowBySku(newSku).getByTestId('product-name-cell').click()
  await expect(dialog()).toBeVisible()
  await expect(page.locator('.n-card-header')).toContainText('Edit product')
  await expect(page.getByTestId('product-sku')).toHaveValue(newSku)
  await expect(page.getByTestId('product-price')).toHaveValue('1,234.50')
  await page.getByTestId('product-name').fill('Rødgrødsskål, æøå')
  await page.getByTestId('product-price').fill('999,-')
  await page.getByTestId('product-active').click()
  await saveDialog()

  const row = rowBySku(newSku)
  await expect(row).toContainText('Rødgrødsskål, æøå')
  await expect(row.getByTestId('product-price-cell')).toHaveText(/999\.00/)
  await expect(row.getByTestId('product-active-switch')).toHaveAttribute('aria-checked', 'false')
  const stored = await backendProduct(newSku)
  expect(stored).toMatchObject({ name: 'Rødgrødsskål, æøå', active: false })
  expect(stored!.price.minor).toBe(99900)

  // The switch in the list puts it on sale again at once.
  await row.getByTestId('product-active-switch').click()
  await expect(row.getByTestId('product-active-switch')).toHaveAttribute('aria-checked', 'true')
  await expect.poll(async () => (await backendProduct(newSku))?.active).toBe(true)
})

test('a picture is uploaded, previewed and shown in the list', async () => {
  const png = await makePng()
  const before = (await backendProduct('CLO-001'))!.imagePath
  await rowBySku('CLO-001').getByTestId('product-name-cell').click()
  await expect(dialog()).toBeVisible()
  const chooser = page.waitForEvent('filechooser')
  await page.getByTestId('product-picture-choose').click()
  await (await chooser).setFiles({ name: 'CLO-001.png', mimeType: 'image/png', buffer: png })
  await expect(page.getByTestId('product-picture-preview')).toHaveAttribute('src', /^data:image\/png;base64,/)
  await expect(page.getByTestId('product-picture-remove')).toBeVisible()
  await page.screenshot({ path: path.join(shots, 'edit-dialog.png') })
  await saveDialog()

  const thumb = rowBySku('CLO-001').getByTestId('product-thumb')
  await expect(thumb).toHaveAttribute('data-state', 'picture')
  await expect(thumb.locator('img')).toHaveAttribute('src', /^data:image\/png/)
  const stored = (await backendProduct('CLO-001'))!.imagePath
  expect(stored).toMatch(/^media:img\//)
  expect(stored).not.toBe(before)

  // Something that is not a picture is refused, in words.
  await rowBySku('CLO-002').getByTestId('product-name-cell').click()
  const chooser2 = page.waitForEvent('filechooser')
  await page.getByTestId('product-picture-choose').click()
  await (await chooser2).setFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') })
  await expect(page.getByTestId('product-picture-error')).toContainText('notes.png is not a JPEG or PNG picture')
  await page.getByTestId('product-cancel').click()
  await expect(dialog()).toBeHidden()
  await rowBySku('CLO-001').scrollIntoViewIfNeeded()
  await page.screenshot({ path: path.join(shots, 'list-with-picture.png') })
})

test('search finds products by name, item number and Danish letters', async () => {
  await search('æøå')
  await expect(rows()).toHaveCount(1)
  await expect(rows().first()).toHaveAttribute('data-sku', newSku)
  await search('mørk')
  await expect(rows()).toHaveCount(1)
  await expect(rows().first()).toHaveAttribute('data-sku', 'COF-002')
  await search('kit-00')
  await expect(rows()).toHaveCount(6)
  await search('no such thing')
  await expect(rows()).toHaveCount(0)
  await expect(page.getByTestId('products-no-match')).toBeVisible()
  await page.getByTestId('products-no-match').getByRole('button').click()
  await expect(page.getByTestId('products-search')).toHaveValue('')
  await expect(rows()).toHaveCount(43)
})

test('deletes a product from its dialog, and several selected ones together', async () => {
  await rowBySku(newSku).getByTestId('product-name-cell').click()
  await page.getByTestId('product-delete').click()
  const confirm = page.getByTestId('product-delete-dialog')
  await expect(confirm).toBeVisible()
  await expect(page.locator('.n-dialog__title')).toContainText('Delete Rødgrødsskål, æøå?')
  await page.getByTestId('product-delete-confirm').click()
  await expect(confirm).toBeHidden()
  await expect(dialog()).toBeHidden()
  await expect(rowBySku(newSku)).toHaveCount(0)
  await expect(page.getByTestId('products-total')).toContainText('42 products')

  for (const sku of ['GAR-005', 'GAR-006']) await rowBySku(sku).locator('.n-checkbox').click()
  await expect(page.getByTestId('products-selected')).toHaveText('2 selected')
  await page.getByTestId('products-delete-selected').click()
  await expect(confirm).toContainText('GAR-005')
  await expect(confirm).toContainText('GAR-006')
  // Cancelling keeps them.
  await page.getByTestId('product-delete-cancel').click()
  await expect(confirm).toBeHidden()
  await expect(rowBySku('GAR-005')).toHaveCount(1)
  // The dialog opens again with its transition: click once it has settled
  // (a click during the fade could land on the closing one).
  await page.getByTestId('products-delete-selected').click()
  await expect(confirm).toBeVisible()
  await expect(confirm).toContainText('GAR-006')
  await page.getByTestId('product-delete-confirm').click()
  await expect(page.locator('.n-message', { hasText: '2 products deleted.' })).toBeVisible()
  await expect(rowBySku('GAR-005')).toHaveCount(0)
  await expect(page.getByTestId('products-total')).toContainText('40 products')
  const skus = (await backendProducts()).map((p) => p.sku)
  expect(skus).toHaveLength(40)
  expect(skus).not.toContain('GAR-005')
  expect(skus).not.toContain(newSku)
})

test('exports the products as a CSV file', async () => {
  const download = page.waitForEvent('download')
  await page.getByTestId('products-export').click()
  await page.getByTestId('products-export-csv').click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/\.csv$/)
  const chunks: Buffer[] = []
  for await (const c of await file.createReadStream()) chunks.push(Buffer.from(c as Buffer))
  const text = Buffer.concat(chunks).toString('utf8')
  expect(text).toContain('CLO-001')
  expect(text).not.toContain('GAR-005')
  await expect(page.locator('.n-message', { hasText: '40 products exported' })).toBeVisible()
})

test('"Import from a spreadsheet" opens the import screen set to products', async () => {
  await page.getByTestId('products-import').click()
  await expect(page.getByTestId('screen-title')).toHaveText('Import & export')
  await expect(page.getByTestId('import-kind-products')).toHaveAttribute('aria-checked', 'true')
  await page.getByTestId('nav-products').click()
  await expect(rows()).toHaveCount(40)
})

test('"Pictures from a folder" shows progress and what matched (desktop, folder dialog and job stubbed)', async () => {
  // Browser mode refuses reading folders, so the desktop bridge is stood in
  // for: the folder dialog answers a folder, the job reports progress and a result.
  await page.getByTestId('nav-home').click()
  await page.evaluate(() => {
    type Bridge = Record<string, Record<string, Record<string, unknown>>>
    const w = window as unknown as { go: Bridge; realGo?: Bridge; directdeskBrowserMode?: boolean; runtime: { EventsEmit: (n: string, d: unknown) => void } }
    const real = w.go
    w.realGo = real
    const stubs: Record<string, unknown> = {
      'app.Files.ChooseFolder': async () => '/home/shop/Pictures/products',
      'app.Products.ImagesFromFolder': () =>
        new Promise((resolve) => {
          w.runtime.EventsEmit('job:progress', { job: 'products', done: 17, total: 40 })
          setTimeout(() => resolve({ matched: 35, unmatched: ['GAR-001', 'GAR-002', 'GIF-004', 'KIT-006'], failed: ['CLO-003.jpg'] }), 1500)
        }),
    }
    w.go = new Proxy({} as Bridge, {
      get: (_, pkg: string) =>
        new Proxy({}, { get: (_, struct: string) => new Proxy({}, { get: (_, m: string) => stubs[`${pkg}.${struct}.${m}`] ?? real[pkg][struct][m] }) }),
    })
    w.directdeskBrowserMode = false
  })
  try {
    await page.getByTestId('nav-products').click()
    await expect(page.getByTestId('products-browser-note')).toHaveCount(0)
    await page.getByTestId('products-pictures-folder').click()
    const box = page.getByTestId('pictures-folder-dialog')
    await expect(box).toContainText('name each file after the product')
    await expect(box).toContainText(/For example: [A-Z]{3}-\d{3}\.jpg/)
    await page.getByTestId('pictures-folder-choose').click()
    await expect(page.getByTestId('pictures-folder-progress')).toContainText('17 of 40 products')
    await page.screenshot({ path: path.join(shots, 'folder-progress.png') })
    await expect(page.getByTestId('pictures-folder-matched')).toHaveText('35 products got a picture.')
    await expect(page.getByTestId('pictures-folder-unmatched')).toContainText('4 products have no picture in the folder:')
    await expect(page.getByTestId('pictures-folder-unmatched')).toContainText('GIF-004')
    await expect(page.getByTestId('pictures-folder-failed')).toContainText('1 file could not be read:')
    await expect(page.getByTestId('pictures-folder-failed')).toContainText('CLO-003.jpg')
    await page.waitForTimeout(400) // let the buttons finish their transition
    await page.screenshot({ path: path.join(shots, 'folder-result.png') })
    await page.getByTestId('pictures-folder-close').click()
    await expect(box).toBeHidden()
  } finally {
    await page.evaluate(() => {
      const w = window as unknown as { go: unknown; realGo?: unknown; directdeskBrowserMode?: boolean }
      if (w.realGo) w.go = w.realGo
      w.directdeskBrowserMode = true
    })
  }
})

test('the help explains SKUs, prices and pictures', async () => {
  await page.getByTestId('help-button').click()
  const help = page.getByTestId('help-drawer')
  await expect(page.locator('.n-drawer-header')).toContainText('About products')
  await expect(help).toContainText('CLO-001.jpg')
  await page.waitForTimeout(400) // the drawer slides in
  await page.screenshot({ path: path.join(shots, 'help.png') })
  await page.keyboard.press('Escape')
  await expect(help).toBeHidden()
})

test('the screen reads well in Danish', async () => {
  await page.evaluate(async () => {
    type W = { Settings: () => Promise<Record<string, unknown>>; SaveSettings: (s: Record<string, unknown>) => Promise<unknown> }
    const ws = (window as unknown as { go: { app: { Workspace: W } } }).go.app.Workspace
    const s = await ws.Settings()
    s.language = 'da'
    await ws.SaveSettings(s)
  })
  await page.reload()
  await expect(page.getByTestId('screen-title')).toHaveText('Varer')
  await expect(page.getByTestId('products-total')).toContainText('40 varer')
  await expect(rowBySku('CLO-003').getByTestId('product-price-cell')).toHaveText(/1\.499,00/)
  await page.screenshot({ path: path.join(shots, 'list-da.png') })
  await rowBySku('CLO-001').getByTestId('product-name-cell').click()
  await expect(page.getByTestId('product-price')).toHaveValue(/149,00/)
  await page.screenshot({ path: path.join(shots, 'edit-dialog-da.png') })
  await page.getByTestId('product-cancel').click()
})

test('an empty workspace says how to get products in', async ({ browser }) => {
  const empty = await startServer()
  const p = await browser.newPage()
  try {
    await setUpWorkspace(p, empty.url, { language: 'en' })
    await p.getByTestId('nav-products').click()
    const state = p.getByTestId('products-empty')
    await expect(state).toContainText('No products yet')
    await expect(state).toContainText('import your product list from a spreadsheet')
    await expect(p.getByTestId('products-empty-import')).toBeVisible()
    await expect(p.getByTestId('products-empty-add')).toBeVisible()
    await p.screenshot({ path: path.join(shots, 'empty.png') })
    await p.getByTestId('products-empty-add').click()
    await expect(p.getByTestId('product-dialog')).toBeVisible()
  } finally {
    await p.close()
    await empty.stop()
  }
})
