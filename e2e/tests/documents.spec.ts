import { execFileSync } from 'node:child_process'
import { crc32, deflateSync } from 'node:zlib'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { binary, setUpWorkspace, startServer, type Server } from '../helpers/server'
import { saveSegment } from '../helpers/segments'

// Letters & print against the real backend, the scenario: write a
// letter with fields and a condition, preview two contacts, refuse an
// unknown field (with the fix offered), check the recipients, fix a contact
// and see the warning shrink, make the letters for a saved segment and read
// the PDF that comes down.

const segmentName = 'Danish women'
const business = {
  name: 'Søstrene Ågård',
  street: 'Nørregade 7',
  postcode: '8000',
  city: 'Aarhus C',
  country: 'DK',
  regNo: '12345678',
  email: 'hej@agaard.dk',
  phone: '+45 86 12 34 56',
  website: 'agaard.dk',
}
const shots = process.env.DD_SHOTS || path.join(tmpdir(), 'directdesk-letters-shots')

test.describe.configure({ mode: 'serial' })

let server: Server
let page: Page
let dataDir = ''
let segmentId = 0
/** Contacts of the segment whose first name was blanked for the preflight. */
let blanked: number[] = []

function cli(args: string[]): string {
  return execFileSync(binary, args, { env: { ...process.env, LANG: 'en_US.UTF-8' }, encoding: 'utf8' })
}

type Bridge = { go: { app: Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>> } }
/** Calls a bound method the way the UI does (set-up and checks only). */
async function backend<T>(name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    async ({ name, args }) => {
      const [svc, fn] = name.split('.')
      return (await (window as unknown as Bridge).go.app[svc][fn](...args)) as T
    },
    { name, args },
  ) as Promise<T>
}

type Contact = { id: number; firstName: string; lastName: string; gender: string }

/** A small solid-colour PNG (a stand-in for a scanned signature). */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(td) >>> 0)
    return Buffer.concat([len, td, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => rgb[i % 3])])
  const raw = Buffer.concat(Array.from({ length: height }, () => row))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

test.beforeAll(async ({ browser }) => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'directdesk-e2e-letters-'))
  cli(['demo', '--data', dataDir, '--contacts', '400', '--quiet'])
  server = await startServer({ dataDir })
  page = await browser.newPage({ acceptDownloads: true })
  await setUpWorkspace(page, server.url, { language: 'en' })
  await page.waitForFunction(() => !!(window as unknown as { go?: unknown }).go)

  const s = await backend<Record<string, unknown>>('Workspace.Settings')
  await backend('Workspace.SaveSettings', { ...s, business: { ...(s.business as object), ...business } })
  segmentId = await saveSegment(page, segmentName, {
    all: [
      { field: 'gender', op: 'in', values: ['female'] },
      { field: 'country', op: 'in', values: ['DK'] },
    ],
  })
  // Two women of the segment lose their first name: the preflight must find them.
  const sel = { segmentId, filter: { v: 1, root: {} } }
  const probe = { id: 0, name: '', kind: 'letter', title: 'probe', lang: 'en', body: '<p>x</p>', layout: { letter: {}, labels: {}, catalog: {} }, version: 0, starter: '', updatedAt: '' }
  for (const i of [0, 1]) {
    const p = await backend<{ contactId: number }>('Documents.Preview', probe, sel, i)
    const c = await backend<Contact>('Contacts.Get', p.contactId)
    await backend('Contacts.Update', { ...c, firstName: '' })
    blanked.push(c.id)
  }
  await page.reload()
})

test.afterAll(async () => {
  await page?.close()
  await server?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

const body = () => page.getByTestId('letter-body')
const sheet = () => page.getByTestId('sheet-body')

/** The first name and gender of the contact the preview shows. */
async function shown(): Promise<Contact> {
  const id = Number(await page.getByTestId('preview-name').getAttribute('data-contact'))
  return backend<Contact>('Contacts.Get', id)
}

async function expectMerged(c: Contact) {
  await expect(page.getByTestId('preview-name')).toHaveAttribute('data-contact', String(c.id))
  if (c.firstName) await expect(sheet()).toContainText(`Dear ${c.firstName},`)
  await expect(sheet()).toContainText(c.gender === 'female' ? 'new dresses in your size' : 'new shirts in your size')
  await expect(sheet()).not.toContainText('{{')
}

test('writes a letter with a field and a condition, and previews two contacts', async () => {
  await page.getByTestId('nav-documents').click()
  await expect(page.getByTestId('screen-title')).toHaveText('Letters & print')
  await expect(page.getByTestId('documents-tab-letters')).toHaveAttribute('aria-selected', 'true')
  // The starters are there the first time.
  await expect(page.getByTestId('template-item')).toHaveCount(2)
  await expect(page.getByTestId('template-list')).toContainText('Standard letter')
  await expect(page.getByTestId('template-list')).toContainText('Offer letter')

  await page.getByTestId('template-new').click()
  const dialog = page.getByTestId('new-template-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('new-starter-offer-letter')).toBeVisible()
  await dialog.getByTestId('new-blank').click()
  await dialog.getByTestId('new-title').locator('input').fill('Spring letter')
  await page.getByTestId('new-create').click()
  await expect(page.getByText('Letter “Spring letter” created')).toBeVisible()
  await expect(page.getByTestId('template-title').locator('input')).toHaveValue('Spring letter')

  // "Dear {{first_name}}," with the field from the menu, found by typing.
  await body().click()
  await page.keyboard.type('Dear ')
  await page.getByTestId('insert-field').click()
  await expect(page.getByTestId('field-menu')).toBeVisible()
  await page.keyboard.type('first')
  await expect(page.getByTestId('field-option').first()).toHaveAttribute('data-field', 'first_name')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('field-menu')).toBeHidden()
  await body().click()
  await page.keyboard.press('End')
  await page.keyboard.type(',')
  await page.keyboard.press('Enter')
  await page.keyboard.type('Spring is here. ')

  // A condition from the helper: women read one sentence, everybody else another.
  await page.getByTestId('tool-condition').click()
  const cond = page.getByTestId('condition-dialog')
  await expect(cond).toBeVisible()
  await expect(cond.getByTestId('condition-field')).toContainText('Gender')
  await expect(cond.getByTestId('condition-value-select')).toContainText('Female')
  await cond.getByTestId('condition-then').locator('textarea').fill('We have new dresses in your size.')
  await cond.getByTestId('condition-else').locator('textarea').fill('We have new shirts in your size.')
  await expect(cond.getByTestId('condition-result')).toHaveText(
    '{{#if gender = "female"}}We have new dresses in your size.{{#else}}We have new shirts in your size.{{/if}}',
  )
  await page.getByTestId('condition-insert').click()
  await expect(cond).toBeHidden()
  await expect(body()).toContainText('Dear {{first_name}},')
  await expect(body()).toContainText('{{#if gender = "female"}}We have new dresses in your size.{{#else}}')
  await expect(page.getByTestId('template-unsaved')).toBeVisible()

  // The preview merges the unsaved letter for the first contact, then the next ones.
  await expect(page.getByTestId('recipient-picker')).toContainText('All contacts')
  await expect(page.getByTestId('preview-total')).toHaveText('of 400')
  await expect(sheet()).toContainText('Spring is here.')
  const first = await shown()
  await expectMerged(first)
  await expect(page.getByTestId('sheet-address')).toContainText(first.lastName)
  await expect(page.getByTestId('sheet-date')).not.toBeEmpty()

  const seen = new Set([first.gender === 'female'])
  let last = first
  for (let i = 0; i < 12 && seen.size < 2; i++) {
    await page.getByTestId('preview-next').click()
    await expect(page.getByTestId('preview-jump').locator('input')).toHaveValue(String(i + 2))
    await expect(page.getByTestId('preview-name')).not.toHaveAttribute('data-contact', String(last.id))
    last = await shown()
    await expectMerged(last)
    seen.add(last.gender === 'female')
  }
  expect(last.id).not.toBe(first.id)
  expect(seen.size).toBe(2)

  // Jump straight to a position.
  await page.getByTestId('preview-jump').locator('input').fill('3')
  await page.getByTestId('preview-jump').locator('input').press('Enter')
  await expect(page.getByTestId('preview-jump').locator('input')).toHaveValue('3')

  await page.mouse.move(0, 0)
  await page.screenshot({ path: path.join(shots, 'letter-editor-preview.png') })
})

test('a signature picture goes in; an unknown field is refused at save with its name, and fixed with one click', async () => {
  // A picture (uploaded in browser mode), sized in millimetres.
  const signature = path.join(dataDir, 'signature.png')
  writeFileSync(signature, png(240, 80, [20, 40, 160]))
  await body().click()
  await page.keyboard.press('Control+End')
  await page.keyboard.press('Enter')
  const chooser = page.waitForEvent('filechooser')
  await page.getByTestId('tool-picture').click()
  await (await chooser).setFiles(signature)
  const img = body().locator('img[data-media^="media:img/"]')
  await expect(img).toHaveCount(1)
  await expect(img).toHaveAttribute('src', /^data:image\//)
  await img.click()
  await expect(page.getByTestId('image-bar')).toBeVisible()
  await page.getByTestId('image-bar').getByRole('button', { name: '60 mm', exact: true }).click()
  await expect(img).toHaveAttribute('data-width', '60')
  await expect(sheet().locator('img[src^="data:image/"]')).toHaveCount(1)
  await expect(sheet().locator('img[src^="data:image/"]')).toHaveAttribute('style', /width: \d/)
  await page.screenshot({ path: path.join(shots, 'letter-picture.png') })

  await body().click()
  await page.keyboard.press('Control+End')
  await page.keyboard.press('Enter')
  await page.keyboard.type('See you soon, {{frist_name}}!')
  await page.getByTestId('template-save').click()
  const err = page.getByTestId('template-error')
  await expect(err).toContainText('The letter uses a field that does not exist: {{frist_name}}. Did you mean {{first_name}}?')
  await expect(page.getByTestId('template-unsaved')).toBeVisible()

  await page.getByTestId('template-fix').click()
  await expect(err).toBeHidden()
  await expect(body()).toContainText('See you soon, {{first_name}}!')
  await expect(body()).not.toContainText('frist_name')
  await page.getByTestId('template-save').click()
  await expect(page.getByText(/“Spring letter” saved \(version 2\)/)).toBeVisible()
  await expect(page.getByTestId('template-unsaved')).toBeHidden()

  // What was stored is what the editor shows.
  const list = await backend<{ title: string; body: string }[]>('Documents.Templates', 'letter')
  const saved = list.find((t) => t.title === 'Spring letter')
  expect(saved?.body).toContain('Dear {{first_name}},')
  expect(saved?.body).toContain('{{#if gender = "female"}}We have new dresses in your size.{{#else}}We have new shirts in your size.{{/if}}')
  expect(saved?.body).toMatch(/<img src="media:img\/[^"]+" data-width="60">/)
  expect(saved?.body).not.toContain('data:image')
})

test('the preflight finds recipients without a first name; fixing one makes the count drop', async () => {
  await page.getByTestId('recipient-picker').click()
  await page.locator('.n-base-select-option', { hasText: segmentName }).click()
  await expect(page.getByTestId('recipient-picker')).toContainText(segmentName)
  // The preview follows the selection: the first of the segment has no first name now.
  await expect(page.getByTestId('preview-name')).toHaveAttribute('data-contact', String(blanked[0]))
  await expect(page.getByTestId('preview-missing')).toContainText('Empty for this contact: First name')
  await expect(sheet().locator('mark.dd-missing').first()).toHaveText('First name')

  await page.getByTestId('side-check-tab').click()
  await page.getByTestId('preflight-run').click()
  const gap = page.locator('[data-testid="preflight-gap"][data-key="first_name"]')
  await expect(gap).toBeVisible()
  const before = Number(await gap.getAttribute('data-count'))
  expect(before).toBeGreaterThanOrEqual(2)
  await expect(gap).toContainText(`${before} recipients have no “First name”`)
  await expect(page.getByTestId('side-check-tab')).toContainText(String(before))

  await gap.getByTestId('preflight-gap-toggle').click()
  await page.screenshot({ path: path.join(shots, 'preflight.png') })
  const person = gap.locator(`[data-testid="preflight-contact"][data-id="${blanked[0]}"]`)
  await person.click()
  await expect(page.getByTestId('contact-drawer')).toBeVisible()
  await page.getByTestId('field-firstName').locator('input').fill('Åse')
  await page.getByTestId('save-contact').click()
  await expect(page.getByTestId('contact-drawer')).toBeHidden()
  await expect(person).toContainText('✓')

  await page.getByTestId('preflight-run').click()
  await expect(gap).toHaveAttribute('data-count', String(before - 1))
  await expect(gap).toContainText(before - 1 === 1 ? '1 recipient has no “First name”' : `${before - 1} recipients have no “First name”`)
})

test('makes the letters for the segment, shows the summary and downloads the PDF', async () => {
  const size = (await backend<{ id: number; size: number }[]>('Segments.List')).find((s) => s.id === segmentId)?.size ?? 0
  expect(size).toBeGreaterThan(2)
  await page.getByTestId('letters-generate').click()
  const dialog = page.getByTestId('generate-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('recipient-picker')).toContainText(segmentName)
  // The check just made still holds: the dialog says what it found.
  await expect(dialog.getByTestId('generate-warnings')).toContainText(/recipients? ha(s|ve) no “First name”/)
  await expect(dialog.getByTestId('generate-campaign').locator('input')).toHaveValue(/^Spring letter \d{4}-\d{2}-\d{2}$/)
  await dialog.getByTestId('generate-campaign').locator('input').fill('Spring 2026')
  await page.getByTestId('generate-run').click()

  const summary = page.getByTestId('generate-summary')
  await expect(summary).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('generate-recipients')).toHaveText(String(size))
  await expect(page.getByTestId('generate-made')).toHaveText(`${size} letters made`)
  expect(Number(await page.getByTestId('generate-pages').textContent())).toBeGreaterThanOrEqual(size)
  await page.screenshot({ path: path.join(shots, 'generate-summary.png') })

  const download = page.waitForEvent('download')
  await page.getByTestId('generate-download').click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^Spring 2026.*\.pdf$/)
  const pdf = path.join(dataDir, 'letters.pdf')
  await file.saveAs(pdf)
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' })
  writeFileSync(path.join(shots, 'letters.txt'), text)
  // The contact fixed through the preflight, the sender with æ/ø/å, the branch for women.
  expect(text).toContain('Dear Åse,')
  expect(text).toContain('Søstrene Ågård')
  expect(text).toContain('Nørregade 7')
  expect(text).toContain('We have new dresses in your size.')
  expect(text).not.toContain('new shirts')
  expect(text).not.toContain('{{')
  // The signature picture is in the print file.
  const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n').slice(2)
  expect(images.length).toBeGreaterThan(0)

  await page.getByTestId('generate-close').click()
  await expect(summary).toBeHidden()
})

test('the history lists the run, and ?tab= opens a tab', async () => {
  await page.getByTestId('documents-tab-history').click()
  await expect(page).toHaveURL(/[?&]tab=history/)
  const row = page.getByTestId('history-row').first()
  await expect(row).toContainText('Spring letter')
  await expect(row).toContainText('Spring 2026')
  await expect(row).toContainText(segmentName)
  await page.screenshot({ path: path.join(shots, 'history.png') })

  await page.goto(server.url.replace(/\/?\?/, '/?').replace(/#.*$/, '') + '#/documents?tab=letters')
  await expect(page.getByTestId('documents-tab-letters')).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('letters-tab')).toBeVisible()
})

test('a new letter from a starter in another language; duplicate and delete', async () => {
  await page.getByTestId('template-new').click()
  const dialog = page.getByTestId('new-template-dialog')
  await dialog.getByTestId('new-lang').click()
  await page.locator('.n-base-select-option', { hasText: 'Dansk' }).click()
  await dialog.getByTestId('new-starter-offer-letter').click()
  await expect(dialog.getByTestId('new-title').locator('input')).toHaveValue('Tilbudsbrev')
  await page.getByTestId('new-create').click()
  await expect(page.getByText('Letter “Tilbudsbrev” created')).toBeVisible()
  await expect(body()).toContainText('Et særligt tilbud til dig')
  await expect(page.getByTestId('template-lang')).toContainText('Dansk')
  // Written in Danish: the preview's date is Danish too.
  await expect(page.getByTestId('sheet-date')).toContainText(/\d+\. [a-zæøå]+ \d{4}/)

  await page.getByTestId('template-more').click()
  await page.getByTestId('template-duplicate').click()
  await expect(page.getByText('Copy “Tilbudsbrev (copy)” created')).toBeVisible()
  await expect(page.getByTestId('template-title').locator('input')).toHaveValue('Tilbudsbrev (copy)')
  const items = page.getByTestId('template-item')
  await expect(items.filter({ hasText: 'Tilbudsbrev (copy)' })).toHaveCount(1)

  await page.getByTestId('template-more').click()
  await page.getByTestId('template-delete').click()
  await expect(page.locator('.n-dialog')).toContainText('Delete “Tilbudsbrev (copy)”?')
  await page.locator('.n-dialog').getByRole('button', { name: 'Delete' }).click()
  await expect(page.getByText('“Tilbudsbrev (copy)” deleted')).toBeVisible()
  await expect(items.filter({ hasText: 'Tilbudsbrev (copy)' })).toHaveCount(0)
  await expect(items.filter({ hasText: 'Tilbudsbrev' })).toHaveCount(1)
})
