import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { app, company } from '../../../wailsjs/go/models'
import { createAppI18n } from '../../i18n'
import { installRegister, uninstallRegister, type FakeService } from '../testing'
import ImportView from './ImportView.vue'

enableAutoUnmount(afterEach)
let svc: { companies: FakeService; contacts: FakeService }

const fields = ['cvr', 'year', 'months', 'netRevenue', 'grossProfit', 'operatingResult']
const csv = 'CVR;År;Omsætning\n61126228;2024;1.500.000\n'

function result(over: Partial<company.ImportResult> = {}): company.ImportResult {
  return {
    dryRun: true,
    applied: false,
    rows: [
      { row: 2, action: 'create', company: 'Danske Bank A/S', contact: '', errors: [] },
      { row: 3, action: 'update', company: 'Danske Bank A/S', contact: '', errors: [] },
    ],
    companiesCreated: 0,
    companiesUpdated: 0,
    contactsCreated: 0,
    contactsUpdated: 0,
    skipped: 0,
    failed: 0,
    financialsCreated: 1,
    financialsUpdated: 1,
    ...over,
  }
}

function preview(mapping: Record<string, number>, r = result()): app.ImportPreview {
  return {
    format: 'csv',
    encoding: 'utf-8',
    delimiter: ';',
    header: ['CVR', 'År', 'Omsætning'],
    sample: [['61126228', '2024', '1.500.000']],
    fields,
    mapping,
    result: r,
  }
}

async function mountView(query = '?kind=financials') {
  const Blank = { template: '<div />' }
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: Blank }] })
  await router.push(`/companies/import${query}`)
  const w = mount(ImportView, { global: { plugins: [ElementPlus, createAppI18n('da'), router] }, attachTo: document.body })
  return { w, router }
}

async function choose(w: Awaited<ReturnType<typeof mountView>>['w']) {
  const input = w.get('[data-testid="import-file"]')
  const f = new File([csv], 'regnskab.csv', { type: 'text/csv' })
  Object.defineProperty(input.element, 'files', { value: [f], configurable: true })
  await input.trigger('change')
  // The file is read by a FileReader: wait for the preview it leads to, however busy the machine.
  await vi.waitFor(() => expect(svc.companies.PreviewFinancialImport).toHaveBeenCalled(), { timeout: 3000 })
  await flushPromises()
}

beforeEach(() => {
  svc = installRegister({
    PreviewImport: vi.fn(),
    Import: vi.fn(),
    PreviewFinancialImport: vi.fn(async (req: app.ImportRequest) =>
      preview(Object.keys(req.mapping).length ? req.mapping : { cvr: 0, year: 1, netRevenue: 2 }),
    ),
    ImportFinancials: vi.fn(async () => ({ ...result(), dryRun: false, applied: true })),
  })
})
afterEach(() => {
  uninstallRegister()
  document.body.innerHTML = ''
})

describe('ImportView, financials', () => {
  it('previews annual figures with their own fields and counts', async () => {
    const { w } = await mountView()
    expect(w.get('h1').text()).toBe('Importér regnskabstal')
    await choose(w)
    expect(svc.companies.PreviewFinancialImport).toHaveBeenCalledTimes(1)
    expect(svc.companies.PreviewImport).not.toHaveBeenCalled()
    expect(w.get('[data-testid="import-map-year"]').text()).toContain('— ikke importeret —')
    expect(w.find('label[for="import-map-netRevenue"]').text()).toBe('Nettoomsætning')
    expect(w.get('[data-testid="import-counts-financialsCreated"]').text()).toContain('1')
    expect(w.get('[data-testid="import-counts-financialsUpdated"]').text()).toContain('1')
    expect(w.find('[data-testid="import-counts-contactsCreated"]').exists()).toBe(false)
    expect(w.get('[data-testid="import-errors"]').text()).not.toContain('Kontaktperson')
  })

  it('names the row and column of each error, like the companies import', async () => {
    svc.companies.PreviewFinancialImport.mockImplementation(async () =>
      preview(
        { cvr: 0, year: 1, netRevenue: 2 },
        result({
          rows: [{ row: 3, action: 'error', company: '', contact: '', errors: [{ column: 'CVR', key: 'company.error.cvr_unknown', params: { cvr: '24256790' } }] }],
          failed: 1,
          financialsCreated: 0,
          financialsUpdated: 0,
        }),
      ),
    )
    const { w } = await mountView()
    await choose(w)
    expect(w.get('[data-testid="import-error"]').text()).toBe(
      'Række 3, kolonne CVR: CVR-nummeret 24256790 findes ikke i registeret. Importér virksomheden først.',
    )
    expect(w.get('[data-testid="import-run"]').attributes('disabled')).toBeDefined()
  })

  it('imports with ImportFinancials and leads on to the gazelles', async () => {
    const { w } = await mountView()
    await choose(w)
    await w.get('[data-testid="import-run"]').trigger('click')
    await flushPromises()
    expect(svc.companies.ImportFinancials).toHaveBeenCalledWith({
      file: expect.objectContaining({ filename: 'regnskab.csv' }),
      mapping: { cvr: 0, year: 1, months: -1, netRevenue: 2, grossProfit: -1, operatingResult: -1 },
    })
    expect(svc.companies.Import).not.toHaveBeenCalled()
    expect(w.get('[data-testid="import-done-counts-financialsCreated"]').text()).toContain('1')
    expect(w.get('[data-testid="import-to-list"]').text()).toBe('Gå til gazellerne')
  })

  it('shows the columns to choose from when the server found no CVR column', async () => {
    // The server answers with the file's columns and the field to map.
    const unchecked = result({ rows: [], financialsCreated: 0, financialsUpdated: 0 })
    svc.companies.PreviewFinancialImport.mockImplementation(async (req: app.ImportRequest) =>
      (req.mapping.cvr ?? -1) < 0 ? { ...preview(req.mapping, unchecked), missing: 'cvr' } : preview(req.mapping),
    )
    const { w } = await mountView()
    await choose(w)
    expect(svc.companies.PreviewImport).not.toHaveBeenCalled()
    expect(w.get('[data-testid="import-mapping-problem"]').text()).toContain('Vælg hvilken kolonne der er CVR-nummer.')
    expect(w.find('[data-testid="import-map-name"]').exists()).toBe(false)
    expect(w.get('[data-testid="import-run"]').attributes('disabled')).toBeDefined()
    await w.get('[data-testid="import-map-cvr"]').setValue('0')
    await flushPromises()
    expect(w.find('[data-testid="import-mapping-problem"]').exists()).toBe(false)
    expect(w.get('[data-testid="import-run"]').attributes('disabled')).toBeUndefined()
  })

  it('switches between companies and figures', async () => {
    const { w, router } = await mountView('')
    expect(w.get('h1').text()).toBe('Importér virksomheder')
    await w.get('[data-testid="import-kind-financials"] input').setValue(true)
    await flushPromises()
    expect(router.currentRoute.value.query.kind).toBe('financials')
    expect(w.get('h1').text()).toBe('Importér regnskabstal')
  })
})
