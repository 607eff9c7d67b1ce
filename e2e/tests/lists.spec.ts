import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { repoRoot, setUpWorkspace, startServer, type Server } from '../helpers/server'
import { shot } from '../helpers/campaigns'

// A list a shop bought from an address supplier (three Danes, one without
// a phone), imported with its one-time licence, then seen on the Lists tab;
// and a number added to the suppression list by hand.
const listFile = path.join(repoRoot, 'e2e', 'fixtures', 'bought-list.csv')

test.describe.configure({ mode: 'serial' })

let server: Server
let page: Page

test.beforeAll(async ({ browser }) => {
  server = await startServer()
  page = await browser.newPage()
  await setUpWorkspace(page, server.url, { language: 'en' })
})

test.afterAll(async () => {
  await page?.close()
  await server?.stop()
})

function go(hash: string) {
  return page.goto(server.url.replace(/#.*$/, '') + hash)
}

test('a bought one-time list: terms asked for, imported, shown with its licence and status', async () => {
  test.setTimeout(120_000)
  await go('#/import')
  await page.getByTestId('import-kind-contacts').click()
  const chooser = page.waitForEvent('filechooser')
  await page.getByTestId('import-choose-file').click()
  await (await chooser).setFiles(listFile)
  await expect(page.getByTestId('import-preview')).toContainText('Kjær')

  await page.getByTestId('import-list-bought').click()
  const terms = page.getByTestId('import-list-terms')
  await expect(terms).toContainText('A one-time list can be used in one campaign only. DirectDesk will stop you using it twice.')

  // Checking without terms says what is missing, beside the field.
  await page.getByTestId('import-analyze').click()
  await expect(terms).toContainText('Write who you bought or rented the list from.')

  await page.getByTestId('list-supplier').fill('Adresse-Huset ApS')
  const acquired = page.getByTestId('list-acquired').locator('input')
  await acquired.fill('01/11/2026')
  await acquired.press('Enter')
  await page.getByTestId('list-licence-once').click()
  await page.getByTestId('list-basis').click()
  await page.locator('.n-base-select-option', { hasText: 'Legitimate interest' }).first().click()
  await expect(terms.getByRole('alert')).toHaveCount(0)
  await shot(page, 'lists-import-terms.png')

  await page.getByTestId('import-analyze').click()
  await expect(page.getByTestId('import-count-new')).toContainText('3')
  await page.getByTestId('import-commit').click()
  await expect(page.getByTestId('import-done')).toBeVisible()

  await go('#/privacy?tab=lists')
  const table = page.getByTestId('lists-table')
  await expect(table).toContainText('Adresse-Huset ApS')
  const row = table.locator('tbody tr').first()
  await expect(row).toContainText('Bought')
  await expect(row).toContainText('One-time')
  await expect(row).toContainText('Not used yet')
  await expect(row).toContainText('Legitimate interest')
  // No Robinson list is imported: its people wait for the wash.
  await expect(row).toContainText('Wash against the register first')
  await expect(row.getByTestId('list-wash-link')).toBeVisible()
  await shot(page, 'lists-tab.png')

  // The people: three, by name.
  await row.locator('[data-testid^="list-people-"]').click()
  await expect(page.getByTestId('list-people').locator('tbody tr')).toHaveCount(3)
  await expect(page.getByTestId('list-people')).toContainText('Lise Dahl')
  await page.keyboard.press('Escape')

  // A typo in the supplier is fixed; an end date before the purchase is refused.
  await row.locator('[data-testid^="list-edit-"]').click()
  await page.getByTestId('list-supplier').fill('Adressehuset ApS')
  const expires = page.locator('.n-modal').getByTestId('list-expires').locator('input')
  await expires.fill('01/10/2026')
  await expires.press('Enter')
  await page.getByTestId('list-save').click()
  await expect(page.locator('.n-modal')).toContainText('The list cannot end before the day you got it.')
  await expires.fill('')
  await expires.press('Enter')
  await page.getByTestId('list-save').click()
  await expect(page.locator('.n-modal')).toHaveCount(0)
  await expect(table).toContainText('Adressehuset ApS')
})

test('a phone number added to the suppression list is found by the digits as typed', async () => {
  await go('#/privacy?tab=suppression')
  await expect(page.getByTestId('suppression-empty')).toBeVisible()
  // Nobody was erased: no line about erased people.
  await expect(page.getByTestId('suppression-erased')).toHaveCount(0)

  await page.getByTestId('suppression-add').click()
  await page.getByTestId('suppression-add-value').fill('12')
  await page.getByTestId('suppression-add-ok').click()
  await expect(page.getByTestId('suppression-add-error')).toContainText('This phone number is not valid.')
  await page.getByTestId('suppression-add-value').fill('21 43 65 87')
  await page.getByTestId('suppression-add-note').fill('Asked on the phone not to be called')
  await page.getByTestId('suppression-add-ok').click()
  await expect(page.getByTestId('suppression-row')).toHaveCount(1)
  await expect(page.getByTestId('suppression-row')).toContainText('+45 21 43 65 87')
  await expect(page.getByTestId('suppression-row')).toContainText('Said no')

  // The same number again is refused, in words.
  await page.getByTestId('suppression-add').click()
  await page.getByTestId('suppression-add-value').fill('+4521436587')
  await page.getByTestId('suppression-add-ok').click()
  await expect(page.getByTestId('suppression-add-error')).toContainText('already on the suppression list')
  await page.keyboard.press('Escape')

  await page.getByTestId('suppression-search').fill('4365')
  await expect(page.getByTestId('suppression-total')).toHaveText('1 entry')
  await page.getByTestId('suppression-search').fill('nobody@example.dk')
  await expect(page.getByTestId('suppression-empty')).toContainText('Nothing on the list matches.')
  await page.getByTestId('suppression-search').fill('')
  await page.getByTestId('suppression-kind-phone').click()
  await expect(page.getByTestId('suppression-row')).toHaveCount(1)
  await shot(page, 'suppression-tab.png')

  // The export is a spreadsheet with the number in it.
  const download = page.waitForEvent('download')
  await page.getByTestId('suppression-export').click()
  expect((await download).suggestedFilename()).toMatch(/^suppression-list.*\.xlsx$/)

  await page.getByTestId('suppression-remove').click()
  await page.getByTestId('suppression-remove-ok').click()
  await expect(page.getByTestId('suppression-empty')).toBeVisible()
})
