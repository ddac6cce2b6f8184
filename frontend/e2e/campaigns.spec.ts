// Issue 7 end to end: an admin records two contacts with marketing consent
// (and a colleague without), gathers them in a segment by their company's
// tag, makes a published event invite-only, and sends an invitation
// campaign to the segment from the Campaigns screen. The audience shown
// before sending leaves the colleague out for want of consent; the mails go
// through the outbox and the mail worker to a real SMTP server
// (internal/mail/mailtest/smtpsink, started by e2e/serve.sh), each with
// one-click unsubscribe headers and a personal /i/{token} link. One invitee
// registers through the link, the other declines, and the event's
// Invitationer tab counts both answers.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { test, expect, type Browser, type Page } from '@playwright/test'
import { admin, choose, createPublishedEvent, signIn, smtpSink, submitRegistration, sunkMail, waitForMail, type SunkMail } from './helpers'

/** Where the test SMTP server writes each message as a .eml file (e2e/serve.sh). */
const mailDir = process.env.E2E_MAIL_DIR ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../../.artefacts/e2e-mail')

/**
 * headersOf reads the raw headers of a message the sink received, unfolded,
 * with lower-case names: its HTTP listing decodes only From, To and Subject.
 */
function headersOf(m: SunkMail): Record<string, string> {
  const raw = fs.readFileSync(path.join(mailDir, m.file), 'utf8')
  const end = raw.search(/\r?\n\r?\n/)
  const lines = raw.slice(0, end).replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)
  const out: Record<string, string> = {}
  for (const line of lines) {
    const i = line.indexOf(':')
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim()
  }
  return out
}

/** escape makes a string match itself literally in a RegExp. */
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The SMTP form's fields this spec changes, as shown under Settings → Mailserver. */
interface SmtpForm {
  host: string
  /** The label of the TLS mode chosen. */
  tls: string
  port: string
  fromName: string
  fromAddress: string
  ratePerMinute: string
}

const smtpFields = ['host', 'port', 'fromName', 'fromAddress', 'ratePerMinute'] as const

/** readSmtp opens Settings and reads the SMTP form as it is. */
async function readSmtp(page: Page): Promise<SmtpForm> {
  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('smtp-host')).toBeEditable()
  const out = { tls: (await page.getByTestId('smtp-tls').innerText()).trim() } as SmtpForm
  for (const f of smtpFields) out[f] = await page.getByTestId(`smtp-${f}`).inputValue()
  expect(out.tls, 'the label of a TLS mode').toMatch(/^(STARTTLS|TLS fra start|Ingen kryptering)/)
  return out
}

/** writeSmtp opens Settings and saves the SMTP form with these values. */
async function writeSmtp(page: Page, v: SmtpForm) {
  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('smtp-host')).toBeEditable()
  // The mode first: choosing it may put its usual port in the port field.
  await choose(page, page.getByTestId('smtp-tls'), v.tls)
  for (const f of smtpFields) await page.getByTestId(`smtp-${f}`).fill(v[f])
  await page.getByTestId('smtp-save').click()
  await expect(page.getByTestId('smtp-saved')).toBeVisible()
}

/** What the SMTP form held before this spec pointed it at the test server, and the segment it made. */
let smtpBefore: SmtpForm | undefined
const segmentsMade: string[] = []

/** visitor is a browser with no session, as an invitee's would be. */
async function visitor(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'da-DK', timezoneId: 'Europe/Copenhagen' })
  return context.newPage()
}

/** pickOption opens an Element Plus select, types to filter it, and picks the option containing `text`. */
async function pickOption(page: Page, testid: string, typed: string, text: string | RegExp) {
  const select = page.getByTestId(testid)
  await select.click()
  await page.keyboard.type(typed)
  const option = page.getByRole('option').filter({ hasText: text })
  await expect(option).toHaveCount(1)
  await option.click()
}

interface Person {
  name: string
  email: string
  /** Consent given on the contact's page: its source and wording version. */
  consent?: { source: string; wording: string }
}

/** addContact creates a contact at a company from Contacts → Ny kontaktperson, and records consent if given. */
async function addContact(page: Page, company: string, who: Person) {
  await page.getByTestId('nav-companies').click()
  await page.getByTestId('register-tab-contacts').click()
  await expect(page.getByTestId('contacts-table')).toBeVisible()
  await page.getByTestId('contact-new').click()
  await expect(page).toHaveURL(/#\/contacts\/new$/)
  await page.getByTestId('contact-name').fill(who.name)
  await page.getByTestId('contact-email').fill(who.email)
  await pickOption(page, 'contact-companyId', company, company)
  await page.getByTestId('contact-save').click()
  await expect(page.getByTestId('contact-saved')).toBeVisible()
  await expect(page).toHaveURL(/#\/contacts\/\d+$/)
  await expect(page.getByTestId('contact-form')).toContainText(company)

  await expect(page.getByTestId('consent-status')).toHaveText('Intet samtykke')
  if (!who.consent) return
  await page.getByTestId('consent-source').fill(who.consent.source)
  await page.getByTestId('consent-wordingVersion').fill(who.consent.wording)
  await page.getByTestId('consent-give').click()
  await expect(page.getByTestId('consent-notice')).toBeVisible()
  await expect(page.getByTestId('consent-status')).toHaveText('Samtykke')
  await expect(page.getByTestId('consent-history').getByTestId('consent-record')).toHaveCount(1)
  await expect(page.getByTestId('consent-summary')).toContainText(who.consent.source)
}

// Put back what later specs expect (mail.spec.ts: no mail server, port 587;
// register-tools.spec.ts: its segment first in the list): the SMTP form as
// it was but with no host, and no segment of this spec's.
test.afterAll(async ({ browser, baseURL }) => {
  const page = await visitor(browser, baseURL)
  await signIn(page, admin)
  if (smtpBefore) await writeSmtp(page, { ...smtpBefore, host: '' })
  for (const name of segmentsMade) {
    await page.goto('/admin/#/segments')
    const row = page.getByTestId('segment-row').filter({ hasText: name })
    await row.getByRole('button', { name }).click()
    await page.getByTestId('segment-delete').click()
    await page.getByRole('dialog').getByRole('button', { name: 'Slet', exact: true }).click()
    await expect(row).toHaveCount(0)
  }
  await page.context().close()
})

test('an invitation campaign reaches the consenting contacts of a segment, who register or decline by their personal links', async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000)
  // Unique per run: the server and the SMTP sink are shared by every spec of a run.
  const run = Date.now().toString(36)
  const companyName = `Invitationsfirma ${run} ApS`
  const tag = `e2e-invitation-${run}`
  const segmentName = `Inviterede ${run}`
  const campaignName = `Invitation ${run}`
  const title = `Netværksmøde for inviterede ${run}`
  const ida: Person = { name: 'Ida Holm', email: `ida.${run}@invitationsfirma.dk`, consent: { source: 'messe', wording: '2026-1' } }
  const jens: Person = { name: 'Jens Krog', email: `jens.${run}@invitationsfirma.dk`, consent: { source: 'telefon', wording: '2026-1' } }
  const karla: Person = { name: 'Karla Uden', email: `karla.${run}@invitationsfirma.dk` }

  // An admin points Convene at the test SMTP server, with no rate limit
  // (the worker would otherwise space the mails out).
  await signIn(page, admin)
  smtpBefore ??= await readSmtp(page) // the first run's, with --repeat-each
  await writeSmtp(page, {
    host: '127.0.0.1', tls: 'Ingen kryptering (kun lokal relay)', port: String(smtpSink.port),
    fromName: 'Erhverv E2E', fromAddress: 'erhverv@e2e.dk', ratePerMinute: '0',
  })

  // A company with this run's tag, and three contacts there: two consent.
  await page.getByTestId('nav-companies').click()
  await page.getByTestId('company-new').click()
  await page.getByTestId('company-name').fill(companyName)
  await page.getByTestId('company-tags').click()
  await page.keyboard.type(tag)
  await page.keyboard.press('Enter')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('company-tags')).toContainText(tag)
  await page.getByTestId('company-save').click()
  await expect(page.getByTestId('company-saved')).toBeVisible()
  await expect(page).toHaveURL(/#\/companies\/\d+$/)

  for (const who of [ida, jens, karla]) await addContact(page, companyName, who)

  // The contacts list shows who has consented.
  await page.getByTestId('contact-back').click()
  await page.getByTestId('contacts-search').fill(`ida.${run}@`)
  await expect(page.getByTestId('contact-row')).toHaveCount(1)
  await expect(page.getByTestId('contact-row').getByTestId('contact-consent-status')).toHaveText('Samtykke')
  await page.getByTestId('contacts-search').fill(`karla.${run}@`)
  await expect(page.getByTestId('contact-row')).toHaveCount(1)
  await expect(page.getByTestId('contact-row').getByTestId('contact-consent-status')).toHaveText('Intet samtykke')

  // A contacts segment: everyone at a company with the tag, consent or not.
  await page.getByTestId('register-tab-segments').click()
  await page.getByTestId('segment-new').click()
  await page.getByTestId('segment-name').fill(segmentName)
  await page.getByTestId('segment-target-contacts').click()
  await pickOption(page, 'segment-tags', tag, tag)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('segment-consent-all')).toBeVisible()
  await expect(page.getByTestId('segment-count')).toHaveAttribute('data-count', '3')
  await expect(page.getByTestId('segment-count')).toHaveText('3 passer lige nu')
  await page.getByTestId('segment-save').click()
  await expect(page.getByTestId('segment-saved')).toBeVisible()
  segmentsMade.push(segmentName)
  const segmentRow = page.getByTestId('segment-row').filter({ hasText: segmentName })
  await expect(segmentRow.getByTestId('segment-row-count')).toHaveText('3')

  // A published event, then made invite-only: its public page is gone for visitors.
  const eventPath = await createPublishedEvent(page, { title, capacity: 20, venue: 'Ballerup Rådhus', address: 'Hold-An Vej 7, 2750 Ballerup' })
  const eventId = /#\/events\/(\d+)/.exec(page.url())![1]
  await page.getByTestId('event-visibility-invite').click()
  await page.getByTestId('event-save').click()
  await expect(page.getByTestId('event-saved')).toBeVisible()
  await expect.poll(async () => (await page.request.get(eventPath)).status(), { message: 'the invite-only event hidden from visitors' }).toBe(404)

  // The invitation, written in the Campaigns screen.
  await page.getByTestId('nav-campaigns').click()
  await expect(page.getByTestId('campaigns-table')).toBeVisible()
  await page.getByTestId('campaigns-new').click()
  await expect(page).toHaveURL(/#\/campaigns\/new$/)
  await page.getByTestId('campaign-name').fill(campaignName)
  await choose(page, page.getByTestId('campaign-kind'), 'Invitation')
  await pickOption(page, 'campaign-eventId', title, title)
  await pickOption(page, 'campaign-segmentIds', segmentName, `${segmentName} – 3 kontakter`)
  await page.keyboard.press('Escape')
  await page.getByTestId('campaign-subject').fill('{{.FirstName}}, du er inviteret til {{.EventTitle}}')
  await page.getByTestId('campaign-body').fill(
    'Kære {{.FirstName}}\n\nVi inviterer dig og {{.CompanyName}} til **{{.EventTitle}}**.\n\nTilmeld dig her: {{.InvitationLink}}\n',
  )
  await page.getByTestId('campaign-sendMode-now').click()

  // Before sending: two recipients, the colleague without consent left out.
  const audience = page.getByTestId('campaign-audience')
  await expect(audience).toHaveAttribute('aria-busy', 'false')
  await expect(page.getByTestId('campaign-audience-count')).toHaveText('2')
  await expect(page.getByTestId('campaign-audience-excluded')).toHaveText('1')
  await expect(page.getByTestId('campaign-audience-reasons').locator('[data-reason="no_consent"]')).toContainText('Intet samtykke 1')
  await page.getByTestId('campaign-excluded').getByRole('button').first().click()
  const excludedRow = page.getByTestId('campaign-excluded-row')
  await expect(excludedRow).toHaveCount(1)
  await expect(excludedRow).toContainText(karla.email)
  await expect(excludedRow).toContainText('Intet samtykke')
  await expect(page.getByTestId('campaign-send-count')).toHaveText('Sendes til 2 modtagere')
  // The preview fills in the merge fields for a recipient.
  await expect(page.getByTestId('campaign-preview-subject')).toHaveText(new RegExp(`^(Ida|Jens), du er inviteret til ${escape(title)}$`), { timeout: 10_000 })

  // Send now: the confirmation names the exact count.
  await page.getByTestId('campaign-send').click()
  const confirm = page.getByRole('dialog')
  await expect(confirm).toContainText(`»${campaignName}« sendes nu til 2 modtagere`)
  await confirm.getByRole('button', { name: 'Send nu' }).click()
  await expect(page).toHaveURL(/#\/campaigns\/\d+$/)
  await expect(page.getByTestId('campaign-status').first()).not.toHaveText('Kladde')

  // The two invitations arrive, each personal, with one-click unsubscribe.
  const tokens: Record<string, string> = {}
  for (const who of [ida, jens]) {
    const first = who.name.split(' ')[0]
    const m = await waitForMail(who.email, `${first}, du er inviteret til ${title}`, 90_000)
    expect(m.to).toContain(who.email)
    expect(m.from).toContain('erhverv@e2e.dk')
    expect(m.text).toContain(`Kære ${first}`)
    expect(m.text).toContain(companyName)
    const link = new RegExp(`${escape(baseURL!)}/i/([A-Za-z0-9_-]+)`).exec(m.text)
    expect(link, `a personal /i/ link in the mail to ${who.email}`).not.toBeNull()
    tokens[who.email] = link![1]
    expect(m.html).toContain(`/i/${tokens[who.email]}`)

    const h = headersOf(m)
    expect(h['list-unsubscribe']).toMatch(new RegExp(`^<${escape(baseURL!)}/u/[A-Za-z0-9_-]+>$`))
    expect(h['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click')
    expect(m.text).toContain(h['list-unsubscribe'].slice(1, -1)) // the unsubscribe link is also visible
  }
  expect(tokens[ida.email]).not.toBe(tokens[jens.email])
  // Nobody without consent was mailed, and nobody twice.
  const ours = (await sunkMail()).filter((m) => [ida, jens, karla].some((p) => m.envelopeTo.includes(p.email)))
  expect(ours.map((m) => m.envelopeTo.join(',')).sort()).toEqual([ida.email, jens.email].sort())

  // The campaign finishes.
  await expect(page.getByTestId('campaign-status').first()).toHaveText('Sendt', { timeout: 60_000 })

  // Ida opens her link in her own browser: the form is filled in for her, and she registers.
  const a = await visitor(browser, baseURL)
  await a.goto(`/i/${tokens[ida.email]}`)
  await expect(a.getByRole('heading', { level: 1 })).toHaveText(title)
  await expect(a.locator('#company')).toHaveValue(companyName)
  await expect(a.locator('#a0_name')).toHaveValue(ida.name)
  await expect(a.locator('#a0_email')).toHaveValue(ida.email)
  await expect(a.getByRole('button', { name: 'Jeg kan ikke komme' })).toBeVisible()
  await submitRegistration(a)
  await expect(a.getByTestId('reg-status')).toHaveText('Tilmeldt')
  await waitForMail(ida.email, 'Du er tilmeldt')

  // Jens opens his and declines.
  const b = await visitor(browser, baseURL)
  await b.goto(`/i/${tokens[jens.email]}`)
  await expect(b.getByRole('heading', { level: 1 })).toHaveText(title)
  await expect(b.locator('#a0_name')).toHaveValue(jens.name)
  await expect(b.locator('#a0_email')).toHaveValue(jens.email)
  await b.getByRole('button', { name: 'Jeg kan ikke komme' }).click()
  await expect(b.getByRole('heading', { level: 1 })).toHaveText('Tak for besked')
  await expect(b.getByText(`Vi har noteret, at du ikke kan komme til ${title}.`)).toBeVisible()
  // The link still opens, and says he has declined.
  await b.goto(`/i/${tokens[jens.email]}`)
  await expect(b.getByText('Du har meldt afbud.')).toBeVisible()
  await expect(b.getByRole('button', { name: 'Jeg kan ikke komme' })).toHaveCount(0)

  // Back in the staff UI: the event's Invitationer tab counts the answers.
  await page.goto(`/admin/#/events/${eventId}`)
  await page.getByRole('tab', { name: 'Invitationer' }).click()
  const panel = page.getByTestId('invitations-panel')
  await expect(panel.getByTestId('count-invited')).toHaveText('2')
  await expect(panel.getByTestId('count-registered')).toHaveText('1')
  await expect(panel.getByTestId('count-declined')).toHaveText('1')
  await expect(panel.getByTestId('count-none')).toHaveText('0')
  const rows = panel.getByTestId('invitee-row')
  await expect(rows).toHaveCount(2)
  const idaRow = rows.filter({ hasText: ida.email })
  await expect(idaRow).toHaveAttribute('data-answer', 'registered')
  await expect(idaRow.getByTestId('invitee-answer')).toHaveText('Tilmeldt')
  await expect(idaRow).toContainText(campaignName)
  const jensRow = rows.filter({ hasText: jens.email })
  await expect(jensRow).toHaveAttribute('data-answer', 'declined')
  await expect(jensRow.getByTestId('invitee-answer')).toHaveText('Afbud')
  await expect(rows.filter({ hasText: karla.email })).toHaveCount(0)
  await page.screenshot({ path: '../.artefacts/e2e-campaign-invitations.png', fullPage: true })

  await a.context().close()
  await b.context().close()
})
