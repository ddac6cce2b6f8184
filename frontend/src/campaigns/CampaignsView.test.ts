import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElSelect } from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import { sampleEvent } from '../events/testing'
import { createAppI18n } from '../i18n'
import { settle } from '../register/testing'
import CampaignsView from './CampaignsView.vue'
import { installCampaigns, sampleCampaign, sampleProgress, uninstallCampaigns, type Fakes } from './testing'

let fakes: Fakes
enableAutoUnmount(afterEach)

const list = [
  sampleCampaign(3, { name: 'Invitation nytårskur', kind: 'invitation', status: 'sending', eventId: 9, startedAt: '2026-12-01T08:00:00Z' }),
  sampleCampaign(2, { name: 'Nyhedsbrev december', status: 'scheduled', sendAt: '2026-12-05T08:00:00Z' }),
  sampleCampaign(1, { name: 'Opfølgning', kind: 'followup', status: 'finished', startedAt: '2026-11-01T08:00:00Z', finishedAt: '2026-11-01T09:00:00Z' }),
]

async function mountList(refreshMs = 0) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/campaigns', component: CampaignsView, props: { refreshMs } },
      { path: '/campaigns/:id', component: { template: '<p>campaign</p>' } },
    ],
  })
  await router.push('/campaigns')
  await router.isReady()
  const w = mount({ template: '<router-view />' }, { global: { plugins: [ElementPlus, createAppI18n('da'), router] }, attachTo: document.body })
  await flushPromises()
  return { w, router }
}

beforeEach(() => {
  fakes = installCampaigns(
    {
      List: vi.fn(async () => list),
      Progress: vi.fn(async (id: number) =>
        id === 1 ? sampleProgress({ queued: 0, sending: 0, sent: 120, failed: 0 }) : sampleProgress({ queued: 6, sending: 0, sent: 4, failed: 1 })),
    },
    { events: { List: vi.fn(async () => [sampleEvent(9, { title: 'Nytårskur 2027' })]) } },
  )
})
afterEach(() => {
  uninstallCampaigns()
  document.body.innerHTML = ''
})

describe('CampaignsView', () => {
  it('lists the campaigns with status, timing and progress', async () => {
    const { w } = await mountList()
    const rows = w.findAll('[data-testid="campaign-row"]')
    expect(rows.map((r) => r.attributes('data-id'))).toEqual(['3', '2', '1'])
    expect(rows.map((r) => r.get('[data-testid="campaign-status"]').text())).toEqual(['Sendes', 'Planlagt', 'Sendt'])
    expect(rows[0].text()).toContain('Invitation')
    expect(rows[0].text()).toContain('Nytårskur 2027')
    expect(rows[0].get('[data-testid="campaign-timing"]').text()).toBe('Startet 01.12.2026 kl. 09.00')
    expect(rows[1].get('[data-testid="campaign-timing"]').text()).toBe('Planlagt til 05.12.2026 kl. 09.00')
    expect(rows[0].get('[data-testid="campaign-progress"]').text()).toContain('4 af 11 sendt')
    expect(rows[0].get('[data-testid="campaign-progress"]').text()).toContain('1 fejlet')
    expect(rows[2].get('[data-testid="campaign-progress"]').text()).toContain('120 af 120 sendt')
    // A scheduled campaign has no mails yet: no progress is asked for.
    expect(fakes.campaigns.Progress).not.toHaveBeenCalledWith(2)
    expect(rows[1].get('[data-testid="campaign-progress"]').text()).toBe('')
  })

  it('filters by status and kind, and opens a campaign', async () => {
    const { w, router } = await mountList()
    const [status, kind] = w.findAllComponents(ElSelect)
    status.vm.$emit('update:modelValue', 'finished')
    await flushPromises()
    expect(w.findAll('[data-testid="campaign-row"]').map((r) => r.attributes('data-id'))).toEqual(['1'])
    kind.vm.$emit('update:modelValue', 'invitation')
    await flushPromises()
    expect(w.get('[data-testid="campaigns-empty"]').text()).toBe('Ingen kampagner passer til filtrene.')
    status.vm.$emit('update:modelValue', '')
    await flushPromises()
    await w.get('[data-testid="campaign-row"] .row-open').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/campaigns/3')
  })

  it('starts a new campaign', async () => {
    const { w, router } = await mountList()
    await w.get('[data-testid="campaigns-new"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/campaigns/new')
  })

  it('says when there are none', async () => {
    fakes.campaigns.List.mockResolvedValue([])
    const { w } = await mountList()
    expect(w.get('[data-testid="campaigns-empty"]').text()).toContain('Der er ingen kampagner endnu.')
  })

  it('reads the progress again while a campaign is sending', async () => {
    await mountList(50)
    const before = fakes.campaigns.List.mock.calls.length
    await settle(180)
    expect(fakes.campaigns.List.mock.calls.length).toBeGreaterThan(before)
  })
})
