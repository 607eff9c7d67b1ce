import { expect, test, type Page } from '@playwright/test'
import { setUpWorkspace, startServer, type Server } from '../helpers/server'
import { backendContact, closeDrawer, field, input, rows } from '../helpers/contacts'

// The bad inputs shop owners really type, in Danish: each gets a translated
// message under its field, and nothing of the contact changes.
test.describe.configure({ mode: 'serial' })

let server: Server
let page: Page

test.beforeAll(async ({ browser }) => {
  server = await startServer()
  page = await browser.newPage()
  await setUpWorkspace(page, server.url, { language: 'da', demo: 300 })
  await page.getByTestId('nav-contacts').click()
  await expect(page.getByTestId('contacts-total')).toHaveText('300 kontakter')
})

test.afterAll(async () => {
  await page?.close()
  await server?.stop()
})

const cases = [
  { name: 'a mobile number that is too short', field: 'mobile', value: '123', message: 'Mobilnummeret er ikke gyldigt' },
  { name: 'a phone number with letters', field: 'phone', value: 'ring efter kl. 16', message: 'ikke gyldigt' },
  { name: 'an email without a domain', field: 'email', value: 'anna@', message: 'e-mail' },
]

for (const c of cases) {
  test(`${c.name} is refused in Danish and nothing changes`, async () => {
    const row = rows(page).first()
    const id = (await row.getAttribute('data-id'))!
    const before = await backendContact(page, id)
    await row.click()
    await input(page, c.field).fill(c.value)
    await page.getByTestId('save-contact').click()
    await expect(field(page, c.field)).toContainText(c.message)
    expect(await backendContact(page, id)).toEqual(before)
    await closeDrawer(page)
  })
}

test('a Danish postcode with three digits is refused with an example', async () => {
  // A Danish contact: Norway would repair "123" to "0123" (Excel drops leading zeros).
  const row = rows(page).filter({ hasText: 'Danmark' }).first()
  const id = (await row.getAttribute('data-id'))!
  const before = await backendContact(page, id)
  expect(before.country).toBe('DK')
  await row.click()
  await input(page, 'postcode').fill('123')
  await page.getByTestId('save-contact').click()
  await expect(field(page, 'postcode')).toContainText('Postnummeret passer ikke til landet. Eksempel på et gyldigt: 2100.')
  expect(await backendContact(page, id)).toEqual(before)
  await closeDrawer(page)
})
