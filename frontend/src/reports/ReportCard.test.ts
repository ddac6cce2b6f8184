import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { report } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import ReportCard from './ReportCard.vue'

enableAutoUnmount(afterEach)
let run: ReturnType<typeof vi.fn>
let exp: ReturnType<typeof vi.fn>

const filter: report.Filter = { from: '2025-12-31T23:00:00Z', to: '2026-12-31T23:00:00Z', kind: 'network', theme: '', track: 0 }

const byKind: report.Table = {
  name: 'attendance_by_kind',
  columns: ['kind', 'events', 'attendees', 'attended', 'attendance_rate', 'no_show_rate'],
  rows: [
    ['network', 3, 1200, 1050, 87.5, 12.5],
    ['newyear', 1, 180, 171, 95, 5],
  ],
}

function mountCard(props: { name: string; filter: report.Filter; months?: string[] }) {
  return mount(ReportCard, { props, global: { plugins: [ElementPlus, createAppI18n('da')] }, attachTo: document.body })
}

// happy-dom lays nothing out: give the chart's box a size so ECharts draws.
const sized = ['clientWidth', 'clientHeight'] as const
const saved = sized.map((p) => Object.getOwnPropertyDescriptor(HTMLElement.prototype, p))
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 600 })
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 300 })
})
afterAll(() => sized.forEach((p, i) => saved[i] && Object.defineProperty(HTMLElement.prototype, p, saved[i]!)))

beforeEach(() => {
  run = vi.fn(async () => byKind)
  exp = vi.fn(async () => ({ filename: 'rapport-attendance_by_kind.csv', contentType: 'text/csv', dataBase64: btoa('a;b\n') }))
  ;(window as unknown as { go: unknown }).go = { app: { Reports: { Run: run, Export: exp } } }
})
afterEach(() => {
  delete (window as unknown as { go?: unknown }).go
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

describe('ReportCard', () => {
  it('runs the report with the filter and shows its table in words, with a labelled chart', async () => {
    const w = mountCard({ name: 'attendance_by_kind', filter })
    await flushPromises()
    expect(run).toHaveBeenCalledWith('attendance_by_kind', filter)
    expect(w.get('h2').text()).toBe('Fremmøde og udeblivelser pr. type')
    expect(w.findAll('th[scope="col"]').map((h) => h.text())).toEqual(['Type', 'Arrangementer', 'Deltagere', 'Mødt', 'Fremmøde (%)', 'Udeblevet (%)'])
    const rows = w.findAll('[data-testid="report-row"]')
    expect(rows).toHaveLength(2)
    expect(rows[0].findAll('th, td').map((c) => c.text())).toEqual(['Netværksmøde', '3', '1.200', '1.050', '87,5 %', '12,5 %'])
    expect(rows[1].text()).toContain('Nytårskur')
    const chart = w.get('[data-testid="report-chart"]')
    expect(chart.attributes('role')).toBe('img')
    expect(chart.attributes('aria-label')).toBe('Diagram: Fremmøde og udeblivelser pr. type. Tallene står i tabellen.')
    // Drawn as SVG, its bars labelled by kind.
    expect(chart.find('svg').exists()).toBe(true)
    expect(chart.text()).toContain('Netværksmøde')
  })

  it('runs again when the filter changes', async () => {
    const w = mountCard({ name: 'attendance_by_kind', filter })
    await flushPromises()
    const next = { ...filter, kind: '', track: 2 }
    await w.setProps({ filter: next })
    await flushPromises()
    expect(run).toHaveBeenCalledTimes(2)
    expect(run).toHaveBeenLastCalledWith('attendance_by_kind', next)
  })

  it('exports the table as shown: headings and kinds in words, numbers as numbers', async () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    URL.createObjectURL = vi.fn(() => 'blob:x')
    URL.revokeObjectURL = vi.fn()
    const w = mountCard({ name: 'attendance_by_kind', filter })
    await flushPromises()
    await w.get('[data-testid="report-attendance_by_kind-export"]').trigger('click')
    await flushPromises()
    const item = document.querySelector<HTMLElement>('[data-testid="report-attendance_by_kind-export-xlsx"]')
    expect(item).not.toBeNull()
    item!.click()
    await flushPromises()
    expect(exp).toHaveBeenCalledWith(
      'attendance_by_kind',
      'xlsx',
      'da',
      ['Type', 'Arrangementer', 'Deltagere', 'Mødt', 'Fremmøde (%)', 'Udeblevet (%)'],
      [
        ['Netværksmøde', 3, 1200, 1050, 87.5, 12.5],
        ['Nytårskur', 1, 180, 171, 95, 5],
      ],
    )
    expect(click).toHaveBeenCalled()
  })

  it('says so when there is nothing in the period, and shows errors', async () => {
    run.mockResolvedValueOnce({ name: 'new_vs_returning', columns: ['group', 'companies'], rows: [['new', 0], ['returning', 0]] })
    const w = mountCard({ name: 'new_vs_returning', filter })
    await flushPromises()
    expect(w.get('[data-testid="report-empty"]').text()).toBe('Ingen data i perioden med de valgte filtre.')
    expect(w.find('[data-testid="report-chart"]').exists()).toBe(false)

    run.mockRejectedValueOnce({ key: 'error.internal', message: '' })
    await w.setProps({ filter: { ...filter, track: 1 } })
    await flushPromises()
    expect(w.get('[data-testid="report-error"]').text()).toContain('Der skete en uventet fejl')
  })
})
