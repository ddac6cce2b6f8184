import { test, expect } from '@playwright/test'
import { admin, inDays, pick, signIn } from './helpers'

test('staff create and publish an event, and it is listed on the public home page', async ({ page }) => {
  const title = 'Netværksmøde om grøn omstilling'
  await signIn(page, admin)
  await page.getByTestId('nav-events').click()
  await expect(page.getByTestId('events-table')).toBeVisible()
  await page.getByTestId('events-new').click()
  await expect(page).toHaveURL(/#\/events\/new$/)

  // The end must come after the start; the form says so while typing.
  await page.getByTestId('event-title').fill(title)
  await pick(page, 'event-startsAt', inDays(30, '17:00'))
  await pick(page, 'event-endsAt', inDays(30, '16:00'))
  await page.getByTestId('event-title').click()
  await expect(page.getByText('Slut skal ligge efter start.')).toBeVisible()
  await pick(page, 'event-endsAt', inDays(30, '19:00'))
  await expect(page.getByText('Slut skal ligge efter start.')).toHaveCount(0)

  await page.getByTestId('event-capacity').fill('40')
  await page.getByTestId('event-venue').fill('Ballerup Rådhus')
  await page.getByTestId('event-save').click()
  await expect(page.getByTestId('event-saved')).toBeVisible()
  await expect(page).toHaveURL(/#\/events\/\d+$/)
  await expect(page.getByTestId('event-status')).toHaveText('Kladde')
  await expect(page.getByTestId('event-startsAt')).toHaveValue(inDays(30, '17:00'))

  await page.getByTestId('event-publish').click()
  await expect(page.getByTestId('event-status')).toHaveText('Offentliggjort')
  const link = page.getByTestId('event-public-link')
  await expect(link).toBeVisible()
  await expect(link).toHaveText(/\/e\/[a-z0-9-]+$/)
  await page.locator('#main').evaluate((el) => el.scrollTo(0, 0))
  await page.screenshot({ path: '../.artefacts/e2e-event-published.png' })

  // The list shows it among the upcoming events.
  await page.getByTestId('event-back').click()
  const row = page.getByTestId('event-row').filter({ hasText: title })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('Offentliggjort')
  await expect(row).toContainText('kl. 17.00')
  await page.screenshot({ path: '../.artefacts/e2e-events-list.png' })
  await page.getByTestId('events-calendar-toggle').click()
  await expect(page.getByTestId('events-calendar')).toBeVisible()
  await page.screenshot({ path: '../.artefacts/e2e-events-calendar.png' })

  // The public home page lists it.
  await page.goto('/')
  await expect(page.getByText(title).first()).toBeVisible()
})
