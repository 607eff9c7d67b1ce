import { expect, type Locator, type Page } from '@playwright/test'

export const rows = (page: Page) => page.getByTestId('contact-row')
export const rowById = (page: Page, id: string) => page.locator(`[data-testid="contact-row"][data-id="${id}"]`)
export const cell = (row: Locator, column: string) => row.locator(`td.dd-col-${column}`)
export const field = (page: Page, name: string) => page.getByTestId(`field-${name}`)
export const input = (page: Page, name: string) => field(page, name).locator('input')

/** Types into the search box and waits until the list shows the result. */
export async function search(page: Page, text: string) {
  await page.getByTestId('contacts-search').fill(text)
  await page.getByTestId('contacts-search').press('Enter')
  const wrap = page.locator('.table-wrap')
  await expect(wrap).toHaveAttribute('data-query', text)
  await expect(wrap).toHaveAttribute('aria-busy', 'false')
}

/** Reads a contact straight from the backend, through the same bridge the UI uses. */
export async function backendContact(page: Page, id: string): Promise<Record<string, unknown>> {
  return page.evaluate(async (cid) => {
    const c = (window as unknown as { go: { app: { Contacts: { Get: (id: number) => Promise<Record<string, unknown>> } } } }).go
      .app.Contacts
    return c.Get(cid)
  }, Number(id))
}

/** Closes the contact drawer, discarding changes if it asks. */
export async function closeDrawer(page: Page) {
  await page.getByTestId('cancel-contact').click()
  const discard = page.locator('.n-dialog').getByRole('button').last()
  if (await discard.isVisible().catch(() => false)) await discard.click()
  await expect(page.getByTestId('contact-drawer')).toBeHidden()
}
