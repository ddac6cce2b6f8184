import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount, RouterLinkStub } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { company } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import CompanyFinancials from './CompanyFinancials.vue'
import { parseAmount, validateFinancial, blankFinancial } from './financials'
import { installRegister, settle, uninstallRegister, type FakeService } from './testing'

enableAutoUnmount(afterEach)
let svc: { companies: FakeService; contacts: FakeService }

const saved: company.Financial[] = [
  { id: 1, companyId: 4, year: 2023, months: 12, netRevenue: 1234567, grossProfit: undefined, operatingResult: -25000, source: 'årsrapport' },
  { id: 2, companyId: 4, year: 2024, months: 12, netRevenue: 2500000, grossProfit: 900000, operatingResult: 310000, source: '' },
]

function mountCard() {
  return mount(CompanyFinancials, {
    props: { companyId: 4 },
    global: { plugins: [ElementPlus, createAppI18n('da')], stubs: { RouterLink: RouterLinkStub } },
    attachTo: document.body,
  })
}

const input = (testid: string) => document.querySelector<HTMLInputElement>(`input[data-testid="${testid}"]`)!
async function type(testid: string, value: string) {
  const el = input(testid)
  el.value = value
  el.dispatchEvent(new Event('input'))
  el.dispatchEvent(new Event('blur'))
  await settle()
}
function itemText(testid: string): string {
  return input(testid).closest('.el-form-item')?.textContent ?? ''
}
async function click(testid: string) {
  document.querySelector<HTMLElement>(`[data-testid="${testid}"]`)!.click()
  await settle()
  await flushPromises()
}

beforeEach(() => {
  svc = installRegister({
    Financials: vi.fn(async () => saved),
    SaveFinancial: vi.fn(async (f: company.Financial) => ({ ...f, id: 9 })),
    DeleteFinancial: vi.fn(),
  })
})
afterEach(() => {
  uninstallRegister()
  document.body.innerHTML = ''
})

describe('financials', () => {
  it('read amounts as accountants write them', () => {
    expect(parseAmount('1.234.567')).toBe(1234567)
    expect(parseAmount('1 234 567 kr.')).toBe(1234567)
    expect(parseAmount('(12.500)')).toBe(-12500)
    expect(parseAmount('-12.500')).toBe(-12500)
    expect(parseAmount('1234567,00')).toBe(1234567)
    expect(parseAmount('')).toBeNull()
    expect(parseAmount('12 mio')).toBeNaN()
  })

  it('need revenue or gross profit, a year and 1-24 months', () => {
    const now = new Date(2026, 5, 1)
    expect(validateFinancial({ ...blankFinancial(now), netRevenue: '1.000' }, now)).toEqual({})
    expect(validateFinancial({ ...blankFinancial(now), year: '1989', months: '25' }, now)).toEqual({
      year: { key: 'company.error.year' },
      months: { key: 'company.error.months' },
      netRevenue: { key: 'company.error.no_figures' },
    })
    expect(validateFinancial({ ...blankFinancial(now), grossProfit: 'abc' }, now).grossProfit).toEqual({ key: 'company.error.amount' })
  })
})

describe('CompanyFinancials', () => {
  it('lists the years with Danish figures', async () => {
    const w = mountCard()
    await flushPromises()
    expect(svc.companies.Financials).toHaveBeenCalledWith(4)
    const rows = w.findAll('[data-testid="financial-row"]')
    expect(rows.map((r) => r.attributes('data-year'))).toEqual(['2023', '2024'])
    expect(rows[0].text()).toContain('1.234.567')
    expect(rows[0].text()).toContain('-25.000')
    expect(rows[0].text()).toContain('–')
  })

  it('adds a year, sending whole kroner', async () => {
    const w = mountCard()
    await flushPromises()
    await click('financial-add')
    await type('financial-year', '2025')
    await type('financial-netRevenue', '3.100.000')
    await type('financial-operatingResult', '(12.500)')
    await click('financial-save')
    expect(svc.companies.SaveFinancial).toHaveBeenCalledWith({
      id: 0,
      companyId: 4,
      year: 2025,
      months: 12,
      netRevenue: 3100000,
      grossProfit: undefined,
      operatingResult: -12500,
      source: '',
    })
    expect(w.findAll('[data-testid="financial-row"]').map((r) => r.attributes('data-year'))).toEqual(['2023', '2024', '2025'])
  })

  it('shows the checks beside the fields without calling the server', async () => {
    mountCard()
    await flushPromises()
    await click('financial-add')
    await type('financial-months', '30')
    await click('financial-save')
    expect(svc.companies.SaveFinancial).not.toHaveBeenCalled()
    expect(itemText('financial-months')).toContain('Perioden skal være 1-24 måneder.')
    expect(itemText('financial-netRevenue')).toContain('Skriv nettoomsætning eller bruttofortjeneste.')
  })

  it('shows the server field errors beside the fields and keeps what was typed', async () => {
    svc.companies.SaveFinancial.mockRejectedValue({
      key: 'error.validation',
      message: '',
      fields: { year: { key: 'company.error.year' } },
    })
    mountCard()
    await flushPromises()
    await click('financial-add')
    await type('financial-year', '2027')
    await type('financial-netRevenue', '1.500.000')
    await type('financial-source', 'CVR-registret')
    await click('financial-save')
    expect(svc.companies.SaveFinancial).toHaveBeenCalledTimes(1)
    expect(itemText('financial-year')).toContain('Skriv et regnskabsår mellem 1990 og næste år.')
    expect(document.querySelector('[data-testid="financial-error"]')?.textContent).toContain('Nogle felter skal rettes.')
    expect(input('financial-year').value).toBe('2027')
    expect(input('financial-netRevenue').value).toBe('1.500.000')
    expect(input('financial-source').value).toBe('CVR-registret')
    expect(document.querySelector('[data-testid="financial-dialog"]')).not.toBeNull()
  })

  it('edits a saved year without moving it to another', async () => {
    const w = mountCard()
    await flushPromises()
    await w.findAll('[data-testid="financial-row"]')[0].trigger('click')
    await settle()
    expect(input('financial-year').value).toBe('2023')
    expect(input('financial-year').disabled).toBe(true)
    expect(input('financial-netRevenue').value).toBe('1.234.567')
    expect(input('financial-operatingResult').value).toBe('-25.000')
  })
})
