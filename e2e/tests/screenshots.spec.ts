import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { repoRoot, startServer, type Server } from '../helpers/server'
import { closeDrawer, rows } from '../helpers/contacts'
import { buildSegment, exportAs, saveSegment, showView } from '../helpers/segments'

// Pictures of every screen, 1280x800, in English and Danish, and the contact
// list, import and segment builder in Russian. `make screenshots` (UPDATE_SCREENSHOTS=1) refreshes the
// user guide's docs/screenshots; ordinary test runs write to build/ so they
// leave the work tree clean.
const outDir = process.env.UPDATE_SCREENSHOTS
  ? path.join(repoRoot, 'docs', 'screenshots')
  : path.join(repoRoot, 'build', 'e2e-results', 'screenshots')

test.describe.configure({ mode: 'serial' })
test.use({ viewport: { width: 1280, height: 800 } })

let server: Server
let page: Page

test.beforeAll(async ({ browser }) => {
  mkdirSync(outDir, { recursive: true })
  server = await startServer()
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' })
})

test.afterAll(async () => {
  await page?.close()
  await server?.stop()
})

async function shot(name: string) {
  await page.mouse.move(1279, 799)
  await expect(page.locator('.n-message')).toHaveCount(0, { timeout: 8_000 })
  await page.waitForTimeout(400) // let transitions settle
  await page.screenshot({ path: path.join(outDir, `${name}.png`) })
}

async function setLanguage(label: string) {
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('language-select').click()
  await page.locator('.n-base-select-option', { hasText: label }).click()
  await page.waitForTimeout(300)
}

async function screensOfTheApp(lang: string) {
  await page.getByTestId('nav-home').click()
  await expect(page.getByTestId('home')).toBeVisible()
  await shot(`${lang}-home`)

  await page.getByTestId('nav-contacts').click()
  await expect(rows(page).first()).toBeVisible()
  await shot(`${lang}-contacts`)

  if (lang === 'en') {
    // The bulk bar: a country filter, the page ticked, and the offer to select every match.
    await page.getByTestId('filter-country').click()
    await page.locator('.n-base-select-option', { hasText: 'Denmark' }).click()
    await expect(page.getByTestId('contacts-total')).toHaveText('881 contacts')
    await page.locator('.dd-contacts-table thead .n-checkbox').click()
    await expect(page.getByTestId('select-all-matching')).toBeVisible()
    await shot('en-contacts-bulk')
    await page.getByTestId('bulk-clear').click()
    await page.getByTestId('clear-filters').click()
    await expect(page.getByTestId('contacts-total')).toHaveText('2,500 contacts')
  }

  // A contact with a company, an email and tags makes a representative drawer.
  const row = rows(page)
    .filter({ has: page.locator('td.dd-col-email', { hasText: '@' }) })
    .filter({ has: page.locator('td.dd-col-company', { hasText: /\w/ }) })
    .filter({ has: page.locator('td.dd-col-tags .n-tag') })
    .first()
  await row.click()
  await expect(page.getByTestId('contact-drawer')).toBeVisible()
  await shot(`${lang}-contact-drawer`)
  await closeDrawer(page)

  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('settings')).toBeVisible()
  await shot(`${lang}-settings`)
  if (lang === 'en') {
    await page.getByTestId('settings-demo').scrollIntoViewIfNeeded()
    await shot('en-settings-demo')
  }

  await page.getByTestId('nav-about').click()
  await expect(page.getByTestId('about-licences')).toBeVisible()
  await shot(`${lang}-about`)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('about-dialog')).toBeHidden()
}

test('welcome screens', async () => {
  await page.goto(server.url)
  await page.getByTestId('lang-da').click()
  await shot('da-welcome')
  await page.getByTestId('lang-en').click()
  await shot('en-welcome')

  await page.getByTestId('welcome-next').click()
  await expect(page.getByTestId('country-DK')).toBeVisible()
  await shot('en-welcome-country')
  await page.getByTestId('welcome-next').click()
  const b = (f: string) => page.getByTestId(`field-business-${f}`).locator('input')
  await b('name').fill('Blomsterhuset ApS')
  await b('street').fill('Østergade 12')
  await b('postcode').fill('8000')
  await b('city').fill('Aarhus C')
  await b('regNo').fill('31 52 84 17')
  await b('email').fill('hej@blomsterhuset.dk')
  await b('phone').fill('+45 86 12 34 56')
  await b('website').fill('www.blomsterhuset.dk')
  await shot('en-welcome-business')
  await page.getByTestId('welcome-next').click()
  await shot('en-welcome-start')
  await page.getByTestId('load-demo').click()
  await expect(page.getByTestId('contacts-total')).toHaveText('2,500 contacts', { timeout: 30_000 })
})

test('English screens', async () => {
  await screensOfTheApp('en')
})

test('Danish screens', async () => {
  await setLanguage('Dansk')
  await expect(page.getByTestId('screen-title')).toHaveText('Indstillinger')
  await screensOfTheApp('da')
})

test('Russian contact list', async () => {
  await setLanguage('Русский')
  await page.getByTestId('nav-contacts').click()
  await expect(page.getByTestId('screen-title')).toHaveText('Контакты')
  await expect(rows(page).first()).toBeVisible()
  await shot('ru-contacts')
  await rows(page).nth(3).click()
  await expect(page.getByTestId('contact-drawer')).toBeVisible()
  await shot('ru-contact-drawer')
  await closeDrawer(page)
})

async function chooseFixture(name: string) {
  const chooser = page.waitForEvent('filechooser')
  await page.getByTestId('import-choose-file').click()
  await (await chooser).setFiles(path.join(repoRoot, 'backend', 'sheet', 'testdata', name))
}

async function startImport() {
  await page.getByTestId('nav-import').click()
  if (await page.getByTestId('import-another').isVisible()) await page.getByTestId('import-another').click()
  await page.getByTestId('import-kind-contacts').click()
}

test('Russian import screens', async () => {
  await startImport()
  await shot('ru-import-start')
  await chooseFixture('russian-cp1251.csv')
  await expect(page.getByTestId('import-preview')).toContainText('Иванов')
  await shot('ru-import-columns')
})

test('Danish import screens', async () => {
  await setLanguage('Dansk')
  await startImport()
  await chooseFixture('kunder.xlsx')
  await expect(page.getByTestId('import-preview')).toContainText('Ærø')
  await shot('da-import-columns')
  await page.getByTestId('import-preview').scrollIntoViewIfNeeded()
  await shot('da-import-preview')
  await page.getByTestId('import-analyze').click()
  await expect(page.getByTestId('import-summary')).toBeVisible()
  await page.getByTestId('import-summary').scrollIntoViewIfNeeded()
  await shot('da-import-check')
  await page.getByTestId('import-commit').click()
  await expect(page.getByTestId('import-done')).toBeVisible()
  await shot('da-import-done')
})

test('English import with problems', async () => {
  await setLanguage('English')
  await startImport()
  await page.getByTestId('import-paste').fill(
    'First name\tLast name\tEmail\tMobile\tPostcode\tBirthday\n' +
      'Karin\tLund\tkarin@example.se\t+46 70 123 45 67\t114 55\t12.03.1975\n' +
      'Ola\tBerg\tola@@example\t070-12\t999\t31.02.1980\n' +
      'Karin\tLund\tKARIN@example.se\t\t\t\n' +
      'Mette\tHansen\tmette@example.dk\t+45 20 12 34 56\t2100\t1990-06-01\n',
  )
  await page.getByTestId('import-paste-use').click()
  await expect(page.getByTestId('import-preview')).toContainText('Mette')
  await page.getByTestId('import-preview').scrollIntoViewIfNeeded()
  await shot('en-import-preview-problems')
  await page.getByTestId('import-analyze').click()
  await expect(page.getByTestId('import-summary')).toBeVisible()
  await page.getByTestId('import-summary').scrollIntoViewIfNeeded()
  await shot('en-import-check-problems')
  await page.getByTestId('import-goto-history').click()
  await shot('en-import-history')
})

test('segment screens', async () => {
  await setLanguage('Dansk')
  await page.getByTestId('nav-segments').click()
  await expect(page.getByTestId('screen-title')).toHaveText('Segmenter')
  if (await page.getByTestId('segment-item').count()) await page.getByTestId('segment-new').click()
  const n = await buildSegment(page, {
    labels: { age: 'Alder', gender: 'Køn', region: 'Region', jobTitle: 'Stilling' },
    ages: ['30', '45'],
    regions: ['Region Hovedstaden'],
    titles: ['Direktør', 'Indehaver'],
  })
  expect(n).toBeGreaterThan(0)
  await page.getByTestId('segment-name').locator('input').fill('Kvinder 30-45, ejere i Hovedstaden')
  await shot('da-segments-builder')

  await page.getByTestId('segment-save').click()
  await expect(page.getByTestId('segment-unsaved')).toBeHidden()
  await page.getByTestId('segment-freeze').click()
  await page.getByTestId('name-dialog-ok').click()
  await expect(page.locator('[data-testid="segment-item"][data-kind="frozen"]')).toHaveCount(1)

  await setLanguage('English')
  await page.getByTestId('nav-segments').click()
  await expect(page.getByTestId('sample-why').first()).toBeVisible()
  await page.getByTestId('sample-why').first().click()
  await expect(page.getByTestId('explain-verdict')).toBeVisible()
  await shot('en-segments-explain')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('explain-dialog')).toBeHidden()
  await page.locator('[data-testid="segment-item"][data-kind="frozen"]').click()
  await expect(page.getByTestId('segment-frozen-card')).toBeVisible()
  await shot('en-segments-frozen')

  await setLanguage('Русский')
  await page.getByTestId('nav-segments').click()
  await expect(page.getByTestId('screen-title')).toHaveText('Сегменты')
  await page.getByTestId('segment-new').click()
  await buildSegment(page, {
    labels: { age: 'Возраст', gender: 'Пол', region: 'Регион', jobTitle: 'Должность' },
    ages: ['25', '55'],
    regions: ['Москва', 'Санкт-Петербург'],
    flag: 'Есть адрес эл. почты',
  })
  await page.getByTestId('segment-name').locator('input').fill('Женщины 25–55, Москва и Петербург')
  await shot('ru-segments-builder')
})

/** Starts a new segment, leaving unsaved changes (the dialog's last button) if asked. */
async function newSegment() {
  const dirty = await page.getByTestId('segment-unsaved').isVisible()
  await page.getByTestId('segment-new').click()
  if (dirty) await page.locator('.n-dialog').getByRole('button').last().click()
  await expect(page.getByTestId('segment-name').locator('input')).toHaveValue('')
}

test('segment explorer, overlap, split and audience screens', async () => {
  // Danish: every contact by region and age group, the biggest cell picked.
  await setLanguage('Dansk')
  await page.getByTestId('nav-segments').click()
  await expect(page.getByTestId('screen-title')).toHaveText('Segmenter')
  await newSegment()
  await showView(page, 'explore')
  await expect(page.getByTestId('explore-heading')).toHaveText('Udforsker alle kontakter')
  const cells = page.locator('[data-testid="explore-cell"][data-segment="true"]')
  await expect(cells.first()).toBeVisible()
  const counts = await cells.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))))
  await cells.nth(counts.indexOf(Math.max(...counts))).click()
  await expect(page.getByTestId('explore-make-segment')).toBeEnabled()
  await shot('da-segments-explorer')

  // English: three segments overlapping (saved the way the screen saves them).
  await saveSegment(page, 'Newsletter readers', { all: [{ field: 'tag', op: 'anyOf', values: ['newsletter'] }] })
  await saveSegment(page, 'Bought in the last year', { all: [{ field: 'lastOrder', op: 'withinDays', values: ['365'] }] })
  await saveSegment(page, 'Copenhagen area', { all: [{ field: 'region', op: 'in', values: ['Region Hovedstaden'] }] })
  await setLanguage('English')
  await page.getByTestId('nav-segments').click()
  await showView(page, 'compare')
  await page.getByTestId('compare-pick').click()
  for (const name of ['Newsletter readers', 'Bought in the last year', 'Copenhagen area']) {
    await page.locator('.n-base-select-menu:visible .n-base-select-option', { hasText: name }).click()
  }
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('compare-venn')).toBeVisible()
  await expect(page.getByTestId('compare-region')).toHaveCount(7)
  await shot('en-segments-overlap')

  // English: the hashed audience for Meta.
  await showView(page, 'build')
  await page.getByTestId('segment-item').filter({ hasText: 'Bought in the last year' }).click()
  await exportAs(page, 'audience')
  await expect(page.getByTestId('audience-privacy')).toBeVisible()
  await shot('en-segments-audience')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('audience-dialog')).toBeHidden()

  // Swedish: a 10 % control group spread over age groups.
  await saveSegment(page, 'Kunder i Stockholm', { all: [{ field: 'region', op: 'in', values: ['Stockholms län'] }, { field: 'kind', op: 'in', values: ['customer'] }] })
  await setLanguage('Svenska')
  await page.getByTestId('nav-segments').click()
  await page.getByTestId('segment-item').filter({ hasText: 'Kunder i Stockholm' }).click()
  await expect(page.getByTestId('segment-count')).toHaveAttribute('data-stale', 'false')
  await page.getByTestId('segment-split').click()
  await page.getByTestId('split-stratum').click()
  await page.locator('.n-base-select-menu:visible .n-base-select-option', { hasText: 'Åldersgrupp' }).click()
  await expect(page.getByTestId('split-name').nth(1).locator('input')).toHaveValue('Kunder i Stockholm – kontroll')
  await shot('sv-segments-split')
  await page.keyboard.press('Escape')
})


test('letters, labels, catalogs and products', async () => {
  await setLanguage('English')
  await page.getByTestId('nav-documents').click()
  await expect(page.getByTestId('preview-name')).toBeVisible({ timeout: 15_000 })
  await page.getByTestId('template-item').filter({ hasText: 'Offer letter' }).click()
  await expect(page.getByTestId('preview-name')).toBeVisible()
  await shot('en-letters')
  await page.getByTestId('documents-tab-labels').click()
  await expect(page.getByTestId('labels-sheet-L7163')).toBeVisible()
  await shot('en-labels')
  await page.getByTestId('documents-tab-catalogs').click()
  await page.waitForTimeout(800)
  await shot('en-catalogs')
  await page.getByTestId('nav-products').click()
  await expect(page.getByTestId('product-thumb').first()).toBeVisible()
  await shot('en-products')
  await setLanguage('Dansk')
  await page.getByTestId('nav-products').click()
  await expect(page.getByTestId('product-thumb').first()).toBeVisible()
  await shot('da-products')
  await page.getByTestId('nav-documents').click()
  await page.getByTestId('documents-tab-letters').click()
  await expect(page.getByTestId('preview-name')).toBeVisible({ timeout: 15_000 })
  await shot('da-letters')
})
