import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { event, registration } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import { installEvents, uninstallEvents } from '../events/testing'
import { settle } from '../register/testing'
import RegistrationDialog from './RegistrationDialog.vue'
import { installRegistrations, questionEvent, sampleRegistration, type FakeService } from './testing'

let svc: FakeService
enableAutoUnmount(afterEach)

function mountDialog(e: event.Event, r: registration.Registration | null) {
  return mount(RegistrationDialog, {
    props: { event: e, registration: r },
    global: { plugins: [ElementPlus, createAppI18n('da')] },
    attachTo: document.body,
  })
}

const all = (testid: string) => [...document.querySelectorAll(`[data-testid="${testid}"]`)] as HTMLInputElement[]
const one = (testid: string, i = 0) => all(testid)[i]
async function type(testid: string, v: string, i = 0) {
  const el = one(testid, i)
  el.value = v
  el.dispatchEvent(new Event('input'))
  el.dispatchEvent(new FocusEvent('blur'))
  await settle()
}
/** itemText is the text of the form item around an input, with its error. */
const itemText = (el: Element) => el.closest('.el-form-item')?.textContent ?? ''
async function click(el: Element | null | undefined) {
  ;(el as HTMLElement).click()
  await settle()
}
const option = (testid: string, label: string) =>
  [...document.querySelectorAll(`[data-testid="${testid}"] label`)].find((l) => l.textContent?.trim() === label)?.querySelector('input')

const saved = sampleRegistration(3, {
  companyName: 'Alfa A/S',
  seats: 2,
  answers: { kost: 'Vegetar', emner: ['Eksport'], parkering: false, gammel: 'behold' },
  note: 'Ringede ind',
  attendees: [
    { id: 31, registrationId: 3, eventId: 1, name: 'Anna Hansen', email: 'anna@alfa.dk', jobTitle: 'Direktør' },
    { id: 32, registrationId: 3, eventId: 1, name: 'Bo Berg', email: 'bo@alfa.dk', jobTitle: '' },
  ],
})

beforeEach(() => {
  installEvents()
  svc = installRegistrations()
})
afterEach(() => {
  uninstallEvents()
  document.body.innerHTML = ''
})

describe('RegistrationDialog', () => {
  it('fills the form from the registration and its answers', async () => {
    mountDialog(questionEvent(), saved)
    await flushPromises()
    expect(one('reg-companyName').value).toBe('Alfa A/S')
    expect(one('reg-cvr').value).toBe('61126228')
    expect(all('reg-attendee-name').map((x) => x.value)).toEqual(['Anna Hansen', 'Bo Berg'])
    expect(one('reg-answer-text').value).toBe('Vegetar')
    expect(option('reg-answer-multi', 'Eksport')!.checked).toBe(true)
    expect(option('reg-answer-multi', 'Klima')!.checked).toBe(false)
    expect((document.querySelector('[data-testid="reg-answer-no"] input') as HTMLInputElement).checked).toBe(true)
    expect((one('reg-note') as unknown as HTMLTextAreaElement).value).toBe('Ringede ind')
    expect(document.querySelector('[data-testid="registration-meta"]')!.textContent).toContain('28.11.2026 kl. 17.00 · Hjemmesiden · kode ABCD-EF03')
  })

  it('keeps what was typed and shows the server field errors beside the fields', async () => {
    svc.Update.mockRejectedValueOnce({
      key: 'error.validation',
      message: '',
      fields: { 'attendees.2.email': { key: 'registration.error.already_registered' }, 'answers.kost': { key: 'error.too_long', params: { max: 2000 } } },
    })
    const w = mountDialog(questionEvent(), saved)
    await flushPromises()
    await type('reg-companyName', 'Alfa  Holding A/S')
    await click(document.querySelector('[data-testid="reg-attendee-add"]'))
    await type('reg-attendee-name', 'Cille Dam', 2)
    await type('reg-attendee-email', 'Cille@Alfa.dk', 2)
    await click(option('reg-answer-multi', 'Klima'))
    await click(document.querySelector('[data-testid="reg-answer-yes"] input'))
    await type('reg-note', 'Vil gerne sidde forrest')
    // Three attendees is the most per company here.
    expect((document.querySelector('[data-testid="reg-attendee-add"]') as HTMLButtonElement).disabled).toBe(true)

    await click(document.querySelector('[data-testid="reg-save"]'))
    expect(svc.Update).toHaveBeenCalledWith(3, {
      companyName: 'Alfa Holding A/S',
      cvr: '61126228',
      attendees: [
        { name: 'Anna Hansen', email: 'anna@alfa.dk', jobTitle: 'Direktør' },
        { name: 'Bo Berg', email: 'bo@alfa.dk', jobTitle: '' },
        { name: 'Cille Dam', email: 'cille@alfa.dk', jobTitle: '' },
      ],
      answers: { gammel: 'behold', kost: 'Vegetar', emner: ['Eksport', 'Klima'], parkering: true },
      note: 'Vil gerne sidde forrest',
    })
    expect(itemText(one('reg-attendee-email', 2))).toContain('Personen er allerede tilmeldt arrangementet.')
    expect(itemText(one('reg-answer-text'))).toContain('Må højst være 2000 tegn.')
    expect(document.querySelector('[data-testid="reg-error"]')!.textContent).toContain('Nogle felter skal rettes.')
    expect(one('reg-companyName').value).toBe('Alfa  Holding A/S')
    expect(one('reg-attendee-email', 2).value).toBe('Cille@Alfa.dk')
    expect(document.activeElement).toBe(one('reg-attendee-email', 2))
    expect(w.emitted('saved')).toBeUndefined()

    // Editing the field clears its error; the next save goes through.
    await type('reg-attendee-email', 'cille.dam@alfa.dk', 2)
    expect(itemText(one('reg-attendee-email', 2))).not.toContain('allerede tilmeldt')
    await click(document.querySelector('[data-testid="reg-save"]'))
    expect(svc.Update).toHaveBeenCalledTimes(2)
    expect(w.emitted('saved')?.[0]).toEqual([expect.objectContaining({ id: 3, companyName: 'Alfa Holding A/S' }), false])
  })

  it('checks as staff type, before asking the server', async () => {
    mountDialog(questionEvent(), null)
    await flushPromises()
    await click(document.querySelector('[data-testid="reg-save"]'))
    expect(svc.Add).not.toHaveBeenCalled()
    expect(itemText(one('reg-companyName'))).toContain('Skal udfyldes.')
    expect(document.querySelector('[data-testid="reg-attendees-error"]')!.textContent).toContain('Tilmeld mindst én deltager.')
    expect(itemText(one('reg-answer-text'))).toContain('Skal udfyldes.')
    expect(document.activeElement).toBe(one('reg-companyName'))

    await type('reg-attendee-name', 'Anna')
    await type('reg-attendee-email', 'anna@')
    expect(itemText(one('reg-attendee-email'))).toContain('Skriv en gyldig e-mailadresse')
    await type('reg-cvr', '12345678')
    expect(itemText(one('reg-cvr'))).toContain('CVR-nummeret skal have 8 cifre')
    expect(document.querySelector('[data-testid="reg-attendees-error"]')).toBeNull()
    // Staff may note something on a new registration too.
    expect(document.querySelector('[data-testid="reg-note"]')).not.toBeNull()
  })

  it('adds a registration with the answers, consent and language', async () => {
    const w = mountDialog(questionEvent(), null)
    await flushPromises()
    await type('reg-companyName', 'Beta ApS')
    await type('reg-cvr', 'DK 61 12 62 28')
    await type('reg-attendee-name', 'Dorte  Dahl')
    await type('reg-attendee-email', 'Dorte@Beta.dk')
    await type('reg-attendee-jobTitle', 'Indkøber')
    // An empty row is left out, as the server would.
    await click(document.querySelector('[data-testid="reg-attendee-add"]'))
    await type('reg-answer-text', 'Vegansk')
    await click(document.querySelector('[data-testid="reg-consent"] input'))
    await type('reg-note', ' Ringede ind ')
    await click(document.querySelector('[data-testid="reg-save"]'))
    expect(svc.Add).toHaveBeenCalledWith({
      eventId: 1,
      companyName: 'Beta ApS',
      cvr: '61126228',
      attendees: [{ name: 'Dorte Dahl', email: 'dorte@beta.dk', jobTitle: 'Indkøber' }],
      answers: { kost: 'Vegansk' },
      marketingConsent: true,
      lang: 'da',
      source: 'staff',
      invitation: '',
      note: 'Ringede ind',
    })
    expect(w.emitted('saved')?.[0]).toEqual([expect.objectContaining({ companyName: 'Beta ApS' }), true])
  })
})
