import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { repoRoot, startServer, type Server } from '../helpers/server'
import { closeDrawer, rows } from '../helpers/contacts'

// Pictures of every screen, 1280x800, in English and Danish, and the contact
// list in Russian. `make screenshots` (UPDATE_SCREENSHOTS=1) refreshes the
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
