import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import { createAppI18n } from '../i18n'
import { settle } from '../register/testing'
import { installRegistrations, type FakeService } from '../registrations/testing'
import EventDetailView from './EventDetailView.vue'
import { installEvents, sampleEvent, uninstallEvents } from './testing'

let regs: FakeService
enableAutoUnmount(afterEach)

async function mountAt(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/events', component: { template: '<p>list</p>' } },
      { path: '/events/:id', component: EventDetailView },
      { path: '/events/:id/checkin', component: { template: '<p>checkin</p>' } },
    ],
  })
  await router.push(path)
  await router.isReady()
  const w = mount({ template: '<router-view />' }, { global: { plugins: [ElementPlus, createAppI18n('da'), router] }, attachTo: document.body })
  await flushPromises()
  return { w, router }
}

beforeEach(() => {
  installEvents({ Get: (async (id: number) => sampleEvent(id, { status: 'published', seatsTaken: 12 })) as never })
  regs = installRegistrations()
})
afterEach(() => {
  uninstallEvents()
  document.body.innerHTML = ''
})

describe('EventDetailView', () => {
  it('shows the form first and the registrations in their own tab, kept in the address', async () => {
    const { w, router } = await mountAt('/events/1')
    expect(w.find('[data-testid="event-form"]').exists()).toBe(true)
    expect(w.get('#tab-registrations').text()).toBe('Tilmeldinger (12/40)')
    // The tab loads when it is opened.
    expect(regs.List).not.toHaveBeenCalled()
    await w.get('#tab-registrations').trigger('click')
    await settle()
    expect(router.currentRoute.value.query.tab).toBe('registrations')
    expect(regs.List).toHaveBeenCalledWith({ eventId: 1, filter: '', search: '', page: 1, pageSize: 25 })
    expect(w.find('[data-testid="registrations-panel"]').exists()).toBe(true)
  }, 15_000)

  it('opens on the registrations from a link', async () => {
    const { w } = await mountAt('/events/1?tab=registrations')
    expect(w.find('[data-testid="registrations-panel"]').isVisible()).toBe(true)
    expect(regs.Counts).toHaveBeenCalledWith(1)
  }, 15_000)

  it('has no registrations for an event not yet saved', async () => {
    const { w } = await mountAt('/events/new?tab=registrations')
    expect(w.get('#tab-registrations').classes()).toContain('is-disabled')
    expect(w.find('[data-testid="registrations-panel"]').exists()).toBe(false)
    expect(w.find('[data-testid="event-form"]').isVisible()).toBe(true)
  }, 15_000)
})
