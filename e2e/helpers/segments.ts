import { expect, type Locator, type Page } from '@playwright/test'

export const conditions = (page: Page) => page.getByTestId('segment-condition')

/** Picks an option of the open select menu by its exact text (a value list's label, without its count). */
export async function choose(page: Page, text: string | RegExp) {
  const menu = page.locator('.n-base-select-menu:visible')
  const exact = typeof text === 'string' ? new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : text
  const byLabel = menu.locator('.n-base-select-option').filter({ has: page.locator('.dd-pick-label', { hasText: exact }) })
  const option = (await byLabel.count()) > 0 ? byLabel.first() : menu.locator('.n-base-select-option').filter({ hasText: exact }).first()
  await option.click()
}

/** Chooses what a condition looks at, by its label in the UI language. */
export async function setField(page: Page, row: Locator, label: string) {
  await row.getByTestId('cond-field').click()
  // The list is long (and scrolls virtually): type to find the field, as a user would.
  await page.keyboard.type(label)
  await choose(page, label)
}

/** Picks values in a condition's searchable list, typing the start of each. */
export async function pickValues(page: Page, row: Locator, values: string[]) {
  await row.getByTestId('cond-pick').click()
  for (const v of values) {
    await page.keyboard.type(v.slice(0, 6))
    await choose(page, v)
  }
  await page.keyboard.press('Escape')
}

/** Waits until the count shown belongs to the conditions shown, and returns it. */
export async function settledCount(page: Page): Promise<number> {
  const count = page.getByTestId('segment-count')
  await expect(count).toHaveAttribute('data-stale', 'false')
  await expect(page.getByTestId('segment-summary').locator('.n-spin')).toHaveCount(0)
  return Number(await count.getAttribute('data-count'))
}

export interface Recipe {
  /** Field labels in the UI language. */
  labels: { age: string; gender: string; region: string; jobTitle: string }
  ages: [string, string]
  regions: string[]
  /** Job titles (none: no job title condition). */
  titles?: string[]
  /** A yes/no field's label: "has an email address", answered yes. */
  flag?: string
}

/**
 * Builds "women aged A-B in one of REGIONS who are one of TITLES" from the
 * first (empty) condition of a new segment and conditions added after it.
 */
export async function buildSegment(page: Page, r: Recipe) {
  const rows = conditions(page)
  await expect(rows).toHaveCount(1)
  await setField(page, rows.nth(0), r.labels.age)
  await rows.nth(0).getByTestId('cond-number-0').locator('input').fill(r.ages[0])
  await rows.nth(0).getByTestId('cond-number-1').locator('input').fill(r.ages[1])

  await page.getByTestId('add-condition').click()
  await setField(page, rows.nth(1), r.labels.gender)
  await rows.nth(1).getByTestId('cond-enum-female').click()

  await page.getByTestId('add-condition').click()
  await setField(page, rows.nth(2), r.labels.region)
  await pickValues(page, rows.nth(2), r.regions)

  let n = 3
  if (r.titles?.length) {
    await page.getByTestId('add-condition').click()
    await setField(page, rows.nth(n), r.labels.jobTitle)
    await pickValues(page, rows.nth(n), r.titles)
    n++
  }
  if (r.flag) {
    await page.getByTestId('add-condition').click()
    await setField(page, rows.nth(n), r.flag)
  }
  return settledCount(page)
}

/** Opens the Export menu and picks the spreadsheet export or the ad audience. */
export async function exportAs(page: Page, what: 'sheet' | 'audience') {
  await page.getByTestId('segment-export').click()
  await page.getByTestId(`segment-export-${what}`).click()
}

/** Switches the segment screen to Build, Explore or Compare. */
export async function showView(page: Page, view: 'build' | 'explore' | 'compare') {
  await page.getByTestId(`segment-view-${view}`).click()
  await expect(page.getByTestId(`segment-view-${view}`)).toHaveAttribute('aria-selected', 'true')
}

/** Saves a segment through the same bound method the screen uses (set-up for a test); returns its id. */
export async function saveSegment(page: Page, name: string, root: unknown): Promise<number> {
  return page.evaluate(
    async ({ name, root }) => {
      type Saved = { id: number }
      const s = (window as unknown as { go: { app: { Segments: { Save: (x: unknown) => Promise<Saved> } } } }).go.app.Segments
      const saved = await s.Save({ id: 0, name, kind: 'dynamic', filter: { v: 1, root }, createdAt: '', updatedAt: '', size: 0 })
      return saved.id
    },
    { name, root },
  )
}

/** Reads a downloaded file as text. */
export async function downloadText(download: { createReadStream: () => Promise<NodeJS.ReadableStream> }): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of await download.createReadStream()) chunks.push(Buffer.from(c as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}
