import { test, expect } from '@playwright/test'
import { admin, signIn, staff } from './helpers'

test('the Mails section sits between Gazeller and Indstillinger and shows the outbox', async ({ page }) => {
  await signIn(page, admin)
  await expect(page.getByTestId('nav-mail')).toContainText('Mails')
  const ids = await page.locator('nav .nav-link').evaluateAll((links) => links.map((a) => a.getAttribute('data-testid')))
  expect(ids.slice(-3)).toEqual(['nav-gazelles', 'nav-mail', 'nav-settings'])
  await page.getByTestId('nav-mail').click()
  await expect(page.getByRole('heading', { name: 'Mails' })).toBeVisible()
  await expect(page.getByTestId('mail-table')).toBeVisible()
  await expect(page.getByTestId('mail-state-filter')).toBeVisible()
})

test('an admin checks the SMTP form as they type and keeps what was typed', async ({ page }) => {
  await signIn(page, admin)
  await page.getByTestId('nav-settings').click()
  const port = page.getByTestId('smtp-port')
  await expect(port).toHaveValue('587')
  await port.fill('70000')
  await expect(page.getByText('Porten skal være et tal mellem 1 og 65535.')).toBeVisible()
  await page.getByTestId('smtp-host').fill('smtp.e2e.invalid')
  await page.getByTestId('smtp-fromAddress').fill('')
  await page.getByTestId('smtp-save').click()
  await expect(page.getByTestId('smtp-error')).toContainText('Nogle felter skal rettes.')
  await expect(port).toHaveValue('70000')
  await expect(page.getByTestId('smtp-host')).toHaveValue('smtp.e2e.invalid')
})

test('a test mail without a mail server says so', async ({ page }) => {
  await signIn(page, admin)
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('smtp-test-to').fill('karen@firma.dk')
  await page.getByTestId('smtp-test-send').click()
  await expect(page.getByTestId('smtp-test-result')).toContainText('Der er ikke sat en mailserver op endnu.')
})

test('staff see the outbox but not the SMTP settings', async ({ page }) => {
  await signIn(page, staff)
  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('smtp-admin-only')).toHaveText('Kun administratorer kan se og ændre mailserveren.')
  await expect(page.getByTestId('smtp-host')).toHaveCount(0)
  await page.getByTestId('nav-mail').click()
  await expect(page.getByTestId('mail-table')).toBeVisible()
})
