import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import { createAppI18n } from '../i18n'
import CompaniesView from './CompaniesView.vue'
import { installRegister, sampleCompany, uninstallRegister, type FakeService } from './testing'

let svc: { companies: FakeService; contacts: FakeService }
enableAutoUnmount(afterEach)

const Blank = { template: '<div />' }
function mountView() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Blank },
      { path: '/companies', component: Blank },
      { path: '/companies/:id', component: Blank },
      { path: '/contacts', component: Blank },
    ],
  })
  const w = mount(CompaniesView, {
    props: { searchDelay: 20, pageSize: 2 },
    global: { plugins: [ElementPlus, createAppI18n('da'), router] },
    attachTo: document.body,
  })
  return { w, router }
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))
const lastQuery = () => svc.companies.List.mock.calls.at(-1)?.[0]
const base = {
  search: '',
  cluster: '',
  area: '',
  tag: '',
  symbiosis: undefined,
  hasContacts: undefined,
  sort: 'name',
  desc: false,
  after: '',
  pageSize: 2,
}

// Three pages of two, one, and (never reached) nothing.
const pages: Record<string, { items: ReturnType<typeof sampleCompany>[]; total: number; next: string }> = {
  '': { items: [sampleCompany(1, { name: 'Alfa A/S' }), sampleCompany(2, { name: 'Beta ApS', cvr: undefined })], total: 3, next: 'c2' },
  c2: { items: [sampleCompany(3, { name: 'Gamma I/S', cluster: 'lifescience' })], total: 3, next: '' },
}

beforeEach(() => {
  svc = installRegister({ List: vi.fn(async (q: { after: string }) => pages[q.after]) })
})
afterEach(() => {
  uninstallRegister()
  document.body.innerHTML = ''
})

describe('CompaniesView', () => {
  it('shows the first page with Danish cluster names and the total', async () => {
    const { w } = mountView()
    await flushPromises()
    expect(svc.companies.List).toHaveBeenCalledTimes(1)
    expect(lastQuery()).toEqual(base)
    const rows = w.findAll('[data-testid="company-row"]')
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain('Alfa A/S')
    expect(rows[0].text()).toContain('61126228')
    expect(rows[0].text()).toContain('IT og teknologi')
    expect(w.get('[data-testid="companies-total"]').text()).toBe('3 virksomheder')
    expect(w.get('[data-testid="companies-prev"]').attributes('disabled')).toBeDefined()
    expect(w.get('[data-testid="companies-next"]').attributes('disabled')).toBeUndefined()
  })

  it('passes the cursor for Next and goes back with Previous', async () => {
    const { w } = mountView()
    await flushPromises()
    await w.get('[data-testid="companies-next"]').trigger('click')
    await flushPromises()
    expect(lastQuery()).toEqual({ ...base, after: 'c2' })
    expect(w.findAll('[data-testid="company-row"]').map((r) => r.text())).toEqual([expect.stringContaining('Gamma I/S')])
    expect(w.text()).toContain('Life science')
    expect(w.get('[data-testid="companies-next"]').attributes('disabled')).toBeDefined()
    await w.get('[data-testid="companies-prev"]').trigger('click')
    await flushPromises()
    expect(lastQuery()).toEqual({ ...base, after: '' })
    expect(w.findAll('[data-testid="company-row"]')).toHaveLength(2)
    expect(w.get('[data-testid="companies-prev"]').attributes('disabled')).toBeDefined()
  })

  it('sends the search and filters, starting again from the first page', async () => {
    const { w } = mountView()
    await flushPromises()
    await w.get('[data-testid="companies-next"]').trigger('click')
    await flushPromises()
    await w.get('input[data-testid="companies-search"]').setValue(' 6105 ')
    await wait(40)
    await flushPromises()
    expect(lastQuery()).toEqual({ ...base, search: '6105' })
    await w.get('[data-testid="companies-symbiosis-yes"] input').setValue(true)
    await flushPromises()
    expect(lastQuery()).toEqual({ ...base, search: '6105', symbiosis: true })
    await w.get('[data-testid="companies-has-contacts-no"] input').setValue(true)
    await flushPromises()
    expect(lastQuery()).toEqual({ ...base, search: '6105', symbiosis: true, hasContacts: false })
  })

  it('debounces the search box', async () => {
    const { w } = mountView()
    await flushPromises()
    const input = w.get('input[data-testid="companies-search"]')
    await input.setValue('B')
    await input.setValue('Ba')
    await input.setValue('Bal')
    await wait(40)
    await flushPromises()
    expect(svc.companies.List).toHaveBeenCalledTimes(2)
    expect(lastQuery().search).toBe('Bal')
  })

  it('opens a company when its row is clicked', async () => {
    const { w, router } = mountView()
    await flushPromises()
    await w.findAll('[data-testid="company-row"]')[1].trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/companies/2')
  })
})
