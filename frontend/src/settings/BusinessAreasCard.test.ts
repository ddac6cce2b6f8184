import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { setting } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import { settings } from '../state/app'
import BusinessAreasCard from './BusinessAreasCard.vue'
import ThemesCard from './ThemesCard.vue'
import { move, validateAreas } from './areas'

enableAutoUnmount(afterEach)
let save: ReturnType<typeof vi.fn>

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
  retentionMonths: 36,
  backupKeep: 0,
  backupEveryHours: 12,
  businessAreas: ['Lautrupgård', 'Ballerup Erhvervsområde'],
  themes: ['Grøn omstilling'],
  updatedAt: '2026-11-28T16:00:00Z',
  updatedBy: 'Anna Admin',
}

async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 150))
}

function mountCard() {
  return mount(BusinessAreasCard, { global: { plugins: [ElementPlus, createAppI18n('da')] }, attachTo: document.body })
}

beforeEach(() => {
  save = vi.fn(async (s: setting.Settings) => ({ ...s, updatedAt: '2026-11-29T10:00:00Z' }))
  ;(window as unknown as { go: unknown }).go = { app: { Settings: { Save: save } } }
  settings.value = { ...saved }
})
afterEach(() => {
  delete (window as unknown as { go?: unknown }).go
  settings.value = null
  document.body.innerHTML = ''
})

describe('BusinessAreasCard', () => {
  it('adds and removes areas and saves the whole settings object', async () => {
    const w = mountCard()
    await flushPromises()
    expect(w.findAll('[data-testid="settings-area"]').map((a) => a.text())).toEqual(['Lautrupgård', 'Ballerup Erhvervsområde'])
    await w.get('input[data-testid="settings-businessAreas-new"]').setValue('  Måløv  Erhverv ')
    await w.get('[data-testid="settings-businessAreas-add"]').trigger('click')
    await w.findAll('[data-testid="settings-area-remove"]')[0].trigger('click')
    await w.get('form').trigger('submit')
    await settle()
    expect(save).toHaveBeenCalledWith({ ...saved, businessAreas: ['Ballerup Erhvervsområde', 'Måløv Erhverv'] })
    expect(settings.value?.businessAreas).toEqual(['Ballerup Erhvervsområde', 'Måløv Erhverv'])
    expect(w.find('[data-testid="settings-businessAreas-saved"]').exists()).toBe(true)
  })

  it('refuses an area twice before calling the server, and shows the server errors', async () => {
    const w = mountCard()
    await flushPromises()
    await w.get('input[data-testid="settings-businessAreas-new"]').setValue('lautrupgård')
    await w.get('[data-testid="settings-businessAreas-add"]').trigger('click')
    await w.get('form').trigger('submit')
    await settle()
    expect(save).not.toHaveBeenCalled()
    expect(w.text()).toContain('»lautrupgård« står der to gange.')

    await w.findAll('[data-testid="settings-area-remove"]')[2].trigger('click')
    save.mockRejectedValueOnce({ key: 'error.validation', message: '', fields: { businessAreas: { key: 'settings.error.areas_many', params: { max: 50 } } } })
    await w.get('form').trigger('submit')
    await settle()
    expect(save).toHaveBeenCalledTimes(1)
    expect(w.text()).toContain('Højst 50 punkter på listen.')
  })
})

describe('ThemesCard', () => {
  it('edits the themes with the same card and saves only them', async () => {
    const w = mount(ThemesCard, { global: { plugins: [ElementPlus, createAppI18n('da')] }, attachTo: document.body })
    await flushPromises()
    expect(w.get('[data-testid="settings-themes"]').text()).toContain('Grøn omstilling')
    expect(w.text()).toContain('Temaer')
    await w.get('input[data-testid="settings-themes-new"]').setValue('Eksport')
    await w.get('[data-testid="settings-themes-add"]').trigger('click')
    expect(w.findAll('[data-testid="settings-theme"]').map((a) => a.text())).toEqual(['Grøn omstilling', 'Eksport'])
    expect(w.get('[data-testid="settings-theme-remove"]').attributes('aria-label')).toBe('Fjern Grøn omstilling')
    await w.get('form').trigger('submit')
    await settle()
    expect(save).toHaveBeenCalledWith({ ...saved, themes: ['Grøn omstilling', 'Eksport'] })
    expect(settings.value?.businessAreas).toEqual(saved.businessAreas)
    expect(w.find('[data-testid="settings-themes-saved"]').text()).toContain('Temaerne er gemt.')
  })

  it('refuses a theme twice before calling the server', async () => {
    const w = mount(ThemesCard, { global: { plugins: [ElementPlus, createAppI18n('da')] }, attachTo: document.body })
    await flushPromises()
    await w.get('input[data-testid="settings-themes-new"]').setValue('GRØN OMSTILLING')
    await w.get('[data-testid="settings-themes-add"]').trigger('click')
    await w.get('form').trigger('submit')
    await settle()
    expect(save).not.toHaveBeenCalled()
    expect(w.text()).toContain('»GRØN OMSTILLING« står der to gange.')
  })
})

describe('areas', () => {
  it('checks length, repeats and count like the server', () => {
    expect(validateAreas(['A', 'B'])).toBeNull()
    expect(validateAreas(['x'.repeat(81)])).toEqual({ key: 'error.too_long', params: { max: 80 } })
    expect(validateAreas(Array.from({ length: 51 }, (_, i) => `O${i}`))).toEqual({ key: 'settings.error.areas_many', params: { max: 50 } })
  })
  it('moves an item up and down within the list', () => {
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b'])
    expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b'])
  })
})
