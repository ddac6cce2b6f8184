import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { setting } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import { adminInfo, staffInfo } from '../mail/testing'
import { info, settings } from '../state/app'
import DataKeepingCard from './DataKeepingCard.vue'

enableAutoUnmount(afterEach)
let save: ReturnType<typeof vi.fn>
let preview: ReturnType<typeof vi.fn>
let runNow: ReturnType<typeof vi.fn>

const saved: setting.Settings = {
  organiserName: 'Ballerup Kommune',
  department: '',
  address: '',
  phone: '',
  email: 'erhverv@balk.dk',
  baseUrl: '',
  defaultLanguage: 'da',
  timeZone: 'Europe/Copenhagen',
  calendarName: '',
  businessAreas: ['Kildedal'],
  themes: ['Grøn omstilling'],
  retentionMonths: 0,
  backupKeep: 30,
  backupEveryHours: 0,
  updatedAt: '2026-11-28T16:00:00Z',
  updatedBy: 'Anna Admin',
}

function mountCard() {
  return mount(DataKeepingCard, { global: { plugins: [ElementPlus, createAppI18n('da')] }, attachTo: document.body })
}

const value = (w: ReturnType<typeof mountCard>, f: string) => (w.get(`#datakeep-${f}`).element as HTMLInputElement).value

async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 50))
  await flushPromises()
}

beforeEach(() => {
  save = vi.fn(async (s: setting.Settings) => ({ ...s, updatedAt: '2026-11-29T10:00:00Z' }))
  preview = vi.fn(async () => ({ before: '2024-11-28T23:00:00Z', events: 3, registrations: 41, attendees: 57 }))
  runNow = vi.fn(async () => ({ before: '2024-11-28T23:00:00Z', events: 3, registrations: 41, attendees: 57 }))
  ;(window as unknown as { go: unknown }).go = {
    app: { Settings: { Save: save }, Reports: { RetentionPreview: preview, RunRetention: runNow } },
  }
  settings.value = { ...saved }
  info.value = adminInfo
})
afterEach(() => {
  delete (window as unknown as { go?: unknown }).go
  settings.value = null
  info.value = null
  document.body.innerHTML = ''
})

describe('DataKeepingCard', () => {
  it('shows the saved values with the defaults for 0, and the retention preview', async () => {
    const w = mountCard()
    await settle()
    expect(value(w, 'retentionMonths')).toBe('24')
    expect(value(w, 'backupKeep')).toBe('30')
    expect(value(w, 'backupEveryHours')).toBe('24')
    expect(w.get('[data-testid="datakeep-preview"]').text()).toBe(
      'Næste kørsel anonymiserer 41 tilmeldinger (57 deltagere) til 3 arrangementer, der sluttede før 29.11.2024 kl. 00.00.',
    )
  })

  it('saves the whole settings with the new values and reads the preview again', async () => {
    const w = mountCard()
    await settle()
    await w.get('#datakeep-retentionMonths').setValue('36')
    await w.get('#datakeep-retentionMonths').trigger('change')
    await w.get('#datakeep-backupEveryHours').setValue('12')
    await w.get('#datakeep-backupEveryHours').trigger('change')
    await w.get('form').trigger('submit')
    await settle()
    expect(save).toHaveBeenCalledWith({ ...saved, retentionMonths: 36, backupKeep: 30, backupEveryHours: 12 })
    expect(settings.value?.retentionMonths).toBe(36)
    expect(w.find('[data-testid="datakeep-saved"]').exists()).toBe(true)
    expect(preview).toHaveBeenCalledTimes(2)
  })

  it('shows the server field error next to the field', async () => {
    save.mockRejectedValue({
      key: 'error.validation',
      message: '',
      fields: { retentionMonths: { key: 'settings.error.retention', params: { max: 120 } } },
    })
    const w = mountCard()
    await settle()
    await w.get('#datakeep-retentionMonths').setValue('12')
    await w.get('#datakeep-retentionMonths').trigger('change')
    await w.get('form').trigger('submit')
    await settle()
    expect(w.get('[data-testid="datakeep-error"]').text()).toBe('Nogle felter skal rettes.')
    expect(w.text()).toContain('120')
  })

  it('runs the retention now after a confirm, for admins only', async () => {
    const w = mountCard()
    await settle()
    await w.get('[data-testid="datakeep-run"]').trigger('click')
    await settle()
    const box = document.querySelector('.el-message-box')
    expect(box?.textContent).toContain('41 tilmeldinger til 3 arrangementer mister deres navne, e-mails og svar.')
    const confirm = [...document.querySelectorAll<HTMLButtonElement>('.el-message-box button')].find((b) => b.textContent?.trim() === 'Kør nu')
    confirm!.click()
    await settle()
    expect(runNow).toHaveBeenCalledTimes(1)
    expect(w.get('[data-testid="datakeep-ran"]').text()).toContain('Anonymiserede 41 tilmeldinger til 3 arrangementer.')

    info.value = staffInfo
    await flushPromises()
    expect(w.find('[data-testid="datakeep-run"]').exists()).toBe(false)
    expect(w.text()).toContain('Kun administratorer')
  })
})
