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

const fields = ['cvr', 'name', 'contactEmail', 'city']
const csv = 'CVR;Navn;E-mail\n61126228;Danske Bank A/S;a@danskebank.dk\n'
const b64 = btoa(csv)

function result(over: Partial<company.ImportResult> = {}): company.ImportResult {
  return {
    dryRun: true,
    applied: false,
    rows: [
      { row: 2, action: 'create', company: 'Danske Bank A/S', contact: 'a@danskebank.dk', errors: [] },
      { row: 3, action: 'create', company: 'Novo Nordisk A/S', contact: '', errors: [] },
    ],
    companiesCreated: 2,
    financialsCreated: 0,
    financialsUpdated: 0,
    companiesUpdated: 0,
    contactsCreated: 1,
    contactsUpdated: 0,
    skipped: 0,
    failed: 0,
    ...over,
  }
}

const broken = result({
  rows: [
    { row: 2, action: 'create', company: 'Danske Bank A/S', contact: '', errors: [] },
    { row: 4, action: 'error', company: 'Fejl ApS', contact: '', errors: [{ column: 'CVR', key: 'company.error.cvr' }, { column: 'E-mail', key: 'error.email' }] },
  ],
  companiesCreated: 1,
  failed: 1,
})

function preview(mapping: Record<string, number>, r = result()): app.ImportPreview {
  return {
    format: 'csv',
    encoding: 'utf-8',
    delimiter: ';',
    header: ['CVR', 'Navn', 'E-mail'],
    sample: [['61126228', 'Danske Bank A/S', 'a@danskebank.dk']],
    fields,
    mapping,
    result: r,
  }
}

function mountView() {
  const Blank = { template: '<div />' }
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: Blank }] })
  return mount(ImportView, { global: { plugins: [ElementPlus, createAppI18n('da'), router] }, attachTo: document.body })
}

async function choose(w: ReturnType<typeof mountView>) {
  const input = w.get('[data-testid="import-file"]')
  const f = new File([csv], 'virksomheder.csv', { type: 'text/csv' })
  Object.defineProperty(input.element, 'files', { value: [f], configurable: true })
  await input.trigger('change')
  await new Promise((r) => setTimeout(r, 20))
  await flushPromises()
}

beforeEach(() => {
  svc = installRegister({
    PreviewImport: vi.fn(async (req: app.ImportRequest) =>
      preview(Object.keys(req.mapping).length ? req.mapping : { cvr: 0, name: 1, contactEmail: 2 }),
    ),
    Import: vi.fn(async () => ({ ...result(), dryRun: false, applied: true })),
  })
})
afterEach(() => {
  uninstallRegister()
  document.body.innerHTML = ''
})

describe('ImportView', () => {
  it('reads the file as base64 and previews it with an empty mapping', async () => {
    const w = mountView()
    await choose(w)
    expect(svc.companies.PreviewImport).toHaveBeenCalledTimes(1)
    expect(svc.companies.PreviewImport.mock.calls[0][0]).toEqual({
      file: { filename: 'virksomheder.csv', contentType: 'text/csv', dataBase64: b64 },
      mapping: {},
    })
    expect(w.get('[data-testid="import-read"]').text()).toBe('virksomheder.csv: CSV, tegnsæt utf-8, adskilt med semikolon, 2 rækker.')
    expect((w.get('[data-testid="import-map-cvr"]').element as HTMLSelectElement).value).toBe('0')
    expect((w.get('[data-testid="import-map-city"]').element as HTMLSelectElement).value).toBe('-1')
    expect(w.get('[data-testid="import-map-city"]').text()).toContain('— ikke importeret —')
    expect(w.get('[data-testid="import-counts-companiesCreated"]').text()).toContain('2')
    expect(w.get('[data-testid="import-counts-contactsCreated"]').text()).toContain('1')
  })

  it('previews again with the new mapping when a column is changed', async () => {
    const w = mountView()
    await choose(w)
    await w.get('[data-testid="import-map-city"]').setValue('1')
    await flushPromises()
    expect(svc.companies.PreviewImport).toHaveBeenCalledTimes(2)
    expect(svc.companies.PreviewImport.mock.calls[1][0].mapping).toEqual({ cvr: 0, name: 1, contactEmail: 2, city: 1 })
    await w.get('[data-testid="import-map-contactEmail"]').setValue('-1')
    await flushPromises()
    expect(svc.companies.PreviewImport.mock.calls[2][0].mapping).toEqual({ cvr: 0, name: 1, contactEmail: -1, city: 1 })
    expect(svc.companies.PreviewImport.mock.calls[2][0].file.dataBase64).toBe(b64)
  })

  it('names the row and column of each error and will not import while any row has one', async () => {
    svc.companies.PreviewImport.mockImplementation(async () => preview({ cvr: 0, name: 1 }, broken))
    const w = mountView()
    await choose(w)
    const errors = w.findAll('[data-testid="import-error"]').map((e) => e.text())
    expect(errors[0]).toMatch(/^Række 4, kolonne CVR: CVR-nummeret skal have 8 cifre/)
    expect(errors[1]).toBe('Række 4, kolonne E-mail: Skriv en gyldig e-mailadresse, fx navn@firma.dk.')
    // Only the rows with errors are shown at first.
    expect(w.findAll('[data-testid="import-row"]')).toHaveLength(1)
    expect(w.get('[data-testid="import-blocked"]').text()).toContain('Intet bliver importeret')
    const run = w.get('[data-testid="import-run"]')
    expect(run.attributes('disabled')).toBeDefined()
    await run.trigger('click')
    await flushPromises()
    expect(svc.companies.Import).not.toHaveBeenCalled()
    await w.get('[data-testid="import-only-errors"] input').setValue(false)
    expect(w.findAll('[data-testid="import-row"]')).toHaveLength(2)
  })

  it('imports a clean file with the file and mapping and shows the result', async () => {
    const w = mountView()
    await choose(w)
    const run = w.get('[data-testid="import-run"]')
    expect(run.attributes('disabled')).toBeUndefined()
    await run.trigger('click')
    await flushPromises()
    expect(svc.companies.Import).toHaveBeenCalledWith({
      file: { filename: 'virksomheder.csv', contentType: 'text/csv', dataBase64: b64 },
      mapping: { cvr: 0, name: 1, contactEmail: 2, city: -1 },
    })
    expect(w.get('[data-testid="import-done"]').text()).toContain('Importen er gennemført')
    expect(w.get('[data-testid="import-done-counts-companiesCreated"]').text()).toContain('2')
  })

  it('keeps the file and mapping when a preview fails', async () => {
    const w = mountView()
    await choose(w)
    svc.companies.PreviewImport.mockRejectedValueOnce({ key: 'company.import.no_mapping', message: '' })
    await w.get('[data-testid="import-map-name"]').setValue('-1')
    await flushPromises()
    expect(w.get('[data-testid="import-error-message"]').text()).toContain('Vælg mindst én kolonne')
    expect((w.get('[data-testid="import-map-name"]').element as HTMLSelectElement).value).toBe('-1')
    expect((w.get('[data-testid="import-map-cvr"]').element as HTMLSelectElement).value).toBe('0')
    expect(w.find('[data-testid="import-read"]').exists()).toBe(true)
  })
})
