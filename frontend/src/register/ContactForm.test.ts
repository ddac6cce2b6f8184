import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, flushPromises, mount, RouterLinkStub } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { company } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import ContactForm from './ContactForm.vue'
import { installRegister, settle, uninstallRegister, type FakeService } from './testing'

let svc: { companies: FakeService; contacts: FakeService }
enableAutoUnmount(afterEach)

function mountForm() {
  return mount(ContactForm, {
    props: { contact: null, companyId: 3, companyName: 'Alfa A/S' },
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
const itemText = (w: W, testid: string) => w.get(`[data-testid="${testid}"]`).element.closest('.el-form-item')?.textContent ?? ''

beforeEach(() => {
  svc = installRegister()
})
afterEach(() => {
  uninstallRegister()
  document.body.innerHTML = ''
})

describe('ContactForm', () => {
  it('creates a contact for the company it was opened from', async () => {
    svc.contacts.Save.mockImplementation(async (c: company.Contact) => ({ ...c, id: 8, companyName: 'Alfa A/S' }))
    const w = mountForm()
    await flushPromises()
    expect(w.get('[data-testid="contact-form"]').text()).toContain('Alfa A/S')
    await type(w, 'contact-phone', '12')
    expect(itemText(w, 'contact-phone')).toContain('Skriv et telefonnummer med 8-15 cifre')
    await type(w, 'contact-name', 'Karen Jensen')
    await type(w, 'contact-email', ' Karen@Firma.dk ')
    await type(w, 'contact-phone', '+45 4477 2000')
    await w.get('[data-testid="contact-form"]').trigger('submit')
    await settle()
    expect(svc.contacts.Save.mock.calls[0][0]).toMatchObject({
      id: 0,
      name: 'Karen Jensen',
      email: 'karen@firma.dk',
      phone: '+45 4477 2000',
      companyId: 3,
      language: 'da',
    })
    expect(w.get('[data-testid="contact-saved"]').text()).toContain('Kontaktpersonen er gemt.')
  })

  it('names who an e-mail address is already registered to and keeps what was typed', async () => {
    svc.contacts.Save.mockRejectedValue({
      key: 'error.validation',
      message: '',
      fields: { email: { key: 'company.error.email_taken', params: { name: 'Karen Hansen', id: 12 } } },
    })
    const w = mountForm()
    await flushPromises()
    await type(w, 'contact-name', 'Karen Jensen')
    await type(w, 'contact-email', 'karen@firma.dk')
    await w.get('[data-testid="contact-form"]').trigger('submit')
    await settle()
    expect(itemText(w, 'contact-email')).toContain('E-mailadressen er allerede registreret på Karen Hansen.')
    const link = w.findAllComponents(RouterLinkStub).find((l) => l.props('to') === '/contacts/12')
    expect(link?.text()).toBe('Åbn Karen Hansen')
    expect((w.get('input[data-testid="contact-name"]').element as HTMLInputElement).value).toBe('Karen Jensen')
  })
})
