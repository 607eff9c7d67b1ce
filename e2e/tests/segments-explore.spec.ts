import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { binary, setUpWorkspace, startServer, type Server } from '../helpers/server'
import { choose as chooseIn, downloadText, exportAs, pickValues, setField as setFieldIn, settledCount as settled, showView } from '../helpers/segments'

// The micromarketing scenario against the real backend: women 30-45
// in Region Hovedstaden who are Direktør or Indehaver and bought in the last
// year; counted, saved, explored by age group x region, a cell made into a
// micro-segment, a 10 % control group held out, exported to .xlsx and as a
// hashed Meta audience; then compared, split by region and explored in
// Swedish. A bigger demo (100,000 contacts) so the segment has a few dozen
// people and a 10 % control group has someone in it.

const region = 'Region Hovedstaden'
const segmentName = 'Owners 30–45 in Hovedstaden, bought this year'
const demoSize = 100_000

test.describe.configure({ mode: 'serial' })

let server: Server
let page: Page
let dataDir = ''
let expected = 0
let buyersLastYear = 0

const filter = (extra: object[] = []) => ({
  v: 1,
  root: {
    all: [
      { field: 'age', op: 'between', values: ['30', '45'] },
      { field: 'gender', op: 'in', values: ['female'] },
      { field: 'region', op: 'in', values: [region] },
      { field: 'jobTitle', op: 'in', values: ['Direktør', 'Indehaver'] },
      ...extra,
    ],
  },
})

function cli(args: string[]): string {
  return execFileSync(binary, args, { env: { ...process.env, LANG: 'en_US.UTF-8' }, encoding: 'utf8' })
}

function cliCount(f: object): number {
  const file = path.join(dataDir, `filter-${Date.now()}.json`)
  writeFileSync(file, JSON.stringify(f))
  return (JSON.parse(cli(['segment', 'count', '--data', dataDir, '--json', '--filter', file])) as { count: number }).count
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(150_000)
  dataDir = mkdtempSync(path.join(tmpdir(), 'directdesk-e2e-explore-'))
  cli(['demo', '--data', dataDir, '--contacts', String(demoSize), '--quiet'])
  expected = cliCount(filter([{ field: 'orderCount', op: 'atLeast', values: ['1'], days: 365 }]))
  buyersLastYear = cliCount({ v: 1, root: { all: [{ field: 'lastOrder', op: 'withinDays', values: ['365'] }] } })
  expect(expected).toBeGreaterThan(20)

  server = await startServer({ dataDir })
  page = await browser.newPage()
  await setUpWorkspace(page, server.url, { language: 'en' })
})

test.afterAll(async () => {
  await page?.close()
  await server?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

const conditions = () => page.getByTestId('segment-condition')
const choose = (text: string | RegExp) => chooseIn(page, text)
const setField = (row: Locator, label: string) => setFieldIn(page, row, label)
const settledCount = () => settled(page)
const nf = (n: number) => new Intl.NumberFormat('en-GB').format(n)
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** The scenario's segment in the side panel (not the micro-segment named after it). */
const scenarioItem = () => page.getByTestId('segment-item').filter({ hasText: new RegExp(`^${escape(segmentName)}\\s*\\d`) })
/** Picks the explorer's rows or columns by name, and waits for the menu to close. */
async function pickDim(which: 'rows' | 'cols', label: string) {
  await page.getByTestId(`explore-${which}`).click()
  await choose(label)
  await expect(page.locator('.n-base-select-menu:visible')).toHaveCount(0)
  await expect(page.getByTestId(`explore-${which}`)).toContainText(label)
}
/** Starts a new segment, leaving unsaved changes if there are any. */
async function newSegment(confirm = 'Leave without saving') {
  const dirty = await page.getByTestId('segment-unsaved').isVisible()
  await page.getByTestId('segment-new').click()
  if (dirty) await page.locator('.n-dialog').getByRole('button', { name: confirm }).click()
  await expect(page.getByTestId('segment-name').locator('input')).toHaveValue('')
}
/** Counts a filter through the bound method the screen uses (the server holds the workspace). */
async function backendCount(root: object): Promise<number> {
  return page.evaluate(async (r) => {
    const s = (window as unknown as { go: { app: { Segments: { Count: (f: unknown) => Promise<{ count: number }> } } } }).go.app.Segments
    return (await s.Count({ v: 1, root: r })).count
  }, root)
}
/** The control group the backend cuts from n contacts: what is left after the test group's 90 %. */
const controlOf = (n: number) => n - Math.floor((n * 90 + 50) / 100)

test('builds the segment with "bought in the last year", counts what the CLI counts and saves it', async () => {
  test.setTimeout(90_000)
  await page.getByTestId('nav-segments').click()
  await expect(page.getByTestId('segment-view-build')).toHaveAttribute('aria-selected', 'true')
  expect(await settledCount()).toBe(demoSize)

  const rows = conditions()
  await setField(rows.nth(0), 'Age')
  await rows.nth(0).getByTestId('cond-number-0').locator('input').fill('30')
  await rows.nth(0).getByTestId('cond-number-1').locator('input').fill('45')
  await page.getByTestId('add-condition').click()
  await setField(rows.nth(1), 'Gender')
  await rows.nth(1).getByTestId('cond-enum-female').click()
  await page.getByTestId('add-condition').click()
  await setField(rows.nth(2), 'Region')
  await pickValues(page, rows.nth(2), [region])
  await page.getByTestId('add-condition').click()
  await setField(rows.nth(3), 'Job title')
  await pickValues(page, rows.nth(3), ['Direktør', 'Indehaver'])

  // Bought in the last year: at least one order in the last 365 days.
  await page.getByTestId('add-condition').click()
  const orders = rows.nth(4)
  await setField(orders, 'Number of orders')
  await orders.getByTestId('cond-op').click()
  await choose('is at least')
  await orders.getByTestId('cond-number-0').locator('input').fill('1')
  await orders.getByTestId('cond-days').click()
  await choose('in the last 365 days')
  await expect(orders).toHaveAttribute('data-state', 'complete')

  expect(await settledCount()).toBe(expected)
  await expect(page.getByTestId('breakdown-age')).toBeVisible()
  await expect(page.getByTestId('breakdown-gender')).toContainText('Female')
  await expect(page.getByTestId('breakdown-regions')).toContainText(region)
  await expect(page.getByTestId('breakdown-jobtitles')).toContainText(/Direktør|Indehaver/)

  await page.getByTestId('segment-name').locator('input').fill(segmentName)
  await page.getByTestId('segment-save').click()
  await expect(page.getByText(`Segment “${segmentName}” saved`)).toBeVisible()
  await expect(page.getByTestId('segment-item').filter({ hasText: segmentName })).toContainText(`${expected} contacts`)
})

test('explores it by age group × region; a cell becomes a micro-segment with the cell\'s count', async () => {
  await showView(page, 'explore')
  await expect(page.getByTestId('explore-heading')).toHaveText(`Exploring “${segmentName}”`)
  await pickDim('rows', 'Age group')
  await pickDim('cols', 'Region')
  const table = page.getByTestId('explore-table')
  await expect(table).toHaveAttribute('data-rows', 'ageBand')
  await expect(table).toHaveAttribute('data-cols', 'region')
  await expect(page.getByTestId('explore-grand-total')).toContainText(nf(expected))
  await expect(page.getByTestId('explore-col')).toHaveText([region])
  await expect(page.getByTestId('explore-row').first()).toHaveText(/^\d\d–\d\d$/)

  // Row totals add up to the segment, and so do the cells.
  const rowTotals = (await page.getByTestId('explore-row-total').allTextContents()).map((s) => Number(s.replace(/\D/g, '')))
  expect(rowTotals.reduce((a, b) => a + b, 0)).toBe(expected)
  const cells = page.locator('[data-testid="explore-cell"][data-segment="true"]')
  const counts = await cells.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))))
  expect(counts.reduce((a, b) => a + b, 0)).toBe(expected)

  // The biggest cell: its heat is the darkest, with white text.
  const biggest = counts.indexOf(Math.max(...counts))
  const cell = cells.nth(biggest)
  const cellCount = counts[biggest]
  const rowIndex = Number(await cell.getAttribute('data-row'))
  const rowLabel = (await page.getByTestId('explore-row').nth(rowIndex).textContent())!.trim()
  expect(await cell.evaluate((e) => getComputedStyle(e).color)).toBe('rgb(255, 255, 255)')
  await cell.click()
  await expect(page.getByTestId('explore-selection')).toHaveAttribute('data-count', String(cellCount))
  await expect(page.getByTestId('explore-picked-name')).toHaveText(`${rowLabel} · ${region}`)
  await page.getByTestId('explore-make-segment').click()

  // Opened in the builder as a new, unsaved segment named after the cell.
  await expect(page.getByTestId('segment-view-build')).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('segment-name').locator('input')).toHaveValue(`${segmentName} · ${rowLabel} · ${region}`)
  await expect(page.getByTestId('segment-unsaved')).toBeVisible()
  expect(await settledCount()).toBe(cellCount)
  await expect(conditions()).toHaveCount(7)
  await page.getByTestId('segment-save').click()
  // The first test's message may still be on screen: look for this name.
  await expect(page.getByText(`Segment “${segmentName} · ${rowLabel} · ${region}” saved`)).toBeVisible()
})

test('holds out a 10 % control group: two frozen lists that add up to the segment', async () => {
  await scenarioItem().click()
  await expect(page.getByTestId('segment-name').locator('input')).toHaveValue(segmentName)
  expect(await settledCount()).toBe(expected)

  await page.getByTestId('segment-split').click()
  const dialog = page.getByTestId('split-dialog')
  await expect(dialog).toBeVisible()
  await expect(page.getByTestId('split-percent').locator('input')).toHaveValue('10')
  const names = page.getByTestId('split-name').locator('input')
  await expect(names).toHaveCount(2)
  await expect(names.nth(0)).toHaveValue(`${segmentName} – test`)
  await expect(names.nth(1)).toHaveValue(`${segmentName} – control`)
  await page.getByTestId('split-run').click()

  const made = page.getByTestId('split-made')
  await expect(made).toHaveCount(2)
  const sizes = (await made.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-size'))))) as number[]
  expect(sizes[0] + sizes[1]).toBe(expected)
  expect(Math.abs(sizes[1] - expected * 0.1)).toBeLessThanOrEqual(1)
  expect(sizes[1]).toBeGreaterThan(0)
  await page.getByTestId('split-close').click()

  // The lists are in the side panel; the control list shows who is on it.
  const control = page.locator('[data-testid="segment-item"][data-kind="frozen"]').filter({ hasText: `${segmentName} – control` })
  await expect(control).toContainText(`${sizes[1]} contact`)
  await control.click()
  await expect(page.getByTestId('segment-frozen-size')).toHaveText(String(sizes[1]))
  await expect(page.getByTestId('breakdown-gender')).toContainText('Female')
  await expect(page.getByTestId('sample-contact')).toHaveCount(Math.min(sizes[1], 8))
  await expect(page.getByTestId('segment-split')).toBeDisabled()
})

test('exports the segment to .xlsx and as a hashed Meta audience', async () => {
  await scenarioItem().click()
  expect(await settledCount()).toBe(expected)

  await exportAs(page, 'sheet')
  await expect(page.getByTestId('segment-export-dialog')).toContainText(`${expected} contacts`)
  await page.getByTestId('segment-export-own').click()
  const xlsx = page.waitForEvent('download')
  await page.getByTestId('segment-export-run').click()
  expect((await xlsx).suggestedFilename()).toMatch(/\.xlsx$/)
  await expect(page.getByTestId('segment-export-dialog')).toBeHidden()

  await exportAs(page, 'audience')
  const dialog = page.getByTestId('audience-dialog')
  await expect(page.getByTestId('audience-privacy')).toContainText('SHA-256')
  await expect(page.getByTestId('audience-privacy')).toContainText('refused email marketing')
  await page.getByTestId('audience-meta').click()
  const csv = page.waitForEvent('download')
  await page.getByTestId('audience-run').click()
  const file = await csv
  expect(file.suggestedFilename()).toMatch(/meta.*\.csv$/)
  const text = await downloadText(file)
  const lines = text.trim().split(/\r?\n/)
  expect(lines[0]).toBe('email,phone,fn,ln,country,zip')
  const result = page.getByTestId('audience-result')
  await expect(result).toBeVisible()
  const rows = Number(await result.getAttribute('data-rows'))
  const skipped = Number(await result.getAttribute('data-skipped'))
  expect(lines.length - 1).toBe(rows)
  expect(rows + skipped).toBe(expected)
  // Nothing readable: no @, every email a SHA-256 in hex.
  expect(text).not.toContain('@')
  for (const line of lines.slice(1)) expect(line.split(',')[0]).toMatch(/^([0-9a-f]{64})?$/)
  await expect(dialog).toBeHidden()
  await page.getByTestId('audience-close').click()
})

test('compares the segment with its control group and the micro-segment', async () => {
  await showView(page, 'compare')
  await expect(page.getByTestId('compare-pick')).toContainText(segmentName)
  await page.getByTestId('compare-pick').click()
  await choose(new RegExp(`${segmentName} – control`))
  await choose(new RegExp(`${segmentName} · `))
  await page.keyboard.press('Escape')
  const result = page.getByTestId('compare-result')
  await expect(result).toBeVisible()
  await expect(page.getByTestId('compare-venn')).toBeVisible()
  // Everyone in the control list and the micro-segment is in the segment: the union is the segment.
  await expect(result).toHaveAttribute('data-union', String(expected))
  const regions = page.getByTestId('compare-region')
  await expect(regions).toHaveCount(7)
  await expect(regions.filter({ hasText: 'Only in “' }).nth(1)).toHaveAttribute('data-count', '0')
  await expect(regions.filter({ hasText: 'Only in “' }).nth(2)).toHaveAttribute('data-count', '0')
  await expect(regions.last()).toContainText('In all 3')
})

test('a control group of everyone who bought this year, spread over the regions', async () => {
  await showView(page, 'build')
  await newSegment()
  const row = conditions().first()
  await setField(row, 'Last order')
  await row.getByTestId('cond-op').click()
  await choose('was in the last')
  await row.getByTestId('cond-number-0').locator('input').fill('365')
  expect(await settledCount()).toBe(buyersLastYear)
  await page.getByTestId('segment-name').locator('input').fill('Bought this year')

  await page.getByTestId('segment-split').click()
  await page.getByTestId('split-stratum').click()
  await choose('Region')
  const want = controlOf(buyersLastYear)
  await expect(page.getByTestId('split-size').nth(1)).toHaveText(`about ${nf(want)} contacts`)
  await page.getByTestId('split-run').click()
  await expect(page.getByTestId('split-made')).toHaveCount(2)
  const sizes = (await page.getByTestId('split-made').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-size'))))) as number[]
  expect(sizes[0] + sizes[1]).toBe(buyersLastYear)
  // Every region gets its 10 %, cut so the total is the 10 % the screen promised.
  expect(Math.abs(sizes[1] - want)).toBeLessThanOrEqual(2)
  await page.getByTestId('split-close').click()
})

test('a group of job titles is edited from its condition and splits the explorer', async () => {
  await newSegment()
  const row = conditions().first()
  await setField(row, 'Job title')
  await row.getByTestId('cond-op').click()
  await choose('is in the group')
  await row.getByTestId('cond-edit-groups').click()
  const dialog = page.getByTestId('groups-dialog')
  await expect(dialog).toBeVisible()
  await expect(page.getByTestId('groups-name').first().locator('input')).toHaveValue('Decision makers')
  await page.getByTestId('groups-add').click()
  // Saving an empty group is refused in words.
  await page.getByTestId('groups-save').click()
  await expect(page.getByTestId('groups-error')).toHaveText('Give every group a name.')
  await page.getByTestId('groups-name').last().locator('input').fill('Retired')
  await page.getByTestId('groups-titles').last().click()
  for (const title of ['Pensionist', 'Pensionär', 'Pensjonist']) {
    await page.keyboard.type(title)
    await choose(title)
  }
  await page.keyboard.press('Escape')
  await page.getByTestId('groups-save').click()
  await expect(dialog).toBeHidden()
  await pickValues(page, row, ['Retired'])
  const n = await settledCount()
  expect(n).toBeGreaterThan(0)
  expect(n).toBe(await backendCount({ all: [{ field: 'jobTitle', op: 'in', values: ['Pensionist', 'Pensionär', 'Pensjonist'] }] }))

  await showView(page, 'explore')
  await pickDim('rows', 'Group of job titles')
  await expect(page.getByTestId('explore-row').filter({ hasText: 'Retired' })).toHaveCount(1)
  await expect(page.getByTestId('explore-grand-total')).toContainText(nf(n))
  await showView(page, 'build')
  await newSegment()
})

test('in Swedish the explorer, stages and splits speak Swedish', async () => {
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('language-select').click()
  await page.locator('.n-base-select-option', { hasText: 'Svenska' }).click()
  await page.getByTestId('nav-segments').click()
  await page.getByTestId('segment-new').click()
  await showView(page, 'explore')
  await expect(page.getByTestId('segment-view-explore')).toHaveText('Utforska')
  await expect(page.getByTestId('explore-heading')).toHaveText('Utforskar alla kontakter')
  await pickDim('rows', 'Kundfas')
  await pickDim('cols', 'Åldersgrupp')
  await expect(page.getByTestId('explore-table')).toHaveAttribute('data-rows', 'lifecycle')
  await expect(page.getByTestId('explore-row')).toContainText(['Har inte köpt än', 'Trogen kund', 'Förlorad kund'])
  await expect(page.getByTestId('explore-grand-total')).toContainText('100\u00a0000')
  await expect(page.getByTestId('explore-grand-total')).toContainText('snitt')

  await showView(page, 'build')
  await scenarioItem().click()
  await page.getByTestId('segment-split').click()
  await page.getByTestId('split-mode-ab').click()
  await page.getByTestId('split-groups').locator('input').fill('3')
  await page.getByTestId('split-groups').locator('input').blur()
  const names = page.getByTestId('split-name').locator('input')
  await expect(names).toHaveCount(3)
  await expect(names.nth(2)).toHaveValue(`${segmentName} – C`)
  await expect(page.getByTestId('split-run')).toHaveText('Dela upp i 3 grupper')
  await page.keyboard.press('Escape')
})
