import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { report } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import { adminInfo } from '../mail/testing'
import { info } from '../state/app'
import { fill, fillLevel, seatsLeft, taskLink } from './model'
import OverviewView from './OverviewView.vue'

enableAutoUnmount(afterEach)
let overview: ReturnType<typeof vi.fn>

function sample(over: Partial<report.Overview> = {}): report.Overview {
  return {
    next: [
      { id: 7, title: 'Netværksmøde om grøn omstilling', kind: 'network', startsAt: '2026-12-03T16:00:00Z', capacity: 40, seatsTaken: 12, waitlisted: 0 },
      { id: 8, title: 'Nytårskur', kind: 'newyear', startsAt: '2027-01-08T16:00:00Z', capacity: 10, seatsTaken: 10, waitlisted: 3 },
      { id: 9, title: 'Åbent hus', kind: 'other', startsAt: '2027-02-01T09:00:00Z', capacity: 0, seatsTaken: 5, waitlisted: 0 },
    ],
    mailHeld: 2,
    mailFailed: 1,
    registrationsWeek: 14,
    tasks: [
      { kind: 'mail_no_server', id: 2, title: '', when: null },
      { kind: 'deadline_no_reminder', id: 7, title: 'Netværksmøde om grøn omstilling', when: '2026-12-03T16:00:00Z' },
      { kind: 'draft_soon', id: 11, title: 'Morgenmøde', when: '2026-12-10T07:30:00Z' },
      { kind: 'round_open', id: 3, title: '2026', when: null },
    ],
    ...over,
  }
}

function mountView() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: OverviewView },
      { path: '/:rest(.*)*', component: { template: '<p>other</p>' } },
    ],
  })
  const w = mount(OverviewView, { global: { plugins: [ElementPlus, createAppI18n('da'), router] }, attachTo: document.body })
  return w
}

beforeEach(() => {
  overview = vi.fn(async () => sample())
  ;(window as unknown as { go: unknown }).go = { app: { Reports: { Overview: overview } } }
  info.value = adminInfo
})
afterEach(() => {
  delete (window as unknown as { go?: unknown }).go
  info.value = null
  document.body.innerHTML = ''
})

describe('OverviewView', () => {
  it('shows the next events with their seats, the mail and the week, and links every task', async () => {
    const w = mountView()
    await flushPromises()
    expect(overview).toHaveBeenCalledTimes(1)
    const events = w.findAll('[data-testid="overview-event"]')
    expect(events).toHaveLength(3)
    expect(events[0].text()).toContain('Netværksmøde om grøn omstilling')
    expect(events[0].text()).toContain('03.12.2026 kl. 17.00')
    expect(events[0].get('[data-testid="overview-seats"]').text()).toBe('12 af 40')
    expect(events[0].text()).toContain('28 ledige')
    expect(events[0].get('a').attributes('href')).toBe('/events/7')
    expect(events[1].get('[data-testid="overview-waitlisted"]').text()).toBe('3 på venteliste')
    expect(events[1].find('.ov-bar').classes()).toContain('is-full')
    expect(events[1].text()).toContain('Fuldt booket')
    expect(events[2].get('[data-testid="overview-seats"]').text()).toBe('5 tilmeldte (ingen grænse)')
    expect(events[2].find('.ov-bar').exists()).toBe(false)

    expect(w.get('[data-testid="overview-registrations-week"]').text()).toBe('14')
    expect(w.get('[data-testid="overview-mail-held"]').text()).toBe('2')
    expect(w.get('[data-testid="overview-mail-failed"]').text()).toBe('1')
    expect(w.get('[data-testid="overview-mail-link"]').attributes('href')).toBe('/mail')

    const tasks = w.findAll('[data-testid="overview-task"]')
    expect(tasks.map((t) => t.get('a').attributes('href'))).toEqual(['/settings#smtp', '/events/7', '/events/11', '/gazelles/3'])
    expect(tasks[0].text()).toContain('Mails venter, fordi der ikke er sat en mailserver op (2)')
    expect(tasks[2].text()).toContain('Morgenmøde er stadig en kladde og starter 10.12.2026 kl. 08.30')
    expect(tasks[3].text()).toContain('Gazellerunden 2026 er ikke offentliggjort')
    expect(w.find('[data-testid="overview-audit"]').exists()).toBe(true)
  })

  it('has friendly empty states', async () => {
    overview.mockResolvedValue(sample({ next: [], tasks: null as unknown as report.Task[], mailHeld: 0, mailFailed: 0, registrationsWeek: 0 }))
    const w = mountView()
    await flushPromises()
    expect(w.get('[data-testid="overview-next-empty"]').text()).toContain('Der er ingen offentliggjorte arrangementer på vej.')
    expect(w.get('[data-testid="overview-tasks-empty"]').text()).toBe('Intet kræver opmærksomhed lige nu.')
    expect(w.get('[data-testid="overview-registrations-week"]').text()).toBe('0')
  })

  it('says what went wrong and tries again, and hides the audit log from staff', async () => {
    info.value = { ...adminInfo, actor: { ...adminInfo.actor, role: 'staff' } }
    overview.mockRejectedValueOnce({ key: 'error.internal', message: '' })
    const w = mountView()
    await flushPromises()
    expect(w.get('[data-testid="overview-error"]').text()).toContain('Der skete en uventet fejl')
    expect(w.find('[data-testid="overview-audit"]').exists()).toBe(false)
    await w.get('[data-testid="overview-error"] button').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="overview-error"]').exists()).toBe(false)
    expect(w.findAll('[data-testid="overview-event"]')).toHaveLength(3)
  })
})

describe('overview model', () => {
  it('measures how full an event is', () => {
    expect(fill({ capacity: 40, seatsTaken: 12 })).toBe(30)
    expect(fill({ capacity: 0, seatsTaken: 12 })).toBe(0)
    expect(fill({ capacity: 10, seatsTaken: 12 })).toBe(100)
    expect(seatsLeft({ capacity: 10, seatsTaken: 12 })).toBe(0)
    expect(seatsLeft({ capacity: 0, seatsTaken: 1 })).toBeNull()
    expect(fillLevel({ capacity: 20, seatsTaken: 18 })).toBe('high')
    expect(fillLevel({ capacity: 20, seatsTaken: 5 })).toBe('ok')
    expect(fillLevel({ capacity: 20, seatsTaken: 20 })).toBe('full')
    expect(taskLink({ kind: 'round_open', id: 2 })).toBe('/gazelles/2')
    expect(taskLink({ kind: 'draft_soon', id: 5 })).toBe('/events/5')
    expect(taskLink({ kind: 'mail_no_server', id: 3 }, true)).toBe('/settings#smtp')
    expect(taskLink({ kind: 'mail_no_server', id: 3 }, false)).toBe('/mail')
  })
})
