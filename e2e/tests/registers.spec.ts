import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { setUpWorkspace, startServer, type Server } from '../helpers/server'
import { shot } from '../helpers/campaigns'

type Person = { id: number; firstName: string; lastName: string; street1: string; postcode: string; mobile: string; phone: string }

test.describe('do-not-contact registers', () => {
  let server: Server
  test.beforeAll(async () => {
    server = await startServer()
  })
  test.afterAll(async () => {
    await server?.stop()
  })

  test('import a Robinson file, see who is on it, and the print preflight leaves them out with the reason', async ({ page }) => {
    test.setTimeout(180_000)
    await setUpWorkspace(page, server.url, { demo: 40 })
    // Three of the shop's own contacts are on the register: two by name and
    // address (written the register's way), one by phone.
    const people = await page.evaluate(async () => {
      const c = (window as unknown as { go: { app: { Contacts: { List: (q: Record<string, unknown>) => Promise<{ items: Person[] }> } } } }).go.app.Contacts
      return (await c.List({ limit: 40 })).items
    })
    const byAddress = people.filter((p) => p.firstName && p.lastName && p.street1 && p.postcode).slice(0, 2)
    const byPhone = people.find((p) => !byAddress.includes(p) && (p.mobile || p.phone))
    expect(byAddress).toHaveLength(2)
    expect(byPhone).toBeTruthy()
    const rows = [
      'Fornavn;Efternavn;Adresse;Postnr;Telefon',
      ...byAddress.map((p) => `${p.firstName.toUpperCase()};${p.lastName};${p.street1.replace(' ', '  ')};${p.postcode};`),
      `Someone;Else;;;${byPhone!.mobile || byPhone!.phone}`,
      ';;;;',
      'Only;Name;;;',
    ]
    const dir = mkdtempSync(path.join(tmpdir(), 'dd-register-'))
    const file = path.join(dir, 'robinson.csv')
    writeFileSync(file, rows.join('\n') + '\n')

    await page.goto(server.url.replace(/#.*$/, '') + '#/privacy?tab=registers')
    const card = page.locator('[data-testid="register-card"][data-register="robinson"]')
    await expect(card).toHaveAttribute('data-imported', 'false')
    await expect(card.getByTestId('register-status')).toHaveText('Not imported yet.')

    const chooser = page.waitForEvent('filechooser')
    await card.getByTestId('register-import').click()
    await (await chooser).setFiles(file)
    const preview = page.getByTestId('register-preview')
    await expect(preview).toHaveAttribute('data-usable', '3')
    await expect(preview).toHaveAttribute('data-unusable', '1')
    await expect(preview).toContainText('Fornavn → First name')
    await expect(preview).toContainText('1 row has neither a valid phone number nor a name with an address: row 6.')
    await shot(page, 'registers-preview.png')
    await page.getByTestId('register-do-import').click()
    const done = page.getByTestId('register-import-done')
    await expect(done).toHaveAttribute('data-matches', '3')
    await page.keyboard.press('Escape')

    await expect(card).toHaveAttribute('data-imported', 'true')
    await expect(card).toHaveAttribute('data-matches', '3')
    await expect(card.getByTestId('register-matches')).toHaveText('3 of your contacts are on it.')
    await expect(card.getByTestId('register-stale')).toHaveCount(0)
    await shot(page, 'registers-tab.png')

    await card.getByTestId('register-see-who').click()
    const list = page.getByTestId('excluded-list')
    await expect(list.getByTestId('excluded-row')).toHaveCount(3)
    for (const p of [...byAddress, byPhone!]) await expect(list.locator(`[data-testid="excluded-row"][data-id="${p.id}"]`)).toHaveCount(1)
    await expect(list.getByTestId('excluded-row').first()).toContainText('On the Robinson list')
    await list.getByTestId('excluded-close').click()

    // The print preflight of a letter to everyone leaves them out, and says why.
    await page.goto(server.url.replace(/#.*$/, '') + '#/documents?tab=letters')
    await page.getByTestId('side-check-tab').click()
    await page.getByTestId('preflight-run').click()
    const reason = page.locator('[data-testid="preflight-excluded-reason"][data-reason="register"]')
    await expect(reason).toHaveAttribute('data-count', '3')
    await expect(reason).toContainText('3 left out: On the do-not-contact register')
    await reason.getByTestId('preflight-see-register').click()
    const who = page.getByTestId('excluded-list')
    await expect(who.getByTestId('excluded-row')).toHaveCount(3)
    await expect(who.getByTestId('excluded-row').first()).toContainText('On the Robinson list')
    await expect(who).toContainText('They registered that they do not want marketing')
    await shot(page, 'registers-print-see-who.png')
  })

  test('a file DirectDesk cannot use says which columns it needs', async ({ page }) => {
    await setUpWorkspace(page, server.url, { demo: 5 })
    const dir = mkdtempSync(path.join(tmpdir(), 'dd-register-bad-'))
    const noColumns = path.join(dir, 'customers.csv')
    writeFileSync(noColumns, 'Kunde;Beløb\nA/S Hansen;100\n')
    const namesOnly = path.join(dir, 'names.csv')
    writeFileSync(namesOnly, 'Navn;By\nPeter Lund;Aarhus\n')

    await page.goto(server.url.replace(/#.*$/, '') + '#/privacy?tab=registers')
    const card = page.locator('[data-testid="register-card"][data-register="robinson"]')
    const error = page.getByTestId('register-import-error')
    for (const [file, text] of [
      [noColumns, 'DirectDesk found no columns it can use in this file. The first row must name the columns, for example First name, Last name, Street, House number, Postcode and Phone'],
      [namesOnly, 'The file has names but no address. To find people, DirectDesk needs a Phone column, or names together with a Street'],
    ]) {
      const chooser = page.waitForEvent('filechooser')
      await card.getByTestId('register-import').click()
      await (await chooser).setFiles(file)
      await expect(error).toContainText(text)
      await expect(error).not.toContainText('is not valid')
      if (file === noColumns) await shot(page, 'registers-bad-file.png')
      await page.keyboard.press('Escape')
    }
  })
})
