import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElMessageBox } from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { registration } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import { installEvents, sampleEvent, uninstallEvents } from '../events/testing'
import { settle } from '../register/testing'
import RegistrationsPanel from './RegistrationsPanel.vue'
import { installRegistrations, sampleRegistration, type FakeService } from './testing'

let svc: FakeService
enableAutoUnmount(afterEach)

const Blank = { template: '<div />' }
function mountPanel() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Blank },
      { path: '/events/:id', component: Blank },
      { path: '/events/:id/checkin', component: Blank },
    ],
  })
  const push = vi.spyOn(router, 'push')
  const w = mount(RegistrationsPanel, {
    props: { event: sampleEvent(1, { status: 'published' }), pageSize: 2, searchDelay: 20, refreshMs: 0 },
    global: { plugins: [ElementPlus, createAppI18n('da'), router] },
    attachTo: document.body,
  })
  return { w, push }
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))
const body = (testid: string) => document.querySelector(`[data-testid="${testid}"]`) as HTMLElement | null
const lastQuery = () => svc.List.mock.calls.at(-1)?.[0] as registration.Query
const base = { eventId: 1, filter: '', search: '', page: 1, pageSize: 2 }

const confirmed = sampleRegistration(3, {
  companyName: 'Alfa <b>A/S</b>',
  seats: 2,
  note: 'Ringede ind',
  attendees: [
    { id: 31, registrationId: 3, eventId: 1, name: 'Anna Hansen', email: 'anna@alfa.dk', jobTitle: 'Direktør', attendedAt: '2026-12-03T16:05:00Z' },
    { id: 32, registrationId: 3, eventId: 1, name: 'Bo <i>Berg</i>', email: 'bo@alfa.dk', jobTitle: '' },
  ],
})
const waitlisted = sampleRegistration(4, { companyName: 'Beta ApS', status: 'waitlisted', position: 2, seats: 2, source: 'staff' })
const cancelled = sampleRegistration(5, { companyName: 'Gamma I/S', status: 'cancelled', cancelledAt: '2026-11-30T09:00:00Z' })

beforeEach(() => {
  installEvents()
  svc = installRegistrations({
    List: vi.fn(async (q: registration.Query) =>
      q.page === 1 ? { items: [waitlisted, confirmed], total: 3 } : { items: [cancelled], total: 3 },
    ),
  })
})
afterEach(() => {
  uninstallEvents()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

describe('RegistrationsPanel', () => {
  it('shows the numbers and the registrations, as text, with the waitlist place and who came', async () => {
    const { w } = mountPanel()
    await flushPromises()
    expect(svc.List).toHaveBeenCalledWith(base)
    expect(svc.Counts).toHaveBeenCalledWith(1)
    expect(w.emitted('counts')?.[0]?.[0]).toMatchObject({ seatsTaken: 12 })
    expect(w.get('[data-testid="count-seats"]').text()).toBe('12 af 40')
    expect(w.get('[data-testid="count-waitlisted"]').text()).toBe('2')
    expect(w.get('[data-testid="count-cancelled"]').text()).toBe('1')
    expect(w.get('[data-testid="count-attended"]').text()).toBe('4 af 12')

    const rows = w.findAll('[data-testid="registration-row"]')
    expect(rows).toHaveLength(2)
    expect(rows[0].get('[data-testid="registration-status"]').text()).toBe('Venteliste nr. 2')
    expect(rows[0].text()).toContain('Personale')
    expect(rows[0].find('[data-testid="registration-promote"]').exists()).toBe(true)
    // Names are text, never markup.
    expect(rows[1].get('[data-testid="registration-company"]').text()).toBe('Alfa <b>A/S</b>')
    expect(rows[1].find('b').exists()).toBe(false)
    expect(rows[1].find('i:not(.el-icon)').exists()).toBe(false)
    expect(rows[1].text()).toContain('Bo <i>Berg</i>')
    expect(rows[1].text()).toContain('Mødt kl. 17.05')
    expect(rows[1].text()).toContain('Note: Ringede ind')
    expect(rows[1].text()).toContain('28.11.2026 kl. 17.00')
    expect(rows[1].text()).toContain('Hjemmesiden')
    expect(rows[1].find('[data-testid="registration-promote"]').exists()).toBe(false)
    expect(w.get('[data-testid="registrations-total"]').text()).toBe('3 tilmeldinger')
  })

  it('filters and searches through the server and pages', async () => {
    const { w } = mountPanel()
    await flushPromises()
    await w.get('[data-testid="registrations-next"]').trigger('click')
    await flushPromises()
    expect(lastQuery()).toEqual({ ...base, page: 2 })
    expect(w.get('[data-testid="registration-row"]').text()).toContain('Gamma I/S')
    expect(w.get('[data-testid="registration-row"]').find('[data-testid="registration-cancel"]').exists()).toBe(false)

    for (const filter of ['waitlisted', 'noshow', 'attended', 'cancelled', 'confirmed'] as const) {
      await w.get(`[data-testid="registrations-filter-${filter}"] input`).setValue(true)
      await flushPromises()
      // A new filter starts from the first page.
      expect(lastQuery()).toEqual({ ...base, filter })
    }
    await w.get('[data-testid="registrations-search"]').setValue('  anna ')
    await wait(40)
    await flushPromises()
    expect(lastQuery()).toEqual({ ...base, filter: 'confirmed', search: 'anna' })

    svc.List.mockResolvedValueOnce({ items: [], total: 0 })
    await w.get('[data-testid="registrations-filter-all"] input').setValue(true)
    await flushPromises()
    expect(w.get('[data-testid="registrations-empty"]').text()).toBe('Ingen tilmeldinger passer til søgningen eller filteret.')
  })

  it('cancels a registration with or without mail to the registrant', async () => {
    const { w } = mountPanel()
    await flushPromises()
    await w.findAll('[data-testid="registration-cancel"]')[1].trigger('click')
    await settle()
    expect(body('registration-cancel-text')!.textContent).toContain('Annullér tilmeldingen fra »Alfa <b>A/S</b>« (2 deltagere)?')
    const notify = body('registration-cancel-notify')!.querySelector('input') as HTMLInputElement
    expect(notify.checked).toBe(true)
    notify.click()
    await settle()
    svc.List.mockClear()
    svc.Counts.mockClear()
    body('registration-cancel-confirm')!.click()
    await settle()
    expect(svc.Cancel).toHaveBeenCalledWith(3, false)
    expect(body('registration-cancel-dialog')).toBeNull()
    expect(svc.List).toHaveBeenCalledTimes(1)
    expect(svc.Counts).toHaveBeenCalledTimes(1)
  })

  it('gives a waitlisted company a place, and says why when it does not fit', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    svc.Promote.mockRejectedValueOnce({ key: 'registration.error.full', message: 'Arrangementet er fuldt booket.' })
    const { w } = mountPanel()
    await flushPromises()
    await w.get('[data-testid="registration-promote"]').trigger('click')
    await flushPromises()
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(confirm.mock.calls[0][0]).toContain('Giv »Beta ApS« (2 deltagere) plads nu')
    expect(svc.Promote).toHaveBeenCalledWith(4)
    expect(w.get('[data-testid="registrations-action-error"]').text()).toContain(
      '»Beta ApS« har 2 deltagere, og der er ikke plads nok (ledige pladser: 28).',
    )

    await w.get('[data-testid="registration-promote"]').trigger('click')
    await flushPromises()
    expect(svc.Promote).toHaveBeenCalledTimes(2)
    expect(w.find('[data-testid="registrations-action-error"]').exists()).toBe(false)

    confirm.mockRejectedValueOnce('cancel')
    await w.get('[data-testid="registration-promote"]').trigger('click')
    await flushPromises()
    expect(svc.Promote).toHaveBeenCalledTimes(2)
  })

  it('writes to the chosen registrants and says how many mails were queued', async () => {
    const { w } = mountPanel()
    await flushPromises()
    await w.get('[data-testid="registrations-mail"]').trigger('click')
    await settle()
    const box = (s: string) => body(`mail-status-${s}`)!.querySelector('input') as HTMLInputElement
    expect(box('confirmed').checked).toBe(true)
    expect(box('waitlisted').checked).toBe(true)
    expect(box('cancelled').checked).toBe(false)
    expect(body('mail-status-confirmed')!.textContent).toContain('Bekræftede (9)')
    expect(body('mail-status-cancelled')!.textContent).toContain('Annullerede (1)')

    body('mail-send')!.click()
    await settle()
    expect(svc.Mail).not.toHaveBeenCalled()
    expect(body('registration-mail-dialog')!.textContent).toContain('Skal udfyldes.')

    box('waitlisted').click()
    await settle()
    const subject = body('mail-subject') as HTMLInputElement
    subject.value = 'Ny  adresse'
    subject.dispatchEvent(new Event('input'))
    const text = body('mail-body') as HTMLTextAreaElement
    text.value = ' Vi mødes i sal 2. '
    text.dispatchEvent(new Event('input'))
    await settle()
    body('mail-send')!.click()
    await settle()
    expect(svc.Mail).toHaveBeenCalledWith({ eventId: 1, statuses: ['confirmed'], subject: 'Ny adresse', body: 'Vi mødes i sal 2.' })
    expect(body('mail-queued')!.textContent).toContain('3 mails er lagt i kø til afsendelse.')
    expect(body('mail-send')).toBeNull()
  })

  it('refuses to write to nobody and shows the server field errors', async () => {
    svc.Mail.mockRejectedValueOnce({ key: 'error.validation', message: '', fields: { body: { key: 'error.too_long', params: { max: 20000 } } } })
    const { w } = mountPanel()
    await flushPromises()
    await w.get('[data-testid="registrations-mail"]').trigger('click')
    await settle()
    for (const s of ['confirmed', 'waitlisted']) {
      ;(body(`mail-status-${s}`)!.querySelector('input') as HTMLInputElement).click()
      await settle()
    }
    const subject = body('mail-subject') as HTMLInputElement
    subject.value = 'Emne'
    subject.dispatchEvent(new Event('input'))
    const text = body('mail-body') as HTMLTextAreaElement
    text.value = 'Tekst'
    text.dispatchEvent(new Event('input'))
    await settle()
    body('mail-send')!.click()
    await settle()
    expect(svc.Mail).not.toHaveBeenCalled()
    expect(body('registration-mail-dialog')!.textContent).toContain('Vælg mindst én gruppe modtagere.')
    ;(body('mail-status-cancelled')!.querySelector('input') as HTMLInputElement).click()
    await settle()
    body('mail-send')!.click()
    await settle()
    expect(svc.Mail).toHaveBeenCalledWith(expect.objectContaining({ statuses: ['cancelled'] }))
    expect(body('registration-mail-dialog')!.textContent).toContain('Må højst være 20000 tegn.')
    expect((body('mail-body') as HTMLTextAreaElement).value).toBe('Tekst')
  })

  it('opens the check-in desk and the form to add a registration', async () => {
    const { w, push } = mountPanel()
    await flushPromises()
    await w.get('[data-testid="registrations-checkin"]').trigger('click')
    expect(push).toHaveBeenCalledWith('/events/1/checkin')
    await w.get('[data-testid="registrations-add"]').trigger('click')
    await settle()
    expect(body('registration-dialog')!.textContent).toContain('Tilføj tilmelding')
    expect((body('reg-companyName') as HTMLInputElement).value).toBe('')
  })

  it('exports the list as CSV', async () => {
    const save = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x')
    const { w } = mountPanel()
    await flushPromises()
    await w.get('[data-testid="registrations-export"]').trigger('click')
    await settle()
    body('registrations-export-csv')!.click()
    await settle()
    expect(svc.Export).toHaveBeenCalledWith(1, 'csv')
    expect(save).toHaveBeenCalled()
  })
})
