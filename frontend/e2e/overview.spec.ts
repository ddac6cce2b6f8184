// The start page and the reports against a real server: an admin adds a
// theme, publishes an event with it, a company registers on the public page,
// and the Overview and Rapporter show it. The server is shared by every
// spec of the run, so the spec asserts on its own event and its own theme.
import { readFile } from 'node:fs/promises'
import { test, expect, type Page } from '@playwright/test'
import { admin, choose, createPublishedEvent, inDays, register, signIn } from './helpers'

async function pick(page: Page, testid: string, value: string) {
  const input = page.getByTestId(testid)
  await input.click()
  await input.fill(value)
  await input.press('Enter')
  await expect(input).toHaveValue(value)
}

test('a registration shows on the Overview and in the reports, and the audit log has the event', async ({ page }) => {
  test.setTimeout(90_000)
  const run = Date.now().toString(36)
  const title = `Oversigtstest ${run}`
  const theme = `E2E-tema ${run}`

  await signIn(page, admin)

  // A theme of its own, so its row in "Arrangementer pr. tema" is this event's.
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('settings-themes-new').fill(theme)
  await page.getByTestId('settings-themes-add').click()
  await page.getByTestId('settings-themes-save').click()
  await expect(page.getByTestId('settings-themes-saved')).toBeVisible()

  // Published, then moved to three days ahead (sooner than the other specs'
  // events, so it is among the next ones) and given the theme.
  const eventPath = await createPublishedEvent(page, { title, capacity: 20, venue: 'Ballerup Rådhus' })
  await pick(page, 'event-startsAt', inDays(3, '09:00'))
  await pick(page, 'event-endsAt', inDays(3, '11:00'))
  await choose(page, page.getByTestId('event-themes'), theme)
  await page.keyboard.press('Escape')
  await page.getByTestId('event-save').click()
  await expect(page.getByTestId('event-saved')).toBeVisible()

  // A company registers one person on the public page.
  await register(page, eventPath, { company: `Oversigt ${run} ApS`, name: 'Olivia Oversigt', email: `olivia.${run}@oversigt.dk` })

  // The Overview: the event with its seats taken, and this week's registrations.
  await page.goto('/admin/#/')
  await expect(page.getByRole('heading', { level: 1, name: 'Oversigt' })).toBeVisible()
  const row = page.getByTestId('overview-event').filter({ hasText: title })
  await expect(row).toBeVisible()
  await expect(row.getByTestId('overview-seats')).toHaveText('1 af 20')
  await expect(row).toContainText('19 ledige')
  const week = Number(await page.getByTestId('overview-registrations-week').textContent())
  expect(week).toBeGreaterThanOrEqual(1)
  await row.getByRole('link', { name: title }).click()
  await expect(page).toHaveURL(/#\/events\/\d+$/)

  // Rapporter: the theme's row has the event and its one attendee.
  await page.goto('/admin/#/')
  await page.getByTestId('overview-reports').click()
  await expect(page).toHaveURL(/#\/reports$/)
  // "I år" holds an event three days ahead, except at the very end of December.
  const sameYear = new Date(Date.now() + 3 * 86_400_000).getFullYear() === new Date().getFullYear()
  if (!sameYear) await page.getByTestId('reports-preset-custom').click()
  const card = page.getByTestId('report-events_by_theme')
  await expect(card.getByRole('heading', { name: 'Arrangementer pr. tema' })).toBeVisible()
  const themeRow = card.getByTestId('report-row').filter({ hasText: theme })
  await expect(themeRow.locator('th, td')).toHaveText([theme, '1', '1'])
  await expect(card.getByTestId('report-chart')).toHaveAttribute('aria-label', /Arrangementer pr. tema/)

  // Filtered by the theme, the registrations over time count the registration.
  await choose(page, page.getByTestId('reports-theme'), theme)
  const overTime = page.getByTestId('report-registrations_over_time')
  await expect(overTime.getByTestId('report-row')).toHaveCount(1)
  await expect(overTime.getByTestId('report-row').locator('td')).toHaveText(['1', '1', '0'])

  // Its CSV export has the row.
  const downloading = page.waitForEvent('download')
  await card.getByTestId('report-events_by_theme-export').click()
  await page.getByTestId('report-events_by_theme-export-csv').click()
  const file = await downloading
  expect(file.suggestedFilename()).toMatch(/\.csv$/)
  const csv = await readFile((await file.path())!, 'utf8')
  // As on the screen: Danish headings, the theme's row, counts as numbers.
  expect(csv).toContain('Tema;Arrangementer;Deltagere\r\n')
  expect(csv).toContain(`${theme};1;1\r\n`)

  // The audit log (admins) has the admin's creation of the event.
  await page.goto('/admin/#/audit')
  await page.getByTestId('audit-actor').fill(admin.email)
  await expect(page.getByTestId('audit-row').filter({ hasText: 'Oprettet' }).filter({ hasText: 'Arrangement' }).first()).toBeVisible()
})
