// Accessibility of the staff UI: axe-core checks the main screens, signed
// in as an admin, as they show once their data has loaded.
import { expect, test } from '@playwright/test'
import { checkPage } from './axe'
import { admin, signIn } from './helpers'

const screens: { path: string; what: string; ready: string }[] = [
  { path: '/admin/#/', what: 'the overview', ready: 'overview-next' },
  { path: '/admin/#/events', what: 'the events list', ready: 'events-new' },
  { path: '/admin/#/companies', what: 'the companies list', ready: 'company-new' },
  { path: '/admin/#/campaigns', what: 'the campaigns list', ready: 'campaigns-new' },
  { path: '/admin/#/reports', what: 'the reports', ready: 'report-events_by_theme' },
  { path: '/admin/#/gazelles', what: 'the gazelle rounds', ready: 'gazelles-new' },
  { path: '/admin/#/mail', what: 'the outbox', ready: 'mail-state-filter' },
  { path: '/admin/#/settings', what: 'the settings', ready: 'settings-save' },
]

for (const s of screens) {
  test(`staff UI: ${s.what}`, async ({ page }) => {
    await signIn(page, admin)
    await page.goto(s.path)
    await expect(page.getByTestId(s.ready).first()).toBeVisible()
    await page.waitForLoadState('networkidle')
    await checkPage(page, s.what)
  })
}
