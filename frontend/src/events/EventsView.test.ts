import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import { createAppI18n } from '../i18n'
import EventsView from './EventsView.vue'
import { installEvents, sampleEvent, uninstallEvents, type FakeService } from './testing'

let svc: FakeService
enableAutoUnmount(afterEach)

function mountView() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/events', component: EventsView },
      { path: '/events/:id', component: { template: '<p>event</p>' } },
    ],
  })
  const push = vi.spyOn(router, 'push')
  const w = mount(EventsView, { global: { plugins: [ElementPlus, createAppI18n('da'), router] }, attachTo: document.body })
  return { w, push }
}

/** choose picks an option of an Element Plus select by its label. */
async function choose(w: ReturnType<typeof mountView>['w'], testid: string, label: string) {
  await w.get(`[data-testid="${testid}"]`).trigger('click')
  await flushPromises()
  const option = [...document.querySelectorAll('.el-select-dropdown__item')].find((o) => o.textContent?.trim() === label)
  if (!option) throw new Error(`no option ${label}`)
  ;(option as HTMLElement).click()
  await flushPromises()
}

beforeEach(() => {
  svc = installEvents({
    List: vi.fn(async () => [
      sampleEvent(1, { status: 'published', themes: ['Grøn omstilling', 'Eksport'] }),
      sampleEvent(2, { title: 'Kursus i eksport', kind: 'course', capacity: 0, startsAt: '2027-01-14T08:30:00Z', endsAt: '2027-01-14T11:00:00Z' }),
    ]),
  })
})
afterEach(() => {
  uninstallEvents()
  document.body.innerHTML = ''
})

describe('EventsView', () => {
  it('lists the upcoming events with Danish times, kind, status, themes and seats', async () => {
    const { w } = mountView()
    await flushPromises()
    expect(svc.List).toHaveBeenCalledWith({ scope: 'upcoming', kind: '', theme: '', status: '' })
    const rows = w.findAll('[data-testid="event-row"]')
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain('03.12.2026 kl. 17.00')
    expect(rows[0].text()).toContain('Netværksmøde 1')
    expect(rows[0].text()).toContain('Netværksmøde')
    expect(rows[0].text()).toContain('Offentliggjort')
    expect(rows[0].text()).toContain('Eksport')
    expect(rows[0].text()).toContain('40')
    expect(rows[1].text()).toContain('14.01.2027 kl. 09.30')
    expect(rows[1].text()).toContain('Kursus')
    expect(rows[1].text()).toContain('Kladde')
  })

  it('asks the server again for each scope and filter', async () => {
    const { w } = mountView()
    await flushPromises()
    await w.get('[data-testid="events-scope-past"] input').setValue(true)
    await flushPromises()
    expect(svc.List).toHaveBeenLastCalledWith({ scope: 'past', kind: '', theme: '', status: '' })
    await w.get('[data-testid="events-scope-all"] input').setValue(true)
    await flushPromises()
    expect(svc.List).toHaveBeenLastCalledWith({ scope: 'all', kind: '', theme: '', status: '' })
    await choose(w, 'events-kind', 'Kursus')
    expect(svc.List).toHaveBeenLastCalledWith({ scope: 'all', kind: 'course', theme: '', status: '' })
    await choose(w, 'events-theme', 'Digital innovation')
    expect(svc.List).toHaveBeenLastCalledWith({ scope: 'all', kind: 'course', theme: 'Digital innovation', status: '' })
    await choose(w, 'events-status', 'Aflyst')
    expect(svc.List).toHaveBeenLastCalledWith({ scope: 'all', kind: 'course', theme: 'Digital innovation', status: 'cancelled' })
  })

  it('says when nothing matches and opens a row or a new event', async () => {
    svc.List.mockResolvedValueOnce([sampleEvent(3)]).mockResolvedValue([])
    const { w, push } = mountView()
    await flushPromises()
    await w.get('[data-testid="event-row"]').trigger('click')
    expect(push).toHaveBeenCalledWith('/events/3')
    await w.get('[data-testid="events-new"]').trigger('click')
    expect(push).toHaveBeenCalledWith('/events/new')
    await w.get('[data-testid="events-scope-past"] input').setValue(true)
    await flushPromises()
    expect(w.get('[data-testid="events-empty"]').text()).toBe('Der er ingen tidligere arrangementer.')
  })

  it('shows the events on their days in the month calendar', async () => {
    const { w, push } = mountView()
    await flushPromises()
    await w.get('[data-testid="events-calendar-toggle"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="events-table"]').exists()).toBe(false)
    const cal = w.get('[data-testid="events-calendar"]')
    await w.vm.$nextTick()
    // The calendar starts at today's month; move it to December 2026.
    ;(w.vm as unknown as { month: Date }).month = new Date(2026, 11, 10)
    await flushPromises()
    const entry = cal.findAll('[data-testid="calendar-event"]').find((e) => e.text().includes('Netværksmøde 1'))
    expect(entry?.text()).toContain('17.00')
    await entry!.trigger('click')
    expect(push).toHaveBeenCalledWith('/events/1')
    // Weeks start on Monday.
    expect(cal.find('thead th').text()).toMatch(/^(ma|mon)/i)
  })
})
