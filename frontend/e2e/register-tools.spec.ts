import { test, expect } from '@playwright/test'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { admin, signIn } from './helpers'

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')

test('segments, export, merging duplicates, person data and erasure', async ({ page }) => {
  await signIn(page, admin)
  // The two companies of the fixture, with a contact each (created or updated).
  await page.goto('/admin/#/companies/import')
  await page.getByTestId('import-file').setInputFiles(path.join(fixtures, 'companies.csv'))
  await expect(page.getByTestId('import-run')).toBeEnabled()
  await page.getByTestId('import-run').click()
  await expect(page.getByTestId('import-done')).toBeVisible()

  // A segment counts live and exports its members.
  await page.getByTestId('import-to-list').click()
  await page.getByTestId('register-tab-segments').click()
  await page.getByTestId('segment-new').click()
  await page.getByTestId('segment-name').fill(`Med kontaktpersoner ${Date.now()}`)
  await page.getByTestId('segment-hasContacts-yes').click()
  await expect(page.getByTestId('segment-count')).toHaveText(/^\d+ passer lige nu$/)
  await page.getByTestId('segment-save').click()
  await expect(page.getByTestId('segment-saved')).toBeVisible()
  const segmentFile = page.waitForEvent('download')
  await page.getByTestId('segment-export').first().click()
  await page.getByTestId('segment-export-csv').last().click()
  expect((await segmentFile).suggestedFilename()).toMatch(/\.csv$/)

  // The companies list exports what it shows.
  await page.getByTestId('register-tab-companies').click()
  const listFile = page.waitForEvent('download')
  await page.getByTestId('companies-export').click()
  await page.getByTestId('companies-export-xlsx').click()
  expect((await listFile).suggestedFilename()).toMatch(/\.xlsx$/)

  // Novo Nordisk is merged into Danske Bank: its contact moves over.
  await page.getByTestId('companies-search').fill('Danske Bank')
  await page.getByTestId('company-row').filter({ hasText: 'Danske Bank A/S' }).click()
  await page.getByTestId('company-merge').click()
  await page.getByTestId('merge-pick').click()
  await page.keyboard.type('Novo')
  await page.getByTestId('merge-choice').filter({ hasText: 'Novo Nordisk A/S' }).click()
  await expect(page.getByTestId('merge-explain')).toContainText('Novo Nordisk A/S slettes')
  await page.getByTestId('merge-confirm').click()
  await expect(page.getByTestId('company-contacts')).toContainText('Bo Berg')

  // Bo Berg's data can be downloaded, and an admin erases him with a reason.
  await page.getByTestId('company-contacts').getByTestId('contact-row').filter({ hasText: 'Bo Berg' }).click()
  const personFile = page.waitForEvent('download')
  await page.getByTestId('contact-persondata').click()
  expect((await personFile).suggestedFilename()).toBe('persondata-bo-berg.json')
  await page.getByTestId('contact-erase').click()
  await page.getByTestId('erase-confirm').click()
  await expect(page.getByText('Skal udfyldes.')).toBeVisible()
  await page.getByTestId('erase-reason').fill('Anmodning om sletning pr. e-mail')
  await page.getByTestId('erase-confirm').click()
  await expect(page).toHaveURL(/#\/contacts$/)
  await expect(page.getByText('Bo Berg er slettet for altid.')).toBeVisible()
  await page.getByTestId('contacts-search').fill('bo.berg@')
  await expect(page.getByTestId('contacts-empty')).toBeVisible()
})
