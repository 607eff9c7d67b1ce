import { expect, test } from '@playwright/test'
import { startServer, type Server } from '../helpers/server'
import { input, rows } from '../helpers/contacts'

let server: Server
test.beforeAll(async () => {
  server = await startServer()
})
test.afterAll(async () => {
  await server?.stop()
})

test('start empty, add a first contact, then load demo data from the contact list', async ({ page }) => {
  await page.goto(server.url)
  await page.getByTestId('lang-en').click()
  await page.getByTestId('welcome-next').click()
  await page.getByTestId('welcome-next').click()
  await page.getByTestId('welcome-skip').click()
  await page.getByTestId('start-empty').click()

  await expect(page.getByTestId('home-empty')).toBeVisible()
  await expect(page.getByTestId('stat-contacts')).toContainText('0')
  await page.getByTestId('home-add-contact').click()
  await expect(page.getByTestId('contact-drawer-title')).toContainText('New contact')
  await expect(input(page, 'firstName')).toBeFocused()
  await page.getByTestId('save-contact').click()
  await expect(page.getByTestId('field-lastName')).toContainText('Give the contact a name or a company name.')
  await input(page, 'lastName').fill('Mortensen')
  await input(page, 'postcode').fill('21000')
  await page.getByTestId('save-contact').click()
  await expect(page.getByTestId('field-postcode')).toContainText('Example of a valid one: 2100')
  await input(page, 'postcode').fill('2100')
  await page.getByTestId('save-contact').click()
  await expect(page.getByTestId('contact-drawer')).toBeHidden()
  await expect(page.getByTestId('contacts-total')).toHaveText('1 contact')

  // Empty again, then the demo data from the empty list.
  await rows(page).first().click()
  await page.getByTestId('delete-contact').click()
  await page.locator('.n-dialog').getByRole('button', { name: 'Delete' }).click()
  await expect(page.getByTestId('contacts-empty')).toBeVisible()
  await page.getByTestId('contacts-empty').getByTestId('load-demo').click()
  await expect(page.getByTestId('contacts-total')).toHaveText('2,500 contacts', { timeout: 30_000 })

  await page.getByTestId('nav-home').click()
  await expect(page.getByTestId('stat-contacts')).toContainText('2,500')
  await expect(page.getByTestId('home-empty')).toHaveCount(0)
})
