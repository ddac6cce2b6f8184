// The event form's values and the client's copy of the Go side's checks
// (event.validateDraft and validatePublish), with the same catalog keys;
// the server stays the authority.
import type { event } from '../../wailsjs/go/models'
import type { FieldMessages } from '../forms/useForm'
import type { Message } from '../transport/problem'
import { validEmail } from '../settings/validate'
import { validWebsite } from '../register/validate'
import { fromWall, toWall } from './zone'

export const kinds = ['network', 'information', 'sustainability', 'course', 'newyear', 'other'] as const
export const statuses = ['draft', 'published', 'cancelled', 'completed'] as const
export const questionTypes = ['short', 'long', 'single', 'multi', 'yesno'] as const
export const tracks = [0, 1, 2, 3, 4] as const

/** The reminder lead of a new event (the Go side's event.DefaultReminderDays), and the most allowed. */
export const defaultReminderDays = 2
export const maxReminderDays = 30

/** The fields in the order shown; the first wrong one gets focus. */
export const eventFields = [
  'title', 'titleEn', 'kind', 'visibility', 'track', 'themes', 'description', 'descriptionEn',
  'startsAt', 'endsAt', 'venue', 'address', 'onlineUrl',
  'capacity', 'seatsPerCompany', 'registrationOpensAt', 'registrationDeadline', 'waitlist', 'reminderDays',
  'questions', 'agenda', 'contactName', 'contactEmail',
] as const
export type EventField = (typeof eventFields)[number]

/** The fields edited as plain text. */
export type TextField =
  | 'title' | 'titleEn' | 'description' | 'descriptionEn' | 'venue' | 'address' | 'onlineUrl'
  | 'capacity' | 'seatsPerCompany' | 'reminderDays' | 'contactName' | 'contactEmail'

/** QuestionForm is a question as edited: its options one per line. */
export interface QuestionForm {
  id: string
  label: string
  labelEn: string
  type: string
  required: boolean
  options: string
}

export interface EventForm {
  id: number
  status: string
  title: string
  titleEn: string
  kind: string
  visibility: string
  track: number
  themes: string[]
  description: string
  descriptionEn: string
  /** Wall times in the organiser's zone, "YYYY-MM-DD HH:mm"; '' when unset. */
  startsAt: string
  endsAt: string
  venue: string
  address: string
  onlineUrl: string
  capacity: string
  seatsPerCompany: string
  registrationOpensAt: string
  registrationDeadline: string
  waitlist: boolean
  /** Days before the start the reminder goes out; "0" sends none. */
  reminderDays: string
  questions: QuestionForm[]
  agenda: event.AgendaItem[]
  contactName: string
  contactEmail: string
}

export function blankEvent(): EventForm {
  return {
    id: 0, status: 'draft', title: '', titleEn: '', kind: 'network', visibility: 'public', track: 0, themes: [],
    description: '', descriptionEn: '', startsAt: '', endsAt: '', venue: '', address: '', onlineUrl: '',
    capacity: '0', seatsPerCompany: '0', registrationOpensAt: '', registrationDeadline: '', waitlist: false,
    reminderDays: String(defaultReminderDays), questions: [], agenda: [], contactName: '', contactEmail: '',
  }
}

let questionSeq = 0
/** newQuestionId gives a question an id of its own (the server keeps what it gets). */
export function newQuestionId(): string {
  questionSeq++
  return `q${Date.now().toString(36)}${questionSeq}`
}

export function toEventForm(e: event.Event, tz: string): EventForm {
  return {
    id: e.id, status: e.status || 'draft', title: e.title ?? '', titleEn: e.titleEn ?? '', kind: e.kind || 'network',
    visibility: e.visibility || 'public', track: e.track ?? 0, themes: [...(e.themes ?? [])],
    description: e.description ?? '', descriptionEn: e.descriptionEn ?? '',
    startsAt: toWall(e.startsAt, tz), endsAt: toWall(e.endsAt, tz),
    venue: e.venue ?? '', address: e.address ?? '', onlineUrl: e.onlineUrl ?? '',
    capacity: String(e.capacity ?? 0), seatsPerCompany: String(e.seatsPerCompany ?? 0),
    registrationOpensAt: toWall(e.registrationOpensAt, tz), registrationDeadline: toWall(e.registrationDeadline, tz),
    waitlist: !!e.waitlist,
    reminderDays: String(e.reminderDays ?? defaultReminderDays),
    questions: (e.questions ?? []).map((q) => ({ ...q, options: (q.options ?? []).join('\n') })),
    agenda: (e.agenda ?? []).map((a) => ({ ...a })),
    contactName: e.contactName ?? '', contactEmail: e.contactEmail ?? '',
  }
}

const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean)
const int = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : -1)

/** fromEventForm is what Events.Save receives; read-only fields come from the saved event. */
export function fromEventForm(f: EventForm, saved: event.Event | null, tz: string): event.Event {
  return {
    id: f.id, slug: saved?.slug ?? '', uid: saved?.uid ?? '', sequence: saved?.sequence ?? 0,
    status: f.status, kind: f.kind, visibility: f.visibility, track: f.track,
    title: f.title.trim(), titleEn: f.titleEn.trim(), description: f.description.trim(), descriptionEn: f.descriptionEn.trim(),
    themes: [...f.themes], venue: f.venue.trim(), address: f.address.trim(), onlineUrl: f.onlineUrl.trim(),
    startsAt: fromWall(f.startsAt, tz), endsAt: fromWall(f.endsAt, tz),
    capacity: int(f.capacity), seatsPerCompany: int(f.seatsPerCompany),
    registrationOpensAt: fromWall(f.registrationOpensAt, tz), registrationDeadline: fromWall(f.registrationDeadline, tz),
    waitlist: f.waitlist, reminderDays: int(f.reminderDays),
    questions: f.questions.map((q) => ({
      id: q.id, label: q.label.trim(), labelEn: q.labelEn.trim(), type: q.type, required: q.required,
      options: q.type === 'single' || q.type === 'multi' ? lines(q.options) : [],
    })),
    agenda: f.agenda.map((a) => ({ time: a.time.trim(), title: a.title.trim(), speaker: a.speaker.trim() })),
    contactName: f.contactName.trim(), contactEmail: f.contactEmail.trim().toLowerCase(),
    seriesId: saved?.seriesId ?? '', cancelMessage: saved?.cancelMessage ?? '',
    seatsTaken: saved?.seatsTaken ?? 0, remindedAt: saved?.remindedAt ?? null,
    createdAt: saved?.createdAt ?? null, updatedAt: saved?.updatedAt ?? null,
  }
}

const agendaTime = /^([01]\d|2[0-3])[:.][0-5]\d$/

/** validateEvent checks what any saved event must satisfy, plus the order of the registration times. */
export function validateEvent(f: EventForm): FieldMessages<EventField> {
  const e: FieldMessages<EventField> = {}
  const title = f.title.split(/\s+/).filter(Boolean).join(' ')
  if (title === '') e.title = { key: 'error.required' }
  else if ([...title].length > 200) e.title = { key: 'error.too_long', params: { max: 200 } }
  if (!(kinds as readonly string[]).includes(f.kind)) e.kind = { key: 'event.error.kind' }
  if (f.visibility !== 'public' && f.visibility !== 'invite') e.visibility = { key: 'event.error.visibility' }
  if (!Number.isInteger(f.track) || f.track < 0 || f.track > 4) e.track = { key: 'event.error.track' }
  if (f.startsAt === '') e.startsAt = { key: 'error.required' }
  else if (f.endsAt === '' || f.endsAt <= f.startsAt) e.endsAt = { key: 'event.error.ends_before_start' }
  if (int(f.capacity) < 0) e.capacity = { key: 'event.error.capacity' }
  if (int(f.seatsPerCompany) < 0) e.seatsPerCompany = { key: 'event.error.seats_per_company' }
  const days = int(f.reminderDays)
  if (days < 0 || days > maxReminderDays) e.reminderDays = { key: 'ui.events.error.reminder_days', params: { max: maxReminderDays } }
  if (f.registrationDeadline !== '' && f.startsAt !== '' && f.registrationDeadline >= f.startsAt) {
    e.registrationDeadline = { key: 'event.error.deadline_after_start' }
  }
  if (f.registrationOpensAt !== '' && f.registrationDeadline !== '' && f.registrationOpensAt >= f.registrationDeadline) {
    e.registrationOpensAt = { key: 'event.error.opens_after_deadline' }
  }
  const url = f.onlineUrl.trim()
  if (url !== '' && !validWebsite(url)) e.onlineUrl = { key: 'company.error.website' }
  const email = f.contactEmail.trim()
  if (email !== '' && !validEmail(email)) e.contactEmail = { key: 'error.email' }
  e.questions = questionProblem(f.questions) ?? undefined
  const badTime = f.agenda.findIndex((a) => a.time.trim() !== '' && !agendaTime.test(a.time.trim()))
  if (badTime >= 0) e.agenda = { key: 'event.error.agenda_time', params: { n: badTime + 1 } }
  for (const k of Object.keys(e) as EventField[]) if (!e[k]) delete e[k]
  return e
}

function questionProblem(qs: QuestionForm[]): Message | null {
  for (const [i, q] of qs.entries()) {
    const n = i + 1
    if (!(questionTypes as readonly string[]).includes(q.type)) return { key: 'event.error.question_type', params: { n } }
    if ((q.type === 'single' || q.type === 'multi') && lines(q.options).length < 2) {
      return { key: 'event.error.question_options', params: { n } }
    }
    if (q.label.trim() === '') return { key: 'event.error.question_label', params: { n } }
  }
  return null
}

/** publishProblems are what Publish would also refuse, checked before asking the server. */
export function publishProblems(f: EventForm): FieldMessages<EventField> {
  const e: FieldMessages<EventField> = {}
  if (int(f.capacity) <= 0) e.capacity = { key: 'event.error.capacity_positive' }
  if (f.venue.trim() === '' && f.onlineUrl.trim() === '') e.venue = { key: 'event.error.no_place' }
  return e
}
