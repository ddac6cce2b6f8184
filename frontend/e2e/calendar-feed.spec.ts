// Issue 6 end to end: staff publish an event; a company registers on the
// public page and finds its personal calendar feed on its registration
// page; the feed holds the event (in UTC, SEQUENCE 0) and answers 304 to
// its own ETag. Staff then move the event an hour later in the staff UI,
// and the feed, the event's .ics file and the public feed all follow with
// the new time, a higher SEQUENCE and a new ETag.
import { test, expect, type APIRequestContext, type APIResponse, type Browser, type Page } from '@playwright/test'
import { createPublishedEvent, inDays, register, signIn, staff } from './helpers'

/** visitor is a browser with no session, as a company's would be. */
async function visitor(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'da-DK', timezoneId: 'Europe/Copenhagen' })
  return context.newPage()
}

/** unfold joins the folded lines of an iCalendar text (RFC 5545 3.1) and drops the CRs. */
function unfold(ics: string): string {
  return ics.replace(/\r\n[ \t]/g, '').replace(/\r\n/g, '\n')
}

/** VEvent is the properties of one VEVENT that the spec checks. */
interface VEvent {
  uid: string
  summary: string
  status: string
  sequence: number
  dtstart: string
  dtend: string
}

/** vevents returns the VEVENTs of an iCalendar text, by a few of their properties. */
function vevents(ics: string): VEvent[] {
  const out: VEvent[] = []
  for (const block of unfold(ics).split('BEGIN:VEVENT\n').slice(1)) {
    const body = block.split('END:VEVENT')[0]
    const prop = (name: string) => body.match(new RegExp(`^${name}(?:;[^:\\n]*)?:(.*)$`, 'm'))?.[1] ?? ''
    out.push({
      uid: prop('UID'),
      summary: prop('SUMMARY'),
      status: prop('STATUS'),
      sequence: Number(prop('SEQUENCE') || '0'),
      dtstart: prop('DTSTART'),
      dtend: prop('DTEND'),
    })
  }
  return out
}

/** eventIn returns the one VEVENT of an iCalendar text with the summary title. */
function eventIn(ics: string, title: string): VEvent {
  const found = vevents(ics).filter((e) => e.summary === title)
  expect(found, `one VEVENT "${title}" in\n${ics}`).toHaveLength(1)
  return found[0]
}

/** utc parses an iCalendar UTC date-time such as 20270112T160000Z. */
function utc(s: string): Date {
  const m = s.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/)
  expect(m, `a UTC date-time: ${s}`).not.toBeNull()
  const [, y, mo, d, h, mi, se] = m!.map(Number)
  return new Date(Date.UTC(y, mo - 1, d, h, mi, se))
}

/** copenhagen is a time as the pickers show it in Europe/Copenhagen: "dd.mm.yyyy hh:mm". */
function copenhagen(d: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(d).map((p) => [p.type, p.value]),
  )
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}`
}

async function calendarText(res: APIResponse): Promise<string> {
  expect(res.status(), res.url()).toBe(200)
  expect(res.headers()['content-type']).toMatch(/^text\/calendar/)
  const text = await res.text()
  expect(text.startsWith('BEGIN:VCALENDAR\r\n'), 'CRLF lines').toBe(true)
  return text
}

async function fetchCalendar(request: APIRequestContext, url: string): Promise<{ text: string; etag: string }> {
  const res = await request.get(url)
  const text = await calendarText(res)
  const etag = res.headers()['etag']
  expect(etag, `ETag of ${url}`).toMatch(/^"[^"]+"$/)
  expect(res.headers()['last-modified'], `Last-Modified of ${url}`).toBeTruthy()
  return { text, etag }
}

/** pick types a date and time into one of the event form's pickers. */
async function pick(page: Page, testid: string, value: string) {
  const input = page.getByTestId(testid)
  await input.click()
  await input.fill(value)
  await input.press('Enter')
  await expect(input).toHaveValue(value)
}

test('a personal calendar feed follows an event moved by staff', async ({ page, browser, baseURL, request }) => {
  test.setTimeout(150_000)
  const run = Date.now().toString(36)
  const title = `Kalendertest ${run}`

  // Staff publish the event: 30 days ahead, 17:00-19:00 Copenhagen time.
  await signIn(page, staff)
  const eventPath = await createPublishedEvent(page, {
    title, capacity: 20, venue: 'Ballerup Rådhus', address: 'Hold-an Vej 7, 2750 Ballerup',
  })
  const slug = eventPath.split('/')[2]
  await expect(page.getByTestId('event-meta')).toContainText('Version 0')

  // The staff UI's calendar box gives the public addresses.
  const box = page.getByTestId('event-calendar')
  await expect(box.getByTestId('event-calendar-ics').getByTestId('event-calendar-url')).toHaveText(`${baseURL}/e/${slug}.ics`)
  await expect(box.getByTestId('event-calendar-feed').getByTestId('event-calendar-url')).toHaveText(`${baseURL}/calendar.ics`)

  // A company registers on the public page, in a browser of its own.
  const v = await visitor(browser, baseURL)
  await v.goto(eventPath)
  await expect(v.getByRole('heading', { level: 1 })).toHaveText(title)
  const addIcs = v.getByTestId('add-ics')
  await expect(addIcs).toHaveAttribute('href', `/e/${slug}.ics`)
  const icsHref = (await addIcs.getAttribute('href'))!
  const token = await register(v, eventPath, { company: `Kalenderfirma ${run} ApS`, name: 'Karen Kalender', email: `karen.${run}@kalenderfirma.dk` })
  await expect(v.getByTestId('reg-status')).toHaveText('Tilmeldt')

  // Its registration page offers the personal feed.
  const feedUrl = await v.getByTestId('subscribe-https').inputValue()
  expect(feedUrl).toMatch(new RegExp(`^${baseURL}/f/[A-Za-z0-9_-]+\\.ics$`))
  expect(feedUrl).not.toContain(token)
  await expect(v.getByTestId('subscribe-webcal')).toHaveAttribute('href', feedUrl.replace(/^https?:\/\//, 'webcal://'))
  await expect(v.getByTestId('subscribe-google')).toHaveAttribute('href', /^https:\/\/calendar\.google\.com\//)

  // The feed holds the event, confirmed, at its first version, in UTC.
  const first = await fetchCalendar(request, feedUrl)
  const before = eventIn(first.text, title)
  expect(before.status).toBe('CONFIRMED')
  expect(before.sequence).toBe(0)
  expect(before.dtstart).toMatch(/^\d{8}T\d{6}Z$/)
  expect(before.dtend).toMatch(/^\d{8}T\d{6}Z$/)
  const startBefore = utc(before.dtstart)
  expect(copenhagen(startBefore)).toBe(inDays(30, '17:00'))
  expect(utc(before.dtend).getTime() - startBefore.getTime()).toBe(2 * 3600_000)

  // A calendar that has it gets 304 Not Modified.
  const again = await request.get(feedUrl, { headers: { 'If-None-Match': first.etag } })
  expect(again.status()).toBe(304)
  expect(await again.body()).toHaveLength(0)

  // The event's own file downloads, the same event.
  const file = await request.get(icsHref)
  const fileText = await calendarText(file)
  expect(file.headers()['content-disposition']).toBe(`attachment; filename="${slug}.ics"`)
  expect(eventIn(fileText, title)).toMatchObject({ uid: before.uid, dtstart: before.dtstart, sequence: 0 })

  // The public feed holds it too.
  const publicFeed = await fetchCalendar(request, '/calendar.ics')
  expect(eventIn(publicFeed.text, title)).toMatchObject({ uid: before.uid, dtstart: before.dtstart })

  // Staff move the event one hour later.
  await pick(page, 'event-endsAt', inDays(30, '20:00'))
  await pick(page, 'event-startsAt', inDays(30, '18:00'))
  await page.getByTestId('event-save').click()
  await expect(page.getByTestId('event-saved')).toBeVisible()
  await expect(page.getByTestId('event-meta')).toContainText(/Version [1-9]/)
  await expect(page.getByTestId('event-startsAt')).toHaveValue(inDays(30, '18:00'))

  // The feed has the new time, a higher SEQUENCE and a new ETag.
  const startAfter = new Date(startBefore.getTime() + 3600_000)
  let moved = { text: '', etag: '' }
  await expect
    .poll(
      async () => {
        moved = await fetchCalendar(request, feedUrl)
        return eventIn(moved.text, title).dtstart
      },
      { message: 'the personal feed shows the new start', timeout: 45_000, intervals: [250, 500, 1000, 2000] },
    )
    .not.toBe(before.dtstart)
  const after = eventIn(moved.text, title)
  expect(utc(after.dtstart)).toEqual(startAfter)
  expect(after.dtstart).toMatch(/Z$/)
  expect(copenhagen(utc(after.dtstart))).toBe(inDays(30, '18:00'))
  expect(utc(after.dtend).getTime() - startAfter.getTime()).toBe(2 * 3600_000)
  expect(after.sequence).toBeGreaterThanOrEqual(1)
  expect(after.status).toBe('CONFIRMED')
  expect(after.uid).toBe(before.uid)
  expect(moved.etag).not.toBe(first.etag)
  // The old ETag no longer matches: the whole feed comes back.
  const changed = await request.get(feedUrl, { headers: { 'If-None-Match': first.etag } })
  expect(changed.status()).toBe(200)

  // The event's file and the public feed follow.
  const fileAfter = eventIn(await calendarText(await request.get(icsHref)), title)
  expect(fileAfter).toMatchObject({ uid: before.uid, dtstart: after.dtstart, sequence: after.sequence })
  await expect
    .poll(async () => eventIn((await fetchCalendar(request, '/calendar.ics')).text, title).dtstart, { timeout: 45_000 })
    .toBe(after.dtstart)

  await v.context().close()
})
