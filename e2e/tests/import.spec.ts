import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { repoRoot, setUpWorkspace, startServer, type Server } from '../helpers/server'

// Files LibreOffice wrote (backend/sheet/testdata/README.md): a Danish
// customer list with a title row, "Navn" merged over first and last name, a
// two-line address and Norwegian/Swedish postcodes; a Russian list in
// Windows-1251 with ';'.
const fixtures = path.join(repoRoot, 'backend', 'sheet', 'testdata')

test.describe.configure({ mode: 'serial' })

let server: Server
let page: Page

test.beforeAll(async ({ browser }) => {
  server = await startServer()
  page = await browser.newPage()
  await setUpWorkspace(page, server.url, { language: 'da' })
})

test.afterAll(async () => {
  await page?.close()
  await server?.stop()
})

async function chooseFile(name: string) {
  const chooser = page.waitForEvent('filechooser')
  await page.getByTestId('import-choose-file').click()
  await (await chooser).setFiles(path.join(fixtures, name))
}

async function pick(testId: string, option: string) {
  await page.getByTestId(testId).click()
  await page.locator('.n-base-select-option', { hasText: option }).first().click()
}

async function setLanguage(label: string) {
  await page.getByTestId('nav-settings').click()
  await pick('language-select', label)
}

test('a Danish workbook: mapping adjusted, checked, imported in Swedish, then undone', async () => {
  await page.getByTestId('nav-import').click()
  await expect(page.getByTestId('screen-title')).toHaveText('Import og eksport')
  await page.getByTestId('import-kind-contacts').click()
  await chooseFile('kunder.xlsx')

  // The header is found below the title row; "Navn" over two columns is first + last name.
  await expect(page.getByTestId('import-header-row')).toHaveValue('3')
  await expect(page.getByTestId('import-map-1')).toContainText('Fornavn')
  await expect(page.getByTestId('import-map-2')).toContainText('Efternavn')
  await expect(page.getByTestId('import-map-4')).toContainText('Postnummer')
  await expect(page.getByTestId('import-preview')).toContainText('Ærø')
  await expect(page.getByTestId('import-preview')).toContainText('0150')

  // "Købt for" is not a contact field: keep it as a custom field.
  await pick('import-map-7', 'Eget felt')
  await expect(page.getByTestId('import-custom-name')).toHaveValue('Købt for')
  await page.getByTestId('import-custom-ok').click()
  await expect(page.getByTestId('import-map-7')).toContainText('Købt for')

  // The user switches to Swedish half way; the import keeps its place.
  await setLanguage('Svenska')
  await page.getByTestId('nav-import').click()
  await expect(page.getByTestId('screen-title')).toHaveText('Import och export')
  await expect(page.getByTestId('import-map-1')).toContainText('Förnamn')
  await expect(page.getByTestId('import-map-7')).toContainText('Købt for')

  await page.getByTestId('import-analyze').click()
  await expect(page.getByTestId('import-summary')).toBeVisible()
  await expect(page.getByTestId('import-count-new')).toContainText('3')
  await expect(page.getByTestId('import-count-invalid')).toContainText('0')

  await page.getByTestId('import-commit').click()
  await expect(page.getByTestId('import-done')).toBeVisible()
  await expect(page.getByTestId('import-done-new')).toContainText('3')

  await page.getByTestId('nav-contacts').click()
  await expect(page.getByTestId('contacts-table')).toContainText('Ødegård')
  await expect(page.getByTestId('contacts-table')).toContainText('Stockholm')

  await page.getByTestId('nav-import').click()
  await page.getByTestId('import-undo').click()
  await expect(page.getByTestId('import-undo-dialog')).toBeVisible()
  await page.getByTestId('import-confirm').click()
  await expect(page.getByTestId('import-history')).toContainText('kunder.xlsx')
  await page.getByTestId('nav-contacts').click()
  await expect(page.getByTestId('contacts-empty')).toBeVisible()
})

test('a Russian Windows-1251 CSV: encoding found, imported, undone from the history', async () => {
  await page.getByTestId('nav-import').click()
  if (await page.getByTestId('import-another').isVisible()) await page.getByTestId('import-another').click()
  await page.getByTestId('import-kind-contacts').click()
  await chooseFile('russian-cp1251.csv')
  await expect(page.getByTestId('import-encoding')).toContainText('1251')
  await expect(page.getByTestId('import-preview')).toContainText('Иванов')
  await expect(page.getByTestId('import-preview')).toContainText('Москва')

  await page.getByTestId('import-analyze').click()
  await expect(page.getByTestId('import-count-new')).toContainText('4')
  await page.getByTestId('import-commit').click()
  await expect(page.getByTestId('import-done-new')).toContainText('4')

  await page.getByTestId('nav-contacts').click()
  await expect(page.getByTestId('contacts-table')).toContainText('Смирнова')

  await page.getByTestId('nav-import').click()
  const row = page.getByTestId('import-history-row').filter({ hasText: 'russian-cp1251.csv' })
  await expect(row).toBeVisible()
  const id = await row.getAttribute('data-id')
  await page.getByTestId(`import-history-undo-${id}`).click()
  await page.getByTestId('import-confirm').click()
  await page.getByTestId('nav-contacts').click()
  await expect(page.getByTestId('contacts-empty')).toBeVisible()
})

test('an old .xls gets an explanation of how to re-save it, and nothing is imported', async () => {
  await page.getByTestId('nav-import').click()
  if (await page.getByTestId('import-another').isVisible()) await page.getByTestId('import-another').click()
  await page.getByTestId('import-kind-contacts').click()
  await chooseFile('kunder.xls')
  await expect(page.getByTestId('import-step-source')).toContainText('.xlsx')
  await expect(page.getByTestId('import-analyze')).toHaveCount(0)
})

test('rows pasted from a spreadsheet go through the same mapping', async () => {
  await page.getByTestId('nav-import').click()
  if (await page.getByTestId('import-another').isVisible()) await page.getByTestId('import-another').click()
  await page.getByTestId('import-kind-contacts').click()
  await page.getByTestId('import-paste').fill('Förnamn\tEfternamn\tE-post\nKarin\tLund\tkarin@example.se\nOla\tBerg\tola@@example\n')
  await page.getByTestId('import-paste-use').click()
  await expect(page.getByTestId('import-map-2')).toContainText('E-post')
  await page.getByTestId('import-analyze').click()
  await expect(page.getByTestId('import-count-new')).toContainText('1')
  await expect(page.getByTestId('import-count-invalid')).toContainText('1')
  await expect(page.getByTestId('import-save-rejects')).toBeVisible()
})

test('contacts export to CSV downloads a file Nordic Excel opens', async () => {
  await page.getByTestId('import-commit').click()
  await expect(page.getByTestId('import-done-new')).toContainText('1')
  await page.getByTestId('nav-contacts').click()
  await expect(page.getByTestId('contacts-table')).toContainText('Lund')
  await page.getByTestId('contacts-export').click()
  await pick('export-format', '.csv')
  const download = page.waitForEvent('download')
  await page.getByTestId('export-run').click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/\.csv$/)
  const text = (await (await file.createReadStream()).toArray()).map((b) => Buffer.from(b)).join('')
  // UTF-8 with BOM, ';' for a Swedish-speaking user, the contact in it.
  expect(text.startsWith('\ufeffCustomer no;First name;')).toBe(true)
  expect(text).toContain(';Karin;')
  expect(text).toContain('karin@example.se')
})
