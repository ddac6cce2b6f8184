// Accessibility of the public site: axe-core checks every public page
// against WCAG 2.1 A and AA, in Danish and English, with the registration
// form as it first shows and as it comes back refused. A violation of
// impact serious or critical fails the test; the lesser ones are printed.
import { expect, test } from '@playwright/test'
import { checkPage } from './axe'
import { createPublishedEvent, fillRegistration, signIn, staff, submitRegistration } from './helpers'

let eventPath = ''

test.beforeAll(async ({ browser, baseURL }) => {
  // An event with everything the public page can show: agenda, questions
  // (a choice group and a text field), venue and address.
  const context = await browser.newContext({ baseURL, locale: 'da-DK', timezoneId: 'Europe/Copenhagen' })
  const page = await context.newPage()
  await signIn(page, staff)
  eventPath = await createPublishedEvent(page, {
    title: `Tilgængelighedstjek ${Date.now().toString(36)}`,
    titleEn: 'Accessibility check',
    description: 'Et **netværksmøde** for virksomheder i kommunen.\n\n- Oplæg\n- Netværk',
    capacity: 30,
    seatsPerCompany: 2,
    venue: 'Ballerup Rådhus',
    address: 'Hold-An Vej 7, 2750 Ballerup',
    questions: true,
    agenda: true,
  })
  await context.close()
})

test('the home page', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await checkPage(page, 'the home page')
})

test('an event page with its registration form', async ({ page }) => {
  await page.goto(eventPath)
  await expect(page.locator('form[action$="/register#tilmelding"]')).toBeVisible()
  await checkPage(page, 'the event page')
})

test('the registration form refused, with its errors', async ({ page }) => {
  await page.goto(eventPath)
  await page.locator('#a0_email').fill('ikke en adresse')
  await page.getByRole('button', { name: 'Tilmeld', exact: true }).click()
  await expect(page.locator('.field-error').first()).toBeVisible()
  await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible()
  await checkPage(page, 'the refused registration form')
})

test('the registration page /r/{token}', async ({ page }) => {
  await page.goto(eventPath)
  await fillRegistration(page, { company: 'Tilgængelig ApS', name: 'Tove Tilgængelig', email: 'tove@tilgaengelig.dk' })
  await page.getByRole('radio', { name: 'Energi' }).check()
  const token = await submitRegistration(page)
  await expect(page.getByTestId('reg-status')).toHaveText('Tilmeldt')
  await checkPage(page, 'the new registration page')
  await page.goto(`/r/${token}`)
  await checkPage(page, 'the registration page')
  await page.getByRole('button', { name: 'Annullér tilmeldingen' }).click()
  await expect(page.getByTestId('reg-status')).toHaveText('Annulleret')
  await checkPage(page, 'the cancelled registration page')
})

test('the English event page, through the language switch', async ({ page }) => {
  await page.goto(eventPath)
  await page.getByRole('link', { name: 'Read this page in English' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accessibility check')
  await checkPage(page, 'the English event page')
  await page.getByRole('button', { name: 'Register', exact: true }).click()
  await expect(page.locator('.field-error').first()).toBeVisible()
  await checkPage(page, 'the refused English registration form')
  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await checkPage(page, 'the English home page')
})

test('the accessibility statement', async ({ page }) => {
  await page.goto('/tilgaengelighed')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await checkPage(page, 'the accessibility statement')
})

test('the 404 page', async ({ page }) => {
  const res = await page.goto('/e/findes-ikke-e2e')
  expect(res?.status()).toBe(404)
  await checkPage(page, 'the 404 page')
  await page.goto('/ingen-side-her')
  await checkPage(page, 'the 404 page for an unknown path')
})

test('the sign-in page', async ({ page }) => {
  await page.goto('/login')
  await expect(page.getByLabel('E-mail')).toBeVisible()
  await checkPage(page, 'the sign-in page')
  await page.getByLabel('E-mail').fill('nobody@e2e.dk')
  await page.getByLabel('Adgangskode').fill('wrong password')
  await page.getByRole('button', { name: 'Log ind' }).click()
  await expect(page).toHaveURL(/\/login/)
  await checkPage(page, 'the sign-in page after a wrong password')
})
