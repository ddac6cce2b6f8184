// Client-side checks of the company and contact forms. They mirror the Go
// side's company.validate and validateContact field by field and return the
// same catalog keys; the server stays the authority.

import type { company } from '../../wailsjs/go/models'
import type { FieldMessages } from '../forms/useForm'
import type { Message } from '../transport/problem'
import { validEmail, validPhone } from '../settings/validate'
import { normalizeCVR, splitPNumbers, validCVR, validPNumber } from './cvr'

/** The business clusters, in the order the UI shows them. */
export const clusters = ['it', 'finance', 'lifescience', 'other'] as const

/** CompanyField is a field of the company form, by its JSON name, in the order shown. */
export const companyFields = [
  'name',
  'cvr',
  'form',
  'cluster',
  'branchCode',
  'area',
  'address',
  'postcode',
  'city',
  'employees',
  'website',
  'pNumbers',
  'tags',
  'symbiosis',
  'notes',
] as const
export type CompanyField = (typeof companyFields)[number]

/** CompanyForm is what the company form edits: text as typed. */
export interface CompanyForm {
  id: number
  name: string
  cvr: string
  form: string
  cluster: string
  branchCode: string
  area: string
  address: string
  postcode: string
  city: string
  employees: string
  website: string
  pNumbers: string
  tags: string[]
  symbiosis: boolean
  notes: string
}

export function blankCompany(): CompanyForm {
  return {
    id: 0,
    name: '',
    cvr: '',
    form: '',
    cluster: 'other',
    branchCode: '',
    area: '',
    address: '',
    postcode: '',
    city: '',
    employees: '',
    website: '',
    pNumbers: '',
    tags: [],
    symbiosis: false,
    notes: '',
  }
}

/** toCompanyForm fills the form from a saved company. */
export function toCompanyForm(c: company.Company): CompanyForm {
  return {
    id: c.id,
    name: c.name ?? '',
    cvr: c.cvr ?? '',
    form: c.form ?? '',
    cluster: c.cluster || 'other',
    branchCode: c.branchCode ?? '',
    area: c.area ?? '',
    address: c.address ?? '',
    postcode: c.postcode ?? '',
    city: c.city ?? '',
    employees: c.employees === undefined || c.employees === null ? '' : String(c.employees),
    website: c.website ?? '',
    pNumbers: (c.pNumbers ?? []).join(', '),
    tags: [...(c.tags ?? [])],
    symbiosis: !!c.symbiosis,
    notes: c.notes ?? '',
  }
}

/** fromCompanyForm is what Companies.Save receives. */
export function fromCompanyForm(f: CompanyForm, saved?: company.Company | null): company.Company {
  const cvr = normalizeCVR(f.cvr)
  const emp = f.employees.trim()
  return {
    id: f.id,
    cvr: cvr === '' ? undefined : cvr,
    name: f.name.trim(),
    form: f.form.trim(),
    branchCode: f.branchCode.trim(),
    cluster: f.cluster,
    area: f.area,
    address: f.address.trim(),
    postcode: f.postcode.trim(),
    city: f.city.trim(),
    employees: emp === '' ? undefined : Number(emp),
    website: f.website.trim(),
    symbiosis: f.symbiosis,
    notes: f.notes.trim(),
    pNumbers: splitPNumbers(f.pNumbers),
    tags: [...f.tags],
    contacts: saved?.contacts ?? 0,
    createdAt: saved?.createdAt ?? null,
    updatedAt: saved?.updatedAt ?? null,
  }
}

const controlChar = /\p{Cc}/u
const runes = (s: string) => [...s].length

function checkText(s: string, required: boolean, max: number): Message | null {
  if (required && s === '') return { key: 'error.required' }
  if (runes(s) > max) return { key: 'error.too_long', params: { max } }
  if (controlChar.test(s)) return { key: 'error.control_chars' }
  return null
}

/** validWebsite accepts an absolute http(s) URL with a host, as the server does. */
export function validWebsite(s: string): boolean {
  if (!/^https?:\/\/[^/?#\s]/i.test(s)) return false
  try {
    const u = new URL(s)
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== ''
  } catch {
    return false
  }
}

/** validateCompany checks every field and reports all problems at once. */
export function validateCompany(f: CompanyForm): FieldMessages<CompanyField> {
  const e: FieldMessages<CompanyField> = {}
  const set = (k: CompanyField, m: Message | null) => {
    if (m) e[k] = m
  }
  set('name', checkText(f.name.split(/\s+/).filter(Boolean).join(' '), true, 200))
  const cvr = normalizeCVR(f.cvr)
  if (cvr !== '' && !validCVR(cvr)) e.cvr = { key: 'company.error.cvr' }
  const badP = splitPNumbers(f.pNumbers).find((p) => !validPNumber(p))
  if (badP !== undefined) e.pNumbers = { key: 'company.error.p_number', params: { value: badP } }
  const branch = f.branchCode.trim()
  if (branch !== '' && !/^\d{6}$/.test(branch)) e.branchCode = { key: 'company.error.branch_code' }
  if (f.cluster !== '' && !(clusters as readonly string[]).includes(f.cluster)) e.cluster = { key: 'company.error.cluster' }
  const post = f.postcode.trim()
  if (post !== '' && !/^\d{4}$/.test(post)) e.postcode = { key: 'company.error.postcode' }
  const emp = f.employees.trim()
  if (emp !== '' && (!/^\d+$/.test(emp) || Number(emp) > 1_000_000)) e.employees = { key: 'company.error.employees' }
  const web = f.website.trim()
  if (web !== '' && !validWebsite(web)) e.website = { key: 'company.error.website' }
  set('form', checkText(f.form.trim(), false, 40))
  set('area', checkText(f.area.trim(), false, 80))
  set('address', checkText(f.address.trim(), false, 200))
  set('city', checkText(f.city.trim(), false, 80))
  if (runes(f.notes.trim()) > 5000) e.notes = { key: 'error.too_long', params: { max: 5000 } }
  if (f.tags.some((t) => runes(t.trim()) > 40)) e.tags = { key: 'error.too_long', params: { max: 40 } }
  return e
}

/** ContactField is a field of the contact form, in the order shown. */
export const contactFields = ['name', 'email', 'phone', 'jobTitle', 'companyId', 'language'] as const
export type ContactField = (typeof contactFields)[number]

/** ContactForm is what the contact form edits. */
export interface ContactForm {
  id: number
  name: string
  email: string
  phone: string
  jobTitle: string
  companyId: number | null
  language: string
}

export function blankContact(companyId: number | null = null): ContactForm {
  return { id: 0, name: '', email: '', phone: '', jobTitle: '', companyId, language: 'da' }
}

export function toContactForm(c: company.Contact): ContactForm {
  return {
    id: c.id,
    name: c.name ?? '',
    email: c.email ?? '',
    phone: c.phone ?? '',
    jobTitle: c.jobTitle ?? '',
    companyId: c.companyId ?? null,
    language: c.language || 'da',
  }
}

/** fromContactForm is what Contacts.Save receives; the read-only fields come from the saved contact. */
export function fromContactForm(f: ContactForm, saved?: company.Contact | null): company.Contact {
  return {
    id: f.id,
    name: f.name.trim(),
    email: f.email.trim().toLowerCase(),
    phone: f.phone.trim(),
    jobTitle: f.jobTitle.trim(),
    companyId: f.companyId ?? undefined,
    language: f.language,
    companyName: saved?.companyName ?? '',
    suppressed: saved?.suppressed ?? '',
    createdAt: saved?.createdAt ?? null,
    updatedAt: saved?.updatedAt ?? null,
  }
}

export function validateContact(f: ContactForm): FieldMessages<ContactField> {
  const e: FieldMessages<ContactField> = {}
  const name = checkText(f.name.split(/\s+/).filter(Boolean).join(' '), true, 120)
  if (name) e.name = name
  const email = f.email.trim()
  if (email === '') e.email = { key: 'error.required' }
  else if (!validEmail(email)) e.email = { key: 'error.email' }
  const phone = f.phone.trim()
  if (phone !== '' && !validPhone(phone)) e.phone = { key: 'settings.error.phone' }
  if (runes(f.jobTitle.trim()) > 120) e.jobTitle = { key: 'error.too_long', params: { max: 120 } }
  if (f.language !== 'da' && f.language !== 'en') e.language = { key: 'settings.error.language' }
  return e
}
