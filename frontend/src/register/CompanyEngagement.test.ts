import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { report } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import CompanyEngagement from './CompanyEngagement.vue'

enableAutoUnmount(afterEach)
let engagement: ReturnType<typeof vi.fn>

const sample: report.Engagement = {
  registrations: 2,
  eventsJoined: 2,
  attended: 1,
  invited: 4,
  answered: 3,
  declined: 1,
  events: [
    { eventId: 8, title: 'Nytårskur', startsAt: '2027-01-08T16:00:00Z', status: 'waitlisted', seats: 2, attended: 0 },
    { eventId: 5, title: 'Morgenmøde', startsAt: '2026-10-01T06:30:00Z', status: 'confirmed', seats: 3, attended: 2 },
    { eventId: 4, title: 'Eksportdag', startsAt: '2026-09-01T06:30:00Z', status: 'cancelled', seats: 1, attended: 0 },
  ],
}

function mountIt() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:rest(.*)*', component: { template: '<p/>' } }] })
  return mount(CompanyEngagement, { props: { companyId: 12 }, global: { plugins: [ElementPlus, createAppI18n('da'), router] } })
}

beforeEach(() => {
  engagement = vi.fn(async () => sample)
  ;(window as unknown as { go: unknown }).go = { app: { Reports: { Engagement: engagement } } }
})
afterEach(() => delete (window as unknown as { go?: unknown }).go)

describe('CompanyEngagement', () => {
  it("shows the company's figures and its events with status and who came", async () => {
    const w = mountIt()
    await flushPromises()
    expect(engagement).toHaveBeenCalledWith(12)
    expect(w.get('[data-testid="engagement-invited"]').text()).toBe('4')
    expect(w.get('[data-testid="engagement-attended"]').text()).toBe('1')
    const rows = w.findAll('[data-testid="engagement-event"]')
    expect(rows).toHaveLength(3)
    expect(rows[0].text()).toContain('Venteliste')
    expect(rows[1].text()).toContain('Bekræftet')
    expect(rows[1].get('a').attributes('href')).toBe('/events/5')
    expect(rows[1].get('.visually-hidden').text()).toBe('mødt op')
    expect(rows[2].classes()).toContain('is-cancelled')
  })

  it('says so when the company has not taken part', async () => {
    engagement.mockResolvedValue({ ...sample, registrations: 0, events: null as unknown as report.EngagementEvent[] })
    const w = mountIt()
    await flushPromises()
    expect(w.get('[data-testid="engagement-empty"]').text()).toBe('Virksomheden har ikke været tilmeldt et arrangement endnu.')
  })
})
