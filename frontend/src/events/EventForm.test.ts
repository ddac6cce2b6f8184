import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { event } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import { settle } from '../register/testing'
import EventForm from './EventForm.vue'
import { eventOptions, installEvents, sampleEvent, uninstallEvents, type FakeService } from './testing'

let svc: FakeService
enableAutoUnmount(afterEach)

function mountForm(e: event.Event | null = null) {
  return mount(EventForm, {
    props: { event: e, options: eventOptions },
    global: { plugins: [ElementPlus, createAppI18n('da')] },
    attachTo: document.body,
  })
}
type W = ReturnType<typeof mountForm>

const input = (w: W, testid: string) => w.get(`[data-testid="${testid}"]`)
const value = (w: W, testid: string) => (input(w, testid).element as HTMLInputElement).value
async function type(w: W, testid: string, v: string) {
  await input(w, testid).setValue(v)
  await input(w, testid).trigger('blur')
  await settle()
}
/** pick types a date and time into a picker as staff would ("03.12.2026 17:00"). */
async function pick(w: W, testid: string, v: string) {
  const el = input(w, testid)
  await el.trigger('focus')
  await el.setValue(v)
  await el.trigger('change')
  await el.trigger('blur')
  await settle()
}
function itemText(w: W, testid: string): string {
  return input(w, testid).element.closest('.el-form-item')?.textContent ?? ''
}

beforeEach(() => {
  svc = installEvents()
})
afterEach(() => {
  uninstallEvents()
  document.body.innerHTML = ''
})

describe('EventForm', () => {
  it('fills the inputs from the event, times in the organiser zone', async () => {
    const w = mountForm(sampleEvent(4))
    await flushPromises()
    expect(input(w, 'event-title').element.tagName).toBe('INPUT')
    expect(value(w, 'event-title')).toBe('Netværksmøde 4')
    expect(value(w, 'event-startsAt')).toBe('03.12.2026 17:00')
    expect(value(w, 'event-endsAt')).toBe('03.12.2026 19:00')
    expect(value(w, 'event-capacity')).toBe('40')
    expect(w.find('[data-testid="event-publish"]').exists()).toBe(true)
  })

  it('checks as staff type: the end after the start, the deadline before the start', async () => {
    const w = mountForm()
    await flushPromises()
    await pick(w, 'event-startsAt', '03.12.2026 17:00')
    await pick(w, 'event-endsAt', '03.12.2026 16:00')
    expect(itemText(w, 'event-endsAt')).toContain('Slut skal ligge efter start.')
    await pick(w, 'event-endsAt', '03.12.2026 19:00')
    expect(itemText(w, 'event-endsAt')).not.toContain('Slut skal ligge efter start.')
    await pick(w, 'event-registrationDeadline', '04.12.2026 12:00')
    expect(itemText(w, 'event-registrationDeadline')).toContain('Tilmeldingsfristen skal ligge før arrangementet starter.')
    await type(w, 'event-capacity', '-3')
    expect(itemText(w, 'event-capacity')).toContain('Antal pladser kan ikke være negativt.')

    await w.get('[data-testid="event-form"]').trigger('submit')
    await settle()
    expect(svc.Save).not.toHaveBeenCalled()
    expect(itemText(w, 'event-title')).toContain('Skal udfyldes.')
  })

  it('sends UTC times and keeps what was typed next to the server field errors', async () => {
    svc.Save.mockRejectedValueOnce({
      key: 'error.validation',
      message: '',
      fields: { venue: { key: 'error.too_long', params: { max: 200 } }, endsAt: { key: 'event.error.ends_before_start' } },
    })
    const w = mountForm()
    await flushPromises()
    await type(w, 'event-title', 'Netværksmøde om grøn omstilling')
    await pick(w, 'event-startsAt', '03.12.2026 17:00')
    await pick(w, 'event-endsAt', '03.12.2026 19:00')
    await type(w, 'event-venue', 'Ballerup Rådhus')
    await type(w, 'event-capacity', '40')
    await w.get('[data-testid="event-form"]').trigger('submit')
    await settle()
    expect(svc.Save).toHaveBeenCalledTimes(1)
    const sent = svc.Save.mock.calls[0][0] as event.Event
    expect(sent).toMatchObject({ id: 0, title: 'Netværksmøde om grøn omstilling', startsAt: '2026-12-03T16:00:00Z', endsAt: '2026-12-03T18:00:00Z', capacity: 40, venue: 'Ballerup Rådhus' })
    expect(itemText(w, 'event-venue')).toContain('Må højst være 200 tegn.')
    expect(itemText(w, 'event-endsAt')).toContain('Slut skal ligge efter start.')
    expect(value(w, 'event-title')).toBe('Netværksmøde om grøn omstilling')
    expect(value(w, 'event-venue')).toBe('Ballerup Rådhus')
    expect(w.get('[data-testid="event-error"]').text()).toContain('Nogle felter skal rettes.')

    // Editing a field clears its server error; saving again succeeds.
    await type(w, 'event-venue', 'Ballerup Rådhus, sal 1')
    expect(itemText(w, 'event-venue')).not.toContain('Må højst være')
    await w.get('[data-testid="event-form"]').trigger('submit')
    await settle()
    expect(w.find('[data-testid="event-saved"]').exists()).toBe(true)
    expect(w.emitted('saved')?.[0]?.[0]).toMatchObject({ id: 7 })
  })

  it('shows what publishing needs next to the fields, from the client and the server', async () => {
    const w = mountForm(sampleEvent(5, { capacity: 0, venue: '' }))
    await flushPromises()
    await w.get('[data-testid="event-publish"]').trigger('click')
    await settle()
    expect(svc.Publish).not.toHaveBeenCalled()
    expect(itemText(w, 'event-capacity')).toContain('Skriv hvor mange pladser der er')
    expect(itemText(w, 'event-venue')).toContain('Skriv et sted eller et onlinelink.')

    svc.Publish.mockRejectedValueOnce({
      key: 'error.validation',
      message: '',
      fields: { registrationDeadline: { key: 'event.error.deadline_after_start' } },
    })
    await type(w, 'event-capacity', '40')
    await type(w, 'event-venue', 'Ballerup Rådhus')
    await w.get('[data-testid="event-publish"]').trigger('click')
    await settle()
    // What was typed is saved first, then published.
    expect(svc.Save).toHaveBeenCalledTimes(1)
    expect(svc.Publish).toHaveBeenCalledWith(5)
    expect(itemText(w, 'event-registrationDeadline')).toContain('Tilmeldingsfristen skal ligge før arrangementet starter.')
    expect(value(w, 'event-capacity')).toBe('40')
  })

  it('keeps the publish problems when the saved event comes back through the props', async () => {
    const Parent = defineComponent(() => {
      const current = ref<event.Event | null>(null)
      return () => h(EventForm, { event: current.value, options: eventOptions, onSaved: (e: event.Event) => (current.value = e) })
    })
    const w = mount(Parent, { global: { plugins: [ElementPlus, createAppI18n('da')] }, attachTo: document.body })
    await flushPromises()
    await type(w as unknown as W, 'event-title', 'Netværksmøde')
    await pick(w as unknown as W, 'event-startsAt', '03.12.2026 17:00')
    await pick(w as unknown as W, 'event-endsAt', '03.12.2026 19:00')
    await w.get('[data-testid="event-publish"]').trigger('click')
    await settle()
    expect(svc.Save).toHaveBeenCalledTimes(1)
    expect(svc.Publish).not.toHaveBeenCalled()
    expect(itemText(w as unknown as W, 'event-capacity')).toContain('Skriv hvor mange pladser der er')
    expect(itemText(w as unknown as W, 'event-venue')).toContain('Skriv et sted eller et onlinelink.')
  })

  it('publishes a draft and reports the published event', async () => {
    const w = mountForm(sampleEvent(6))
    await flushPromises()
    await w.get('[data-testid="event-publish"]').trigger('click')
    await settle()
    expect(svc.Save).not.toHaveBeenCalled()
    expect(svc.Publish).toHaveBeenCalledWith(6)
    expect(w.emitted('saved')?.[0]?.[0]).toMatchObject({ id: 6, status: 'published' })
  })

  it('asks how many days before the start the reminder goes: 2 for a new event, 0 to 30', async () => {
    const w = mountForm()
    await flushPromises()
    expect(value(w, 'event-reminderDays')).toBe('2')
    expect(itemText(w, 'event-reminderDays')).toContain('0 = ingen påmindelse.')
    await type(w, 'event-reminderDays', '31')
    expect(itemText(w, 'event-reminderDays')).toContain('Skriv et antal dage fra 0 til 30.')
    await type(w, 'event-reminderDays', '0')
    expect(itemText(w, 'event-reminderDays')).not.toContain('Skriv et antal dage')
    await type(w, 'event-title', 'Morgenmøde')
    await pick(w, 'event-startsAt', '03.12.2026 08:00')
    await pick(w, 'event-endsAt', '03.12.2026 09:30')
    await w.get('[data-testid="event-form"]').trigger('submit')
    await settle()
    expect(svc.Save.mock.calls[0][0]).toMatchObject({ reminderDays: 0 })
  })

  it('shows a saved event\'s reminder days and when the reminder went', async () => {
    const w = mountForm(sampleEvent(4, { reminderDays: 5, remindedAt: '2026-11-28T08:00:00Z' }))
    await flushPromises()
    expect(value(w, 'event-reminderDays')).toBe('5')
    expect(w.get('[data-testid="event-reminded"]').text()).toBe('Påmindelsen blev sendt 28.11.2026 kl. 09.00.')
  })

  it('adds, orders and removes questions, with options for a choice', async () => {
    const w = mountForm(sampleEvent(8))
    await flushPromises()
    await w.get('[data-testid="question-add"]').trigger('click')
    await w.get('[data-testid="question-add"]').trigger('click')
    expect(w.findAll('[data-testid="question-row"]')).toHaveLength(2)
    const labels = w.findAll('input[data-testid="question-label"]')
    await labels[0].setValue('Kost')
    await labels[1].setValue('Firma')
    await w.findAll('[data-testid="question-remove"]')[1].trigger('click')
    await w.get('[data-testid="agenda-add"]').trigger('click')
    await w.get('input[data-testid="agenda-time"]').setValue('17.00')
    await w.get('input[data-testid="agenda-title"]').setValue('Velkomst')
    await w.get('[data-testid="event-form"]').trigger('submit')
    await settle()
    const sent = svc.Save.mock.calls[0][0] as event.Event
    expect(sent.questions).toEqual([expect.objectContaining({ label: 'Kost', type: 'short', options: [] })])
    expect(sent.agenda).toEqual([{ time: '17.00', title: 'Velkomst', speaker: '' }])
  })
})
