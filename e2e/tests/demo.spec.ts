import { expect, test } from '@playwright/test'
import { setUpWorkspace, startServer } from '../helpers/server'
import { rows } from '../helpers/contacts'

test('remove demo data: only the contact the user added stays', async ({ page }) => {
  const server = await startServer()
  try {
    await setUpWorkspace(page, server.url, { language: 'en', demo: 300 })
    await page.evaluate(async () => {
      const c = (window as unknown as { go: { app: { Contacts: { Create: (c: Record<string, unknown>) => Promise<unknown> } } } }).go.app.Contacts
      await c.Create({ kind: 'customer', firstName: 'Birgitte', lastName: 'Egenkunde', country: 'DK', tags: ['Mine'], custom: {} })
    })
    await page.reload()

    // Home says demo data is loaded, discreetly, and links to where it goes away.
    await page.getByTestId('nav-home').click()
    await expect(page.getByTestId('stat-contacts')).toContainText('301')
    await expect(page.getByTestId('home-demo-hint')).toContainText(
      'You are looking at demo data — remove it when you are ready to add your own customers.',
    )
    await page.getByTestId('home-demo-link').click()
    await expect(page.getByTestId('settings')).toBeVisible()

    const section = page.getByTestId('settings-demo')
    await expect(section).toBeInViewport()
    await expect(page.getByTestId('settings-demo-text')).toHaveText(
      'Removes the 300 demo contacts, their orders and the demo products. Contacts you added yourself stay.',
    )
    await page.getByTestId('remove-demo').click()
    const dialog = page.locator('.n-dialog')
    await expect(dialog).toContainText('Remove the demo data?')
    await expect(dialog).toContainText('The 300 demo contacts, their orders and the demo products are deleted.')
    await page.getByTestId('remove-demo-confirm').click()
    await expect(page.getByText('Demo data removed: 300 contacts deleted')).toBeVisible()
    await expect(section).toBeHidden()

    await page.getByTestId('nav-contacts').click()
    await expect(page.getByTestId('contacts-total')).toHaveText('1 contact')
    await expect(rows(page)).toHaveCount(1)
    await expect(rows(page).first()).toContainText('Birgitte Egenkunde')

    await page.getByTestId('nav-home').click()
    await expect(page.getByTestId('stat-contacts')).toContainText('1')
    await expect(page.getByTestId('stat-orders')).toContainText('0')
    await expect(page.getByTestId('stat-products')).toContainText('0')
    await expect(page.getByTestId('home-demo-hint')).toHaveCount(0)

    // The settings section is gone for good.
    await page.reload()
    await page.getByTestId('nav-settings').click()
    await expect(page.getByTestId('settings')).toBeVisible()
    await expect(page.getByTestId('settings-demo')).toHaveCount(0)
  } finally {
    await server.stop()
  }
})
