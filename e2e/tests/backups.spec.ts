import { execFileSync } from 'node:child_process'
import { mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { binary, setUpWorkspace, startServer, type Server } from '../helpers/server'
import { shot } from '../helpers/campaigns'

async function contactTotal(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const c = (window as unknown as { go: { app: { Contacts: { List: (q: Record<string, unknown>) => Promise<{ total: number }> } } } }).go.app
      .Contacts
    return (await c.List({ limit: 1 })).total
  })
}

test.describe('backup and restore from Settings', () => {
  let server: Server
  test.beforeAll(async () => {
    server = await startServer()
  })
  test.afterAll(async () => {
    await server?.stop()
  })

  test('back up, add a contact, restore: the contact is gone and the app still works', async ({ page }) => {
    test.setTimeout(120_000)
    await setUpWorkspace(page, server.url, { demo: 40 })
    await page.goto(server.url + '#/settings')
    const section = page.getByTestId('settings-backups')
    await section.scrollIntoViewIfNeeded()
    await expect(section).toContainText('Backups')
    await expect(page.getByTestId('backup-empty')).toBeVisible()

    await page.getByTestId('backup-now').click()
    await expect(page.getByText('Backup made')).toBeVisible()
    const manual = page.getByTestId('backup-row-manual')
    await expect(manual).toHaveCount(1)
    await expect(page.getByTestId('backup-last')).toContainText('Last backup:')
    const name = await manual.getAttribute('data-name')
    expect(name).toMatch(/^directdesk-\d{8}-\d{6}-manual\.db$/)

    // The check reads the backup without changing it.
    await manual.getByTestId('backup-check').click()
    await expect(manual.getByTestId('backup-check-result')).toHaveText('Good (40 contacts)')
    await shot(page, 'backups-settings.png')

    // Change something after the backup.
    await page.evaluate(async () => {
      const c = (window as unknown as { go: { app: { Contacts: { Create: (c: Record<string, unknown>) => Promise<unknown> } } } }).go.app.Contacts
      await c.Create({ firstName: 'Added', lastName: 'After Backup', email: 'after@example.dk', country: 'DK', kind: 'customer', tags: [], custom: {} })
    })
    expect(await contactTotal(page)).toBe(41)

    await manual.getByTestId('backup-restore').click()
    const dialog = page.locator('.n-dialog')
    await expect(dialog).toContainText('Your current file is kept as a backup first')
    await expect(dialog.getByTestId('backup-restore-erased')).toHaveText('People you erased after this backup stay erased.')
    await shot(page, 'backups-restore-confirm.png')
    await page.getByTestId('backup-restore-confirm').click()

    // The window reloads at Home on the reopened workspace.
    await expect(page).toHaveURL(/#\/$/, { timeout: 30_000 })
    await expect(page.getByTestId('nav-contacts')).toBeVisible({ timeout: 30_000 })
    expect(await contactTotal(page)).toBe(40)

    await page.getByTestId('nav-contacts').click()
    await expect(page.getByTestId('contacts-total')).toContainText('40')

    await page.goto(server.url + '#/settings')
    await page.getByTestId('settings-backups').scrollIntoViewIfNeeded()
    await expect(page.getByTestId('backup-row-before_restore')).toHaveCount(1)
    await expect(page.getByTestId('backup-row-manual')).toHaveCount(1)
    // The before-restore backup holds the contact added after the backup.
    const before = page.getByTestId('backup-row-before_restore')
    await before.getByTestId('backup-check').click()
    await expect(before.getByTestId('backup-check-result')).toHaveText('Good (41 contacts)')
    await shot(page, 'backups-after-restore.png')

    // Still works: a new backup can be made on the reopened workspace.
    await page.getByTestId('backup-now').click()
    await expect(page.getByTestId('backup-row-manual')).toHaveCount(2)
  })
})

test.describe('a damaged workspace file', () => {
  let server: Server
  let dataDir: string
  test.beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'directdesk-e2e-damaged-'))
    execFileSync(binary, ['demo', '--data', dataDir, '--contacts', '60', '--quiet'])
    execFileSync(binary, ['backup', '--data', dataDir])
    execFileSync(binary, ['demo', '--data', dataDir, '--contacts', '5', '--quiet'])
    // Overwrite the file's header: SQLite no longer sees a database.
    const fd = openSync(path.join(dataDir, 'directdesk.db'), 'r+')
    writeSync(fd, Buffer.alloc(100, 0x41), 0, 100, 0)
    closeSync(fd)
    server = await startServer({ dataDir })
  })
  test.afterAll(async () => {
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('is explained in plain words and the newest good backup restores it', async ({ page }) => {
    test.setTimeout(90_000)
    const damagedBytes = readFileSync(path.join(dataDir, 'directdesk.db'))
    await page.goto(server.url)
    const fatal = page.getByTestId('fatal-damaged')
    await expect(fatal).toBeVisible()
    await expect(fatal.getByRole('heading')).toHaveText('Your workspace file is damaged')
    await expect(page.getByTestId('damaged-offer')).toContainText('Nothing has been changed. DirectDesk can restore the newest good backup, from')
    await expect(page.getByTestId('damaged-offer')).toContainText('less than an hour old')
    await expect(fatal).toContainText('Changes made after that are not in the backup')
    await expect(fatal).toContainText(dataDir)
    await shot(page, 'backups-damaged.png')

    await page.getByTestId('damaged-choose').click()
    await expect(fatal.getByTestId('backup-row-manual')).toHaveCount(1)
    await shot(page, 'backups-damaged-choose.png')

    await page.getByTestId('damaged-restore').click()
    // The damaged file cannot be read, so erasures made after the backup
    // could not be carried over: the user is told before the reload.
    const lost = page.getByTestId('backup-erasures-lost')
    await expect(lost).toContainText('people erased after this backup could not be carried over', { timeout: 30_000 })
    await shot(page, 'backups-damaged-erasures-lost.png')
    await page.getByTestId('backup-erasures-lost-ok').click()
    // The window reloads on the restored workspace (made by the CLI, so
    // the first-run questions come next).
    await expect(page.getByText('Welcome to DirectDesk')).toBeVisible({ timeout: 30_000 })
    await expect(page.getByTestId('fatal-damaged')).toHaveCount(0)
    expect(await contactTotal(page)).toBe(60)

    // The damaged file is kept, byte for byte, in the backups folder.
    const kept = readdirSync(path.join(dataDir, 'backups')).filter((f) => f.startsWith('damaged-'))
    expect(kept).toHaveLength(1)
    expect(readFileSync(path.join(dataDir, 'backups', kept[0])).equals(damagedBytes)).toBe(true)
  })
})

test.describe('damage found after the workspace opened', () => {
  let server: Server
  let dataDir: string
  test.beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'directdesk-e2e-damaged-later-'))
    execFileSync(binary, ['demo', '--data', dataDir, '--contacts', '200', '--quiet'])
    execFileSync(binary, ['backup', '--data', dataDir])
    // Flip the bytes of one data page near the end: the file still opens,
    // the background check (5 s after start) finds the damage.
    const file = path.join(dataDir, 'directdesk.db')
    const buf = readFileSync(file)
    const page = Math.floor((buf.length * 3) / 4 / 4096) * 4096
    const fd = openSync(file, 'r+')
    const bad = Buffer.from(buf.subarray(page + 8, page + 4096).map((b) => b ^ 0x5a))
    writeSync(fd, bad, 0, bad.length, page + 8)
    closeSync(fd)
    server = await startServer({ dataDir })
  })
  test.afterAll(async () => {
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('switches the window to the damaged screen', async ({ page }) => {
    await page.goto(server.url)
    await expect(page.getByTestId('fatal-damaged')).toBeVisible({ timeout: 30_000 })
    await expect(page.getByTestId('damaged-offer')).toContainText('DirectDesk can restore the newest good backup')
    await page.getByTestId('damaged-restore').click()
    await expect(page.getByText('Welcome to DirectDesk')).toBeVisible({ timeout: 30_000 })
    expect(await contactTotal(page)).toBe(200)
  })
})
