import { expect, test, type Page } from '@playwright/test'
import { setUpWorkspace, startServer, type Server } from '../helpers/server'
import { rows, search } from '../helpers/contacts'
import { shot } from '../helpers/campaigns'

// The Playwright check for consent, against the real backend: open
// a contact, record a "yes" to calls given on the phone (with the words
// said), see it in the panel with its evidence and in the history; record
// a "no" to email and see "No" at once; an answer dated in the future is
// refused under its field and nothing is stored. The Rules tab shows the
// country rules with the shop's country first.

test.describe.configure({ mode: 'serial' })

let server: Server
let page: Page
let contactId = 0
const wording = 'Må vi ringe dig op med tilbud på nye planter? Du kan altid sige nej.'

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
  // A prospect in Denmark: calls and email need their yes first.
  const c = await backend<{ id: number }>('Contacts.Create', {
    firstName: 'Karen',
    lastName: 'Mølgaard',
    email: 'karen.molgaard@example.dk',
    phone: '+45 28 19 37 46',
    street1: 'Strandvejen 12',
    postcode: '8000',
    city: 'Aarhus',
    country: 'DK',
    kind: 'prospect',
    tags: [],
    custom: {},
  })
  contactId = c.id
  await page.reload()
  await page.getByTestId('nav-contacts').click()
})

test.afterAll(async () => {
  await page?.close()
  await server?.stop()
})

async function openConsent() {
  await search(page, 'Mølgaard')
  await expect(rows(page)).toHaveCount(1)
  await rows(page).first().click()
  await expect(page.getByTestId('contact-drawer')).toBeVisible()
  await page.locator('.contact-drawer .n-tabs-tab', { hasText: 'Consent' }).click()
  await expect(page.getByTestId('consent-panel')).toBeVisible()
}

test('a new contact has no answers, and the panel says what the rules mean for them', async () => {
  await openConsent()
  for (const ch of ['post', 'email', 'sms', 'phone']) {
    await expect(page.getByTestId(`consent-status-${ch}`)).toHaveText('Not asked')
  }
  // Danish sales calls need a yes from everyone; SMS needs one from a prospect.
  await expect(page.getByTestId('consent-verdict-phone')).toHaveText('Needs a yes first: the rules of Denmark require it.')
  await expect(page.getByTestId('consent-verdict-sms')).toHaveText('Needs a yes first: they are not a customer yet.')
  await expect(page.getByTestId('consent-verdict-post')).toContainText('May be contacted unless they say no')
  await expect(page.getByTestId('consent-prospect')).toBeVisible()
})

test('a yes to calls given on the phone is recorded with its wording and shows at once', async () => {
  await page.getByTestId('record-consent').click()
  const dlg = page.getByTestId('consent-dialog')
  await expect(dlg).toBeVisible()
  await page.getByTestId('consent-channel-phone').click()
  await page.getByTestId('consent-status-granted').click()
  // The method defaults to a phone call for the phone channel.
  await expect(page.getByTestId('consent-method')).toContainText('Phone call')
  await page.getByTestId('consent-wording').locator('textarea').fill(wording)
  await page.getByTestId('consent-by').locator('input').fill('Mette')
  await shot(page, 'consent-dialog.png')
  await page.getByTestId('consent-save').click()
  await expect(dlg).toBeHidden()

  await expect(page.getByTestId('consent-status-phone')).toHaveText('Yes')
  await expect(page.getByTestId('consent-verdict-phone')).toHaveText('May be contacted: they said yes.')
  await expect(page.getByTestId('consent-row-phone')).toContainText('Phone call')

  await page.getByTestId('consent-history-toggle').locator('.n-collapse-item__header').click()
  const events = page.getByTestId('consent-event')
  await expect(events).toHaveCount(1)
  await expect(events.first()).toContainText('Phone calls:')
  await expect(events.first()).toContainText('Yes')
  await expect(events.first()).toContainText(wording)
  await expect(events.first()).toContainText('recorded by Mette')

  const h = await backend<{ channel: string; status: string; method: string; wording: string; by: string }[]>('Contacts.ConsentHistory', contactId)
  expect(h).toHaveLength(1)
  expect(h[0]).toMatchObject({ channel: 'phone', status: 'granted', method: 'phone', wording, by: 'Mette' })
})

test('a no to email shows No, and the history lists it first', async () => {
  await page.getByTestId('consent-change-email').click()
  await expect(page.getByTestId('consent-dialog')).toBeVisible()
  await page.getByTestId('consent-status-refused').click()
  // The name is remembered from last time.
  await expect(page.getByTestId('consent-by').locator('input')).toHaveValue('Mette')
  await page.getByTestId('consent-save').click()
  await expect(page.getByTestId('consent-dialog')).toBeHidden()

  await expect(page.getByTestId('consent-status-email')).toHaveText('No')
  await expect(page.getByTestId('consent-verdict-email')).toHaveText('Must not be contacted: they said no.')
  await expect(page.getByTestId('consent-status-phone')).toHaveText('Yes')
  const events = page.getByTestId('consent-event')
  await expect(events).toHaveCount(2)
  await expect(events.first()).toContainText('Email:')
  await expect(events.first()).toContainText('No')
  await shot(page, 'consent-panel.png')
})

test('an answer dated in the future is refused under its field and nothing is stored', async () => {
  const err = await page.evaluate(async (id) => {
    try {
      await (window as unknown as Bridge).go.app.Contacts.RecordConsent(id, {
        channel: 'sms',
        status: 'granted',
        at: '2099-01-01T10:00:00Z',
        method: 'form',
        wording: '',
        by: '',
      })
      return null
    } catch (e) {
      const raw = e instanceof Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e)
      return JSON.parse(raw) as { code: string; field: string; details: Record<string, string> }
    }
  }, contactId)
  expect(err).toMatchObject({ code: 'invalid', field: 'at', details: { reason: 'future' } })
  const h = await backend<unknown[]>('Contacts.ConsentHistory', contactId)
  expect(h).toHaveLength(2)
})

test('the Rules tab shows the country rules in plain words, the shop country first', async () => {
  await page.keyboard.press('Escape')
  await page.getByTestId('nav-privacy').click()
  await expect(page.getByTestId('rules-table')).toBeVisible()
  const first = page.getByTestId('rules-table').locator('tbody tr').first()
  await expect(first).toHaveClass(/mine/)
  await expect(page.getByTestId('rules-row-RU')).toContainText('Needs a yes first')
  await expect(page.getByTestId('rules-row-SE')).toContainText('NIX')
  await expect(page.getByTestId('rules-not-legal-advice')).toContainText('not legal advice')
  await shot(page, 'consent-rules.png')
})
