import { expect, test, type Page } from '@playwright/test'
import { setUpWorkspace, startServer, type Server } from '../helpers/server'

test.describe.configure({ mode: 'serial' })

let server: Server
let page: Page

// A 2x2 PNG, enough for the logo check.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR42mNk+M9Qz8DAwMDIwMDAAAAmRgMBLMZ/5QAAAABJRU5ErkJggg==',
  'base64',
)

test.beforeAll(async ({ browser }) => {
  server = await startServer()
  page = await browser.newPage()
  await setUpWorkspace(page, server.url, { language: 'en' })
  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('settings')).toBeVisible()
})

test.afterAll(async () => {
  await page?.close()
  await server?.stop()
})

const business = (f: string) => page.getByTestId(`field-business-${f}`)

test('the business profile is checked before it is saved', async () => {
  await business('name').locator('input').fill('Blomsterbutiken AB')
  await page.getByTestId('settings-country').click()
  await page.locator('.n-base-select-option', { hasText: 'Sweden' }).click()
  await page.getByTestId('settings-currency').click()
  await page.locator('.n-base-select-option', { hasText: 'SEK' }).click()
  await expect(business('regNo')).toContainText('Organisation number')
  await business('postcode').locator('input').fill('1234')
  await page.getByTestId('save-settings').click()
  await expect(business('postcode')).toContainText('Example of a valid one: 114 55')

  await business('postcode').locator('input').fill('11455')
  await page.getByTestId('save-settings').click()
  await expect(page.getByText('Settings saved')).toBeVisible()
  await expect(business('postcode').locator('input')).toHaveValue('114 55')

  await page.reload()
  await expect(business('name').locator('input')).toHaveValue('Blomsterbutiken AB')
  await expect(page.getByTestId('settings-country')).toContainText('Sweden')
})

test('a logo is uploaded, shown and removed', async () => {
  const chooser = page.waitForEvent('filechooser')
  await page.getByTestId('logo-choose').click()
  await (await chooser).setFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png })
  await expect(page.getByTestId('logo-preview')).toBeVisible()
  await expect(page.getByTestId('logo-preview')).toHaveAttribute('src', /^data:image\/png;base64,/)

  await page.reload()
  await expect(page.getByTestId('logo-preview')).toBeVisible()
  await page.getByTestId('logo-remove').click()
  await expect(page.getByTestId('logo-preview')).toHaveCount(0)
})

test('a file that is not a picture is refused with a message', async () => {
  const chooser = page.waitForEvent('filechooser')
  await page.getByTestId('logo-choose').click()
  await (await chooser).setFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') })
  await expect(page.getByTestId('logo-error')).toContainText('DirectDesk cannot read this file')
})

test('the theme follows the choice', async () => {
  await page.getByTestId('theme-dark').click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.getByTestId('theme-light').click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
})

test('the About box lists version, data folder and licences', async () => {
  await page.getByTestId('open-about').click()
  const about = page.getByTestId('about-dialog')
  await expect(about).toBeVisible()
  await expect(page.getByTestId('about-datadir')).toHaveText(server.dataDir)
  await expect(page.getByTestId('about-licences')).toContainText('github.com/mattn/go-sqlite3')
  await expect(page.getByTestId('about-licences')).toContainText('naive-ui')
  await expect(page.getByTestId('about-licences')).toContainText('vue-i18n')
  await page.keyboard.press('Escape')
  await expect(about).toBeHidden()
})

test('every screen has help in plain words', async () => {
  for (const [nav, title] of [
    ['nav-home', 'How DirectDesk works'],
    ['nav-contacts', 'About contacts'],
    ['nav-segments', 'About segments'],
    ['nav-settings', 'About settings'],
  ]) {
    await page.getByTestId(nav).click()
    await page.getByTestId('help-button').click()
    await expect(page.locator('.n-drawer-header')).toContainText(title)
    await expect(page.getByTestId('help-drawer')).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('help-drawer')).toBeHidden()
  }
})
