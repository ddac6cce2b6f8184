import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import { installCampaigns, type Fakes } from '../campaigns/testing'
import { createAppI18n } from '../i18n'
import { settle } from '../register/testing'
import { installRegistrations } from '../registrations/testing'
import EventDetailView from './EventDetailView.vue'
import { installEvents, sampleEvent, uninstallEvents } from './testing'

let fakes: Fakes
enableAutoUnmount(afterEach)

async function mountAt(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/events', component: { template: '<p>list</p>' } },
      { path: '/events/:id', component: EventDetailView },
      { path: '/campaigns/:id', component: { template: '<p>campaign</p>' } },
    ],
  })
  await router.push(path)
  await router.isReady()
  const w = mount({ template: '<router-view />' }, { global: { plugins: [ElementPlus, createAppI18n('da'), router] }, attachTo: document.body })
  await flushPromises()
  return { w, router }
}

beforeEach(() => {
  installEvents({ Get: vi.fn(async (id: number) => sampleEvent(id, { status: 'published' })) })
  installRegistrations()
  fakes = installCampaigns()
})
afterEach(() => {
  uninstallEvents()
  document.body.innerHTML = ''
})

describe('EventDetailView invitations tab', () => {
  it('loads the invitations when the tab is opened, kept in the address', async () => {
    const { w, router } = await mountAt('/events/1')
    expect(w.get('#tab-invitations').text()).toBe('Invitationer')
    expect(fakes.campaigns.Invitations).not.toHaveBeenCalled()
    await w.get('#tab-invitations').trigger('click')
    await settle()
    expect(router.currentRoute.value.query.tab).toBe('invitations')
    expect(fakes.campaigns.Invitations).toHaveBeenCalledWith(1)
    expect(w.find('[data-testid="invitations-panel"]').isVisible()).toBe(true)
  }, 30_000)

  it('opens on the invitations from a link', async () => {
    const { w } = await mountAt('/events/1?tab=invitations')
    expect(w.find('[data-testid="invitations-panel"]').isVisible()).toBe(true)
  }, 30_000)

  it('has no invitations for an event not yet saved', async () => {
    const { w } = await mountAt('/events/new?tab=invitations')
    expect(w.get('#tab-invitations').classes()).toContain('is-disabled')
    expect(w.find('[data-testid="invitations-panel"]').exists()).toBe(false)
  }, 30_000)
})
