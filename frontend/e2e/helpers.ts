// Shared steps for the end-to-end specs: signing in, creating and publishing
// an event through the staff UI, the public registration form, and reading
// the mail that reached the test SMTP server (e2e/serve.sh starts it).
import { expect, type Page } from '@playwright/test'

export const admin = { email: 'admin@e2e.dk', password: 'e2e admin password' }
export const staff = { email: 'staff@e2e.dk', password: 'e2e staff password' }

/** The test SMTP server: where Convene sends, and where the spec reads. */
export const smtpSink = {
  port: Number(process.env.E2E_SMTP_PORT ?? 18766),
  api: `http://127.0.0.1:${Number(process.env.E2E_SMTP_HTTP_PORT ?? 18767)}`,
}

export async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill(user.email)
  await page.getByLabel('Adgangskode').fill(user.password)
  await page.getByRole('button', { name: 'Log ind' }).click()
  await expect(page).toHaveURL(/\/admin\/(#\/)?$/)
  // The staff UI has started (its router has settled on the start page),
  // so a navigation that follows is not undone by it.
  await expect(page.getByRole('navigation', { name: 'Hovedmenu' })).toBeVisible()
  await expect(page).toHaveURL(/\/admin\/#\/$/)
}

/** inDays is a date some days ahead as the pickers take it: "dd.mm.yyyy hh:mm". */
export function inDays(days: number, time: string): string {
  const d = new Date(Date.now() + days * 86_400_000)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()} ${time}`
}

/** pick types a date and time into an Element Plus date picker. */
export async function pick(page: Page, testid: string, value: string) {
  const input = page.getByTestId(testid)
  await input.click()
  await input.fill(value)
  await input.press('Enter')
  await expect(input).toHaveValue(value)
}

/** choose picks an option of an Element Plus select by its visible label. */
export async function choose(page: Page, select: ReturnType<Page['getByTestId']>, label: string) {
  await select.click()
  await page.getByRole('option', { name: label, exact: true }).click()
}

export interface EventSpec {
  title: string
  titleEn?: string
  capacity: number
  seatsPerCompany?: number
  waitlist?: boolean
  venue?: string
  address?: string
  description?: string
  /** A required single-choice question and an optional text question. */
  questions?: boolean
  agenda?: boolean
}

/**
 * createPublishedEvent creates an event on the Events screen of a signed-in
 * page, publishes it and returns its public path, /e/{slug}.
 */
export async function createPublishedEvent(page: Page, ev: EventSpec): Promise<string> {
  await page.getByTestId('nav-events').click()
  await expect(page.getByTestId('events-table')).toBeVisible()
  await page.getByTestId('events-new').click()
  await expect(page).toHaveURL(/#\/events\/new$/)

  await page.getByTestId('event-title').fill(ev.title)
  if (ev.titleEn) await page.getByTestId('event-titleEn').fill(ev.titleEn)
  if (ev.description) await page.getByTestId('event-description').fill(ev.description)
  await pick(page, 'event-startsAt', inDays(30, '17:00'))
  await pick(page, 'event-endsAt', inDays(30, '19:00'))
  if (ev.venue) await page.getByTestId('event-venue').fill(ev.venue)
  if (ev.address) await page.getByTestId('event-address').fill(ev.address)
  await page.getByTestId('event-capacity').fill(String(ev.capacity))
  if (ev.seatsPerCompany !== undefined) await page.getByTestId('event-seatsPerCompany').fill(String(ev.seatsPerCompany))
  if (ev.waitlist) {
    await page.getByTestId('event-waitlist').click()
    await expect(page.locator('#event-waitlist')).toBeChecked()
  }
  if (ev.questions) {
    await page.getByTestId('question-add').click()
    let row = page.getByTestId('question-row').nth(0)
    await row.getByTestId('question-label').fill('Hvilken workshop vil I deltage i?')
    await row.getByTestId('question-labelEn').fill('Which workshop will you join?')
    await choose(page, row.getByTestId('question-type'), 'Vælg én')
    await row.getByTestId('question-options').fill('Energi\nAffald')
    await row.getByTestId('question-required').click()
    await page.getByTestId('question-add').click()
    row = page.getByTestId('question-row').nth(1)
    await row.getByTestId('question-label').fill('Allergier eller andre hensyn')
    await choose(page, row.getByTestId('question-type'), 'Lang tekst')
  }
  if (ev.agenda) {
    await page.getByTestId('agenda-add').click()
    await page.getByTestId('agenda-time').first().fill('17:00')
    await page.getByTestId('agenda-title').first().fill('Velkomst')
    await page.getByTestId('agenda-speaker').first().fill('Borgmesteren')
  }
  await page.getByTestId('event-save').click()
  await expect(page.getByTestId('event-saved')).toBeVisible()
  await expect(page).toHaveURL(/#\/events\/\d+$/)

  await page.getByTestId('event-publish').click()
  await expect(page.getByTestId('event-status')).toHaveText('Offentliggjort')
  const link = page.getByTestId('event-public-link')
  await expect(link).toHaveText(/\/e\/[a-z0-9-]+$/)
  return new URL((await link.textContent())!.trim(), 'http://localhost').pathname
}

export interface Registrant {
  company: string
  name: string
  email: string
}

/**
 * register fills the public form on an event page with one attendee and
 * sends it; it returns the registration's token, from /r/{token}?new=1.
 */
export async function register(page: Page, eventPath: string, who: Registrant): Promise<string> {
  await page.goto(eventPath)
  await fillRegistration(page, who)
  return submitRegistration(page)
}

/** submitRegistration sends a filled form and returns the new registration's token. */
export async function submitRegistration(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Tilmeld', exact: true }).click()
  await expect(page).toHaveURL(/\/r\/[^/?#]+\?new=1(#.*)?$/)
  return new URL(page.url()).pathname.split('/')[2]
}

export async function fillRegistration(page: Page, who: Registrant) {
  await page.locator('#company').fill(who.company)
  await page.locator('#a0_name').fill(who.name)
  await page.locator('#a0_email').fill(who.email)
}

/** Mail as the test SMTP server lists it, decoded. */
export interface SunkMail {
  file: string
  envelopeFrom: string
  envelopeTo: string[]
  from: string
  to: string
  subject: string
  text: string
  html: string
}

/** sunkMail returns every message the test SMTP server has received. */
export async function sunkMail(): Promise<SunkMail[]> {
  const res = await fetch(`${smtpSink.api}/messages`)
  if (!res.ok) throw new Error(`smtp sink: ${res.status} ${await res.text()}`)
  return (await res.json()) as SunkMail[]
}

/**
 * waitForMail waits until a message to `to` whose subject contains
 * `subject` has arrived, and returns it. The mail worker delivers the outbox
 * in the background, so this polls.
 */
export async function waitForMail(to: string, subject: string, timeout = 60_000): Promise<SunkMail> {
  let found: SunkMail | undefined
  await expect
    .poll(
      async () => {
        found = (await sunkMail()).find((m) => m.envelopeTo.includes(to) && m.subject.includes(subject))
        return found ? 'arrived' : 'not yet'
      },
      { message: `a mail to ${to} with the subject "${subject}"`, timeout, intervals: [250, 500, 1000] },
    )
    .toBe('arrived')
  return found!
}
