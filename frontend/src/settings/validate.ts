// Client-side checks of the settings form. They mirror the Go side's
// setting.Validate field by field and return the same catalog keys, so a
// message reads the same whether it came from here or from the server; the
// server stays the authority.

import type { setting } from '../../wailsjs/go/models'
import type { Message } from '../transport/problem'

/** SettingsField is a field of the settings form, by its JSON name. */
export type SettingsField =
  | 'organiserName'
  | 'department'
  | 'address'
  | 'phone'
  | 'email'
  | 'baseUrl'
  | 'calendarName'
  | 'defaultLanguage'
  | 'timeZone'

/** settingsFields lists the form's fields in the order they are shown. */
export const settingsFields: readonly SettingsField[] = [
  'organiserName',
  'department',
  'address',
  'phone',
  'email',
  'baseUrl',
  'calendarName',
  'defaultLanguage',
  'timeZone',
]

/** EditableSettings is the part of setting.Settings that staff edit. */
export type EditableSettings = Pick<setting.Settings, SettingsField>

/** FieldErrors holds one message per field with a problem. */
export type FieldErrors = Partial<Record<SettingsField, Message>>

const controlChar = /\p{Cc}/u

function runes(s: string): number {
  return [...s].length
}

function checkText(s: string, required: boolean, max: number): Message | null {
  if (required && s === '') return { key: 'error.required' }
  if (runes(s) > max) return { key: 'error.too_long', params: { max } }
  if (controlChar.test(s)) return { key: 'error.control_chars' }
  return null
}

/** validPhone allows 8–15 digits with spaces, hyphens and a leading +. */
export function validPhone(p: string): boolean {
  let digits = 0
  for (let i = 0; i < p.length; i++) {
    const c = p[i]
    if (c >= '0' && c <= '9') digits++
    else if (c === ' ' || c === '-') continue
    else if (c === '+' && i === 0) continue
    else return false
  }
  return digits >= 8 && digits <= 15
}

// A bare address as Go's net/mail accepts it (dot-atoms on both sides, UTF-8
// allowed), with a dot in the domain as setting.ValidEmail demands.
const atom = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u0080-\\uFFFF]+"
const emailPattern = new RegExp(`^${atom}(\\.${atom})*@${atom}(\\.${atom})+$`, 'u')

/** validEmail reports whether s is a bare e-mail address such as navn@firma.dk. */
export function validEmail(s: string): boolean {
  return emailPattern.test(s)
}

/** validBaseURL checks an absolute http(s) URL with a host and no query. */
export function validBaseURL(s: string): boolean {
  if (!/^https?:\/\/[^/?#\s]/i.test(s)) return false
  let u: URL
  try {
    u = new URL(s)
  } catch {
    return false
  }
  return (
    (u.protocol === 'http:' || u.protocol === 'https:') &&
    u.host !== '' &&
    u.search === '' &&
    u.hash === '' &&
    !s.includes('?') &&
    !s.includes('#') &&
    u.username === '' &&
    u.password === ''
  )
}

/** normalizeValue trims a value as the server's setting.Normalize does. */
export function normalizeValue(field: SettingsField, value: string): string {
  const v = (value ?? '').trim()
  return field === 'baseUrl' ? v.replace(/\/+$/, '') : v
}

/** normalizeSettings trims every field as the server does before saving. */
export function normalizeSettings<T extends EditableSettings>(s: T): T {
  const out = { ...s }
  for (const f of settingsFields) out[f] = normalizeValue(f, s[f] ?? '')
  return out
}

/** validateField checks one field; null means it is fine. */
export function validateField(field: SettingsField, raw: string): Message | null {
  const value = normalizeValue(field, raw)
  switch (field) {
    case 'organiserName':
      return checkText(value, true, 120)
    case 'department':
      return checkText(value, false, 120)
    case 'address':
      return checkText(value, false, 200)
    case 'phone':
      return value !== '' && !validPhone(value) ? { key: 'settings.error.phone' } : null
    case 'email':
      if (value === '') return { key: 'error.required' }
      return validEmail(value) ? null : { key: 'error.email' }
    case 'baseUrl':
      return value !== '' && !validBaseURL(value) ? { key: 'settings.error.base_url' } : null
    case 'calendarName':
      return checkText(value, false, 120)
    case 'defaultLanguage':
      return value === 'da' || value === 'en' ? null : { key: 'settings.error.language' }
    case 'timeZone':
      if (value === '') return { key: 'error.required' }
      return value === 'Local' ? { key: 'settings.error.time_zone' } : null
  }
}

/** validateSettings checks every field and reports all problems at once. */
export function validateSettings(s: EditableSettings): FieldErrors {
  const errors: FieldErrors = {}
  for (const f of settingsFields) {
    const m = validateField(f, s[f] ?? '')
    if (m) errors[f] = m
  }
  return errors
}
