import { expect, test } from '@playwright/test'
import { startServer, type Server } from '../helpers/server'

let first: Server
let second: Server

test.beforeAll(async () => {
  first = await startServer()
  // A second DirectDesk on the same folder cannot open the workspace.
  second = await startServer({ dataDir: first.dataDir })
})

test.afterAll(async () => {
  await second?.stop()
  await first?.stop()
})

test('a workspace open elsewhere is explained instead of showing the app', async ({ page }) => {
  await page.goto(second.url)
  const fatal = page.getByTestId('fatal-locked')
  await expect(fatal).toBeVisible()
  await expect(fatal.getByRole('heading')).toHaveText('DirectDesk is already open')
  await expect(fatal).toContainText('Switch to that window')
  await expect(fatal).toContainText(first.dataDir)
  await expect(page.getByTestId('nav-contacts')).toHaveCount(0)
})

test.describe('in Russian', () => {
  test.use({ locale: 'ru-RU' })
  test('the explanation is translated', async ({ page }) => {
    await page.goto(second.url)
    await expect(page.getByTestId('fatal-locked').getByRole('heading')).toHaveText('DirectDesk уже открыт')
  })
})
