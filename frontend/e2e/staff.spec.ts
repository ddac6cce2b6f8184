import { test, expect, type Page } from '@playwright/test'

const admin = { email: 'admin@e2e.dk', password: 'e2e admin password' }

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Adgangskode').fill(password)
  await page.getByRole('button', { name: 'Log ind' }).click()
}

test('the RPC endpoint refuses calls without a session', async ({ request }) => {
  const res = await request.post('/api/rpc/Settings/Get', { data: [] })
  expect(res.status()).toBe(401)
  expect((await res.json()).key).toBe('error.unauthorized')
  const save = await request.post('/api/rpc/Settings/Save', { data: [{ organiserName: 'x' }] })
  expect(save.status()).toBe(401)
})

test('the staff UI redirects to the sign-in page without a session', async ({ page }) => {
  await page.goto('/admin/')
  await expect(page).toHaveURL(/\/login\?next=/)
  await expect(page.getByRole('heading', { name: 'Log ind for medarbejdere' })).toBeVisible()
})

test('a wrong password is refused', async ({ page }) => {
  await signIn(page, admin.email, 'not the password')
  await expect(page).toHaveURL(/\/login$/)
  await expect(page.getByRole('alert')).toHaveText('Forkert e-mail eller adgangskode.')
  // What was typed is kept, except the password.
  await expect(page.getByLabel('E-mail')).toHaveValue(admin.email)
})

test('staff change the organiser name and the public site shows it', async ({ page }) => {
  await signIn(page, admin.email, admin.password)
  await expect(page).toHaveURL(/\/admin\/(#\/)?$/)
  await page.getByTestId('nav-settings').click()
  const name = page.getByTestId('settings-organiserName')
  await expect(name).toHaveValue('Ballerup Kommune')

  const newName = `Erhvervshuset Test ${Date.now()}`
  await name.fill(newName)
  await page.getByTestId('settings-save').click()
  await expect(page.getByTestId('settings-saved')).toBeVisible()

  await page.goto('/')
  await expect(page.locator('.brand-org')).toHaveText(newName)
  await expect(page.locator('footer')).toContainText(newName)
  await page.screenshot({ path: '../.artefacts/e2e-public-home.png', fullPage: true })
})

test('a form error is shown next to the field and keeps the typed values', async ({ page }) => {
  await signIn(page, admin.email, admin.password)
  await page.getByTestId('nav-settings').click()
  const name = page.getByTestId('settings-organiserName')
  await expect(name).not.toHaveValue('')
  await name.fill('')
  await page.getByTestId('settings-save').click()
  await expect(page.getByText('Skal udfyldes.').first()).toBeVisible()
  await expect(name).toHaveValue('')
  await page.screenshot({ path: '../.artefacts/e2e-settings-error.png', fullPage: true })
})

test('staff who are not admins cannot save settings', async ({ page }) => {
  await signIn(page, 'staff@e2e.dk', 'e2e staff password')
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('settings-organiserName').fill('Should not be saved')
  await page.getByTestId('settings-save').click()
  await expect(page.getByText('Du har ikke adgang til at gøre dette.').first()).toBeVisible()
})
