import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, flushPromises, mount, RouterLinkStub } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { company } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import CompanyForm from './CompanyForm.vue'
import { installRegister, options, sampleCompany, settle, uninstallRegister, type FakeService } from './testing'

let svc: { companies: FakeService; contacts: FakeService }
enableAutoUnmount(afterEach)

function mountForm(c: company.Company | null = null) {
  return mount(CompanyForm, {
    props: { company: c, options },
    global: { plugins: [ElementPlus, createAppI18n('da')], stubs: { RouterLink: RouterLinkStub } },
    attachTo: document.body,
  })
}

type W = ReturnType<typeof mountForm>
async function type(w: W, testid: string, value: string) {
  const input = w.get(`input[data-testid="${testid}"]`)
  await input.setValue(value)
  await input.trigger('blur')
  await settle()
}
const value = (w: W, testid: string) => (w.get(`input[data-testid="${testid}"]`).element as HTMLInputElement).value
function itemText(w: W, testid: string): string {
  const el = w.get(`[data-testid="${testid}"]`).element.closest('.el-form-item')
  return el?.textContent ?? ''
}

beforeEach(() => {
  svc = installRegister()
})
afterEach(() => {
  uninstallRegister()
  document.body.innerHTML = ''
})

describe('CompanyForm', () => {
  it('puts the test ids on the native inputs and fills them from the company', async () => {
    const w = mountForm(sampleCompany(4, { name: 'Novo Test A/S', cvr: '24256790' }))
    await flushPromises()
    expect(w.get('[data-testid="company-name"]').element.tagName).toBe('INPUT')
    expect(value(w, 'company-name')).toBe('Novo Test A/S')
    expect(value(w, 'company-cvr')).toBe('24256790')
    expect(w.get('[data-testid="company-save"]').text()).toBe('Gem virksomhed')
    expect(w.find('[data-testid="company-delete"]').exists()).toBe(true)
  })

  it('checks the CVR number and other fields as the user types', async () => {
    const w = mountForm()
    await flushPromises()
    await type(w, 'company-cvr', '2425 6791')
    expect(itemText(w, 'company-cvr')).toContain('CVR-nummeret skal have 8 cifre og være gyldigt')
    await type(w, 'company-cvr', 'DK 2425 6790')
    expect(itemText(w, 'company-cvr')).not.toContain('modulus 11')
    await type(w, 'company-postcode', '275')
    expect(itemText(w, 'company-postcode')).toContain('Postnummeret skal have 4 cifre.')
    await type(w, 'company-pNumbers', '1012345678, 12345')
    expect(itemText(w, 'company-pNumbers')).toContain('P-nummeret 12345 skal have 10 cifre.')
  })

  it('does not call the server while a field is wrong', async () => {
    const w = mountForm()
    await flushPromises()
    await w.get('[data-testid="company-form"]').trigger('submit')
    await settle()
    expect(svc.companies.Save).not.toHaveBeenCalled()
    expect(itemText(w, 'company-name')).toContain('Skal udfyldes.')
    expect(w.get('[data-testid="company-error"]').text()).toContain('Nogle felter skal rettes.')
  })

  it('sends the cleaned company and shows the saved notice', async () => {
    svc.companies.Save.mockImplementation(async (c: company.Company) => ({ ...c, id: 9 }))
    const w = mountForm()
    await flushPromises()
    await type(w, 'company-name', 'Ballerup Bryg ApS')
    await type(w, 'company-cvr', 'DK 61 05 64 16')
    await type(w, 'company-employees', '12')
    await w.get('[data-testid="company-form"]').trigger('submit')
    await settle()
    expect(svc.companies.Save).toHaveBeenCalledTimes(1)
    const sent = svc.companies.Save.mock.calls[0][0] as company.Company
    expect(sent).toMatchObject({ id: 0, name: 'Ballerup Bryg ApS', cvr: '61056416', employees: 12, cluster: 'other', pNumbers: [] })
    expect(w.get('[data-testid="company-saved"]').text()).toContain('Virksomheden er gemt.')
    expect(w.emitted('saved')?.[0]?.[0]).toMatchObject({ id: 9 })
  })

  it('shows server field errors next to the fields and keeps what was typed', async () => {
    svc.companies.Save.mockRejectedValue({
      key: 'error.validation',
      message: 'Nogle felter skal rettes.',
      fields: {
        branchCode: { key: 'company.error.branch_code' },
        website: { key: 'company.error.website' },
      },
    })
    const w = mountForm()
    await flushPromises()
    await type(w, 'company-name', 'Lautrup Data A/S')
    await type(w, 'company-website', 'https://lautrup')
    await w.get('[data-testid="company-form"]').trigger('submit')
    await settle()
    expect(itemText(w, 'company-branchCode')).toContain('Branchekoden (DB07) skal have 6 cifre.')
    expect(itemText(w, 'company-website')).toContain('Skriv en fuld webadresse')
    expect(value(w, 'company-name')).toBe('Lautrup Data A/S')
    expect(value(w, 'company-website')).toBe('https://lautrup')
    expect(w.find('[data-testid="company-saved"]').exists()).toBe(false)
    // Editing the field clears the server's message for it.
    await type(w, 'company-website', 'https://lautrup.dk')
    expect(itemText(w, 'company-website')).not.toContain('Skriv en fuld webadresse')
    expect(itemText(w, 'company-branchCode')).toContain('6 cifre')
  })

  it('names the company a CVR number is already registered to, with a link to it', async () => {
    svc.companies.Save.mockRejectedValue({
      key: 'error.validation',
      message: '',
      fields: { cvr: { key: 'company.error.cvr_taken', params: { name: 'Novo Nordisk A/S', id: 17 } } },
    })
    const w = mountForm()
    await flushPromises()
    await type(w, 'company-name', 'Dublet A/S')
    await type(w, 'company-cvr', '24256790')
    await w.get('[data-testid="company-form"]').trigger('submit')
    await settle()
    expect(itemText(w, 'company-cvr')).toContain('CVR-nummeret er allerede registreret på Novo Nordisk A/S.')
    const link = w.getComponent(RouterLinkStub)
    expect(link.props('to')).toBe('/companies/17')
    expect(link.text()).toBe('Åbn Novo Nordisk A/S')
    expect(value(w, 'company-cvr')).toBe('24256790')
  })
})
