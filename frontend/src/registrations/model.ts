// A registration as staff edit it, and the client's copy of the Go side's
// registration.validate (same field names and catalog keys); the server
// stays the authority.
import type { event, registration } from '../../wailsjs/go/models'
import type { FieldMessages } from '../forms/useForm'
import { validEmail } from '../settings/validate'
import { normalizeCVR, validCVR } from '../register/cvr'

/** The list filters, "" being all. */
export const filters = ['', 'confirmed', 'waitlisted', 'cancelled', 'attended', 'noshow'] as const
export type Filter = (typeof filters)[number]

/** The statuses a registration can have; mail goes to a choice of them. */
export const statuses = ['confirmed', 'waitlisted', 'cancelled'] as const

/** An answer as edited: text, a choice, several choices, yes/no or not given (null). */
export type Answer = string | string[] | boolean | null

export interface AttendeeForm {
  name: string
  email: string
  jobTitle: string
}

export interface RegistrationForm {
  companyName: string
  cvr: string
  attendees: AttendeeForm[]
  answers: Record<string, Answer>
  note: string
  /** Only when adding: the registrant's consent and the language of their mails. */
  marketingConsent: boolean
  lang: string
}

const blankAttendee = (): AttendeeForm => ({ name: '', email: '', jobTitle: '' })

/** blankAnswer is a question's answer before anything is chosen. */
function blankAnswer(q: event.Question): Answer {
  if (q.type === 'multi') return []
  if (q.type === 'yesno') return null
  return ''
}

/** answerFor reads a stored answer into the form's shape for the question. */
function answerFor(q: event.Question, v: unknown): Answer {
  switch (q.type) {
    case 'multi':
      return Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []
    case 'yesno':
      return typeof v === 'boolean' ? v : null
    default:
      return v == null ? '' : Array.isArray(v) ? v.join(', ') : String(v)
  }
}

/** blankRegistration is the empty form for adding a registration by hand. */
export function blankRegistration(e: event.Event, lang = 'da'): RegistrationForm {
  const answers: Record<string, Answer> = {}
  for (const q of e.questions ?? []) answers[q.id] = blankAnswer(q)
  return { companyName: '', cvr: '', attendees: [blankAttendee()], answers, note: '', marketingConsent: false, lang }
}

/** toRegistrationForm fills the form from a saved registration. */
export function toRegistrationForm(r: registration.Registration, e: event.Event): RegistrationForm {
  const answers: Record<string, Answer> = {}
  for (const q of e.questions ?? []) answers[q.id] = answerFor(q, r.answers?.[q.id])
  const attendees = (r.attendees ?? []).map((a) => ({ name: a.name ?? '', email: a.email ?? '', jobTitle: a.jobTitle ?? '' }))
  return {
    companyName: r.companyName ?? '',
    cvr: r.cvr ?? '',
    attendees: attendees.length ? attendees : [blankAttendee()],
    answers,
    note: r.note ?? '',
    marketingConsent: !!r.marketingConsent,
    lang: r.lang || 'da',
  }
}

const squash = (s: string) => s.split(/\s+/).filter(Boolean).join(' ')
const isBlank = (a: AttendeeForm) => !a.name.trim() && !a.email.trim() && !a.jobTitle.trim()

/** filledAttendees are the attendee rows with anything typed, as the server keeps them. */
export function filledAttendees(f: RegistrationForm): AttendeeForm[] {
  return f.attendees.filter((a) => !isBlank(a))
}

/**
 * answersOut are the answers as the server takes them: unanswered
 * questions are left out, and answers to questions the event no longer
 * asks are kept as they were.
 */
export function answersOut(f: RegistrationForm, e: event.Event, saved?: registration.Registration | null): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const asked = new Set((e.questions ?? []).map((q) => q.id))
  for (const [k, v] of Object.entries(saved?.answers ?? {})) if (!asked.has(k)) out[k] = v
  for (const q of e.questions ?? []) {
    const v = f.answers[q.id]
    if (v == null) continue
    if (typeof v === 'string') {
      if (v.trim() !== '') out[q.id] = q.type === 'long' ? v.trim() : squash(v)
    } else if (Array.isArray(v)) {
      if (v.length) out[q.id] = [...v]
    } else {
      out[q.id] = v
    }
  }
  return out
}

function attendeesOut(f: RegistrationForm): registration.AttendeeInput[] {
  return filledAttendees(f).map((a) => ({ name: squash(a.name), email: a.email.trim().toLowerCase(), jobTitle: squash(a.jobTitle) }))
}

/** toChange is what Registrations.Update receives. */
export function toChange(f: RegistrationForm, e: event.Event, saved: registration.Registration): registration.Change {
  return {
    companyName: squash(f.companyName),
    cvr: normalizeCVR(f.cvr),
    attendees: attendeesOut(f),
    answers: answersOut(f, e, saved),
    note: f.note.trim(),
  }
}

/** toRequest is what Registrations.Add receives. */
export function toRequest(f: RegistrationForm, e: event.Event): registration.Request {
  return {
    eventId: e.id,
    companyName: squash(f.companyName),
    cvr: normalizeCVR(f.cvr),
    attendees: attendeesOut(f),
    answers: answersOut(f, e),
    marketingConsent: f.marketingConsent,
    lang: f.lang,
    source: 'staff',
    invitation: '',
    note: f.note.trim(),
  }
}

/** fieldOrder lists the form's fields in the order shown: the first wrong one gets focus. */
export function fieldOrder(f: RegistrationForm, e: event.Event): string[] {
  const out = ['companyName', 'cvr', 'attendees']
  f.attendees.forEach((_, i) => out.push(`attendees.${i}.name`, `attendees.${i}.email`, `attendees.${i}.jobTitle`))
  for (const q of e.questions ?? []) out.push(`answers.${q.id}`)
  out.push('note')
  return out
}

/** validateRegistration checks the form as the server will; attendee indexes are those of the rows shown. */
export function validateRegistration(f: RegistrationForm, e: event.Event): FieldMessages<string> {
  const v: FieldMessages<string> = {}
  const name = squash(f.companyName)
  if (name === '') v.companyName = { key: 'error.required' }
  else if ([...name].length > 200) v.companyName = { key: 'error.too_long', params: { max: 200 } }
  const cvr = normalizeCVR(f.cvr)
  if (cvr !== '' && !validCVR(cvr)) v.cvr = { key: 'company.error.cvr' }
  const filled = filledAttendees(f)
  if (filled.length === 0) v.attendees = { key: 'registration.error.no_attendees' }
  else if (e.seatsPerCompany > 0 && filled.length > e.seatsPerCompany) {
    v.attendees = { key: 'registration.error.too_many', params: { max: e.seatsPerCompany } }
  }
  const seen = new Set<string>()
  f.attendees.forEach((a, i) => {
    if (isBlank(a)) return
    if (squash(a.name) === '') v[`attendees.${i}.name`] = { key: 'error.required' }
    const email = a.email.trim().toLowerCase()
    if (email === '') v[`attendees.${i}.email`] = { key: 'error.required' }
    else if (!validEmail(email)) v[`attendees.${i}.email`] = { key: 'error.email' }
    else if (seen.has(email)) v[`attendees.${i}.email`] = { key: 'registration.error.email_twice' }
    seen.add(email)
  })
  for (const q of e.questions ?? []) {
    const a = f.answers[q.id]
    const empty = a == null || (typeof a === 'string' && a.trim() === '') || (Array.isArray(a) && a.length === 0)
    if (empty && q.required) v[`answers.${q.id}`] = { key: 'error.required' }
    else if (typeof a === 'string' && [...a.trim()].length > 2000) v[`answers.${q.id}`] = { key: 'error.too_long', params: { max: 2000 } }
  }
  return v
}

/** questionLabel is a question in the language shown, Danish when there is no English. */
export function questionLabel(q: event.Question, lang: string): string {
  return lang === 'en' && q.labelEn ? q.labelEn : q.label
}

/** attendedCount is how many of a registration's attendees are checked in. */
export function attendedCount(r: registration.Registration): number {
  return (r.attendees ?? []).filter((a) => !!a.attendedAt).length
}
