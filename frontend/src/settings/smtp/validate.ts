// Client-side checks of the SMTP settings. They mirror the Go side's
// mail.Config.validate field by field and return the same catalog keys; the
// server stays the authority (it alone can read a pasted key, for one).

import type { mail } from '../../../wailsjs/go/models'
import type { Message } from '../../transport/problem'
import { validEmail } from '../validate'

/** The encryption modes, as the server names them. */
export const tlsModes = ['starttls', 'opportunistic', 'tls', 'none'] as const

/** The port each mode usually runs on. */
export const portPresets: Record<string, number> = { starttls: 587, opportunistic: 587, tls: 465, none: 25 }

/** SmtpField is a field of the form, by its JSON name. */
export type SmtpField =
  | 'host'
  | 'port'
  | 'tls'
  | 'username'
  | 'password'
  | 'fromName'
  | 'fromAddress'
  | 'replyTo'
  | 'ratePerMinute'
  | 'dailyCap'
  | 'dkimDomain'
  | 'dkimSelector'
  | 'dkimKeyPem'

/** smtpFields lists the fields in the order they are shown. */
export const smtpFields: readonly SmtpField[] = [
  'host',
  'port',
  'tls',
  'username',
  'password',
  'fromName',
  'fromAddress',
  'replyTo',
  'ratePerMinute',
  'dailyCap',
  'dkimDomain',
  'dkimSelector',
  'dkimKeyPem',
]

/**
 * SmtpForm is what staff edit. Numbers are kept as typed so that "abc" or
 * an empty port can be shown back and explained.
 */
export interface SmtpForm {
  host: string
  port: string
  tls: string
  username: string
  password: string
  clearPassword: boolean
  fromName: string
  fromAddress: string
  replyTo: string
  ratePerMinute: string
  dailyCap: string
  dkimEnabled: boolean
  dkimDomain: string
  dkimSelector: string
  dkimKeyPem: string
}

/** SmtpErrors holds one message per field with a problem. */
export type SmtpErrors = Partial<Record<SmtpField, Message>>

const label = '[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?'
const hostPattern = new RegExp(`^${label}(\\.${label})*$`)
const selectorPattern = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/
const controlChar = /[\u0000-\u001f\u007f]/
const pemPattern = /^-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+-----END (RSA )?PRIVATE KEY-----$/

/** validHost reports whether s is a host name such as smtp.office365.com. */
export function validHost(s: string): boolean {
  return s.length <= 253 && hostPattern.test(s)
}

/** validSelector reports whether s can be a DKIM selector. */
export function validSelector(s: string): boolean {
  return selectorPattern.test(s)
}

/** validAddress is the server's check of a sender or reply-to address. */
export function validAddress(s: string): boolean {
  return s.length <= 254 && !/[\s,;<>"]/.test(s) && !controlChar.test(s) && validEmail(s)
}

/** parseCount reads a whole number as typed; null when it is not one. */
export function parseCount(s: string): number | null {
  const v = (s ?? '').trim()
  if (!/^\d{1,9}$/.test(v)) return null
  return Number(v)
}

/** oneLine collapses white space as the server does for header values. */
export function oneLine(s: string): string {
  return (s ?? '').replace(/[\p{Cc}\s]+/gu, ' ').trim()
}

function byteLength(s: string): number {
  return new TextEncoder().encode(s).length
}

function range(s: string, min: number, max: number, key: string, params?: Record<string, unknown>): Message | null {
  const n = parseCount(s)
  return n === null || n < min || n > max ? (params ? { key, params } : { key }) : null
}

/**
 * validateSmtp checks the whole form. keySaved tells whether the server
 * already holds a DKIM key, so none need be pasted.
 */
export function validateSmtp(f: SmtpForm, keySaved: boolean): SmtpErrors {
  const e: SmtpErrors = {}
  const host = f.host.trim()
  const from = f.fromAddress.trim().toLowerCase()
  const replyTo = f.replyTo.trim().toLowerCase()
  const fromName = f.fromName.trim()
  if (host !== '' && !validHost(host)) e.host = { key: 'mail.error.host' }
  const port = range(f.port, 1, 65535, 'mail.error.port')
  if (port) e.port = port
  if (!(tlsModes as readonly string[]).includes(f.tls)) e.tls = { key: 'mail.error.tls' }
  const username = f.username.trim()
  if (controlChar.test(username)) e.username = { key: 'error.control_chars' }
  else if (byteLength(username) > 200) e.username = { key: 'error.too_long', params: { max: 200 } }
  if (controlChar.test(fromName)) e.fromName = { key: 'error.control_chars' }
  else if ([...fromName].length > 100) e.fromName = { key: 'error.too_long', params: { max: 100 } }
  if (host !== '' && from === '') e.fromAddress = { key: 'error.required' }
  else if (from !== '' && !validAddress(from)) e.fromAddress = { key: 'error.email' }
  if (replyTo !== '' && !validAddress(replyTo)) e.replyTo = { key: 'error.email' }
  const rate = range(f.ratePerMinute, 0, 10000, 'mail.error.rate', { max: 10000 })
  if (rate) e.ratePerMinute = rate
  const cap = range(f.dailyCap, 0, 1000000, 'mail.error.rate', { max: 1000000 })
  if (cap) e.dailyCap = cap
  const pem = f.dkimKeyPem.trim()
  if (f.dkimEnabled) {
    const domain = f.dkimDomain.trim().toLowerCase()
    if (!validHost(domain) || !domain.includes('.')) e.dkimDomain = { key: 'mail.error.host' }
    if (!validSelector(f.dkimSelector.trim())) e.dkimSelector = { key: 'mail.error.selector' }
    if (pem === '' && !keySaved) e.dkimKeyPem = { key: 'error.required' }
  }
  if (pem !== '' && !pemPattern.test(pem)) e.dkimKeyPem = { key: 'mail.error.dkim_key' }
  return e
}

/** formFromView fills the form from the saved settings; secrets stay empty. */
export function formFromView(v: mail.SettingsView): SmtpForm {
  return {
    host: v.host ?? '',
    port: String(v.port || 587),
    tls: v.tls || 'starttls',
    username: v.username ?? '',
    password: '',
    clearPassword: false,
    fromName: v.fromName ?? '',
    fromAddress: v.fromAddress ?? '',
    replyTo: v.replyTo ?? '',
    ratePerMinute: String(v.ratePerMinute ?? 30),
    dailyCap: String(v.dailyCap ?? 10000),
    dkimEnabled: !!v.dkimEnabled,
    dkimDomain: v.dkimDomain ?? '',
    dkimSelector: v.dkimSelector ?? '',
    dkimKeyPem: '',
  }
}

/** toInput makes what SaveSettings takes, trimmed as the server trims. */
export function toInput(f: SmtpForm): mail.SettingsInput {
  return {
    host: f.host.trim(),
    port: parseCount(f.port) ?? 0,
    tls: f.tls,
    username: f.username.trim(),
    password: f.clearPassword ? '' : f.password,
    clearPassword: f.clearPassword,
    fromName: oneLine(f.fromName),
    fromAddress: f.fromAddress.trim().toLowerCase(),
    replyTo: f.replyTo.trim().toLowerCase(),
    ratePerMinute: parseCount(f.ratePerMinute) ?? -1,
    dailyCap: parseCount(f.dailyCap) ?? -1,
    dkimEnabled: f.dkimEnabled,
    dkimDomain: f.dkimDomain.trim().toLowerCase(),
    dkimSelector: f.dkimSelector.trim(),
    dkimKeyPem: f.dkimKeyPem.trim(),
  }
}
