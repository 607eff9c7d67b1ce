import { readFileSync } from 'node:fs'
import { expect, test, type Download, type Page } from '@playwright/test'
import { setUpWorkspace, startServer, type Server } from '../helpers/server'
import { rows, search } from '../helpers/contacts'
import { shot } from '../helpers/campaigns'

// The Playwright check for the GDPR tools, against the real
// backend: find a person on Privacy → A person's data, see what is held,
// export it (an .xlsx and a .json are downloaded), erase them after typing
// their name; they are gone from Contacts, and the audit log shows both
// the export and the erasure. The contact drawer links to the same place.

test.describe.configure({ mode: 'serial' })

let server: Server
let page: Page
let contactId = 0

type Bridge = { go: { app: Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>> } }
async function backend<T>(name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    async ({ name, args }) => {
      const [svc, fn] = name.split('.')
      return (await (window as unknown as Bridge).go.app[svc][fn](...args)) as T
    },
    { name, args },
  ) as Promise<T>
}

test.beforeAll(async ({ browser }) => {
  server = await startServer()
  page = await browser.newPage()
  await setUpWorkspace(page, server.url, { language: 'en' })
  const person = {
    firstName: 'Zebulon',
    lastName: 'Quaxworth',
    email: 'zebulon.quaxworth@example.dk',
    phone: '+45 28 19 37 46',
    street1: 'Quaxvej 17',
    postcode: '8000',
    city: 'Aarhus C',
    country: 'DK',
    kind: 'customer',
    tags: ['vip'],
    custom: {},
  }
  const c = await backend<{ id: number }>('Contacts.Create', person)
  contactId = c.id
  await backend('Contacts.Create', { ...person, firstName: 'Karen', lastName: 'Blixen', email: 'karen@example.dk', phone: '', street1: 'Rungstedvej 111', tags: [] })
  await page.reload()
})

test.afterAll(async () => {
  await page?.close()
  await server?.stop()
})

test('the contact drawer opens the person on the Privacy screen', async () => {
  await page.getByTestId('nav-contacts').click()
  await search(page, 'Quaxworth')
  await expect(rows(page)).toHaveCount(1)
  await rows(page).first().click()
  await page.getByTestId('contact-gdpr').click()
  await expect(page.getByTestId('gdpr-summary')).toBeVisible()
  await expect(page.getByTestId('gdpr-summary').locator('h3')).toHaveText('Zebulon Quaxworth')
  await expect(page.getByTestId('gdpr-area-contact')).toContainText('Contact details')
  await expect(page.getByTestId('gdpr-area-tags')).toContainText('1')
})

test('find a person and export what is held: an .xlsx and a .json are downloaded', async () => {
  await page.goto(server.url.replace(/#.*$/, '') + '#/privacy?tab=people')
  await page.getByTestId('gdpr-search').locator('input').fill('zebulon')
  await page.getByTestId(`gdpr-person-${contactId}`).click()
  await expect(page.getByTestId('gdpr-summary')).toBeVisible()
  const downloads: Download[] = []
  page.on('download', (d) => downloads.push(d))
  await page.getByTestId('gdpr-export').click()
  await expect(page.getByTestId('gdpr-exported')).toBeVisible()
  await expect.poll(() => downloads.length).toBe(2)
  const names = downloads.map((d) => d.suggestedFilename()).sort()
  // person-<contact id>-…: erasing them deletes these files too.
  expect(names[0]).toMatch(/^person-\d+-Zebulon-Quaxworth-\d+\.json$/)
  expect(names[1]).toMatch(/^person-\d+-Zebulon-Quaxworth-\d+\.xlsx$/)
  const json = JSON.parse(readFileSync((await downloads.find((d) => d.suggestedFilename().endsWith('.json'))!.path())!, 'utf8'))
  expect(json.data.contact[0].email).toBe('zebulon.quaxworth@example.dk')
  const xlsx = readFileSync((await downloads.find((d) => d.suggestedFilename().endsWith('.xlsx'))!.path())!)
  expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK')
  await shot(page, 'gdpr-person.png')
})

test('erasing needs the name typed; then the person is gone from Contacts', async () => {
  await page.getByTestId('gdpr-erase').click()
  const dlg = page.getByTestId('gdpr-erase-dialog')
  await expect(dlg).toBeVisible()
  await expect(dlg).toContainText('cannot be undone')
  await expect(dlg.getByTestId('gdpr-erase-safety')).toContainText('safety backup')
  const go = page.getByTestId('gdpr-erase-go')
  await expect(go).toBeDisabled()
  await page.getByTestId('gdpr-erase-confirm').locator('input').fill('Zebulon')
  await expect(go).toBeDisabled()
  await page.getByTestId('gdpr-erase-confirm').locator('input').fill('zebulon quaxworth')
  await shot(page, 'gdpr-erase-dialog.png')
  await go.click()
  await expect(page.getByTestId('gdpr-erased')).toContainText('Zebulon Quaxworth was erased')
  await expect(page.getByTestId('gdpr-summary')).toHaveCount(0)

  await page.getByTestId('nav-contacts').click()
  await search(page, 'Quaxworth')
  await expect(rows(page)).toHaveCount(0)
  await search(page, 'Blixen')
  await expect(rows(page)).toHaveCount(1)
})

test('the audit log shows the export and the erasure, and filters by action', async () => {
  await page.goto(server.url.replace(/#.*$/, '') + '#/privacy?tab=audit')
  await expect(page.getByTestId('gdpr-audit-table')).toBeVisible()
  await expect(page.getByTestId('gdpr-audit-person_erase')).toContainText('Person erased')
  await expect(page.getByTestId('gdpr-audit-person_erase')).not.toContainText('Quaxworth')
  // The export line stays, but its file names (which held the name) went with the erasure.
  await expect(page.getByTestId('gdpr-audit-person_export')).toContainText("Person's data exported")
  await expect(page.getByTestId('gdpr-audit-person_export')).not.toContainText('Quaxworth')
  await shot(page, 'gdpr-audit.png')
  await page.getByTestId('gdpr-audit-filter').click()
  await page.locator('.n-base-select-option:visible', { hasText: 'Person erased' }).click()
  await expect(page.getByTestId('gdpr-audit-person_export')).toHaveCount(0)
  await expect(page.getByTestId('gdpr-audit-person_erase')).toHaveCount(1)
  const dl = page.waitForEvent('download')
  await page.getByTestId('gdpr-audit-export').click()
  expect((await dl).suggestedFilename()).toMatch(/^audit-log-.*\.xlsx$/)
})

test('the retention rule is off by default, then previews who it would erase', async () => {
  await page.goto(server.url.replace(/#.*$/, '') + '#/privacy?tab=people')
  const card = page.getByTestId('gdpr-retention')
  await expect(card).toBeVisible()
  await expect(page.getByTestId('gdpr-retention-preview')).toHaveCount(0)
  await page.getByTestId('gdpr-retention-on').click()
  await page.getByTestId('gdpr-retention-save').click()
  await expect(card).toContainText('Nobody has been inactive for more than 5 years.')
  await page.getByTestId('gdpr-retention-preview').click()
  await expect(page.getByTestId('gdpr-retention-total')).toContainText('0 contacts')
  await expect(page.getByTestId('gdpr-retention-run')).toBeDisabled()
})
