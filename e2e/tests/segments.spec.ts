import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { binary, setUpWorkspace, startServer, type Server } from '../helpers/server'
import { choose as chooseIn, exportAs, setField as setFieldIn, settledCount as settled } from '../helpers/segments'

// The segment builder against the real backend: the demo workspace is made
// with the CLI first, so the CLI can count the same segment before the
// server holds the workspace's lock; the screen must show the same number.

const region = 'Region Hovedstaden'
const titles = ['Direktør', 'Indehaver']
const segmentName = 'Women 30–45, owners in Hovedstaden'

test.describe.configure({ mode: 'serial' })

let server: Server
let page: Page
let dataDir = ''
let expected = 0
// The same segment exported "for SMS" by the CLI: who goes in, who is left out.
let forSms = { rows: 0, excluded: {} as Record<string, number> }

function cli(args: string[]): string {
  return execFileSync(binary, args, { env: { ...process.env, LANG: 'en_US.UTF-8' }, encoding: 'utf8' })
}

test.beforeAll(async ({ browser }) => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'directdesk-e2e-segments-'))
  cli(['demo', '--data', dataDir, '--contacts', '2500', '--quiet'])
  const args = ['segment', 'count', '--data', dataDir, '--json', '--age', '30-45', '--gender', 'f', '--region', region]
  for (const t of titles) args.push('--job-title', t)
  expected = (JSON.parse(cli(args)) as { count: number }).count
  expect(expected).toBeGreaterThan(0)
  const exp = ['segment', 'export', ...args.slice(2), '--quiet', '--for', 'sms', '--out', path.join(dataDir, 'sms.csv')]
  forSms = JSON.parse(cli(exp)) as typeof forSms

  server = await startServer({ dataDir })
  page = await browser.newPage()
  await setUpWorkspace(page, server.url, { language: 'en' })
})

test.afterAll(async () => {
  await page?.close()
  await server?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

const conditions = () => page.getByTestId('segment-condition')
const count = () => page.getByTestId('segment-count')
const choose = (text: string | RegExp) => chooseIn(page, text)
const setField = (row: Locator, label: string) => setFieldIn(page, row, label)
const settledCount = () => settled(page)

test('builds "women 30–45 in Region Hovedstaden who are Direktør or Indehaver" and counts what the CLI counts', async () => {
  await page.getByTestId('nav-segments').click()
  await expect(page.getByTestId('screen-title')).toHaveText('Segments')
  await expect(page.getByTestId('segment-total')).toHaveText('of 2,500 contacts')
  const everyone = await settledCount()
  expect(everyone).toBe(2500)

  // A new segment starts with one condition to fill in; unfinished, it is left out of the count.
  await expect(conditions()).toHaveCount(1)
  await expect(conditions().first()).toHaveAttribute('data-state', 'incomplete')

  const age = conditions().nth(0)
  await setField(age, 'Age')
  await expect(age.getByTestId('cond-op')).toContainText('is between')
  await age.getByTestId('cond-number-0').locator('input').fill('30')
  await expect(age).toHaveAttribute('data-state', 'incomplete')
  await expect(page.getByTestId('segment-unfinished-note')).toContainText('1 condition is not finished')
  await age.getByTestId('cond-number-1').locator('input').fill('45')
  await expect(age).toHaveAttribute('data-state', 'complete')
  const ages = await settledCount()
  expect(ages).toBeLessThan(everyone)

  await page.getByTestId('add-condition').click()
  const gender = conditions().nth(1)
  await setField(gender, 'Gender')
  await gender.getByTestId('cond-enum-female').click()

  await page.getByTestId('add-condition').click()
  const where = conditions().nth(2)
  await setField(where, 'Region')
  await where.getByTestId('cond-pick').click()
  // The list shows how many contacts have each value.
  await expect(page.locator('.n-base-select-menu:visible')).toContainText(/Region Hovedstaden\s*\d+/)
  await page.keyboard.type('Hovedst')
  await choose(region)
  await page.keyboard.press('Escape')

  await page.getByTestId('add-condition').click()
  const job = conditions().nth(3)
  await setField(job, 'Job title')
  await job.getByTestId('cond-pick').click()
  for (const title of titles) {
    await page.keyboard.type(title)
    await choose(title)
  }
  await page.keyboard.press('Escape')
  await expect(job.getByTestId('cond-pick')).toContainText('Direktør')

  expect(await settledCount()).toBe(expected)
  await expect(count()).toHaveText(new Intl.NumberFormat('en-GB').format(expected))

  // Who they are.
  await expect(page.getByTestId('breakdown-age')).toBeVisible()
  await expect(page.getByTestId('breakdown-gender')).toContainText('Female')
  await expect(page.getByTestId('breakdown-regions')).toContainText(region)
  await expect(page.getByTestId('breakdown-jobtitles')).toContainText(/Direktør|Indehaver/)
  await expect(page.getByTestId('sample-contact')).toHaveCount(Math.min(expected, 8))
  await expect(page.getByTestId('segment-unsaved')).toBeVisible()
})

test('"Why?" shows each condition a sample contact meets, and one a Russian contact fails', async () => {
  await page.getByTestId('sample-why').first().click()
  const dialog = page.getByTestId('explain-dialog')
  await expect(dialog).toBeVisible()
  await expect(page.getByTestId('explain-verdict')).toHaveAttribute('data-met', 'true')
  await expect(page.getByTestId('explain-verdict')).toContainText('is in this segment')
  const rows = dialog.getByTestId('explain-row')
  await expect(rows).toHaveCount(5)
  await expect(rows.nth(0)).toContainText('Contacts who match all of these conditions:')
  await expect(rows.nth(1)).toContainText('Age is between 30 and 45')
  await expect(rows.nth(2)).toContainText('Gender is Female')
  await expect(rows.nth(3)).toContainText(`Region is ${region}`)
  await expect(rows.nth(4)).toContainText('Job title is Direktør or Indehaver')
  for (const r of await rows.all()) await expect(r).toHaveAttribute('data-met', 'true')

  // Any contact can be checked: a contact in Moscow is not in Region Hovedstaden.
  await dialog.getByTestId('explain-search').click()
  await page.keyboard.type('Москва')
  await page.locator('.n-base-select-menu:visible .n-base-select-option').first().click()
  await expect(page.getByTestId('explain-verdict')).toHaveAttribute('data-met', 'false')
  await expect(page.getByTestId('explain-verdict')).toContainText('is not in this segment')
  await expect(rows.nth(3)).toHaveAttribute('data-met', 'false')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
})

test('the segment is saved, and is still there after a reload', async () => {
  await page.getByTestId('segment-save').click()
  // No name yet: the name field says so.
  await expect(page.getByText('Give the segment a name.')).toBeVisible()
  await page.getByTestId('segment-name').locator('input').fill(segmentName)
  await page.getByTestId('segment-save').click()
  await expect(page.getByText(`Segment “${segmentName}” saved`)).toBeVisible()
  await expect(page.getByTestId('segment-unsaved')).toBeHidden()
  const item = page.getByTestId('segment-item').filter({ hasText: segmentName })
  await expect(item).toContainText(`${expected} contact`)

  await page.reload()
  await expect(page.getByTestId('segments-screen')).toBeVisible()
  await page.getByTestId('segment-item').filter({ hasText: segmentName }).click()
  await expect(page.getByTestId('segment-name').locator('input')).toHaveValue(segmentName)
  await expect(conditions()).toHaveCount(4)
  await expect(conditions().nth(3).getByTestId('cond-pick')).toContainText('Indehaver')
  expect(await settledCount()).toBe(expected)
  await expect(page.getByTestId('segment-unsaved')).toBeHidden()

  // Names are unique: saving a copy under the same name is refused in words.
  await page.getByTestId('segment-save-as').click()
  await expect(page.getByTestId('name-dialog-input').locator('input')).toHaveValue(`${segmentName} (copy)`)
  await page.getByTestId('name-dialog-input').locator('input').fill(segmentName.toUpperCase())
  await page.getByTestId('name-dialog-ok').click()
  await expect(page.getByTestId('name-dialog')).toContainText(`There is already a segment or list called “${segmentName.toUpperCase()}”`)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('name-dialog')).toBeHidden()
})

test('it is frozen as a list with the date, and the list exports to .xlsx', async () => {
  await page.getByTestId('segment-freeze').click()
  const input = page.getByTestId('name-dialog-input').locator('input')
  await expect(input).toHaveValue(new RegExp(`^${segmentName} – `))
  await page.getByTestId('name-dialog-ok').click()
  await expect(page.getByText(/Frozen list “.*” saved with \d+ contacts?/)).toBeVisible()
  const frozen = page.locator('[data-testid="segment-item"][data-kind="frozen"]')
  await expect(frozen).toHaveCount(1)
  await expect(frozen).toContainText(`${expected} contact`)

  await frozen.click()
  await expect(page.getByTestId('segment-frozen-size')).toHaveText(String(expected))
  await expect(page.getByTestId('segment-frozen-note')).toContainText('A frozen list')
  // Its conditions are shown as sentences, not as editors.
  await expect(conditions().first()).toContainText('Age is between 30 and 45')
  await expect(page.getByTestId('add-condition')).toHaveCount(0)

  await exportAs(page, 'sheet')
  await expect(page.getByTestId('segment-export-dialog')).toContainText(`${expected} contact`)
  // Nothing is exported until the user says what the file is for.
  await expect(page.getByTestId('segment-export-run')).toBeDisabled()
  // For SMS: the people who may not get SMS are counted by reason first, as the CLI counts them.
  await page.getByTestId('segment-export-send').click()
  await page.getByTestId('segment-export-channel-sms').click()
  const pre = page.getByTestId('segment-export-preflight')
  await expect(pre).toHaveAttribute('data-kept', String(forSms.rows))
  const reasons = Object.entries(forSms.excluded).filter(([, n]) => n > 0)
  await expect(page.getByTestId('segment-export-excluded-reason')).toHaveCount(reasons.length)
  for (const [reason, n] of reasons) {
    await expect(pre.locator(`[data-reason="${reason}"]`)).toHaveAttribute('data-count', String(n))
  }
  await page.screenshot({ path: path.join(process.env.DD_SHOTS || tmpdir(), 'segment-export-for-sms.png') })
  if (reasons.length) {
    const [reason, n] = reasons[0]
    await page.getByTestId(`segment-export-see-${reason}`).click()
    await expect(page.getByTestId('excluded-row')).toHaveCount(Math.min(n, 50))
    await expect(page.getByTestId('excluded-row').first()).toHaveAttribute('data-reason', reason)
    await page.getByTestId('excluded-close').click()
  }
  const download = page.waitForEvent('download')
  await page.getByTestId('segment-export-run').click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/)
  const bytes = Buffer.concat(((await (await file.createReadStream()).toArray()) as Buffer[]).map((b) => Buffer.from(b)))
  expect(bytes.subarray(0, 2).toString()).toBe('PK')
  await expect(page.getByText(new RegExp(`${forSms.rows} contacts? exported; downloading`))).toBeVisible()
})

test('in Swedish the builder speaks Swedish', async () => {
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('language-select').click()
  await page.locator('.n-base-select-option', { hasText: 'Svenska' }).click()
  await page.getByTestId('nav-segments').click()
  await expect(page.getByTestId('screen-title')).toHaveText('Segment')
  await expect(page.getByTestId('nav-segments')).toContainText('Segment')
  await page.locator('[data-testid="segment-item"][data-kind="dynamic"]').filter({ hasText: segmentName }).click()
  await expect(page.getByTestId('segment-group').first()).toContainText('Kontakter som uppfyller')
  await expect(page.getByTestId('group-mode')).toContainText('alla dessa villkor')
  await expect(conditions().nth(0).getByTestId('cond-op')).toContainText('är mellan')
  await expect(conditions().nth(0)).toContainText('år')
  await expect(page.getByTestId('segment-total')).toHaveText('av 2\u00a0500 kontakter')
  await expect(page.getByTestId('segment-list')).toContainText('Sparade segment')
  await expect(page.getByTestId('segment-list')).toContainText('Frysta listor')
  await expect(page.getByTestId('segment-save')).toContainText('Spara')
  await page.getByTestId('sample-why').first().click()
  await expect(page.getByTestId('explain-row').nth(1)).toContainText('Ålder är mellan 30 och 45')
  await page.keyboard.press('Escape')

  await page.getByTestId('help-button').click()
  await expect(page.getByTestId('help-drawer')).toContainText('Ett segment är en grupp kontakter')
  await page.keyboard.press('Escape')
})
