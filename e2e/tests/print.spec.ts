import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { expect, test, type Download, type Page } from '@playwright/test'
import { setUpWorkspace, startServer, type Server } from '../helpers/server'
import { saveSegment } from '../helpers/segments'

// The Labels and Catalogs tabs of "Letters & print" against the real
// backend: labels on a partly used L7163 sheet, and a catalog with a variant
// for each of two segments, checked in the PDFs the generate dialog makes
// (pdftotext from poppler-utils).

test.describe.configure({ mode: 'serial' })

const CONTACTS = 60
let server: Server
let page: Page

test.beforeAll(async ({ browser }) => {
  server = await startServer()
  page = await browser.newPage()
  await setUpWorkspace(page, server.url, { language: 'en', demo: CONTACTS })
})

test.afterAll(async () => {
  await page?.close()
  await server?.stop()
})

async function openTab(name: 'labels' | 'catalogs') {
  await page.getByTestId('nav-documents').click()
  await expect(page.getByTestId('screen-title')).toHaveText('Letters & print')
  await page.getByTestId(`documents-tab-${name}`).click()
  await expect(page.getByTestId(`documents-tab-${name}`)).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId(name === 'labels' ? 'labels-tab' : 'catalog-tab')).toBeVisible()
}

/** Picks an option of the open select menu by its text. */
async function choose(text: string | RegExp) {
  // A menu that is still fading out can hold an option with the same text:
  // pick the one that is visible.
  await page.locator('.n-base-select-menu .n-base-select-option:visible').filter({ hasText: text }).first().click()
}

/**
 * Runs the open generate dialog for everyone and returns the downloaded PDF's
 * path (kept in the test's results folder) and how many recipients it says it made.
 */
async function generatePdf(name: string): Promise<{ file: string; recipients: number }> {
  await expect(page.getByTestId('generate-dialog')).toBeVisible()
  await page.getByTestId('generate-run').click()
  await expect(page.getByTestId('generate-summary')).toBeVisible({ timeout: 120_000 })
  const download: Promise<Download> = page.waitForEvent('download')
  await page.getByTestId('generate-download').click()
  const file = await download
  const out = test.info().outputPath(name)
  await file.saveAs(out)
  const recipients = Number(((await page.getByTestId('generate-recipients').textContent()) ?? '').replace(/\D/g, ''))
  return { file: out, recipients }
}

function pdfText(file: string, args: string[] = ['-layout']): string {
  return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
}

interface Block {
  page: number
  x: number
  y: number
  text: string
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')

/** The text blocks of each page with their top-left corner in points (pdftotext -bbox-layout). */
function blocks(file: string): Block[] {
  const html = pdfText(file, ['-bbox-layout'])
  const out: Block[] = []
  const pages = html.split('<page ').slice(1)
  pages.forEach((p, i) => {
    for (const m of p.matchAll(/<block xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([\s\S]*?)<\/block>/g)) {
      const words = [...m[3].matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => decode(w[1]))
      out.push({ page: i + 1, x: Number(m[1]), y: Number(m[2]), text: words.join(' ') })
    }
  })
  return out
}

const mmToPt = (mm: number) => (mm * 72) / 25.4

test('labels: an L7163 sheet started at label 5 prints 10 labels on the first page', async () => {
  await openTab('labels')
  await page.getByTestId('labels-sheet-L7163').click()
  await expect(page.getByTestId('labels-sheet-L7163')).toHaveAttribute('aria-checked', 'true')
  await expect(page.getByTestId('label-slot')).toHaveCount(14)

  // Labels 1–4 are gone: click the fifth in the drawing.
  await page.locator('[data-testid="label-slot"][data-index="5"]').click()
  await expect(page.locator('[data-testid="label-slot"][data-index="5"]')).toHaveAttribute('aria-checked', 'true')
  await expect(page.getByTestId('labels-start').locator('input')).toHaveValue('5')
  await expect(page.getByTestId('labels-first-page')).toContainText('Labels 1–4 are left empty.')
  await expect(page.getByTestId('labels-first-page')).toContainText('The first sheet gets 10 labels.')
  await expect(page.getByTestId('labels-preview-summary')).toHaveText('Starts at label 5 · 10 labels on the first sheet')
  // The keyboard moves the start too.
  await page.locator('[data-testid="label-slot"][data-index="5"]').press('ArrowRight')
  await expect(page.getByTestId('labels-start').locator('input')).toHaveValue('6')
  await page.locator('[data-testid="label-slot"][data-index="6"]').press('ArrowLeft')
  await expect(page.getByTestId('labels-start').locator('input')).toHaveValue('5')
  // The drawing shows the first address on the starting label.
  const first = (await page.locator('[data-testid="label-slot"][data-index="5"] .line').first().textContent())?.trim() ?? ''
  expect(first).not.toBe('')

  await expect(page.getByTestId('labels-unsaved')).toBeVisible()
  await page.getByTestId('labels-generate').click()
  await expect(page.getByText('Label layout “Address labels” saved')).toBeVisible()
  await expect(page.getByTestId('labels-unsaved')).toBeHidden()
  const { file, recipients } = await generatePdf('labels.pdf')

  const text = pdfText(file)
  expect(text).toContain(first)
  const all = blocks(file)
  const page1 = all.filter((b) => b.page === 1)
  expect(page1).toHaveLength(10)
  // Rows 1 and 2 (labels 1–4) stay empty: every label starts below them.
  const row3 = mmToPt(15.15 + 2 * 38.1)
  for (const b of page1) expect(b.y).toBeGreaterThan(row3)
  // Left and right column are both used.
  expect(page1.some((b) => b.x < mmToPt(100))).toBe(true)
  expect(page1.some((b) => b.x > mmToPt(105))).toBe(true)
  // The next sheet starts at the top with up to 14 labels.
  const page2 = all.filter((b) => b.page === 2)
  expect(page2.length).toBeGreaterThan(0)
  expect(page2.length).toBeLessThanOrEqual(14)
  expect(Math.min(...page2.map((b) => b.y))).toBeLessThan(mmToPt(15.15 + 38.1))
  expect(all[0].text).toContain(first)
  // One label per recipient with an address.
  expect(all).toHaveLength(recipients)

  await page.keyboard.press('Escape')
  await expect(page.getByTestId('generate-summary')).toBeHidden()

  // The rest of the last sheet can be used next time.
  const last = ((4 + recipients - 1) % 14) + 1
  if (last < 14) {
    await expect(page.getByTestId('labels-leftover')).toContainText(`still has labels ${last + 1}–14 free`)
    await page.getByTestId('labels-leftover-use').click()
    await expect(page.getByTestId('labels-start').locator('input')).toHaveValue(String(last + 1))
    await expect(page.getByTestId('labels-unsaved')).toBeVisible()
    await expect(page.getByTestId('labels-save')).toBeEnabled()
  }
  await page.screenshot({ path: test.info().outputPath('labels-tab.png') })
})

test('catalog for two segments: each gets its own categories and prices, with its response code', async () => {
  test.setTimeout(180_000)
  await saveSegment(page, '60+', { all: [{ field: 'age', op: 'atLeast', values: ['60'] }] })
  await saveSegment(page, 'Young families', { all: [{ field: 'age', op: 'between', values: ['25', '40'] }] })
  await page.reload()
  await openTab('catalogs')
  await expect(page.getByTestId('catalog-variant')).toHaveCount(0)
  await expect(page.getByTestId('catalog-variant-rest')).toContainText(/Everyone\s*→\s*all categories\s*·\s*list prices/)

  // Variant 1: 60+ get the garden things at 10 % off.
  await page.getByTestId('catalog-add-variant').click()
  const v1 = page.getByTestId('catalog-variant').nth(0)
  await v1.getByTestId('catalog-variant-segment').click()
  await choose(/^60\+$/)
  await v1.getByTestId('catalog-variant-categories').click()
  await choose(/^Garden/)
  await page.keyboard.press('Escape')
  await v1.getByTestId('catalog-variant-discount').locator('input').fill('10')
  await v1.getByTestId('catalog-variant-discount').locator('input').blur()
  await expect(v1.getByTestId('catalog-variant-headline')).toHaveText(/60\+\s*→\s*Garden\s*·\s*10 % off/)
  await expect(v1.getByTestId('catalog-variant-summary')).toContainText('6 products')
  await expect(v1.getByTestId('catalog-variant-example')).toContainText('→')

  // Variant 2: young families get kitchen things and gifts, in that order.
  await page.getByTestId('catalog-add-variant').click()
  const v2 = page.getByTestId('catalog-variant').nth(1)
  await expect(v2.getByTestId('catalog-variant-segment')).toContainText('Young families')
  await v2.getByTestId('catalog-variant-categories').click()
  await choose(/^Kitchen/)
  await choose(/^Gifts/)
  await page.keyboard.press('Escape')
  await expect(v2.getByTestId('catalog-variant-headline')).toHaveText(/Young families\s*→\s*Kitchen, Gifts\s*·\s*list prices/)
  // Everyone else gets everything.
  await expect(page.getByTestId('catalog-variant-rest')).toContainText(/Everyone else\s*→\s*all categories\s*·\s*list prices/)

  // Order matters: moving a card changes who comes first; move it back.
  await v2.getByTestId('catalog-variant-up').click()
  await expect(page.getByTestId('catalog-variant').nth(0).getByTestId('catalog-variant-headline')).toContainText('Young families')
  await page.getByTestId('catalog-variant').nth(1).getByTestId('catalog-variant-up').click()
  await expect(page.getByTestId('catalog-variant').nth(0).getByTestId('catalog-variant-headline')).toContainText('60+')

  await page.getByTestId('catalog-save').click()
  await expect(page.getByText('Catalog “Product catalog” saved')).toBeVisible()

  // The preview says which catalog a contact of each segment gets.
  const preview = page.getByTestId('catalog-preview')
  const result = page.getByTestId('catalog-preview-result')
  await preview.getByTestId('catalog-preview-from').click()
  await choose(/^60\+$/)
  await expect(result).toHaveAttribute('data-variant', '0')
  await expect(result).toContainText('60+')
  await expect(page.getByTestId('catalog-preview-outline')).toContainText('Garden')
  await expect(page.getByTestId('catalog-preview-outline')).not.toContainText('Kitchen')
  await expect(page.getByTestId('catalog-variant').nth(0)).toHaveClass(/highlighted/)
  const senior = (await page.getByTestId('catalog-preview-name').textContent())?.trim() ?? ''
  expect(senior).not.toBe('…')

  await preview.getByTestId('catalog-preview-from').click()
  await choose(/^Young families$/)
  await expect(result).toHaveAttribute('data-variant', '1')
  await expect(result).toContainText('Young families')
  await expect(page.getByTestId('catalog-variant').nth(1)).toHaveClass(/highlighted/)
  const family = (await page.getByTestId('catalog-preview-name').textContent())?.trim() ?? ''
  expect(family).not.toBe(senior)
  // The letter is theirs: the salutation names them.
  await expect(page.getByTestId('catalog-preview-letter')).toContainText(family.split(' ')[0])

  await page.screenshot({ path: test.info().outputPath('catalog-tab.png') })
  await page.getByTestId('catalog-generate').click()
  const { file, recipients } = await generatePdf('catalogs.pdf')

  // One catalog per recipient: each begins with the cover "Specially for <name>" (in their language).
  const pages = pdfText(file).split('\f')
  const forLine = /(?:Specially for|Specielt til|Speciellt för|Spesielt for|Специально для) (.+)/
  const catalogs: { name: string; text: string }[] = []
  for (const p of pages) {
    const m = forLine.exec(p)
    if (m) catalogs.push({ name: m[1].trim(), text: p })
    else if (catalogs.length) catalogs[catalogs.length - 1].text += '\f' + p
  }
  expect(catalogs.length).toBe(recipients)
  writeFileSync(test.info().outputPath('catalogs.txt'), pages.join('\f'))

  const of = (name: string) => {
    const c = catalogs.find((x) => x.name === name)
    expect(c, `a catalog for ${name}`).toBeTruthy()
    return c!.text
  }
  // 60+: the garden products at 10 % off (bird feeder 179.00 → 161.00, rounded to whole kroner), nothing else.
  const seniorText = of(senior)
  expect(seniorText).toContain('Bird feeder Mejse')
  expect(seniorText).toMatch(/161[.,]00/)
  expect(seniorText).toMatch(/179[.,]00/) // the list price, struck through
  expect(seniorText).not.toContain('Stoneware mug Hygge')
  expect(seniorText).not.toContain('Morgenkaffe')
  // Young families: kitchen and gifts at list prices, no garden.
  const familyText = of(family)
  expect(familyText).toContain('Stoneware mug Hygge')
  expect(familyText).toContain('Dala horse')
  expect(familyText).not.toContain('Bird feeder Mejse')
  expect(familyText).not.toMatch(/161[.,]00/)
  // Someone in neither segment gets every category.
  const rest = catalogs.find((c) => c.text.includes('Morgenkaffe'))
  expect(rest).toBeTruthy()
  expect(rest!.text).toContain('Bird feeder Mejse')

  // Every catalog carries its recipient's own response code: in the letter and on the reply card.
  const codes = catalogs.map((c) => {
    const found = [...c.text.matchAll(/\b[A-Z0-9]{4}-[A-Z0-9]{3}\b/g)].map((m) => m[0])
    expect(found.length, `codes in the catalog for ${c.name}`).toBeGreaterThanOrEqual(2)
    expect(new Set(found).size, `one code for ${c.name}`).toBe(1)
    return found[0]
  })
  expect(new Set(codes).size).toBe(codes.length)
})

test('without products the catalog tab says where to add them; without contacts the labels show an example', async ({ browser }) => {
  const empty = await startServer()
  const p = await browser.newPage()
  try {
    await setUpWorkspace(p, empty.url, { language: 'en' })
    await p.getByTestId('nav-documents').click()
    await p.getByTestId('documents-tab-labels').click()
    await expect(p.getByTestId('labels-tab')).toContainText('No contacts with an address yet, so the picture shows an example.')
    await expect(p.locator('[data-testid="label-slot"][aria-checked="true"]')).toContainText('Anna Jensen')

    await p.getByTestId('documents-tab-catalogs').click()
    const none = p.getByTestId('catalog-no-products')
    await expect(none).toContainText('No products yet')
    await expect(none).toContainText('Import them from a spreadsheet or add them on the Products screen first.')
    await expect(p.getByTestId('catalog-generate')).toBeDisabled()
    await p.getByTestId('catalog-go-products').click()
    await expect(p).toHaveURL(/#\/products/)
  } finally {
    await p.close()
    await empty.stop()
  }
})
