import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { app, event } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import { info } from '../state/app'
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
  info.value = null
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

  describe('calendar box', () => {
    function withEvent(over: Partial<event.Event>) {
      installEvents({ Get: (async (id: number) => sampleEvent(id, over)) as never })
      regs = installRegistrations()
    }
    beforeEach(() => {
      info.value = { publicUrl: 'https://events.example.dk/', baseUrlLocked: false } as app.SystemInfo
    })

    it('lists the event file and the feeds it is in, each to copy', async () => {
      withEvent({ status: 'published', themes: ['Grøn omstilling', 'Digital innovation'], track: 1 })
      const writeText = vi.fn(async () => undefined)
      Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
      const { w } = await mountAt('/events/1')
      const box = w.get('[data-testid="event-calendar"]')
      expect(box.get('h2').text()).toBe('Kalender')
      const rows = box.findAll('li')
      expect(rows.map((r) => r.attributes('data-testid'))).toEqual([
        'event-calendar-ics', 'event-calendar-feed', 'event-calendar-theme', 'event-calendar-theme', 'event-calendar-track',
      ])
      const urls = box.findAll('[data-testid="event-calendar-url"]')
      expect(urls.map((a) => a.text())).toEqual([
        'https://events.example.dk/e/netvaerk-1.ics',
        'https://events.example.dk/calendar.ics',
        'https://events.example.dk/calendar.ics?theme=Gr%C3%B8n%20omstilling',
        'https://events.example.dk/calendar.ics?theme=Digital%20innovation',
        'https://events.example.dk/calendar.ics?track=1',
      ])
      expect(urls.map((a) => a.attributes('href'))).toEqual(urls.map((a) => a.text()))
      expect(rows[0].text()).toContain('Kalenderfil (.ics)')
      expect(rows[1].text()).toContain('Alle arrangementer')
      expect(box.get('h3').text()).toBe('Abonnér på offentlige arrangementer')
      expect(rows[2].text()).toContain('Tema: Grøn omstilling')
      expect(rows[4].text()).toContain('Spor: Bæredygtighed og klima')
      expect(box.find('[data-testid="event-calendar-invite-note"]').exists()).toBe(false)

      const copies = box.findAll('button[data-testid="event-calendar-copy"]')
      expect(copies).toHaveLength(5)
      expect(copies[2].attributes('aria-label')).toBe('Kopiér link (Tema: Grøn omstilling)')
      await copies[2].trigger('click')
      await flushPromises()
      expect(writeText).toHaveBeenCalledWith('https://events.example.dk/calendar.ics?theme=Gr%C3%B8n%20omstilling')
      expect(document.body.textContent).toContain('Linket er kopieret.')
    }, 15_000)

    it('is in the event tab, not the registrations tab', async () => {
      withEvent({ status: 'cancelled' })
      const { w } = await mountAt('/events/1?tab=registrations')
      expect(w.find('[data-testid="event-calendar"]').isVisible()).toBe(false)
      await w.get('#tab-event').trigger('click')
      await settle()
      expect(w.find('[data-testid="event-calendar"]').isVisible()).toBe(true)
    }, 15_000)

    it('says an invite-only event file needs the invitation, and offers no public feeds', async () => {
      withEvent({ status: 'published', visibility: 'invite', themes: ['Grøn omstilling'], track: 2 })
      const { w } = await mountAt('/events/1')
      const box = w.get('[data-testid="event-calendar"]')
      expect(box.findAll('[data-testid="event-calendar-url"]').map((a) => a.text())).toEqual(['https://events.example.dk/e/netvaerk-1.ics'])
      expect(box.get('[data-testid="event-calendar-invite-note"]').text()).toContain('?i=')
      expect(box.get('[data-testid="event-calendar-no-feed"]').text()).toContain('kommer ikke med i de offentlige kalendere')
      expect(box.find('h3').exists()).toBe(false)
    }, 15_000)

    it('is not there for a draft, nor for a new event', async () => {
      withEvent({ status: 'draft' })
      const { w } = await mountAt('/events/1')
      expect(w.find('[data-testid="event-form"]').exists()).toBe(true)
      expect(w.find('[data-testid="event-calendar"]').exists()).toBe(false)
      const fresh = await mountAt('/events/new')
      expect(fresh.w.find('[data-testid="event-calendar"]').exists()).toBe(false)
    }, 15_000)

    it('shows English labels', async () => {
      withEvent({ status: 'completed', themes: [], track: 3 })
      const router = createRouter({ history: createMemoryHistory(), routes: [
        { path: '/events', component: { template: '<p>list</p>' } },
        { path: '/events/:id', component: EventDetailView },
      ] })
      await router.push('/events/1')
      await router.isReady()
      const w = mount({ template: '<router-view />' }, { global: { plugins: [ElementPlus, createAppI18n('en'), router] }, attachTo: document.body })
      await flushPromises()
      const box = w.get('[data-testid="event-calendar"]')
      expect(box.get('h2').text()).toBe('Calendar')
      expect(box.text()).toContain('Calendar file (.ics)')
      expect(box.text()).toContain('Track: Education and jobs')
    }, 15_000)
  })
})
