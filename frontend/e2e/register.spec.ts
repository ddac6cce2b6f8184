import { test, expect } from '@playwright/test'
import { admin, signIn } from './helpers'

test('staff register a company by CVR, find it by searching, and add a contact', async ({ page }) => {
  await signIn(page, admin)
  await page.getByTestId('nav-companies').click()
  await expect(page.getByTestId('companies-table')).toBeVisible()
  await page.getByTestId('company-new').click()

  // A wrong CVR number is caught while typing.
  await page.getByTestId('company-name').fill('Ballerup Testbryggeri ApS')
  await page.getByTestId('company-cvr').fill('6105 6417')
  await page.getByTestId('company-cvr').blur()
  await expect(page.getByText('CVR-nummeret skal have 8 cifre og være gyldigt').first()).toBeVisible()

  await page.getByTestId('company-cvr').fill('DK 6105 6416')
  await page.getByTestId('company-postcode').fill('2750')
  await page.getByTestId('company-city').fill('Ballerup')
  await page.getByTestId('company-save').click()
  await expect(page.getByTestId('company-saved')).toBeVisible()
  await expect(page).toHaveURL(/#\/companies\/\d+$/)
  await expect(page.getByTestId('company-cvr')).toHaveValue('61056416')
  await page.screenshot({ path: '../.artefacts/e2e-register-company.png', fullPage: true })

  // A second company with the same CVR number is refused with the first one's name.
  await page.getByTestId('company-back').click()
  await page.getByTestId('company-new').click()
  await page.getByTestId('company-name').fill('Dublet A/S')
  await page.getByTestId('company-cvr').fill('61056416')
  await page.getByTestId('company-save').click()
  await expect(page.getByText('CVR-nummeret er allerede registreret på Ballerup Testbryggeri ApS.')).toBeVisible()
  await expect(page.getByTestId('company-name')).toHaveValue('Dublet A/S')
  await page.getByTestId('company-cvr-owner').click()
  await expect(page.getByTestId('company-name')).toHaveValue('Ballerup Testbryggeri ApS')

  // The list finds it by the start of its CVR number.
  await page.getByTestId('company-back').click()
  await page.getByTestId('companies-search').fill('6105')
  const row = page.getByTestId('company-row').filter({ hasText: 'Ballerup Testbryggeri ApS' })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('61056416')
  await expect(page.getByTestId('companies-total')).toHaveText('1 virksomhed')
  await row.click()

  // Add a contact from the company.
  await page.getByTestId('company-add-contact').click()
  await expect(page).toHaveURL(/#\/contacts\/new\?companyId=\d+$/)
  await expect(page.getByTestId('contact-form')).toContainText('Ballerup Testbryggeri ApS')
  await page.getByTestId('contact-name').fill('Karen Jensen')
  await page.getByTestId('contact-email').fill('karen@testbryggeri.dk')
  await page.getByTestId('contact-phone').fill('4477 2000')
  await page.getByTestId('contact-jobTitle').fill('Direktør')
  await page.getByTestId('contact-save').click()
  await expect(page.getByTestId('contact-saved')).toBeVisible()
  await expect(page).toHaveURL(/#\/contacts\/\d+/)

  // Consent is recorded with its source and wording.
  await page.getByTestId('consent-source').fill('telefon')
  await page.getByTestId('consent-wordingVersion').fill('2026-1')
  await page.getByTestId('consent-give').click()
  await expect(page.getByTestId('consent-status')).toHaveText('Samtykke')
  await expect(page.getByTestId('consent-history')).toContainText('telefon')

  // Back at the company, the contact is listed; the contacts tab finds them too.
  await page.getByTestId('contact-back').click()
  await expect(page.getByTestId('company-contacts').getByTestId('contact-row')).toContainText('Karen Jensen')
  await page.getByTestId('company-back').click()
  await page.getByTestId('register-tab-contacts').click()
  await page.getByTestId('contacts-search').fill('karen@')
  const contact = page.getByTestId('contact-row').filter({ hasText: 'Karen Jensen' })
  await expect(contact).toContainText('Ballerup Testbryggeri ApS')
  await expect(contact).toContainText('Samtykke')
  await page.screenshot({ path: '../.artefacts/e2e-register-contacts.png', fullPage: true })
})
