import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { app, setting } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import { info, settings } from '../state/app'
import SettingsForm from './SettingsForm.vue'

const saved: setting.Settings = {
  organiserName: 'Ballerup Kommune',
  department: 'Erhvervsafdelingen',
  address: 'Hold-an Vej 7, 2750 Ballerup',
  phone: '4477 2000',
  email: 'erhverv@balk.dk',
  baseUrl: '',
  defaultLanguage: 'da',
  timeZone: 'Europe/Copenhagen',
  calendarName: '',
  retentionMonths: 36,
  backupKeep: 0,
  backupEveryHours: 12,
  businessAreas: [],
  themes: ['Grøn omstilling'],
  updatedAt: '2026-11-28T16:00:00Z',
  updatedBy: 'Anna Admin',
}

const adminInfo: app.SystemInfo = {
  version: 'test',
  mode: 'serve',
  actor: { userId: 1, email: 'anna@balk.dk', name: 'Anna Admin', role: 'admin', desktop: false },
  schemaVersion: 1,
  dataDir: '/data',
  databasePath: '/data/convene.db',
  publicUrl: 'https://events.example.dk',
  baseUrlLocked: false,
}

let save: ReturnType<typeof vi.fn>

function mountForm() {
  return mount(SettingsForm, { global: { plugins: [ElementPlus, createAppI18n('da')] }, attachTo: document.body })
}

beforeEach(() => {
  save = vi.fn()
  ;(window as unknown as { go: unknown }).go = {
    app: { Settings: { Save: save, TimeZones: vi.fn(async () => ['Europe/Copenhagen', 'UTC']) } },
  }
  info.value = { ...adminInfo }
  settings.value = { ...saved }
})

afterEach(() => {
  delete (window as unknown as { go?: unknown }).go
  document.body.innerHTML = ''
})

// Element Plus shows a form item's error after a 100 ms debounce.
async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 150))
}

async function type(wrapper: ReturnType<typeof mountForm>, testid: string, value: string) {
  await wrapper.get(`input[data-testid="${testid}"]`).setValue(value)
  await settle()
}

describe('SettingsForm', () => {
  it('puts the test ids on the native input and the save button', async () => {
    const w = mountForm()
    await flushPromises()
    const input = w.get('[data-testid="settings-organiserName"]')
    expect(input.element.tagName).toBe('INPUT')
    expect((input.element as HTMLInputElement).value).toBe('Ballerup Kommune')
    expect(w.get('[data-testid="settings-save"]').element.tagName).toBe('BUTTON')
    expect(w.text()).toContain('Senest gemt af Anna Admin 28.11.2026 kl. 17.00')
  })

  it('validates as the user types', async () => {
    const w = mountForm()
    await flushPromises()
    await type(w, 'settings-organiserName', '')
    expect(w.text()).toContain('Skal udfyldes.')
    await type(w, 'settings-phone', '12')
    expect(w.text()).toContain('8-15 cifre')
    await type(w, 'settings-phone', '4477 2001')
    expect(w.text()).not.toContain('8-15 cifre')
  })

  it('does not call the server while a field is invalid', async () => {
    const w = mountForm()
    await flushPromises()
    await type(w, 'settings-email', 'nope')
    await w.get('form').trigger('submit')
    await settle()
    expect(save).not.toHaveBeenCalled()
    expect(w.text()).toContain('Nogle felter skal rettes.')
    expect((w.get('input[data-testid="settings-email"]').element as HTMLInputElement).value).toBe('nope')
  })

  it('shows server field errors next to the field and keeps the typed values', async () => {
    save.mockRejectedValue({
      key: 'error.validation',
      message: 'Nogle felter skal rettes.',
      fields: { timeZone: { key: 'settings.error.time_zone' } },
    })
    const w = mountForm()
    await flushPromises()
    await type(w, 'settings-organiserName', 'Nyt navn')
    await w.get('form').trigger('submit')
    await settle()
    expect(save).toHaveBeenCalledTimes(1)
    expect(w.text()).toContain('Vælg en gyldig tidszone')
    expect(w.text()).toContain('Nogle felter skal rettes.')
    expect((w.get('input[data-testid="settings-organiserName"]').element as HTMLInputElement).value).toBe('Nyt navn')
    expect(w.find('[data-testid="settings-saved"]').exists()).toBe(false)
  })

  it('shows a forbidden error for staff who are not admins', async () => {
    info.value = { ...adminInfo, actor: { ...adminInfo.actor, role: 'staff' } }
    save.mockRejectedValue({ key: 'error.forbidden', message: 'x' })
    const w = mountForm()
    await flushPromises()
    expect(w.text()).toContain('Kun administratorer')
    await w.get('form').trigger('submit')
    await settle()
    expect(w.text()).toContain('Du har ikke adgang til at gøre dette.')
  })

  it('saves trimmed values and confirms', async () => {
    save.mockImplementation(async (s: setting.Settings) => ({ ...s, updatedBy: 'Anna Admin', updatedAt: '2026-11-28T17:30:00Z' }))
    const w = mountForm()
    await flushPromises()
    await type(w, 'settings-organiserName', '  Erhvervshuset  ')
    await w.get('form').trigger('submit')
    await settle()
    expect(save).toHaveBeenCalledTimes(1)
    // The data-keeping settings, edited on their own card, go back as saved.
    expect(save.mock.calls[0][0]).toMatchObject({ organiserName: 'Erhvervshuset', email: 'erhverv@balk.dk', retentionMonths: 36, backupEveryHours: 12 })
    expect(w.find('[data-testid="settings-saved"]').exists()).toBe(true)
    expect(settings.value?.organiserName).toBe('Erhvervshuset')
    expect(w.text()).toContain('28.11.2026 kl. 18.30')
  })

  it('shows the locked public address instead of the base URL field', async () => {
    info.value = { ...adminInfo, baseUrlLocked: true }
    const w = mountForm()
    await flushPromises()
    const input = w.get('input[data-testid="settings-baseUrl"]').element as HTMLInputElement
    expect(input.disabled).toBe(true)
    expect(input.value).toBe('https://events.example.dk')
    expect(w.text()).toContain('CONVENE_BASE_URL')
  })

  it('has a calendar name field whose help names the default, in the organiser language', async () => {
    const w = mountForm()
    await flushPromises()
    const input = w.get('input[data-testid="settings-calendarName"]').element as HTMLInputElement
    expect(w.get('label[for="settings-calendarName"]').text()).toBe('Kalenderens navn')
    expect(input.value).toBe('')
    expect(input.getAttribute('aria-describedby')).toBe('settings-calendarName-help')
    expect(input.placeholder).toBe('Ballerup Kommune: arrangementer')
    const help = () => w.get('#settings-calendarName-help').text()
    expect(help()).toContain('abonnerer')
    expect(help()).toContain('»Ballerup Kommune: arrangementer«')
    // The default follows the organiser's name and language as typed.
    await type(w, 'settings-organiserName', 'Erhvervshuset')
    expect(help()).toContain('»Erhvervshuset: arrangementer«')
    settings.value = { ...saved, defaultLanguage: 'en' }
    const en = mountForm()
    await flushPromises()
    expect(en.get('#settings-calendarName-help').text()).toContain('»Ballerup Kommune: events«')
  })

  it('checks the calendar name like the other fields', async () => {
    const w = mountForm()
    await flushPromises()
    await type(w, 'settings-calendarName', 'x'.repeat(121))
    expect(w.text()).toContain('Må højst være 120 tegn.')
    await w.get('form').trigger('submit')
    await settle()
    expect(save).not.toHaveBeenCalled()
    await type(w, 'settings-calendarName', 'x'.repeat(120))
    expect(w.text()).not.toContain('Må højst være 120 tegn.')
  })

  it('saves the calendar name with the rest, trimmed', async () => {
    save.mockImplementation(async (s: setting.Settings) => ({ ...s, updatedBy: 'Anna Admin', updatedAt: '2026-11-28T17:30:00Z' }))
    const w = mountForm()
    await flushPromises()
    await type(w, 'settings-calendarName', '  Erhverv Ballerup – arrangementer ')
    await w.get('form').trigger('submit')
    await settle()
    expect(save).toHaveBeenCalledTimes(1)
    expect(save.mock.calls[0][0]).toMatchObject({
      calendarName: 'Erhverv Ballerup – arrangementer', organiserName: 'Ballerup Kommune', themes: ['Grøn omstilling'],
    })
    expect(settings.value?.calendarName).toBe('Erhverv Ballerup – arrangementer')
    expect((w.get('input[data-testid="settings-calendarName"]').element as HTMLInputElement).value).toBe('Erhverv Ballerup – arrangementer')
  })

  it('keeps what was typed when someone saved first, and saves it on top of their settings', async () => {
    const theirs: setting.Settings = { ...saved, phone: '4477 2001', updatedBy: 'bo@balk.dk', updatedAt: '2026-11-28T16:05:00Z' }
    const get = vi.fn(async () => theirs)
    ;(window as unknown as { go: { app: { Settings: Record<string, unknown> } } }).go.app.Settings.Get = get
    save.mockRejectedValueOnce({ key: 'error.settings_changed', message: '', params: { by: 'bo@balk.dk', date: '28.11.2026', time: '17.05' } })
    save.mockImplementationOnce(async (s: setting.Settings) => ({ ...s, updatedBy: 'Anna Admin', updatedAt: '2026-11-28T16:06:00Z' }))
    const w = mountForm()
    await flushPromises()
    await type(w, 'settings-calendarName', 'Erhverv Ballerup')
    await w.get('form').trigger('submit')
    await settle()
    expect(w.get('[data-testid="settings-error"]').text()).toContain('bo@balk.dk gemte indstillingerne den 28.11.2026 kl. 17.05')
    expect(get).toHaveBeenCalled()
    expect(settings.value?.updatedAt).toBe('2026-11-28T16:05:00Z')
    expect((w.get('input[data-testid="settings-calendarName"]').element as HTMLInputElement).value).toBe('Erhverv Ballerup')
    await w.get('form').trigger('submit')
    await settle()
    expect(save).toHaveBeenCalledTimes(2)
    expect(save.mock.calls[1][0]).toMatchObject({ calendarName: 'Erhverv Ballerup', updatedAt: '2026-11-28T16:05:00Z' })
    expect(settings.value?.updatedAt).toBe('2026-11-28T16:06:00Z')
  })

  it('shows a saved calendar name', async () => {
    settings.value = { ...saved, calendarName: 'Erhverv i Ballerup' }
    const w = mountForm()
    await flushPromises()
    expect((w.get('input[data-testid="settings-calendarName"]').element as HTMLInputElement).value).toBe('Erhverv i Ballerup')
  })
})
