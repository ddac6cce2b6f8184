import { describe, expect, it } from 'vitest'
import {
  normalizeSettings,
  validBaseURL,
  validEmail,
  validPhone,
  validateField,
  validateSettings,
  type EditableSettings,
} from './validate'

const good: EditableSettings = {
  organiserName: 'Erhverv Aarhus',
  department: 'Erhvervsafdelingen',
  address: 'Rådhuspladsen 2, 8000 Aarhus C',
  phone: '+45 8940 2000',
  email: 'erhverv@aarhus.dk',
  baseUrl: 'https://arrangementer.aarhus.dk',
  calendarName: 'Erhverv Aarhus: arrangementer',
  defaultLanguage: 'da',
  timeZone: 'Europe/Copenhagen',
}

describe('validateSettings', () => {
  it('accepts valid settings', () => {
    expect(validateSettings(good)).toEqual({})
  })

  it('accepts empty optional fields', () => {
    expect(validateSettings({ ...good, department: '', address: '', phone: '', baseUrl: '', calendarName: '' })).toEqual({})
  })

  it('reports every problem at once with the server keys', () => {
    const errs = validateSettings({
      organiserName: '  ',
      department: 'x'.repeat(121),
      address: 'a\u0007b',
      phone: '12ab',
      email: 'not-an-address',
      baseUrl: 'ftp://x',
      calendarName: 'x'.repeat(121),
      defaultLanguage: 'de',
      timeZone: '',
    })
    expect(errs).toEqual({
      organiserName: { key: 'error.required' },
      department: { key: 'error.too_long', params: { max: 120 } },
      address: { key: 'error.control_chars' },
      phone: { key: 'settings.error.phone' },
      email: { key: 'error.email' },
      baseUrl: { key: 'settings.error.base_url' },
      calendarName: { key: 'error.too_long', params: { max: 120 } },
      defaultLanguage: { key: 'settings.error.language' },
      timeZone: { key: 'error.required' },
    })
  })
})

describe('validateField', () => {
  it.each([
    ['organiserName', 'x'.repeat(120), null],
    ['organiserName', 'æ'.repeat(120), null],
    ['organiserName', 'x'.repeat(121), 'error.too_long'],
    ['address', 'x'.repeat(200), null],
    ['address', 'x'.repeat(201), 'error.too_long'],
    ['calendarName', '', null],
    ['calendarName', 'ø'.repeat(120), null],
    ['calendarName', 'x'.repeat(121), 'error.too_long'],
    ['calendarName', 'Erhverv\tkalender', 'error.control_chars'],
    ['email', '', 'error.required'],
    ['email', '  navn@firma.dk ', null],
    ['timeZone', 'Local', 'settings.error.time_zone'],
    ['defaultLanguage', 'en', null],
  ] as const)('%s = %j → %s', (field, value, key) => {
    const m = validateField(field, value)
    expect(m?.key ?? null).toBe(key)
  })
})

describe('validPhone', () => {
  it.each([
    ['4477 2000', true],
    ['44772000', true],
    ['+45 44 77 20 00', true],
    ['44-77-20-00', true],
    ['123456789012345', true],
    ['1234567', false],
    ['1234567890123456', false],
    ['45+44772000', false],
    ['(45) 44772000', false],
    ['4477 2000 ext', false],
  ])('%s → %s', (p, ok) => expect(validPhone(p)).toBe(ok))
})

describe('validEmail', () => {
  it.each([
    ['navn@firma.dk', true],
    ['a.b+c@sub.firma.dk', true],
    ['søren@firma.dk', true],
    ['navn@firma', false],
    ['navn@firma.', false],
    ['@firma.dk', false],
    ['navn firma@firma.dk', false],
    ['Navn <navn@firma.dk>', false],
    ['navn@@firma.dk', false],
    ['navn..x@firma.dk', false],
  ])('%s → %s', (e, ok) => expect(validEmail(e)).toBe(ok))
})

describe('validBaseURL', () => {
  it.each([
    ['https://arrangementer.kommune.dk', true],
    ['http://127.0.0.1:8080', true],
    ['https://kommune.dk/erhverv', true],
    ['kommune.dk', false],
    ['ftp://kommune.dk', false],
    ['https://', false],
    ['https://kommune.dk/?a=1', false],
    ['https://kommune.dk/#x', false],
    ['https://user:pw@kommune.dk', false],
  ])('%s → %s', (u, ok) => expect(validBaseURL(u)).toBe(ok))
})

describe('normalizeSettings', () => {
  it('trims like the server and drops trailing slashes of the base URL', () => {
    const n = normalizeSettings({ ...good, organiserName: '  Erhverv ', baseUrl: ' https://x.dk/// ' })
    expect(n.organiserName).toBe('Erhverv')
    expect(n.baseUrl).toBe('https://x.dk')
  })
})
