import { test, expect, type Page } from '@playwright/test'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { admin, signIn } from './helpers'

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')

async function openWizard(page: Page) {
  await page.getByTestId('nav-companies').click()
  await page.getByTestId('companies-import').click()
  await expect(page).toHaveURL(/#\/companies\/import$/)
}

test('a file with a bad row names the row and column and cannot be imported', async ({ page }) => {
  await signIn(page, admin)
  await openWizard(page)
  await page.getByTestId('import-file').setInputFiles(path.join(fixtures, 'companies-broken.csv'))
  await expect(page.getByTestId('import-read')).toContainText('CSV, tegnsæt utf-8, adskilt med semikolon, 2 rækker')
  await expect(page.getByTestId('import-map-cvr')).toHaveValue('0')
  await expect(page.getByTestId('import-counts-failed')).toContainText('1')
  await expect(page.getByTestId('import-errors')).toContainText('Række 3, kolonne CVR')
  await expect(page.getByTestId('import-blocked')).toContainText('Intet bliver importeret, før filen er rettet')
  await expect(page.getByTestId('import-run')).toBeDisabled()
  await page.screenshot({ path: '../.artefacts/e2e-import-errors.png', fullPage: true })
})

test('staff import companies with contacts from a CSV file and find them in the list', async ({ page }) => {
  await signIn(page, admin)
  await openWizard(page)
  await page.getByTestId('import-file').setInputFiles(path.join(fixtures, 'companies.csv'))
  await expect(page.getByTestId('import-read')).toContainText('companies.csv: CSV')
  await expect(page.getByTestId('import-mapping')).toBeVisible()
  await expect(page.getByTestId('import-map-name')).toHaveValue('1')
  await expect(page.getByTestId('import-map-contactEmail')).toHaveValue('4')

  // Leaving the city out re-runs the check; taking it back in again.
  await page.getByTestId('import-map-city').selectOption({ label: '— ikke importeret —' })
  await expect(page.getByTestId('import-map-city')).toHaveValue('-1')
  await page.getByTestId('import-map-city').selectOption({ label: 'By' })

  const counts = page.getByTestId('import-counts')
  await expect(page.getByTestId('import-counts-companiesCreated')).toContainText('2')
  await expect(page.getByTestId('import-counts-contactsCreated')).toContainText('2')
  await expect(page.getByTestId('import-counts-failed')).toContainText('0')
  await expect(counts).toBeVisible()
  await expect(page.getByTestId('import-run')).toBeEnabled()
  await page.screenshot({ path: '../.artefacts/e2e-import-preview.png', fullPage: true })
  await page.getByTestId('import-run').click()

  await expect(page.getByTestId('import-done')).toContainText('Importen er gennemført')
  await expect(page.getByTestId('import-done-counts-companiesCreated')).toContainText('2')
  await page.getByTestId('import-to-list').click()
  await expect(page).toHaveURL(/#\/companies$/)
  await page.getByTestId('companies-search').fill('6112')
  const row = page.getByTestId('company-row').filter({ hasText: 'Danske Bank A/S' })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('61126228')

  // The contact came in too.
  await page.getByTestId('register-tab-contacts').click()
  await page.getByTestId('contacts-search').fill('bo.berg@')
  await expect(page.getByTestId('contact-row').filter({ hasText: 'Bo Berg' })).toContainText('Novo Nordisk A/S')
})
