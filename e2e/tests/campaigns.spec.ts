import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { setUpWorkspace, startServer, type Server } from '../helpers/server'
import { startMailServer, type MailServer } from '../helpers/mailserver'
import { saveSegment } from '../helpers/segments'
import { digits, norwegians, pick, shot, typo } from '../helpers/campaigns'

// The campaigns issue's Playwright check, in Norwegian, against the real
// backend: plan a campaign in the eight-step wizard (letter, email and
// phone, a 10 % control group), read the preflight and launch; pause and
// resume; print the letters (a PDF download) and mark them posted; record
// an order on the call list; redeem a response code with a typo (caught)
// and then the right one; read the results with their charts; see the
// day's work on Home; send the email touch to a loopback mail server (the
// stop rules leave out those who ordered). The set-up goes through the
// bound methods; the rest through the screens.

const shop = 'post@fjordblomst.test'
const tag = 'Vårkunder'
const campaignName = 'Vårkampanje 2026'
const people = norwegians(tag)

test.describe.configure({ mode: 'serial' })

let server: Server
let mail: MailServer
let page: Page
let tmp = ''
let campaignId = 0
/** Name and response code of each letter, from the print queue. */
let letters: { name: string; code: string }[] = []
/** Who got the order on the phone, and what it was worth (kroner). */
let called = ''
/** Whose code was redeemed. */
let redeemedName = ''
const person = (name: string) => people.find((p) => `${p.firstName} ${p.lastName}` === name)!
const callValue = 1250
const redeemValue = 899

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

/** A bound method's error (its JSON), or null when it succeeded. */
async function backendError(name: string, ...args: unknown[]): Promise<{ code: string; details?: Record<string, string> } | null> {
  return page.evaluate(
    async ({ name, args }) => {
      const [svc, fn] = name.split('.')
      try {
        await (window as unknown as Bridge).go.app[svc][fn](...args)
        return null
      } catch (e) {
        if (e && typeof e === 'object' && !(e instanceof Error)) return e as { code: string; details?: Record<string, string> }
        const raw = e instanceof Error ? e.message : String(e)
        try {
          return JSON.parse(raw)
        } catch {
          return { code: 'unknown', details: { message: raw } }
        }
      }
    },
    { name, args },
  )
}

async function responseCount(): Promise<number> {
  const r = await backend<{ total: number }>('Campaigns.Responses', { campaignId, contactId: 0, offset: 0, limit: 100 })
  return r.total
}

interface Preflight {
  segment: number
  target: number
  control: number
  exclusions: { reason: string; count: number }[]
  touches: { seq: number; channel: string; reach: number; costMinor: number; exclusions: { reason: string; count: number }[] }[]
  costMinor: number
  breakEvenRate: number
}

test.beforeAll(async ({ browser }) => {
  tmp = mkdtempSync(path.join(tmpdir(), 'dd-campaigns-'))
  mail = await startMailServer(shop, path.join(tmp, 'mail.log'))
  server = await startServer()
  page = await browser.newPage({ locale: 'nb-NO', timezoneId: 'Europe/Oslo' })
  await setUpWorkspace(page, server.url, { language: 'nb' })
  const settings = await backend<Record<string, unknown>>('Workspace.Settings')
  await backend('Workspace.SaveSettings', {
    ...settings,
    country: 'NO',
    currency: 'NOK',
    business: {
      ...(settings.business as object),
      name: 'Fjordblomst AS',
      street: 'Storgata 12',
      postcode: '0155',
      city: 'Oslo',
      country: 'NO',
      regNo: '987 654 321',
      email: shop,
      phone: '+47 22 33 44 55',
      website: 'https://fjordblomst.test',
    },
  })
  for (const p of people) await backend('Contacts.Create', p)
  await saveSegment(page, tag, { all: [{ field: 'tag', op: 'anyOf', values: [tag] }] })
  await backend('Email.SaveAccount', {
    id: 0,
    name: 'Butikkpost',
    fromName: 'Fjordblomst',
    fromEmail: shop,
    replyTo: '',
    smtpHost: '127.0.0.1',
    smtpPort: mail.smtp,
    smtpSecurity: 'plain',
    smtpUser: shop,
    imapHost: '127.0.0.1',
    imapPort: mail.imap,
    imapSecurity: 'plain',
    imapUser: '',
    processedFolder: 'DirectDesk',
    perMinute: 0,
    perHour: 0,
    perDay: 0,
    unsubscribeUrl: '',
    dkimSelector: '',
    dkimEnabled: false,
    dkimRecord: '',
    createdAt: '',
    updatedAt: '',
  }, 'secret')
  // The screens read the settings (currency, the shop's name) when the page loads.
  await page.reload()
  await page.waitForFunction(() => !!(window as unknown as { go?: unknown }).go)
})

test.afterAll(async () => {
  await page?.close()
  await server?.stop()
  await mail?.stop()
  if (tmp) rmSync(tmp, { recursive: true, force: true })
})

const stepPanel = () => page.getByTestId('campaign-step-panel')
async function next(to: number) {
  await page.getByTestId('campaign-next').click()
  await expect(stepPanel()).toHaveAttribute('data-step', String(to))
}

test('plan the campaign in the eight-step wizard (steps 1-6)', async () => {
  await page.goto(server.url + '#/campaigns')
  await page.getByTestId('campaign-new').click()
  await expect(page.getByTestId('campaign-wizard')).toBeVisible()
  await expect(stepPanel()).toHaveAttribute('data-step', '1')
  await expect(stepPanel().locator('h2')).toHaveText('Mål og budsjett')

  // 1: goal, KPI and the money behind break-even.
  await page.getByTestId('campaign-name').fill(campaignName)
  await page.getByTestId('campaign-goal').locator('textarea').fill('Få faste kunder tilbake til butikken før 17. mai.')
  await page.locator('[data-kpi="revenue"]').click()
  await page.getByTestId('campaign-budget').fill('5000')
  await page.getByTestId('campaign-order-value').fill('800')
  await page.getByTestId('campaign-margin').fill('40')
  await page.getByTestId('campaign-margin').blur()
  await expect(page.getByTestId('campaign-earn')).toContainText('320')
  // The draft saves itself and gets its address.
  await expect(page).toHaveURL(/#\/campaigns\/\d+\/edit/)
  campaignId = Number(/campaigns\/(\d+)\/edit/.exec(page.url())![1])
  await next(2)

  // 2: the target group and a 10 % control group.
  await pick(page, page.getByTestId('campaign-segment'), tag)
  await expect(page.getByTestId('campaign-segment-size')).toHaveAttribute('data-count', String(people.length))
  const handle = page.getByTestId('campaign-control').getByRole('slider')
  await handle.focus()
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('campaign-control-text')).toContainText('12 %')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await expect(page.getByTestId('campaign-control-text')).toContainText('10 %')
  await expect(handle).toHaveAttribute('aria-valuenow', '10')
  await next(3)

  // 3: letter, email and phone, with the letter's own cost and response.
  for (const ch of ['letter', 'email', 'phone']) {
    await page.getByTestId(`campaign-channel-${ch}`).click()
    await expect(page.locator(`[data-testid="campaign-channel"][data-channel="${ch}"]`)).toHaveClass(/\bon\b/)
  }
  await page.getByTestId('campaign-cost-letter').fill('18,50')
  await page.getByTestId('campaign-rate-letter').fill('2,5')
  await page.getByTestId('campaign-rate-letter').blur()
  await expect(page.getByTestId('campaign-cost-per-person')).toContainText('3 trinn')
  await expect(page.getByTestId('campaign-break-even-estimate')).toContainText('%')
  await next(4)

  // 4: the list as of today, with who is left out and why (the screen saves the draft, then counts).
  await expect(page.getByTestId('campaign-count-segment')).toHaveText(String(people.length))
  await expect(page.getByTestId('campaign-list-numbers')).not.toHaveClass(/stale/)
  const pf = await backend<Preflight>('Campaigns.Preflight', campaignId)
  expect(pf.segment).toBe(people.length)
  expect(pf.exclusions).toEqual([expect.objectContaining({ reason: 'missing_address', count: 2 })])
  expect(pf.control).toBe(Math.round((people.length - 2) * 0.1))
  expect(pf.target).toBe(people.length - 2 - pf.control)
  await expect(page.getByTestId('campaign-count-segment')).toHaveText(String(pf.segment))
  await expect(page.getByTestId('campaign-count-target')).toHaveText(String(pf.target))
  await expect(page.getByTestId('campaign-count-control')).toHaveText(String(pf.control))
  await expect(page.getByTestId('campaign-count-excluded')).toHaveText('2')
  await expect(page.getByTestId('exclusion-missing_address')).toBeVisible()
  await next(5)

  // 5: the messages: the offer letter, the newsletter from the shop's account, a call script.
  await expect(page.getByTestId('touch-message-1')).toHaveAttribute('data-channel', 'letter')
  await pick(page, page.getByTestId('touch-template-1'), /Tilbudsbrev|offer-letter/)
  await expect(page.getByTestId('touch-message-2')).toHaveAttribute('data-channel', 'email')
  await pick(page, page.getByTestId('touch-template-2'), /.+/)
  await expect(page.getByTestId('touch-account-2')).toContainText(shop)
  await expect(page.getByTestId('touch-message-3')).toHaveAttribute('data-channel', 'phone')
  await page
    .getByTestId('touch-script-3')
    .locator('textarea')
    .fill('Hei {{full_name}}, dette er {{business.name}} i {{business.city}}. Vi har fått inn vårens blomster og vil gjerne by deg på 15 % rabatt.')
  await next(6)

  // 6: the plan: the email a week after the letter, the call a week later.
  await expect(page.getByTestId('touch-row-1')).toHaveAttribute('data-channel', 'letter')
  await expect(page.getByTestId('touch-row-2')).toHaveAttribute('data-channel', 'email')
  await expect(page.getByTestId('touch-row-3')).toHaveAttribute('data-channel', 'phone')
  await page.getByTestId('touch-offset-2').fill('7')
  await page.getByTestId('touch-offset-3').fill('14')
  await page.getByTestId('touch-offset-3').blur()
  // A fourth touch can be added on any channel, and taken out again.
  await page.getByTestId('campaign-add-touch').click()
  await expect(page.getByTestId('touch-row-4')).toHaveAttribute('data-channel', 'phone')
  await pick(page, page.getByTestId('touch-channel-4'), 'SMS')
  await expect(page.getByTestId('touch-row-4')).toHaveAttribute('data-channel', 'sms')
  await page.getByTestId('touch-remove-4').click()
  await expect(page.locator('[data-testid^="touch-row-"]')).toHaveCount(3)
  await expect(page.getByTestId('campaign-stop-response')).toHaveAttribute('aria-checked', 'true')
  await expect(page.getByTestId('campaign-pressure-max')).toHaveValue('4')
  // The draft saves itself; the picture shows it saved.
  await expect(page.getByTestId('campaign-save-state')).toHaveAttribute('data-state', 'saved')
  await shot(page, 'nb-campaign-wizard-plan.png')

  // The draft as saved has the plan.
  const saved = await backend<{ touches: { channel: string; offsetDays: number; templateId: number; accountId: number; script: string }[]; controlPct: number }>(
    'Campaigns.Get',
    campaignId,
  )
  expect(saved.controlPct).toBe(10)
  expect(saved.touches.map((t) => [t.channel, t.offsetDays])).toEqual([
    ['letter', 0],
    ['email', 7],
    ['phone', 14],
  ])
  expect(saved.touches[0].templateId).toBeGreaterThan(0)
  expect(saved.touches[1].accountId).toBeGreaterThan(0)
  expect(saved.touches[2].script).toContain('{{full_name}}')
})

test('the preflight shows counts, cost and break-even; launch', async () => {
  await next(7)
  // The button waits for a preflight of the plan as saved.
  await expect(page.getByTestId('campaign-launch')).toBeEnabled()
  const pf = await backend<Preflight>('Campaigns.Preflight', campaignId)
  const who = page.getByTestId('campaign-launch-who')
  await expect(who).toContainText(`${pf.target} personer får kampanjen`)
  await expect(who).toContainText(`${pf.control} holdes tilbake i kontrollgruppen`)
  await expect(who).toContainText('2 faller fra')
  await expect(page.getByTestId('exclusion-missing_address')).toBeVisible()
  const rows = page.getByTestId('campaign-launch-costs').locator('tbody tr')
  await expect(rows).toHaveCount(3)
  for (const t of pf.touches) {
    await expect(rows.nth(t.seq - 1).locator('td').nth(2)).toHaveText(String(t.reach))
  }
  // Letters reach everyone in the target group (all have an address); email and calls leave out
  // the prospects (no consent), calls also those without a phone.
  const left = (t: Preflight['touches'][number]) => Object.fromEntries(t.exclusions.map((e) => [e.reason, e.count]))
  expect(pf.touches.map((t) => t.channel)).toEqual(['letter', 'email', 'phone'])
  expect(pf.touches[0].reach).toBe(pf.target)
  expect(Object.keys(left(pf.touches[1])).every((r) => r === 'no_consent')).toBe(true)
  expect(Object.keys(left(pf.touches[2])).every((r) => r === 'no_consent' || r === 'missing_address')).toBe(true)
  for (const t of pf.touches) expect(t.reach + t.exclusions.reduce((n, e) => n + e.count, 0)).toBe(pf.target)
  expect(pf.touches[2].reach).toBeLessThanOrEqual(pf.touches[1].reach)
  const total = digits(await page.getByTestId('campaign-launch-total').innerText())
  expect([String(pf.costMinor), String(Math.round(pf.costMinor / 100))]).toContain(total)
  expect(pf.breakEvenRate).toBeGreaterThan(0)
  expect(pf.breakEvenRate).toBeLessThan(1)
  const breakEven = page.getByTestId('campaign-break-even')
  await expect(breakEven).toContainText('Kampanjen betaler seg hvis')
  await expect(breakEven).toContainText(`det er ${Math.ceil(pf.breakEvenRate * pf.target)} person`)
  await expect(page.getByTestId('campaign-budget-ok')).toBeVisible()
  await expect(page.getByTestId('campaign-problems')).toHaveCount(0)
  await expect(page.getByTestId('campaign-launch')).toBeEnabled()
  await shot(page, 'nb-campaign-launch.png')

  await page.getByTestId('campaign-launch').click()
  await page.getByTestId('campaign-launch-confirm').click()
  await expect(page).toHaveURL(new RegExp(`#/campaigns/${campaignId}$`))
  const status = page.getByTestId('campaign-screen').getByTestId('campaign-status')
  await expect(status).toHaveAttribute('data-status', 'running')
  await expect(status).toHaveText('Pågår')
  await expect(page.getByTestId('campaign-name-title')).toHaveText(campaignName)
  await expect(page.getByTestId('campaign-stat-target')).toContainText(String(pf.target))
})

test('pause and resume from the campaign page', async () => {
  const status = page.getByTestId('campaign-screen').getByTestId('campaign-status')
  await page.getByTestId('campaign-pause').click()
  await expect(status).toHaveAttribute('data-status', 'paused')
  await expect(status).toHaveText('Satt på pause')
  await expect(page.getByTestId('campaign-pause-reason')).toBeVisible()
  expect((await backend<{ status: string }>('Campaigns.Get', campaignId)).status).toBe('paused')
  await expect(page.getByTestId('campaign-pause')).toHaveCount(0)

  await page.getByTestId('campaign-resume').click()
  await expect(status).toHaveAttribute('data-status', 'running')
  await expect(status).toHaveText('Pågår')
  await expect(page.getByTestId('campaign-pause-reason')).toHaveCount(0)
  expect((await backend<{ status: string }>('Campaigns.Get', campaignId)).status).toBe('running')
})

test('print the letters (a PDF download) and mark them posted', async () => {
  await page.getByTestId('campaign-tab-work').click()
  const queue = page.getByTestId('print-queue')
  await expect(queue).toBeVisible()
  const pf = (await backend<{ touches: { id: number; channel: string }[] }>('Campaigns.Get', campaignId)).touches
  const letterTouch = pf.find((t) => t.channel === 'letter')!
  const work = await backend<{ total: number; items: { name: string; responseCode: string }[] }>('Campaigns.Work', {
    touchId: letterTouch.id,
    state: '',
    query: '',
    offset: 0,
    limit: 100,
  })
  expect(work.total).toBeGreaterThan(20)
  await expect(page.getByTestId('print-headline')).toHaveText(`I dag: skriv ut ${work.total} brev`)
  const rows = page.getByTestId('work-row')
  await expect(rows).toHaveCount(work.total)
  await expect(page.locator('[data-testid="work-row"][data-printed="0"]')).toHaveCount(work.total)

  const download = page.waitForEvent('download')
  await page.getByTestId('print-run').click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/\.pdf$/i)
  const pdf = readFileSync(await file.path())
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  expect(pdf.length).toBeGreaterThan(5_000)
  await expect(page.getByTestId('print-result')).toContainText(String(work.total))
  await expect(page.getByTestId('print-headline')).toHaveText(`${work.total} utskrevne brev venter på å bli postlagt`)
  await expect(page.locator('[data-testid="work-row"][data-printed="1"]')).toHaveCount(work.total)
  // Every printed letter carries its own response code (K7MQ-X9A).
  letters = []
  for (let i = 0; i < work.total; i++) {
    const name = (await rows.nth(i).locator('td.name').innerText()).trim()
    const code = (await rows.nth(i).locator('td.code').innerText()).trim()
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$/)
    letters.push({ name, code })
  }
  expect(new Set(letters.map((l) => l.code)).size).toBe(letters.length)
  await shot(page, 'nb-campaign-work.png')

  await page.getByTestId('mark-posted').click()
  await page.getByTestId('mark-posted-confirm').click()
  await expect(page.getByTestId('print-headline')).toHaveText('Ingenting å skrive ut eller poste for dette trinnet.')
  await expect(page.locator('[data-testid="work-row"][data-state="done"]')).toHaveCount(work.total)
  await expect(page.getByTestId('mark-posted')).toHaveCount(0)
})

test('the call list: start the phone touch and record an order', async () => {
  await page.getByTestId('touch-pick-3').click()
  await expect(page.getByTestId('touch-not-released')).toBeVisible()
  await page.getByTestId('touch-release').click()
  const current = page.getByTestId('call-current')
  await expect(current).toBeVisible()
  await expect(page.getByTestId('call-script')).toContainText('dette er Fjordblomst AS i Oslo')
  await expect(page.getByTestId('call-script')).not.toContainText('{{')
  await shot(page, 'nb-campaign-calls.png')

  called = (await current.locator('h3.name').innerText()).trim()
  expect(called).not.toBe('')
  await expect(page.getByTestId('call-script')).toContainText(`Hei ${called},`)
  const first = await current.getAttribute('data-work')
  // Outside the calling hours (evenings, weekends) the app asks before a call.
  if (await page.getByTestId('call-outside-hours').isVisible()) {
    await page.getByTestId('call-anyway').click()
    await page.getByTestId('call-anyway-confirm').click()
  }
  const before = await responseCount()
  await page.getByTestId('call-outcome-order').click()
  await expect(page.getByTestId('call-pending-order')).toBeVisible()
  await page.getByTestId('call-order-value').fill(String(callValue))
  await page.getByTestId('call-save-order').click()
  await expect(current).not.toHaveAttribute('data-work', first!)
  await expect.poll(responseCount).toBe(before + 1)
})

test('redeem a response code: a typo is caught, the right code records the order', async () => {
  await page.goto(server.url + '#/responses')
  const box = page.getByTestId('redeem-code')
  await expect(box).toBeFocused()
  // A customer's letter (prospects have no consent for the email that follows), not the one called.
  const letter = letters.find((l) => l.name !== called && person(l.name).kind === 'customer' && person(l.name).email)!
  redeemedName = letter.name
  const wrong = typo(letter.code)
  expect(wrong).not.toBe(letter.code)
  const before = await responseCount()

  // One character wrong: the check character catches it and nothing is recorded.
  await box.fill(wrong)
  await box.press('Enter')
  await expect(page.getByTestId('redeem-error')).toHaveAttribute('data-reason', 'check')
  await expect(page.getByTestId('redeem-error')).toContainText('skrivefeil')
  await expect(page.getByTestId('redeem-contact')).toHaveCount(0)
  await expect(page.getByTestId('redeem-save')).toHaveCount(0)
  const backendSays = await backendError('Campaigns.Redeem', wrong)
  expect(backendSays?.details?.reason).toBe('check')
  expect(await responseCount()).toBe(before)

  // The right code, typed the lazy way (small letters, no dash).
  await box.fill(letter.code.replace('-', '').toLowerCase())
  await expect(page.getByTestId('redeem-error')).toHaveCount(0)
  await box.press('Enter')
  const who = page.getByTestId('redeem-contact')
  await expect(who).toBeVisible()
  await expect(who.getByTestId('redeem-contact-link')).toHaveText(letter.name)
  await expect(who.getByTestId('redeem-campaign')).toHaveText(campaignName)
  await expect(who).toContainText(letter.code)
  await pick(page, page.getByTestId('redeem-kind'), 'Bestilling')
  await page.getByTestId('redeem-value').fill(String(redeemValue))
  await shot(page, 'nb-responses-redeem.png')
  await page.getByTestId('redeem-save').click()
  await expect(page.getByTestId('redeem-last')).toContainText(letter.name)
  await expect(page.getByTestId('redeem-contact')).toHaveCount(0)
  await expect(box).toHaveValue('')
  await expect.poll(responseCount).toBe(before + 1)
})

test('the results tab shows the responses, the revenue and the charts', async () => {
  await page.goto(server.url + `#/campaigns/${campaignId}?tab=results`)
  const panel = page.getByTestId('results-panel')
  await expect(panel).toHaveAttribute('data-loaded', 'true')
  const r = await backend<{ totals: { responses: number; orders: number; revenueMinor: number }; followUp: unknown[] }>('Campaigns.Results', campaignId)
  expect(r.totals.responses).toBe(2)
  expect(r.totals.orders).toBe(2)
  expect(r.totals.revenueMinor).toBe((callValue + redeemValue) * 100)
  await expect(panel.getByTestId('results-card-responses').locator('.value')).toHaveText('2')
  await expect(panel.getByTestId('results-card-orders').locator('.value')).toHaveText('2')
  expect(digits(await panel.getByTestId('results-card-revenue').locator('.value').innerText())).toMatch(new RegExp(`^${callValue + redeemValue}(00)?$`))
  // The follow-up curve has a bar per touch; the letter and the call brought the two orders.
  const bars = panel.getByTestId('followup-bar')
  await expect(bars.first()).toBeVisible()
  expect(await bars.count()).toBeGreaterThanOrEqual(2)
  await expect(panel.getByTestId('results-uplift')).toBeVisible()
  await expect(panel.getByTestId('results-finding').first()).toBeVisible()
  await expect(panel.getByTestId('results-daily-chart')).toBeVisible()
  await shot(page, 'nb-campaign-results.png')
})

test('Home shows the day\'s work', async () => {
  await page.goto(server.url + '#/')
  const today = page.getByTestId('today-work')
  await expect(today).toBeVisible()
  await expect(today).toHaveAttribute('aria-busy', 'false')
  // The calls not made yet are today's work.
  await expect(today.getByTestId('today-touch').first()).toBeVisible()
  await shot(page, 'nb-home-today.png')
})

test('the email touch goes to the loopback mail server, not to those who already answered', async () => {
  await page.goto(server.url + `#/campaigns/${campaignId}?tab=work`)
  await page.getByTestId('touch-pick-2').click()
  await expect(page.getByTestId('touch-not-released')).toBeVisible()
  await page.getByTestId('touch-release').click()
  await expect(page.getByTestId('email-touch')).toBeVisible()
  const progress = page.getByTestId('mailing-progress')
  await expect(progress).toBeVisible({ timeout: 20_000 })
  // The stop rules: the two who ordered are not on the list; the two prospects without consent are skipped.
  const summary = (await backend<{ campaign: { id: number }; target: number }[]>('Campaigns.List', false)).find((x) => x.campaign.id === campaignId)!
  const total = Number(await progress.getAttribute('data-total'))
  expect(total).toBe(summary.target - 2)
  await expect(progress).toHaveAttribute('data-done', String(total), { timeout: 30_000 })
  // Everyone in the target group got a letter: the prospects among them are the ones skipped.
  const prospects = letters.filter((l) => person(l.name).kind === 'prospect').length
  const sent = total - prospects
  await expect(page.getByTestId('mailing-count-skipped')).toContainText(String(prospects))
  await expect(page.getByTestId('mailing-count-sent')).toContainText(String(sent))
  await expect.poll(() => mail.received().length, { timeout: 15_000 }).toBe(sent)
  const to = mail.received().flatMap((m) => (Array.isArray(m.to) ? m.to : [m.to]))
  expect(new Set(to).size).toBe(sent)
  expect(to).not.toContain(person(called).email)
  expect(to).not.toContain(person(redeemedName).email)
  for (const p of people.filter((x) => x.kind === 'prospect')) expect(to).not.toContain(p.email)
})
