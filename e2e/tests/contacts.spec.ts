import { expect, test, type Page } from '@playwright/test'
import { setUpWorkspace, startServer, type Server } from '../helpers/server'
import { backendContact, cell, closeDrawer, field, input, rowById, rows, search } from '../helpers/contacts'

test.describe.configure({ mode: 'serial' })

let server: Server
let page: Page
let editedId = ''
const fixedEmail = 'lene.fixed@example.dk'

test.beforeAll(async ({ browser }) => {
  server = await startServer()
  page = await browser.newPage()
  await setUpWorkspace(page, server.url, { language: 'en', demo: 2500 })
  await page.getByTestId('nav-contacts').click()
  await expect(page.getByTestId('contacts-total')).toHaveText('2,500 contacts')
})

test.afterAll(async () => {
  await page?.close()
  await server?.stop()
})

test('search finds contacts and shows how many', async () => {
  await search(page, 'hansen')
  const total = page.getByTestId('contacts-total')
  await expect(total).toHaveText(/^\d[\d,]* contacts?$/)
  const n = Number((await total.textContent())!.replace(/\D/g, ''))
  expect(n).toBeGreaterThan(0)
  expect(n).toBeLessThan(2500)
  await expect(rows(page)).toHaveCount(Math.min(n, 50))
  for (const row of await rows(page).all()) {
    await expect(row).toContainText(/hansen/i)
  }
})

test('an invalid email is refused under the field and nothing is saved', async () => {
  const row = rows(page).filter({ has: page.locator('td.dd-col-email', { hasText: '@' }) }).first()
  editedId = (await row.getAttribute('data-id'))!
  const oldEmail = (await cell(row, 'email').textContent())!.trim()
  expect(oldEmail).toContain('@')

  await row.click()
  await expect(page.getByTestId('contact-drawer')).toBeVisible()
  await expect(input(page, 'email')).toHaveValue(oldEmail)
  await input(page, 'email').fill('lene.fixed@@example')
  await page.getByTestId('save-contact').click()

  await expect(field(page, 'email')).toContainText('This is not a valid email address')
  await expect(page.getByTestId('contact-drawer')).toBeVisible()
  await expect(input(page, 'email')).toHaveValue('lene.fixed@@example')
  expect((await backendContact(page, editedId)).email).toBe(oldEmail)

  await closeDrawer(page)
  await rowById(page, editedId).click()
  await expect(input(page, 'email')).toHaveValue(oldEmail)
})

test('fixing the email saves it, and it is still there after a reload', async () => {
  await input(page, 'email').fill(fixedEmail)
  await page.getByTestId('save-contact').click()
  await expect(page.getByTestId('contact-drawer')).toBeHidden()
  await expect(page.getByText('Contact saved')).toBeVisible()
  await expect(cell(rowById(page, editedId), 'email')).toHaveText(fixedEmail)

  await page.reload()
  await expect(page.getByTestId('contacts-table')).toBeVisible()
  await search(page, fixedEmail)
  await expect(rows(page)).toHaveCount(1)
  await rows(page).first().click()
  await expect(input(page, 'email')).toHaveValue(fixedEmail)
  await closeDrawer(page)
})

test('an email another contact has gives the conflict message', async () => {
  await search(page, 'hansen')
  const row = rows(page).and(page.locator(`:not([data-id="${editedId}"])`)).first()
  const id = (await row.getAttribute('data-id'))!
  expect(id).not.toBe(editedId)
  const before = (await backendContact(page, id)).email

  await row.click()
  await input(page, 'email').fill(fixedEmail)
  await page.getByTestId('save-contact').click()
  await expect(field(page, 'email')).toContainText('Another contact already has this email address')
  expect((await backendContact(page, id)).email).toBe(before)
  await closeDrawer(page)
})

test('a birth date in the future is refused', async () => {
  const row = rows(page).nth(1)
  const id = (await row.getAttribute('data-id'))!
  const before = (await backendContact(page, id)).birthDate
  await row.click()
  const date = input(page, 'birthDate')
  await date.fill('01/06/2090')
  await date.press('Enter')
  await field(page, 'firstName').locator('input').click()
  await page.getByTestId('save-contact').click()
  await expect(field(page, 'birthDate')).toContainText('The birth date cannot be in the future. Check the year.')
  expect((await backendContact(page, id)).birthDate).toBe(before)

  // More than 120 years ago has its own message.
  await date.fill('01/06/1850')
  await date.press('Enter')
  await field(page, 'firstName').locator('input').click()
  await page.getByTestId('save-contact').click()
  await expect(field(page, 'birthDate')).toContainText('The birth date is more than 120 years ago. Check the year.')
  expect((await backendContact(page, id)).birthDate).toBe(before)
  await closeDrawer(page)
})

test('a change made elsewhere meanwhile is not overwritten', async () => {
  const row = rows(page).nth(2)
  const id = (await row.getAttribute('data-id'))!
  await row.click()
  await expect(page.getByTestId('contact-drawer')).toBeVisible()
  // Someone else saves the same contact (a second later, so its time stamp moves on).
  await page.waitForTimeout(1100)
  await page.evaluate(async (cid) => {
    const c = (window as unknown as { go: { app: { Contacts: Record<string, (...a: unknown[]) => Promise<Record<string, unknown>>> } } }).go.app.Contacts
    const contact = await c.Get(cid)
    contact.notes = 'Changed in another window'
    await c.Update(contact)
  }, Number(id))
  await input(page, 'city').fill('Elsewhere')
  await page.getByTestId('save-contact').click()
  await expect(page.getByTestId('contact-conflict')).toContainText('changed somewhere else')
  expect((await backendContact(page, id)).city).not.toBe('Elsewhere')
  await page.getByTestId('contact-conflict').getByRole('button').click()
  await expect(field(page, 'notes').locator('textarea')).toHaveValue('Changed in another window')
  await closeDrawer(page)
})

test('a new contact is added, with the phone number understood', async () => {
  await page.getByTestId('new-contact').click()
  await expect(page.getByTestId('contact-drawer-title')).toContainText('New contact')
  await input(page, 'firstName').fill('Birgitte')
  await input(page, 'lastName').fill('Testesen')
  await input(page, 'mobile').fill('20 12 34 56')
  await page.getByTestId('save-contact').click()
  await expect(page.getByText('Contact added')).toBeVisible()
  await search(page, 'Testesen')
  await expect(rows(page)).toHaveCount(1)
  await expect(cell(rows(page).first(), 'mobile')).toHaveText('+45 20 12 34 56')
})

test('selected contacts get a tag at once', async () => {
  await search(page, 'hansen')
  const checks = page.locator('[data-testid="contact-row"] .n-checkbox')
  await checks.nth(0).click()
  await checks.nth(1).click()
  await expect(page.getByTestId('bulk-count')).toHaveText('2 selected')
  await page.getByTestId('bulk-add-tag').click()
  await page.getByTestId('tag-input').click()
  await page.keyboard.type('Spring letter')
  await page.keyboard.press('Enter')
  await page.getByTestId('tag-submit').click()
  await expect(page.getByText('Tag “Spring letter” added to 2 contacts')).toBeVisible()
  await page.getByTestId('bulk-clear').click()
  await page.getByTestId('contacts-search').fill('')
  await page.getByTestId('filter-tag').click()
  await page.locator('.n-base-select-option', { hasText: 'Spring letter' }).click()
  await expect(page.getByTestId('contacts-total')).toHaveText('2 contacts')
  await page.getByTestId('clear-filters').click()
  await expect(page.getByTestId('contacts-total')).toHaveText('2,501 contacts')
})

test('the keyboard finds and opens a contact', async () => {
  await page.getByTestId('contacts-search').fill('')
  await page.locator('body').click({ position: { x: 5, y: 400 } })
  await page.keyboard.press('/')
  await expect(page.getByTestId('contacts-search')).toBeFocused()
  await page.keyboard.type('Testesen')
  await expect(page.getByTestId('contacts-total')).toHaveText('1 contact')
  await page.keyboard.press('ArrowDown')
  await expect(rows(page).first()).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('contact-drawer')).toBeVisible()
  await expect(input(page, 'lastName')).toHaveValue('Testesen')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('contact-drawer')).toBeHidden()
})

test('the chosen columns are remembered', async () => {
  await page.getByTestId('columns-button').click()
  await page.getByTestId('column-postcode').click()
  await page.getByTestId('column-tags').click()
  await page.keyboard.press('Escape')
  const headers = page.locator('.dd-contacts-table th')
  await expect(headers.filter({ hasText: 'Postcode' })).toHaveCount(1)
  await expect(headers.filter({ hasText: 'Tags' })).toHaveCount(0)
  await page.reload()
  await expect(headers.filter({ hasText: 'Postcode' })).toHaveCount(1)
  await expect(headers.filter({ hasText: 'Tags' })).toHaveCount(0)
})

test('switching to Russian in settings translates the contacts screen', async () => {
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('language-select').click()
  await page.locator('.n-base-select-option', { hasText: 'Русский' }).click()
  await expect(page.getByTestId('screen-title')).toHaveText('Настройки')

  await page.getByTestId('nav-contacts').click()
  await expect(page.getByTestId('screen-title')).toHaveText('Контакты')
  await expect(page.getByTestId('contacts-search')).toHaveAttribute('placeholder', 'Поиск по имени, почте, телефону, городу или компании')
  const headers = page.locator('.dd-contacts-table th')
  await expect(headers.filter({ hasText: 'Имя' })).toHaveCount(1)
  await expect(headers.filter({ hasText: 'Компания' })).toHaveCount(1)
  await expect(headers.filter({ hasText: 'Эл. почта' })).toHaveCount(1)
  await expect(page.getByTestId('new-contact')).toHaveText('Новый контакт')
  await expect(page.getByTestId('contacts-total')).toHaveText(/^2\s501 контакт$/)

  // The choice is stored.
  await page.reload()
  await expect(page.getByTestId('screen-title')).toHaveText('Контакты')
})
