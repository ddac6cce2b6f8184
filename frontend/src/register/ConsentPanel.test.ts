import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { company } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import ConsentPanel from './ConsentPanel.vue'
import { installRegister, settle, uninstallRegister, type FakeService } from './testing'

let svc: { companies: FakeService; contacts: FakeService }
let history: company.Consent[]
enableAutoUnmount(afterEach)

const given: company.Consent = {
  id: 1,
  contactId: 5,
  givenAt: '2026-11-28T16:00:00Z',
  source: 'tilmeldingsformular',
  wordingVersion: '2026-1',
  withdrawnAt: undefined,
  withdrawnHow: '',
}

function mountPanel() {
  return mount(ConsentPanel, {
    props: { contactId: 5 },
    global: { plugins: [ElementPlus, createAppI18n('da')] },
    attachTo: document.body,
  })
}

beforeEach(() => {
  history = []
  svc = installRegister(
    {},
    {
      Consents: vi.fn(async () => history),
      GiveConsent: vi.fn(async (_id: number, source: string, wording: string) => {
        history = [{ ...given, id: 2, source, wordingVersion: wording }, ...history]
        return history[0]
      }),
      WithdrawConsent: vi.fn(async (_id: number, how: string) => {
        history = history.map((c) => (c.withdrawnAt ? c : { ...c, withdrawnAt: '2026-11-29T09:30:00Z', withdrawnHow: how }))
      }),
    },
  )
})
afterEach(() => {
  uninstallRegister()
  document.body.innerHTML = ''
})

describe('ConsentPanel', () => {
  it('says when there is no consent, and offers no withdrawal', async () => {
    const w = mountPanel()
    await flushPromises()
    expect(svc.contacts.Consents).toHaveBeenCalledWith(5)
    expect(w.get('[data-testid="consent-status"]').text()).toBe('Intet samtykke')
    expect(w.find('[data-testid="consent-withdraw"]').exists()).toBe(false)
    expect(w.get('[data-testid="consent-history"]').text()).toContain('Ingen historik endnu.')
  })

  it('records a consent with its source and wording version', async () => {
    const w = mountPanel()
    await flushPromises()
    await w.get('input[data-testid="consent-source"]').setValue('telefon')
    await w.get('input[data-testid="consent-wordingVersion"]').setValue('2026-2')
    await w.get('[data-testid="consent-give"]').trigger('submit')
    await flushPromises()
    expect(svc.contacts.GiveConsent).toHaveBeenCalledWith(5, 'telefon', '2026-2')
    expect(w.get('[data-testid="consent-status"]').text()).toBe('Samtykke')
    expect(w.get('[data-testid="consent-summary"]').text()).toBe('Givet 28.11.2026 kl. 17.00 via telefon (tekstversion 2026-2).')
    expect(w.findAll('[data-testid="consent-record"]')).toHaveLength(1)
    expect(w.get('[data-testid="consent-notice"]').text()).toContain('Samtykket er registreret.')
    expect(w.emitted('changed')).toHaveLength(1)
  })

  it('asks for the source before calling the server', async () => {
    const w = mountPanel()
    await flushPromises()
    await w.get('[data-testid="consent-give"]').trigger('submit')
    await settle()
    expect(svc.contacts.GiveConsent).not.toHaveBeenCalled()
    expect(w.text()).toContain('Skal udfyldes.')
  })

  it('withdraws a consent in force, saying how', async () => {
    history = [given]
    const w = mountPanel()
    await flushPromises()
    expect(w.get('[data-testid="consent-status"]').text()).toBe('Samtykke')
    await w.get('input[data-testid="consent-how"]').setValue('afmeldt pr. e-mail')
    await w.get('[data-testid="consent-withdraw"]').trigger('submit')
    await flushPromises()
    expect(svc.contacts.WithdrawConsent).toHaveBeenCalledWith(5, 'afmeldt pr. e-mail')
    expect(w.get('[data-testid="consent-status"]').text()).toBe('Tilbagekaldt')
    expect(w.get('[data-testid="consent-summary"]').text()).toBe('Tilbagekaldt 29.11.2026 kl. 10.30: afmeldt pr. e-mail.')
    expect(w.get('[data-testid="consent-history"]').text()).toContain('afmeldt pr. e-mail')
    expect(w.find('[data-testid="consent-withdraw"]').exists()).toBe(false)
  })

  it('shows the server error of a failed action', async () => {
    svc.contacts.GiveConsent.mockRejectedValue({ key: 'company.error.contact_not_found', message: '' })
    const w = mountPanel()
    await flushPromises()
    await w.get('input[data-testid="consent-source"]').setValue('telefon')
    await w.get('input[data-testid="consent-wordingVersion"]').setValue('2026-2')
    await w.get('[data-testid="consent-give"]').trigger('submit')
    await flushPromises()
    expect(w.get('[data-testid="consent-error"]').text()).toContain('Kontaktpersonen findes ikke.')
  })
})
