import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { registration } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import { installEvents, uninstallEvents } from '../events/testing'
import { settle } from '../register/testing'
import CheckinView from './CheckinView.vue'
import { installRegistrations, sampleCounts, sampleRegistration, type FakeService } from './testing'

let svc: FakeService
enableAutoUnmount(afterEach)

async function mountView(refreshMs = 0) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/events/:id', component: { template: '<p>event</p>' } },
      { path: '/events/:id/checkin', component: CheckinView },
    ],
  })
  await router.push('/events/1/checkin')
  await router.isReady()
  const w = mount(CheckinView, {
    props: { refreshMs, searchDelay: 10 },
    global: { plugins: [ElementPlus, createAppI18n('da'), router] },
    attachTo: document.body,
  })
  await flushPromises()
  return w
}
type W = Awaited<ReturnType<typeof mountView>>

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))
const codeInput = (w: W) => w.get('[data-testid="checkin-code"]').element as HTMLInputElement
async function scan(w: W, code: string) {
  const input = w.get('[data-testid="checkin-code"]')
  await input.setValue(code)
  await input.trigger('keydown', { key: 'Enter' })
  await settle(20)
}

const arrived = '2026-12-03T16:05:00Z'
function group(over: Partial<registration.Registration> = {}, attended: Record<number, string> = {}) {
  return sampleRegistration(3, {
    companyName: 'Alfa A/S',
    seats: 2,
    attendees: [
      { id: 31, registrationId: 3, eventId: 1, name: 'Anna Hansen', email: 'anna@alfa.dk', jobTitle: 'Direktør', attendedAt: attended[31] },
      { id: 32, registrationId: 3, eventId: 1, name: 'Bo Berg', email: 'bo@alfa.dk', jobTitle: '', attendedAt: attended[32] },
    ],
    ...over,
  })
}

beforeEach(() => {
  localStorage.clear()
  installEvents()
  svc = installRegistrations({
    ByCode: vi.fn(async () => group()),
    CheckIn: vi.fn(async (ids: number[], on: boolean) => group({}, Object.fromEntries(ids.map((id) => [id, on ? arrived : ''])))),
    List: vi.fn(async () => ({ items: [group()], total: 1 })),
  })
})
afterEach(() => {
  uninstallEvents()
  document.body.innerHTML = ''
})

describe('CheckinView', () => {
  it('finds a scanned code and checks the attendees in one by one, all at once, and back', async () => {
    const w = await mountView()
    expect(w.get('h1').text()).toBe('Indtjekning: Netværksmøde 1')
    expect(w.get('[data-testid="checkin-attended"]').text()).toBe('4')
    expect(w.get('[data-testid="checkin-counts"]').text()).toContain('af 12 deltagere er mødt')
    expect(document.activeElement).toBe(codeInput(w))

    await scan(w, 'abcd-ef03')
    expect(svc.ByCode).toHaveBeenCalledWith(1, 'abcd-ef03')
    expect(w.get('[data-testid="checkin-company"]').text()).toBe('Alfa A/S')
    expect(codeInput(w).value).toBe('')
    expect(document.activeElement).toBe(codeInput(w))
    expect(w.findAll('[data-testid="checkin-attendee-state"]').map((x) => x.text())).toEqual(['Ikke tjekket ind', 'Ikke tjekket ind'])

    svc.Counts.mockResolvedValue(sampleCounts({ attended: 5 }))
    await w.findAll('[data-testid="checkin-toggle"]')[0].trigger('click')
    await settle(20)
    expect(svc.CheckIn).toHaveBeenLastCalledWith([31], true)
    expect(w.findAll('[data-testid="checkin-attendee-state"]')[0].text()).toBe('Tjekket ind kl. 17.05')
    expect(w.get('[data-testid="checkin-notice"]').text()).toContain('Anna Hansen er tjekket ind.')
    expect(w.get('[data-testid="checkin-attended"]').text()).toBe('5')
    expect(document.activeElement).toBe(codeInput(w))

    svc.CheckIn.mockResolvedValueOnce(group({}, { 31: arrived, 32: arrived }))
    expect(w.get('[data-testid="checkin-all"]').text()).toBe('Tjek alle ind (1)')
    await w.get('[data-testid="checkin-all"]').trigger('click')
    await settle(20)
    expect(svc.CheckIn).toHaveBeenLastCalledWith([32], true)
    expect(w.find('[data-testid="checkin-all"]').exists()).toBe(false)
    expect(w.get('[data-testid="checkin-banner"]').text()).toBe('Alle fra Alfa A/S er tjekket ind.')

    svc.CheckIn.mockResolvedValueOnce(group({}, { 32: arrived }))
    expect(w.findAll('[data-testid="checkin-toggle"]')[0].text()).toBe('Fortryd')
    await w.findAll('[data-testid="checkin-toggle"]')[0].trigger('click')
    await settle(20)
    expect(svc.CheckIn).toHaveBeenLastCalledWith([31], false)
    expect(w.get('[data-testid="checkin-notice"]').text()).toContain('Indtjekningen af Anna Hansen er fortrudt.')
    expect(w.findAll('[data-testid="checkin-toggle"]')[0].text()).toBe('Tjek ind')
  })

  it('says clearly when a code is unknown, on the waitlist or cancelled', async () => {
    svc.ByCode.mockRejectedValueOnce({ key: 'registration.error.unknown_code', message: '' })
    const w = await mountView()
    await scan(w, 'ZZZZ-ZZZZ')
    expect(w.get('[data-testid="checkin-error"]').text()).toContain('Koden passer ikke til nogen tilmelding til dette arrangement.')
    expect(w.get('[data-testid="checkin-error"]').text()).toContain('Kode: ZZZZ-ZZZZ')
    expect(w.find('[data-testid="checkin-registration"]').exists()).toBe(false)
    expect(codeInput(w).value).toBe('')
    expect(document.activeElement).toBe(codeInput(w))

    svc.ByCode.mockResolvedValueOnce(group({ status: 'waitlisted', position: 2 }))
    await scan(w, 'ABCD-EF03')
    expect(w.find('[data-testid="checkin-error"]').exists()).toBe(false)
    expect(w.get('[data-testid="checkin-banner"]').text()).toContain('Alfa A/S står på ventelisten (nr. 2) og har ikke fået plads.')
    expect(w.find('[data-testid="checkin-toggle"]').exists()).toBe(false)
    expect(w.find('[data-testid="checkin-all"]').exists()).toBe(false)

    svc.ByCode.mockResolvedValueOnce(group({ status: 'cancelled' }))
    await scan(w, 'ABCD-EF03')
    expect(w.get('[data-testid="checkin-banner"]').text()).toBe('Tilmeldingen fra Alfa A/S er annulleret og kan ikke tjekkes ind.')
    expect(w.find('[data-testid="checkin-toggle"]').exists()).toBe(false)

    // The server's refusal is shown as well, should it come.
    svc.ByCode.mockResolvedValueOnce(group())
    svc.CheckIn.mockRejectedValueOnce({ key: 'registration.error.checkin_status', message: '' })
    await scan(w, 'ABCD-EF03')
    await w.findAll('[data-testid="checkin-toggle"]')[1].trigger('click')
    await settle(20)
    expect(w.get('[data-testid="checkin-error"]').text()).toContain('Kun bekræftede tilmeldinger kan tjekkes ind.')
    expect(svc.ByCode).toHaveBeenCalledTimes(4)
  })

  it('checks everyone in at once on a scan when staff choose so', async () => {
    const w = await mountView()
    await w.get('[data-testid="checkin-auto"] input').setValue(true)
    expect(localStorage.getItem('convene.checkin.auto')).toBe('1')
    await scan(w, 'ABCD-EF03')
    expect(svc.ByCode).toHaveBeenCalledWith(1, 'ABCD-EF03')
    expect(svc.CheckIn).toHaveBeenCalledWith([31, 32], true)
    expect(w.get('[data-testid="checkin-notice"]').text()).toContain('2 deltagere fra Alfa A/S er tjekket ind.')
    expect(document.activeElement).toBe(codeInput(w))
  })

  it('finds a registration by name or company', async () => {
    const w = await mountView()
    await w.get('[data-testid="checkin-search"]').setValue('anna')
    await wait(30)
    await flushPromises()
    expect(svc.List).toHaveBeenCalledWith({ eventId: 1, filter: '', search: 'anna', page: 1, pageSize: 8 })
    const result = w.get('[data-testid="checkin-result"]')
    expect(result.text()).toContain('Alfa A/S')
    expect(result.text()).toContain('Anna Hansen, Bo Berg')
    await result.trigger('click')
    await settle(20)
    expect(w.get('[data-testid="checkin-company"]').text()).toBe('Alfa A/S')
    expect(w.find('[data-testid="checkin-results"]').exists()).toBe(false)
    expect(document.activeElement).toBe(codeInput(w))

    svc.List.mockResolvedValueOnce({ items: [], total: 0 })
    await w.get('[data-testid="checkin-search"]').setValue('xyz')
    await wait(30)
    await flushPromises()
    expect(w.get('[data-testid="checkin-no-results"]').text()).toBe('Ingen tilmeldinger passer til søgningen.')
  })

  it('refreshes the numbers every few seconds and sends stray typing to the code', async () => {
    const w = await mountView(40)
    const before = svc.Counts.mock.calls.length
    await wait(130)
    expect(svc.Counts.mock.calls.length).toBeGreaterThanOrEqual(before + 2)
    ;(document.activeElement as HTMLElement).blur()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'A' }))
    expect(document.activeElement).toBe(codeInput(w))
  })
})
