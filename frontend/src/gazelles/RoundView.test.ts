import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import { createAppI18n } from '../i18n'
import GazellesView from './GazellesView.vue'
import RoundView from './RoundView.vue'
import { installGazelles, sampleRound, uninstallGazelles, type FakeService } from './testing'

enableAutoUnmount(afterEach)
let svc: FakeService

async function mountAt(path: string, component: object) {
  const Blank = { template: '<div />' }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/gazelles', component: GazellesView },
      { path: '/gazelles/:id', component: RoundView },
      { path: '/:p(.*)*', component: Blank },
    ],
  })
  await router.push(path)
  const w = mount(component, { global: { plugins: [ElementPlus, createAppI18n('da'), router] }, attachTo: document.body })
  await flushPromises()
  return { w, router }
}

async function confirmBox() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 50))
  const ok = document.querySelector<HTMLButtonElement>('.el-message-box .el-button--primary')
  expect(ok).not.toBeNull()
  ok!.click()
  await new Promise((r) => setTimeout(r, 50))
  await flushPromises()
}

beforeEach(() => {
  svc = installGazelles()
})
afterEach(() => {
  uninstallGazelles()
  document.body.innerHTML = ''
})

describe('RoundView', () => {
  it('shows the counts, the period and how "every year" is read', async () => {
    const { w } = await mountAt('/gazelles/1', RoundView)
    expect(w.get('h1').text()).toBe('Gazeller 2025')
    expect(w.get('[data-testid="round-count-gazelles"]').text()).toContain('3')
    expect(w.get('[data-testid="help-every_year"]').text()).toContain('2022→2023, 2023→2024 og 2024→2025')
    expect(w.get('[data-testid="help-period"]').text()).toContain('Perioden slutter med regnskabsåret 2025')
    expect(w.get('[data-testid="list-tab-decided"]').text()).toBe('Afgjort (1)')
    expect(svc.Entries).toHaveBeenCalledWith({ roundId: 1, list: 'candidates', search: '', limit: 500 })
  })

  it('evaluates the register and lists again', async () => {
    const { w } = await mountAt('/gazelles/1', RoundView)
    const before = svc.Entries.mock.calls.length
    await w.get('[data-testid="round-evaluate"]').trigger('click')
    await flushPromises()
    expect(svc.Evaluate).toHaveBeenCalledWith(1)
    expect(w.get('[data-testid="round-evaluated"]').text()).toContain('40 virksomheder med regnskabstal er vurderet; 3 er gazeller.')
    expect(svc.Entries.mock.calls.length).toBe(before + 1)
  })

  it('switches lists through the query', async () => {
    const { w, router } = await mountAt('/gazelles/1?list=review', RoundView)
    expect(svc.Entries).toHaveBeenLastCalledWith({ roundId: 1, list: 'review', search: '', limit: 500 })
    await w.get('[data-testid="list-tab-decided"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.list).toBe('decided')
  })

  it('publishes after a confirmation and then shows the round read-only', async () => {
    const { w } = await mountAt('/gazelles/1', RoundView)
    await w.get('[data-testid="round-publish"]').trigger('click')
    await confirmBox()
    expect(svc.Publish).toHaveBeenCalledWith(1)
    expect(w.get('[data-testid="round-status"]').text()).toBe('Offentliggjort')
    expect(w.find('[data-testid="round-published-note"]').exists()).toBe(true)
    expect(w.get('[data-testid="round-evaluate"]').attributes('disabled')).toBeDefined()
    expect(w.find('[data-testid="round-unpublish"]').exists()).toBe(true)
  })
})

describe('GazellesView', () => {
  it('lists the rounds with their counts and opens a new one for a year', async () => {
    const { w, router } = await mountAt('/gazelles', GazellesView)
    const row = w.get('[data-testid="round-row"]')
    expect(row.text()).toContain('Gazeller 2025')
    expect(row.text()).toContain('2022–2025')
    expect(row.text()).toContain('40')
    await w.get('[data-testid="gazelles-new"]').trigger('click')
    await flushPromises()
    const year = document.querySelector<HTMLInputElement>('input[data-testid="round-year"]')!
    expect(year.value).toBe(String(new Date().getFullYear() - 1 === 2025 ? 2024 : new Date().getFullYear() - 1))
    year.value = '2021'
    year.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(document.querySelector('#round-year-help')?.textContent).toContain('Runde 2021 vurderer årsrapporterne for 2018–2021')
    document.querySelector<HTMLElement>('[data-testid="round-create"]')!.click()
    await flushPromises()
    expect(svc.CreateRound).toHaveBeenCalledWith(2021)
    expect(router.currentRoute.value.path).toBe('/gazelles/9')
  })

  it('shows the year refused beside the field', async () => {
    svc.Rounds.mockResolvedValue([sampleRound({ year: 2019 })])
    svc.CreateRound.mockRejectedValue({ key: 'error.validation', message: '', fields: { year: { key: 'award.error.year', params: { max: 2026 } } } })
    const { w } = await mountAt('/gazelles', GazellesView)
    await w.get('[data-testid="gazelles-new"]').trigger('click')
    await flushPromises()
    document.querySelector<HTMLElement>('[data-testid="round-create"]')!.click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 150))
    expect(document.querySelector('[data-testid="round-dialog"]')?.textContent).toContain('Vælg et år mellem 2000 og 2026.')
  })
})
