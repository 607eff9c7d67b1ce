import { expect, test, type Page } from '@playwright/test'
import { setUpWorkspace, startServer, type Server } from '../helpers/server'
import { rows, search } from '../helpers/contacts'

// Acting on every contact a search or filter finds, on all pages, and the
// country/region filters. 2,500 demo contacts (881 in Denmark, 110 found by
// "hansen") and one contact of the user's own.

test.describe.configure({ mode: 'serial' })

let server: Server
let page: Page

const total = () => page.getByTestId('contacts-total')
const count = async () => Number((await total().textContent())!.replace(/\D/g, ''))
const fmt = (n: number) => n.toLocaleString('en-GB')
const option = (text: string | RegExp) => page.locator('.n-base-select-option', { hasText: text })

/** Ticks the box in the header: every row of the page. */
async function tickPage() {
  await page.locator('.dd-contacts-table thead .n-checkbox').click()
  await expect(page.getByTestId('bulk-count')).toHaveText(`${await rows(page).count()} selected`)
}

async function clearSelect(testId: string) {
  await page.getByTestId(testId).hover()
  await page.getByTestId(testId).locator('.n-base-clear').click()
}

test.beforeAll(async ({ browser }) => {
  server = await startServer()
  page = await browser.newPage()
  await setUpWorkspace(page, server.url, { language: 'en', demo: 2500 })
  await page.evaluate(async () => {
    const c = (window as unknown as { go: { app: { Contacts: { Create: (c: Record<string, unknown>) => Promise<unknown> } } } }).go.app.Contacts
    await c.Create({ kind: 'customer', firstName: 'Birgitte', lastName: 'Egenkunde', country: 'DK', tags: [], custom: {} })
  })
  await page.getByTestId('nav-contacts').click()
  await expect(total()).toHaveText('2,501 contacts')
})

test.afterAll(async () => {
  await page?.close()
  await server?.stop()
})

test('select every contact a filter finds, on all pages, and tag them', async () => {
  await page.getByTestId('filter-country').click()
  await option('Denmark').click()
  await expect(total()).toHaveText('882 contacts')

  await tickPage()
  const bar = page.getByTestId('select-all-bar')
  await expect(bar).toContainText('All 50 contacts on this page are selected.')
  await page.getByTestId('select-all-matching').click()
  await expect(page.getByTestId('select-all-text')).toHaveText('All 882 contacts that match are selected.')
  await expect(page.getByTestId('bulk-count')).toHaveText('882 selected')

  // The next page shows ticked too.
  await page.locator('.n-pagination-item', { hasText: /^2$/ }).click()
  await expect(page.locator('.dd-contacts-table tbody .n-checkbox--checked')).toHaveCount(50)

  await page.getByTestId('bulk-add-tag').click()
  const dialog = page.locator('.n-card', { has: page.getByTestId('tag-dialog') })
  await expect(dialog).toContainText('Add a tag to 882 contacts')
  await expect(page.getByTestId('tag-dialog-hint')).toHaveText('This applies to every contact that matches your search and filters, on all pages.')
  await page.getByTestId('tag-input').click()
  await page.keyboard.type('Winter mailing')
  await page.keyboard.press('Enter')
  await page.getByTestId('tag-submit').click()
  await expect(page.getByText('Tag “Winter mailing” added to 882 contacts')).toBeVisible()
  await expect(page.getByTestId('select-all-bar')).toBeHidden()
  await expect(page.getByTestId('bulk-count')).toBeHidden()

  // The tag filter finds exactly them: all in Denmark.
  await page.getByTestId('clear-filters').click()
  await expect(total()).toHaveText('2,501 contacts')
  await page.getByTestId('filter-tag').click()
  await option('Winter mailing').click()
  await expect(total()).toHaveText('882 contacts')
  await page.getByTestId('filter-country').click()
  await expect(option(/^Denmark \(882\)$/)).toBeVisible()
  await page.keyboard.press('Escape')
  await page.getByTestId('clear-filters').click()
})

test('unticking a row after selecting all goes back to the ticked rows', async () => {
  await tickPage()
  await page.getByTestId('select-all-matching').click()
  await expect(page.getByTestId('select-all-text')).toHaveText('All 2,501 contacts are selected.')
  await rows(page).nth(3).locator('.n-checkbox').click()
  await expect(page.getByTestId('bulk-count')).toHaveText('49 selected')
  await expect(page.getByTestId('select-all-bar')).toBeHidden()
  await page.getByTestId('bulk-clear').click()
  await expect(total()).toHaveText('2,501 contacts')
})

test('choosing a region also chooses its country, and only its regions are offered', async () => {
  await page.getByTestId('filter-region').click()
  // Without a country, regions are grouped under theirs.
  await expect(page.locator('.n-base-select-group-header', { hasText: 'Sweden' })).toBeVisible()
  await page.keyboard.type('Skåne')
  const skane = option(/^Skåne län \(\d+\)$/)
  const n = Number((await skane.textContent())!.replace(/\D/g, ''))
  await skane.click()
  await expect(page.getByTestId('filter-country')).toContainText('Sweden')
  await expect(total()).toHaveText(`${n} contacts`)
  for (const row of await rows(page).all()) {
    await expect(row.locator('td.dd-col-country')).toHaveText('Sweden')
  }

  await page.getByTestId('filter-region').click()
  await expect(option(/^Stockholms län/)).toBeVisible()
  await expect(option(/^Region Hovedstaden/)).toHaveCount(0)
  await expect(page.locator('.n-base-select-group-header')).toHaveCount(0)
  await page.keyboard.press('Escape')

  // Clearing the country clears the region.
  await clearSelect('filter-country')
  await expect(page.getByTestId('filter-region')).toContainText('Region')
  await expect(page.getByTestId('filter-region')).not.toContainText('Skåne')
  await expect(total()).toHaveText('2,501 contacts')
})

test('deleting every contact a search finds asks for the number, then shows what is left', async () => {
  await search(page, 'hansen')
  const n = await count()
  expect(n).toBe(110)
  await tickPage()
  await page.getByTestId('select-all-matching').click()
  await expect(page.getByTestId('bulk-count')).toHaveText('110 selected')
  await page.getByTestId('bulk-delete').click()

  const dialog = page.locator('.n-dialog', { has: page.getByTestId('bulk-delete-dialog') })
  await expect(dialog).toContainText('Delete 110 contacts?')
  await expect(dialog).toContainText('Every contact that matches your search and filters, on all pages, is deleted')
  await expect(dialog).toContainText('To confirm, type the number of contacts to delete: 110')
  const confirm = page.getByTestId('bulk-delete-confirm')
  await expect(confirm).toHaveText('Delete 110 contacts')
  await expect(confirm).toBeDisabled()
  await page.getByTestId('bulk-delete-type').fill('11')
  await expect(confirm).toBeDisabled()
  await page.getByTestId('bulk-delete-type').fill('110')
  await confirm.click()

  await expect(page.getByText('110 contacts deleted')).toBeVisible()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('contacts-search')).toHaveValue('')
  await expect(total()).toHaveText(fmt(2501 - 110) + ' contacts')
  await search(page, 'hansen')
  await expect(page.getByTestId('contacts-no-match')).toBeVisible()
})

test('deleting fewer than a hundred needs one confirmation naming the number', async () => {
  await search(page, 'aarhus')
  const n = await count()
  expect(n).toBeGreaterThan(50)
  expect(n).toBeLessThanOrEqual(100)
  await tickPage()
  await page.getByTestId('select-all-matching').click()
  await page.getByTestId('bulk-delete').click()
  await expect(page.getByTestId('bulk-delete-type')).toHaveCount(0)
  // Cancel first: nothing happens.
  await page.getByTestId('bulk-delete-cancel').click()
  await expect(page.getByTestId('bulk-delete-dialog')).toBeHidden()
  await expect(page.getByTestId('bulk-count')).toHaveText(`${n} selected`)
  await page.getByTestId('bulk-delete').click()
  await page.getByTestId('bulk-delete-confirm').filter({ hasText: `Delete ${n} contacts` }).click()
  await expect(page.getByText(`${n} contacts deleted`)).toBeVisible()
  await expect(total()).toHaveText(fmt(2501 - 110 - n) + ' contacts')
  // The user's own contact is still there.
  await search(page, 'Egenkunde')
  await expect(rows(page)).toHaveCount(1)
})
