import { expect, test } from '@playwright/test'
import { startServer, type Server } from '../helpers/server'
import { rows } from '../helpers/contacts'

// A Danish computer: the welcome screen starts in Danish.
test.use({ locale: 'da-DK' })

let server: Server
test.beforeAll(async () => {
  server = await startServer()
})
test.afterAll(async () => {
  await server?.stop()
})

test('first run: choose English, load demo data, see the contacts', async ({ page }) => {
  await page.goto(server.url)
  const welcome = page.getByTestId('welcome')
  await expect(welcome).toBeVisible()
  await expect(welcome.getByRole('heading', { level: 1 })).toHaveText('Velkommen til DirectDesk')

  await page.getByTestId('lang-en').click()
  await expect(welcome.getByRole('heading', { level: 1 })).toHaveText('Welcome to DirectDesk')
  await page.getByTestId('welcome-next').click()

  await expect(page.getByRole('heading', { name: 'Where is your business?' })).toBeVisible()
  await page.getByTestId('country-SE').click()
  await expect(page.getByTestId('currency-select')).toContainText('SEK')
  await page.getByTestId('country-DK').click()
  await expect(page.getByTestId('currency-select')).toContainText('DKK')
  await page.getByTestId('welcome-next').click()

  await expect(page.getByRole('heading', { name: 'Tell us about your business' })).toBeVisible()
  await expect(page.getByTestId('field-business-regNo')).toContainText('CVR number')
  await page.getByTestId('field-business-name').locator('input').fill('Blomsterhuset ApS')
  await page.getByTestId('field-business-postcode').locator('input').fill('21')
  await page.getByTestId('welcome-next').click()
  // A Danish postcode has four digits: the step stays, with the reason under the field.
  await expect(page.getByTestId('field-business-postcode')).toContainText('Example of a valid one: 2100')
  await page.getByTestId('field-business-postcode').locator('input').fill('2100')
  await page.getByTestId('welcome-next').click()

  await expect(page.getByRole('heading', { name: 'How would you like to start?' })).toBeVisible()
  await page.getByTestId('load-demo').click()

  await expect(page.getByTestId('contacts-table')).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('screen-title')).toHaveText('Contacts')
  await expect(page.getByTestId('contacts-total')).toHaveText('2,500 contacts')
  await expect(rows(page)).toHaveCount(50)
  await expect(page.getByText('Blomsterhuset ApS')).toBeVisible()

  // Setup is stored: a reload goes straight to the app, still in English.
  await page.reload()
  await expect(page.getByTestId('welcome')).toHaveCount(0)
  await expect(page.getByTestId('nav-contacts')).toHaveText('Contacts')
})
