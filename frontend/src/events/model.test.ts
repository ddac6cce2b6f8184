import { describe, expect, it } from 'vitest'
import { blankEvent, fromEventForm, publishProblems, toEventForm, validateEvent, type EventForm } from './model'
import { sampleEvent } from './testing'
import { fromWall, toWall } from './zone'

const tz = 'Europe/Copenhagen'
const form = (over: Partial<EventForm> = {}): EventForm => ({
  ...blankEvent(), title: 'Netværksmøde', startsAt: '2026-12-03 17:00', endsAt: '2026-12-03 19:00', ...over,
})

describe('zone', () => {
  it('edits times as wall times in the organiser zone, across summer time', () => {
    expect(toWall('2026-12-03T16:00:00Z', tz)).toBe('2026-12-03 17:00')
    expect(toWall('2026-06-03T15:00:00Z', tz)).toBe('2026-06-03 17:00')
    expect(fromWall('2026-12-03 17:00', tz)).toBe('2026-12-03T16:00:00Z')
    expect(fromWall('2026-06-03 17:00', tz)).toBe('2026-06-03T15:00:00Z')
    expect(fromWall('2026-03-29 03:30', tz)).toBe('2026-03-29T01:30:00Z')
    expect(toWall('0001-01-01T00:00:00Z', tz)).toBe('')
    expect(fromWall('', tz)).toBeNull()
  })
})

describe('validateEvent', () => {
  it('wants a title, a start and an end after the start', () => {
    expect(validateEvent(form())).toEqual({})
    expect(validateEvent(form({ title: '  ' })).title).toEqual({ key: 'error.required' })
    expect(validateEvent(form({ startsAt: '' })).startsAt).toEqual({ key: 'error.required' })
    expect(validateEvent(form({ endsAt: '2026-12-03 17:00' })).endsAt).toEqual({ key: 'event.error.ends_before_start' })
    expect(validateEvent(form({ endsAt: '2026-12-02 19:00' })).endsAt).toEqual({ key: 'event.error.ends_before_start' })
  })

  it('wants the deadline before the start and the opening before the deadline', () => {
    expect(validateEvent(form({ registrationDeadline: '2026-12-03 17:00' })).registrationDeadline).toEqual({ key: 'event.error.deadline_after_start' })
    expect(validateEvent(form({ registrationDeadline: '2026-12-01 12:00' }))).toEqual({})
    const e = validateEvent(form({ registrationDeadline: '2026-12-01 12:00', registrationOpensAt: '2026-12-02 12:00' }))
    expect(e.registrationOpensAt).toEqual({ key: 'event.error.opens_after_deadline' })
  })

  it('checks numbers, links, e-mail, questions and agenda like the server', () => {
    const e = validateEvent(form({
      capacity: '-1', seatsPerCompany: 'x', onlineUrl: 'teams', contactEmail: 'anna@',
      questions: [{ id: 'q1', label: 'Kost', labelEn: '', type: 'single', required: false, options: 'Vegetar' }],
      agenda: [{ time: '17:00', title: 'Velkomst', speaker: '' }, { time: '25:00', title: 'Slut', speaker: '' }],
    }))
    expect(e.capacity).toEqual({ key: 'event.error.capacity' })
    expect(e.seatsPerCompany).toEqual({ key: 'event.error.seats_per_company' })
    expect(e.onlineUrl).toEqual({ key: 'company.error.website' })
    expect(e.contactEmail).toEqual({ key: 'error.email' })
    expect(e.questions).toEqual({ key: 'event.error.question_options', params: { n: 1 } })
    expect(e.agenda).toEqual({ key: 'event.error.agenda_time', params: { n: 2 } })
    expect(validateEvent(form({ questions: [{ id: 'q', label: ' ', labelEn: '', type: 'yesno', required: true, options: '' }] })).questions)
      .toEqual({ key: 'event.error.question_label', params: { n: 1 } })
  })

  it('knows what publishing also needs', () => {
    expect(publishProblems(form({ capacity: '0' }))).toEqual({
      capacity: { key: 'event.error.capacity_positive' },
      venue: { key: 'event.error.no_place' },
    })
    expect(publishProblems(form({ capacity: '40', onlineUrl: 'https://teams.example' }))).toEqual({})
  })
})

describe('fromEventForm', () => {
  it('round-trips an event and sends UTC times, numbers and options as lists', () => {
    const saved = sampleEvent(3, { questions: [{ id: 'q1', label: 'Kost', labelEn: 'Diet', type: 'multi', required: true, options: ['Vegetar', 'Vegansk'] }] })
    const f = toEventForm(saved, tz)
    expect(f.startsAt).toBe('2026-12-03 17:00')
    expect(f.capacity).toBe('40')
    expect(f.questions[0].options).toBe('Vegetar\nVegansk')
    expect(fromEventForm(f, saved, tz)).toEqual(saved)
  })
})
