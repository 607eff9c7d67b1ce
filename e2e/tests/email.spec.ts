import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { setUpWorkspace, startServer, type Server } from '../helpers/server'
import { startMailServer, type MailServer } from '../helpers/mailserver'
import { saveSegment } from '../helpers/segments'

// The email issue's scenario against the real backend and a loopback mail
// server (SMTP + IMAP): set up the account in Settings, compose with a
// block and a field, preview, test-send, send the mailing, watch it
// finish, then read the inbox: a bounce and an unsubscribe arrive and the
// two people become suppressed.

const shop = 'shop@example.test'
const shots = process.env.DD_SHOTS || path.join(tmpdir(), 'directdesk-email-shots')

test.describe.configure({ mode: 'serial' })

let server: Server
let mail: MailServer
let page: Page
let tmp = ''
let segmentId = 0

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

const people = [
  { firstName: 'Søren', lastName: 'Ærø', email: 'soren@kunde.test' },
  { firstName: 'Åsa', lastName: 'Öberg', email: 'asa@kunde.test' },
  { firstName: 'Bent', lastName: 'Bounce', email: 'bent@bounce.test' },
  { firstName: 'Lene', lastName: 'Leave', email: 'leave.lene@kunde.test' },
]

test.beforeAll(async ({ browser }) => {
  tmp = mkdtempSync(path.join(tmpdir(), 'dd-email-'))
  mail = await startMailServer(shop, path.join(tmp, 'mail.log'))
  server = await startServer()
  page = await browser.newPage()
  await setUpWorkspace(page, server.url, { language: 'en' })
  const settings = await backend<Record<string, unknown>>('Workspace.Settings')
  await backend('Workspace.SaveSettings', {
    ...settings,
    business: { ...(settings.business as object), name: 'Blomsterhuset', street: 'Nørregade 7', postcode: '8000', city: 'Aarhus C', country: 'DK', email: shop },
  })
  for (const p of people) {
    await backend('Contacts.Create', { ...p, kind: 'customer', country: 'DK', tags: ['Newsletter'] })
  }
  segmentId = await saveSegment(page, 'Newsletter', { all: [{ field: 'tag', op: 'anyOf', values: ['Newsletter'] }] })
})

test.afterAll(async () => {
  await page?.close()
  await server?.stop()
  await mail?.stop()
  if (tmp) rmSync(tmp, { recursive: true, force: true })
})

test('add the mail account in Settings and test the connection', async () => {
  await page.goto(server.url.replace('/?', '/?') + '#/settings')
  await page.getByTestId('account-add').click()
  const form = page.getByTestId('account-form')
  await form.getByTestId('account-name').locator('input').fill('Shop mail')
  await form.getByTestId('account-from-name').locator('input').fill('Blomsterhuset')
  await form.getByTestId('account-from-email').locator('input').fill(shop)
  await form.getByTestId('account-smtp-host').locator('input').fill('127.0.0.1')
  await form.getByTestId('account-smtp-security').click()
  await page.locator('.n-base-select-option').filter({ hasText: /plain|unencrypted|no encryption/i }).first().click()
  await form.getByTestId('account-local-relay').click()
  await form.getByTestId('account-smtp-port').locator('input').fill(String(mail.smtp))
  await form.getByTestId('account-smtp-user').locator('input').fill(shop)
  await form.getByTestId('account-password').locator('input').fill('secret')
  await form.getByTestId('account-imap-host').locator('input').fill('127.0.0.1')
  // The SMTP menu may still be fading out: open the IMAP one only when it is
  // gone, or a click can land on the old menu's option.
  await expect(page.locator('.n-base-select-menu:visible')).toHaveCount(0)
  await form.getByTestId('account-imap-security').click()
  await page.locator('.n-base-select-menu:visible .n-base-select-option').filter({ hasText: /plain|unencrypted|no encryption/i }).first().click()
  await expect(form.getByTestId('account-imap-security')).toContainText(/plain|unencrypted|no encryption/i)
  await form.getByTestId('account-imap-port').locator('input').fill(String(mail.imap))
  await form.getByTestId('account-save').click()
  await expect(page.getByTestId('account-row')).toHaveCount(1)
  await page.getByTestId('account-test').click()
  await expect(page.getByTestId('account-test-result')).toContainText(/SMTP/i)
  await expect(page.getByTestId('account-test-result').locator('[data-ok="false"]')).toHaveCount(0)
  await page.screenshot({ path: path.join(shots, 'en-email-account.png'), fullPage: true })
})

test('compose with a block and a field, preview and send a test', async () => {
  await page.goto(server.url + '#/email?tab=compose')
  await expect(page.getByTestId('email-template-list')).toBeVisible()
  // The starter newsletter is there; edit its subject with a field.
  await page.getByTestId('email-template-list').getByText('Newsletter').first().click()
  const subject = page.getByTestId('email-subject').locator('input')
  await subject.fill('Spring at Blomsterhuset, ')
  await page.getByTestId('email-insert-field').click()
  await page.getByTestId('field-option').filter({ hasText: /first name/i }).first().click()
  await expect(subject).toHaveValue(/\{\{first_name\}\}/)
  // A new text block with a field.
  await page.getByTestId('email-add-block').click()
  await page.getByTestId('email-add-block-text').click()
  const block = page.getByTestId('email-block').filter({ has: page.locator('[contenteditable="true"]') }).last()
  await block.locator('[contenteditable="true"]').click()
  await page.keyboard.type('Your code is {{response_code}}.')
  await page.getByTestId('email-save').click()
  // The preview merges the first recipient of the chosen segment.
  await page.getByTestId('email-recipients').click()
  await page.locator('.n-base-select-option:visible').filter({ hasText: 'Newsletter' }).first().click()
  await expect(page.getByTestId('email-preview-subject')).toContainText('Spring at Blomsterhuset, ')
  const frame = page.frameLocator('[data-testid="email-preview-frame"]')
  await expect(frame.locator('body')).toContainText('Your code is')
  await page.getByTestId('email-preview-next').click()
  await page.screenshot({ path: path.join(shots, 'en-email-compose.png'), fullPage: true })
  // Test send to the shop's own address.
  await page.getByTestId('email-test-send').click()
  await page.getByTestId('email-test-to').locator('input').fill(shop)
  await page.getByTestId('email-test-send-confirm').click()
  await expect.poll(() => mail.received().filter((m) => JSON.stringify(m.to).includes(shop)).length, { timeout: 15_000 }).toBe(1)
})

test('send the mailing and watch it finish', async () => {
  await page.getByTestId('email-send').click()
  await page.getByTestId('email-send-name').locator('input').fill('Spring 2026')
  await expect(page.getByTestId('email-preflight')).toContainText('4')
  await page.getByTestId('email-send-confirm').click()
  await expect(page).toHaveURL(/tab=mailings/)
  await expect(page.getByTestId('mailing-count-sent')).toContainText('4', { timeout: 30_000 })
  await expect(page.getByTestId('mailing-progress')).toBeVisible()
  const to = mail.received().flatMap((m) => (Array.isArray(m.to) ? m.to : [m.to]))
  for (const p of people) expect(to.filter((t) => t === p.email)).toHaveLength(1)
  await page.screenshot({ path: path.join(shots, 'en-email-mailing.png'), fullPage: true })
})

test('the inbox brings a bounce and an unsubscribe; both are suppressed', async () => {
  await page.getByTestId('email-tab-inbox').click()
  await page.getByTestId('inbox-sync').click()
  await expect(page.getByTestId('inbox-result')).toBeVisible({ timeout: 20_000 })
  await expect(page.locator('[data-testid="inbox-log-row"][data-kind="bounce_hard"]')).toHaveCount(1)
  await expect(page.locator('[data-testid="inbox-log-row"][data-kind="unsubscribe"]')).toHaveCount(1)
  await expect(page.getByTestId('suppression-row').filter({ hasText: 'bent@bounce.test' })).toHaveCount(1)
  await expect(page.getByTestId('suppression-row').filter({ hasText: 'leave.lene@kunde.test' })).toHaveCount(1)
  await page.screenshot({ path: path.join(shots, 'en-email-inbox.png'), fullPage: true })
  // A second mailing to the same segment leaves them out.
  const tpl = (await backend<{ id: number }[]>('Documents.Templates', 'email'))[0]
  const pre = await backend<{ willSend: number; skipped: Record<string, number> }>('Email.Preflight', tpl, 0, { segmentId, filter: { v: 1, root: {} } })
  expect(pre.skipped.suppressed).toBe(2)
  expect(pre.willSend).toBe(2)
})
