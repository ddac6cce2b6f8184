// The gazelle award from end to end: companies and their annual figures
// come in through the import wizard (figures through its financials mode),
// the round of 2021 judges 2018–2021, the jury decides Årets Gazelle and a
// gazelle, the round is published, and the public /gazeller page shows
// them with their growth. Names are unique per run: the server is shared
// by every spec of a run, so the register is not empty.
import { test, expect, type Page } from '@playwright/test'
import { admin, signIn } from './helpers'

const run = Date.now().toString(36)
const year = 2021

/** cvr makes a CVR number that passes the modulus-11 check (internal/company/cvr.go). */
function cvr(seed: number): string {
  const weights = [2, 7, 6, 5, 4, 3, 2, 1]
  for (let n = seed; ; n++) {
    const base = String(1_000_000 + (n % 9_000_000)).padStart(7, '1')
    const sum = [...base].reduce((s, d, i) => s + Number(d) * weights[i], 0)
    const check = (11 - (sum % 11)) % 11
    if (check < 10) return base + String(check)
  }
}

// Revenue 2018–2021 in kroner; Alfa more than triples, Beta just doubles,
// Gamma grows 20 % and is no gazelle.
const seed = Number.parseInt(run.slice(-6), 36)
const companies = [
  { name: `Gazelle Alfa ${run} A/S`, form: 'A/S', cvr: cvr(seed), revenue: ['1.200.000', '1.800.000', '2.700.000', '4.000.000'], growth: '233,3 %' },
  { name: `Gazelle Beta ${run} ApS`, form: 'ApS', cvr: cvr(seed + 7919), revenue: ['2.000.000', '2.500.000', '3.200.000', '4.100.000'], growth: '105,0 %' },
  { name: `Gazelle Gamma ${run} ApS`, form: 'ApS', cvr: cvr(seed + 15887), revenue: ['1.500.000', '1.600.000', '1.700.000', '1.800.000'], growth: '20,0 %' },
]
const [alfa, beta, gamma] = companies

function companiesCSV(): string {
  return ['CVR;Navn;Selskabsform', ...companies.map((c) => `${c.cvr};${c.name};${c.form}`)].join('\n') + '\n'
}

function financialsCSV(): string {
  const rows = ['CVR;År;Måneder;Nettoomsætning;Bruttofortjeneste;Resultat af primær drift']
  for (const c of companies) {
    c.revenue.forEach((r, i) => rows.push(`${c.cvr};${year - 3 + i};12;${r};;${i === 0 ? '-50.000' : '250.000'}`))
  }
  return rows.join('\n') + '\n'
}

async function importFile(page: Page, name: string, content: string) {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf-8') })
  await expect(page.getByTestId('import-read')).toContainText(`${name}: CSV`)
  await expect(page.getByTestId('import-run')).toBeEnabled()
}

/** shoot takes a picture of a whole screen: the shell scrolls inside, so the window is made tall enough first. */
async function shoot(page: Page, selector: string, file: string) {
  const size = page.viewportSize()!
  const height = await page.locator(selector).evaluate((el) => el.scrollHeight)
  await page.setViewportSize({ width: size.width, height: Math.min(height + 200, 6000) })
  await page.locator(selector).screenshot({ path: `../.artefacts/${file}` })
  await page.setViewportSize(size)
}

async function openEntry(page: Page, name: string) {
  const row = page.getByTestId('entry-row').filter({ hasText: name })
  await expect(row).toHaveCount(1)
  await row.getByTestId('entry-toggle').click()
  const detail = page.locator(`#entry-detail-${await row.getAttribute('data-id')}`)
  await expect(detail).toBeVisible()
  return detail
}

test('staff import figures, judge the round, decide and publish; the public page shows the gazelles', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000)
  await page.setViewportSize({ width: 1400, height: 900 })
  await signIn(page, admin)

  // The companies, through the existing import wizard.
  await page.getByTestId('nav-companies').click()
  await page.getByTestId('companies-import').click()
  await expect(page).toHaveURL(/#\/companies\/import$/)
  await importFile(page, `virksomheder-${run}.csv`, companiesCSV())
  await expect(page.getByTestId('import-counts-companiesCreated')).toContainText('3')
  await page.getByTestId('import-run').click()
  await expect(page.getByTestId('import-done')).toBeVisible()

  // Their annual figures, through its financials mode.
  await page.getByTestId('import-again').click()
  await page.getByTestId('import-kind-financials').click()
  await expect(page).toHaveURL(/#\/companies\/import\?kind=financials$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Importér regnskabstal')
  await importFile(page, `regnskab-${run}.csv`, financialsCSV())
  await expect(page.getByTestId('import-map-operatingResult')).toHaveValue('5')
  await expect(page.getByTestId('import-counts-financialsCreated')).toContainText('12')
  await expect(page.getByTestId('import-counts-failed')).toContainText('0')
  await page.screenshot({ path: '../.artefacts/e2e-gazelles-import.png', fullPage: true })
  await page.getByTestId('import-run').click()
  await expect(page.getByTestId('import-done-counts-financialsCreated')).toContainText('12')

  // The figures are on the company's page.
  await page.getByTestId('nav-companies').click()
  await expect(page.getByTestId('companies-table')).toBeVisible()
  await page.getByTestId('companies-search').fill(alfa.cvr)
  await page.getByTestId('company-row').filter({ hasText: alfa.name }).click()
  await expect(page.getByTestId('financial-row')).toHaveCount(4)
  await expect(page.getByTestId('financial-row').last()).toContainText('4.000.000')

  // The round of 2021.
  await page.getByTestId('nav-gazelles').click()
  await expect(page).toHaveURL(/#\/gazelles$/)
  await page.getByTestId('gazelles-new').click()
  await page.getByTestId('round-year').fill(String(year))
  await expect(page.locator('#round-year-help')).toContainText(`${year - 3}–${year}`)
  await page.getByTestId('round-create').click()
  await expect(page).toHaveURL(/#\/gazelles\/\d+$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Gazeller ${year}`)
  await expect(page.getByTestId('help-every_year')).toContainText(`${year - 3}→${year - 2}`)

  await page.getByTestId('round-evaluate').click()
  await expect(page.getByTestId('round-evaluated')).toBeVisible()
  await page.getByTestId('entries-search').fill(run)
  await expect(page.getByTestId('entry-row')).toHaveCount(2)
  await expect(page.getByTestId('entry-row').first()).toContainText(alfa.name)
  await expect(page.getByTestId('entry-row').first().getByTestId('entry-growth')).toHaveText(`+${alfa.growth}`)

  // Alfa's evidence: six rules passed, the figures written the Danish way.
  const a = await openEntry(page, alfa.name)
  await expect(a.getByTestId('evidence-rule')).toHaveCount(6)
  await expect(a.locator('[data-testid="evidence-rule"][data-status="passed"]')).toHaveCount(6)
  await expect(a.getByTestId('evidence-rule').nth(2)).toContainText('Nettoomsætning i startåret 2018: 1.200.000 kr. (mindst 1.000.000 kr.).')
  await expect(a.getByTestId('evidence-rule').nth(3)).toContainText(`${alfa.growth.replace(' %', '')} % fra 2018 til 2021`)
  await a.screenshot({ path: '../.artefacts/e2e-gazelles-evidence.png' })

  await a.getByTestId('entry-decide-winner').click()
  await expect(page.getByTestId('entry-row').filter({ hasText: alfa.name }).getByTestId('entry-decision')).toHaveText('Årets Gazelle')
  await expect(a.getByTestId('entry-decided')).toContainText('afgjort af admin@e2e.dk')

  const b = await openEntry(page, beta.name)
  // Only one Årets Gazelle a round.
  await b.getByTestId('entry-decide-winner').click()
  await expect(b.getByTestId('entry-error')).toContainText('Der er allerede valgt en Årets Gazelle')
  await b.getByTestId('entry-decide-gazelle').click()
  await expect(page.getByTestId('entry-row').filter({ hasText: beta.name }).getByTestId('entry-decision')).toHaveText('Gazellelisten')
  await b.getByTestId('entry-note').fill('Solid vækst i alle tre år.')
  await b.getByTestId('entry-note-save').click()
  await expect(b.getByTestId('entry-note-saved')).toBeVisible()

  // Gamma is no gazelle: growth too low.
  await page.getByTestId('list-tab-not_gazelle').click()
  const g = await openEntry(page, gamma.name)
  await expect(g.locator('[data-testid="evidence-rule"][data-rule="4"]')).toHaveAttribute('data-status', 'failed')
  await expect(g.locator('[data-testid="evidence-rule"][data-rule="4"]')).toContainText('20,0 %')

  await page.getByTestId('list-tab-decided').click()
  await expect(page.getByTestId('list-tab-decided')).toContainText('(2)')
  await expect(page.getByTestId('entry-row')).toHaveCount(2)
  await openEntry(page, beta.name)
  await shoot(page, '.gz-round', 'e2e-gazelles-round.png')

  // The evening's slides: the gazelle list first, Årets Gazelle last.
  await page.getByTestId('round-presentation').click()
  await expect(page.getByTestId('slide-name')).toHaveText(beta.name)
  await expect(page.getByTestId('slide-growth')).toHaveText(`+${beta.growth}`)
  await expect(page.getByTestId('slide-counter')).toHaveText('1 / 2')
  await page.screenshot({ path: '../.artefacts/e2e-gazelles-slide-1.png' })
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('slide-name')).toHaveText(alfa.name)
  await expect(page.getByTestId('slide')).toHaveAttribute('data-winner', 'true')
  await expect(page.getByTestId('slide-caption')).toContainText(`Årets Gazelle ${year}`)
  await expect(page.getByTestId('chart-bar')).toHaveCount(4)
  await page.screenshot({ path: '../.artefacts/e2e-gazelles-slide.png' })
  // Full screen through the Fullscreen API; Esc leaves it first, then the slides.
  await page.getByTestId('slide-fullscreen').click()
  await expect(page.getByTestId('slide-fullscreen')).toHaveAttribute('aria-pressed', 'true')
  expect(await page.evaluate(() => document.fullscreenElement?.getAttribute('data-testid'))).toBe('presentation')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('slide-fullscreen')).toHaveAttribute('aria-pressed', 'false')
  await expect(page.getByTestId('slide')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page).toHaveURL(/#\/gazelles\/\d+$/)

  // Publish, after a confirmation.
  await page.getByTestId('round-publish').click()
  await page.locator('.el-message-box').getByRole('button', { name: 'Offentliggør' }).click()
  await expect(page.getByTestId('round-status')).toHaveText('Offentliggjort')
  await expect(page.getByTestId('round-evaluate')).toBeDisabled()

  // The company's history shows the year.
  await page.getByTestId('nav-companies').click()
  await expect(page.getByTestId('companies-table')).toBeVisible()
  await page.getByTestId('companies-search').fill(alfa.cvr)
  await page.getByTestId('company-row').filter({ hasText: alfa.name }).click()
  const history = page.getByTestId('history-row').filter({ hasText: `Gazeller ${year}` })
  await expect(history).toContainText('Årets Gazelle')
  await expect(history).toContainText(`+${alfa.growth}`)
  await shoot(page, '.reg-detail', 'e2e-gazelles-company.png')

  // The public page, as anyone sees it.
  const visitor = await browser.newContext({ baseURL, locale: 'da-DK' })
  const pub = await visitor.newPage()
  await pub.goto('/gazeller')
  const section = pub.locator('section').filter({ has: pub.getByRole('heading', { name: `Gazeller ${year}` }) })
  await expect(section).toBeVisible()
  const winner = section.getByRole('row').filter({ hasText: alfa.name })
  await expect(winner).toContainText('Årets Gazelle')
  await expect(winner).toContainText(alfa.growth)
  await expect(section.getByRole('row').filter({ hasText: beta.name })).toContainText(beta.growth)
  await expect(section).not.toContainText(gamma.name)
  await pub.screenshot({ path: '../.artefacts/e2e-gazelles-public.png', fullPage: true })
  await visitor.close()
})
