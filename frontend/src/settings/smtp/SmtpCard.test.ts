import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElMessageBox, ElSelect } from 'element-plus'
import type { mail, setting } from '../../../wailsjs/go/models'
import { createAppI18n } from '../../i18n'
import { adminInfo, installMail, staffInfo, uninstallMail, type FakeMail } from '../../mail/testing'
import { info, settings } from '../../state/app'
import { defaultView } from './form'
import SmtpCard from './SmtpCard.vue'

let svc: FakeMail
enableAutoUnmount(afterEach)

const savedView: mail.SettingsView = {
  ...defaultView,
  host: 'smtp.office365.com',
  port: 587,
  tls: 'starttls',
  username: 'erhverv@balk.dk',
  passwordSet: true,
  fromName: 'Erhverv Ballerup',
  fromAddress: 'erhverv@balk.dk',
  configured: true,
  updatedAt: '2026-11-28T16:00:00Z',
  updatedBy: 'Anna Admin',
}

const record = 'v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'

function mountCard() {
  return mount(SmtpCard, { global: { plugins: [ElementPlus, createAppI18n('da')] }, attachTo: document.body })
}

async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 150))
}

const field = (w: ReturnType<typeof mountCard>, name: string) =>
  w.get(`[data-testid="smtp-${name}"]`).element as HTMLInputElement

async function type(w: ReturnType<typeof mountCard>, name: string, value: string) {
  await w.get(`[data-testid="smtp-${name}"]`).setValue(value)
  await settle()
}

beforeEach(() => {
  info.value = { ...adminInfo }
  settings.value = { organiserName: 'Ballerup Kommune', email: 'erhverv@balk.dk' } as setting.Settings
  svc = installMail({ Settings: vi.fn(async () => ({ ...savedView })) })
})

afterEach(() => {
  vi.restoreAllMocks()
  uninstallMail()
  document.body.innerHTML = ''
})

describe('SmtpCard', () => {
  it('fills the fields from the saved settings and never shows the password', async () => {
    const w = mountCard()
    await flushPromises()
    expect(field(w, 'host').tagName).toBe('INPUT')
    expect(field(w, 'host').value).toBe('smtp.office365.com')
    expect(field(w, 'port').value).toBe('587')
    expect(field(w, 'password').value).toBe('')
    expect(field(w, 'password').placeholder).toBe('•••••• (gemt)')
    expect(w.find('[data-testid="smtp-clearPassword"]').exists()).toBe(true)
    expect(w.text()).toContain('Senest gemt af Anna Admin 28.11.2026 kl. 17.00')
    expect(w.get('[data-testid="smtp-save"]').element.tagName).toBe('BUTTON')
  })

  it('shows staff a short note and does not ask for the settings', async () => {
    info.value = { ...staffInfo }
    const w = mountCard()
    await flushPromises()
    expect(svc.Settings).not.toHaveBeenCalled()
    expect(w.get('[data-testid="smtp-admin-only"]').text()).toBe('Kun administratorer kan se og ændre mailserveren.')
    expect(w.find('[data-testid="smtp-host"]').exists()).toBe(false)
  })

  it('validates as the user types', async () => {
    const w = mountCard()
    await flushPromises()
    await type(w, 'port', '70000')
    expect(w.text()).toContain('Porten skal være et tal mellem 1 og 65535.')
    await type(w, 'fromAddress', '')
    expect(w.text()).toContain('Skal udfyldes.')
    await type(w, 'ratePerMinute', '20000')
    expect(w.text()).toContain('Skriv et tal mellem 0 og 10000')
    await type(w, 'port', '2525')
    expect(w.text()).not.toContain('Porten skal være')
  })

  it('does not call the server while a field is invalid, and keeps what was typed', async () => {
    const w = mountCard()
    await flushPromises()
    await type(w, 'host', 'smtp..balk')
    await w.get('form').trigger('submit')
    await settle()
    expect(svc.SaveSettings).not.toHaveBeenCalled()
    expect(w.text()).toContain('Skriv et gyldigt værtsnavn')
    expect(w.get('[data-testid="smtp-error"]').text()).toContain('Nogle felter skal rettes.')
    expect(field(w, 'host').value).toBe('smtp..balk')
  })

  it('shows server field errors next to the fields and keeps the typed values', async () => {
    svc.SaveSettings.mockRejectedValue({
      key: 'error.validation',
      message: 'Nogle felter skal rettes.',
      fields: { dkimKeyPem: { key: 'mail.error.dkim_key' }, username: { key: 'error.too_long', params: { max: 200 } } },
    })
    const w = mountCard()
    await flushPromises()
    await type(w, 'host', 'smtp.balk.dk')
    await type(w, 'password', 'hemmeligt')
    await type(w, 'dkimKeyPem', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----')
    await w.get('form').trigger('submit')
    await settle()
    expect(svc.SaveSettings).toHaveBeenCalledTimes(1)
    expect(w.text()).toContain('Nøglen skal være en RSA-nøgle på mindst 2048 bit i PEM-format.')
    expect(w.text()).toContain('Må højst være 200 tegn.')
    expect(w.get('[data-testid="smtp-error"]').text()).toContain('Nogle felter skal rettes.')
    expect(field(w, 'host').value).toBe('smtp.balk.dk')
    expect(field(w, 'password').value).toBe('hemmeligt')
    expect((w.get('[data-testid="smtp-dkimKeyPem"]').element as HTMLTextAreaElement).value).toContain('BEGIN PRIVATE KEY')
    expect(w.find('[data-testid="smtp-saved"]').exists()).toBe(false)
  })

  it('saves trimmed values, keeps the saved password when none is typed, and confirms', async () => {
    svc.SaveSettings.mockImplementation(async (i: mail.SettingsInput) => ({ ...savedView, host: i.host, updatedAt: '2026-11-28T17:30:00Z' }))
    const w = mountCard()
    await flushPromises()
    await type(w, 'host', '  smtp.balk.dk ')
    await type(w, 'fromAddress', ' Erhverv@Balk.DK ')
    await w.get('form').trigger('submit')
    await settle()
    expect(svc.SaveSettings).toHaveBeenCalledTimes(1)
    expect(svc.SaveSettings.mock.calls[0][0]).toMatchObject({
      host: 'smtp.balk.dk',
      port: 587,
      tls: 'starttls',
      password: '',
      clearPassword: false,
      fromAddress: 'erhverv@balk.dk',
      ratePerMinute: 30,
      dailyCap: 10000,
      dkimKeyPem: '',
    })
    expect(w.find('[data-testid="smtp-saved"]').exists()).toBe(true)
    expect(w.text()).toContain('28.11.2026 kl. 18.30')
  })

  it('removes the saved password when asked', async () => {
    svc.SaveSettings.mockResolvedValue({ ...savedView, passwordSet: false })
    const w = mountCard()
    await flushPromises()
    await w.get('[data-testid="smtp-clearPassword"] input').setValue(true)
    await settle()
    expect(field(w, 'password').disabled).toBe(true)
    await w.get('form').trigger('submit')
    await settle()
    expect(svc.SaveSettings.mock.calls[0][0]).toMatchObject({ clearPassword: true, password: '' })
    expect(field(w, 'password').placeholder).toBe('')
  })

  it('moves the port with the encryption until a port is typed', async () => {
    const w = mountCard()
    await flushPromises()
    const select = w.findComponent(ElSelect)
    select.vm.$emit('update:modelValue', 'tls')
    await settle()
    expect(field(w, 'port').value).toBe('465')
    select.vm.$emit('update:modelValue', 'none')
    await settle()
    expect(field(w, 'port').value).toBe('25')
    await type(w, 'port', '2525')
    select.vm.$emit('update:modelValue', 'starttls')
    await settle()
    expect(field(w, 'port').value).toBe('2525')
  })

  it('needs a DKIM key when DKIM is switched on and none is saved', async () => {
    const w = mountCard()
    await flushPromises()
    await w.get('[data-testid="smtp-dkimEnabled"] input').setValue(true)
    await type(w, 'dkimDomain', 'balk.dk')
    await type(w, 'dkimSelector', '-x')
    await w.get('form').trigger('submit')
    await settle()
    expect(svc.SaveSettings).not.toHaveBeenCalled()
    expect(w.text()).toContain('Selektoren må kun indeholde')
    expect(w.text()).toContain('Skal udfyldes.')
  })

  it('generates a key and shows the DNS record with its name', async () => {
    svc.GenerateDKIMKey.mockResolvedValue({ ...savedView, dkimKeySet: true, dkimRecord: record })
    const w = mountCard()
    await flushPromises()
    await type(w, 'dkimDomain', 'Balk.dk')
    await type(w, 'dkimSelector', 'convene')
    await w.get('[data-testid="smtp-dkim-generate"]').trigger('click')
    await settle()
    expect(svc.GenerateDKIMKey).toHaveBeenCalledTimes(1)
    expect(w.find('[data-testid="smtp-dkim-generated"]').exists()).toBe(true)
    expect(w.get('[data-testid="smtp-dkim-record-name"]').text()).toBe('convene._domainkey.balk.dk')
    expect(w.get('[data-testid="smtp-dkim-record-value"]').text()).toBe(record)
    // What was typed elsewhere stays.
    expect(field(w, 'dkimSelector').value).toBe('convene')
  })

  it('asks before replacing a saved key', async () => {
    svc.Settings.mockResolvedValue({ ...savedView, dkimKeySet: true, dkimRecord: record })
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockRejectedValue('cancel')
    const w = mountCard()
    await flushPromises()
    await w.get('[data-testid="smtp-dkim-generate"]').trigger('click')
    await settle()
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(svc.GenerateDKIMKey).not.toHaveBeenCalled()
  })
})

describe('SmtpTest', () => {
  it('prefills the organiser address and shows the server answer and the conversation', async () => {
    svc.SendTest.mockResolvedValue({
      ok: true,
      reply: '250 2.0.0 OK <abc@balk.dk> [Hostname=AM0PR]',
      transcript: ['S: 220 smtp.office365.com ESMTP', 'C: EHLO convene', 'S: 250 OK'],
      mailId: 12,
    })
    const w = mountCard()
    await flushPromises()
    expect(field(w, 'test-to').value).toBe('erhverv@balk.dk')
    await w.get('[data-testid="smtp-test-send"]').trigger('click')
    await settle()
    expect(svc.SendTest).toHaveBeenCalledWith('erhverv@balk.dk')
    const result = w.get('[data-testid="smtp-test-result"]')
    expect(result.attributes('data-ok')).toBe('true')
    expect(result.text()).toContain('Testmailen er sendt.')
    expect(result.get('[data-testid="smtp-test-reply"]').text()).toBe('250 2.0.0 OK <abc@balk.dk> [Hostname=AM0PR]')
    expect(result.get('details pre').text()).toContain('C: EHLO convene')
  })

  it('shows a refusal clearly', async () => {
    svc.SendTest.mockResolvedValue({ ok: false, reply: '535 5.7.3 Authentication unsuccessful', transcript: [], mailId: 0 })
    const w = mountCard()
    await flushPromises()
    await w.get('[data-testid="smtp-test-send"]').trigger('click')
    await settle()
    const result = w.get('[data-testid="smtp-test-result"]')
    expect(result.attributes('data-ok')).toBe('false')
    expect(result.text()).toContain('Testmailen kunne ikke sendes.')
    expect(result.text()).toContain('535 5.7.3 Authentication unsuccessful')
  })

  it('checks the address and shows the server errors', async () => {
    const w = mountCard()
    await flushPromises()
    await type(w, 'test-to', 'nope')
    await w.get('[data-testid="smtp-test-send"]').trigger('click')
    await settle()
    expect(svc.SendTest).not.toHaveBeenCalled()
    expect(w.text()).toContain('Skriv en gyldig e-mailadresse')

    svc.SendTest.mockRejectedValue({ key: 'mail.error.not_configured', message: '' })
    await type(w, 'test-to', 'karen@firma.dk')
    await w.get('[data-testid="smtp-test-send"]').trigger('click')
    await settle()
    expect(w.get('[data-testid="smtp-test-result"]').text()).toContain('Der er ikke sat en mailserver op endnu.')
    expect(field(w, 'test-to').value).toBe('karen@firma.dk')
  })
})
