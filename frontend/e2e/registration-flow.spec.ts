// Issue 5 end to end: staff publish an event with one seat and a waiting
// list; two companies register on the public page, the second is
// waitlisted; the first cancels from its personal link and the second gets
// the seat. Every mail goes through Convene's outbox and worker to a real SMTP
// server (internal/mail/mailtest/smtpsink, started by e2e/serve.sh).
import { test, expect, type Browser, type Page } from '@playwright/test'
import { admin, choose, createPublishedEvent, register, signIn, smtpSink, staff, sunkMail, waitForMail } from './helpers'

/** configureSmtp points Convene at the test SMTP server, or (host '') at none. */
async function configureSmtp(page: Page, host: string) {
  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('smtp-host')).toBeEditable()
  await page.getByTestId('smtp-host').fill(host)
  if (host) {
    // The mode first: choosing it puts its usual port in the port field.
    await choose(page, page.getByTestId('smtp-tls'), 'Ingen kryptering (kun lokal relay)')
    await page.getByTestId('smtp-port').fill(String(smtpSink.port))
    await page.getByTestId('smtp-fromName').fill('Erhverv E2E')
    await page.getByTestId('smtp-fromAddress').fill('erhverv@e2e.dk')
    await page.getByTestId('smtp-ratePerMinute').fill('0')
  }
  await page.getByTestId('smtp-save').click()
  await expect(page.getByTestId('smtp-saved')).toBeVisible()
}

/** visitor is a browser with no session, as a company's would be. */
async function visitor(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'da-DK', timezoneId: 'Europe/Copenhagen' })
  return context.newPage()
}

// Later specs expect no mail server (mail.spec.ts): put it back as it was.
test.afterAll(async ({ browser, baseURL }) => {
  const page = await visitor(browser, baseURL)
  await signIn(page, admin)
  await configureSmtp(page, '')
  await page.context().close()
})

test('a waitlisted company gets the seat another cancels, with every mail at the SMTP server', async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000)
  // Unique per run, so a repeated run never reads an earlier run's mail.
  const run = Date.now().toString(36)
  const title = `Morgenmøde om eksport ${run}`

  // An admin points Convene at the test SMTP server, and a test mail proves it.
  await signIn(page, admin)
  await configureSmtp(page, '127.0.0.1')
  await page.getByTestId('smtp-test-to').fill(`test.${run}@e2e.dk`)
  await page.getByTestId('smtp-test-send').click()
  await expect(page.getByTestId('smtp-test-result')).toHaveAttribute('data-ok', 'true', { timeout: 20_000 })
  await waitForMail(`test.${run}@e2e.dk`, '')
  await page.getByTestId('sign-out').click()
  await expect(page).toHaveURL(/\/login/)

  // Staff publish an event with one seat, one per company, and a waiting list.
  await signIn(page, staff)
  const eventPath = await createPublishedEvent(page, {
    title, capacity: 1, seatsPerCompany: 1, waitlist: true, venue: 'Ballerup Rådhus', address: 'Hold-An Vej 7, 2750 Ballerup',
  })

  // Company A takes the seat.
  const a = await visitor(browser, baseURL)
  await a.goto(eventPath)
  await expect(a.getByRole('heading', { level: 1 })).toHaveText(title)
  await expect(a.getByTestId('seats')).toContainText('1')
  const annaMail = `anna.${run}@eksportfirma-a.dk`
  const tokenA = await register(a, eventPath, { company: 'Eksportfirma A ApS', name: 'Anna Andersen', email: annaMail })
  await expect(a.getByRole('status')).toContainText('I er tilmeldt')
  await expect(a.getByTestId('reg-status')).toHaveText('Tilmeldt')

  const confirmation = await waitForMail(annaMail, 'Du er tilmeldt')
  expect(confirmation.to).toContain(annaMail)
  expect(confirmation.to).toContain('Anna Andersen')
  expect(confirmation.from).toContain('erhverv@e2e.dk')
  expect(confirmation.subject).toContain(title)
  expect(confirmation.text).toContain(title)
  expect(confirmation.text).toContain(`${baseURL}/r/${tokenA}`)
  expect(confirmation.html).toContain(`/r/${tokenA}`)

  // Company B finds the event full and joins the waiting list as number 1.
  const b = await visitor(browser, baseURL)
  await b.goto(eventPath)
  await expect(b.getByTestId('seats')).toContainText('Tilmeld jer ventelisten')
  const bentMail = `bent.${run}@eksportfirma-b.dk`
  const tokenB = await register(b, eventPath, { company: 'Eksportfirma B A/S', name: 'Bent Bertelsen', email: bentMail })
  await expect(b.getByRole('status')).toContainText('ventelisten')
  await expect(b.getByTestId('reg-status')).toHaveText('På venteliste som nummer 1')
  const waitlisted = await waitForMail(bentMail, 'Du er på venteliste')
  expect(waitlisted.text).toContain(`${baseURL}/r/${tokenB}`)

  // A cancels from the personal link in the mail.
  await a.goto(`/r/${tokenA}`)
  await a.getByRole('button', { name: 'Annullér tilmeldingen' }).click()
  await expect(a.getByRole('status')).toHaveText('Tilmeldingen er annulleret.')
  await expect(a.getByTestId('reg-status')).toHaveText('Annulleret')
  await expect(a.getByRole('button', { name: 'Annullér tilmeldingen' })).toHaveCount(0)

  // B has the seat now, and is told by mail.
  await b.goto(`/r/${tokenB}`)
  await expect(b.getByTestId('reg-status')).toHaveText('Tilmeldt')
  const promoted = await waitForMail(bentMail, 'Du har fået plads')
  expect(promoted.to).toContain(bentMail)
  expect(promoted.subject).toContain(title)
  expect(promoted.text).toContain(title)
  expect(promoted.text).toContain(`${baseURL}/r/${tokenB}`)
  await b.screenshot({ path: '../.artefacts/e2e-registration-promoted.png', fullPage: true })

  // A's cancellation was confirmed too, and nobody got a mail twice.
  await waitForMail(annaMail, 'annulleret')
  const ours = (await sunkMail()).filter((m) => [annaMail, bentMail].some((to) => m.envelopeTo.includes(to)))
  expect(ours.map((m) => `${m.envelopeTo.join(',')}: ${m.subject.replace(`: ${title}`, '')}`).sort()).toEqual([
    `${annaMail}: Din tilmelding er annulleret`,
    `${annaMail}: Du er tilmeldt`,
    `${bentMail}: Du er på venteliste`,
    `${bentMail}: Du har fået plads`,
  ])

  await a.context().close()
  await b.context().close()
})
