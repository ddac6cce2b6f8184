import { describe, expect, it } from 'vitest'
import { normalizeCVR, splitPNumbers, validCVR, validPNumber } from './cvr'
import { blankCompany, fromCompanyForm, validateCompany, validateContact, blankContact } from './validate'

describe('validCVR', () => {
  it.each(['61126228', '24256790', '61056416'])('accepts %s', (cvr) => {
    expect(validCVR(cvr)).toBe(true)
  })

  it.each([
    ['24256791', 'a wrong check digit'],
    ['09403473', 'a leading 0'],
    ['2940347', 'seven digits'],
    ['612262280', 'nine digits'],
    ['6112622A', 'a letter'],
    ['abcdefgh', 'letters'],
    ['', 'nothing'],
  ])('refuses %s (%s)', (cvr) => {
    expect(validCVR(cvr)).toBe(false)
  })

  it('reads what people type: spaces, dashes, dots and DK', () => {
    expect(normalizeCVR(' DK 61 12 62 28 ')).toBe('61126228')
    expect(normalizeCVR('dk61-12.6228')).toBe('61126228')
    expect(validCVR(normalizeCVR('DK 2425 6790'))).toBe(true)
  })
})

describe('P-numbers', () => {
  it('checks only the form: ten digits', () => {
    expect(validPNumber('1012345678')).toBe(true)
    expect(validPNumber('101234567')).toBe(false)
    expect(validPNumber('10123456x8')).toBe(false)
  })

  it('splits the field on commas and drops spaces inside a number', () => {
    expect(splitPNumbers('1012 345 678, 1012345679;\n')).toEqual(['1012345678', '1012345679'])
  })
})

describe('validateCompany', () => {
  it('accepts a company with only a name (foreign companies have no CVR)', () => {
    expect(validateCompany({ ...blankCompany(), name: 'Nordic Widgets GmbH' })).toEqual({})
  })

  it('reports every wrong field with the server keys', () => {
    const e = validateCompany({
      ...blankCompany(),
      name: '  ',
      cvr: '24256791',
      branchCode: '62010',
      postcode: '275',
      employees: '-3',
      website: 'firma.dk',
      pNumbers: '1012345678, 12345',
    })
    expect(e.name?.key).toBe('error.required')
    expect(e.cvr?.key).toBe('company.error.cvr')
    expect(e.branchCode?.key).toBe('company.error.branch_code')
    expect(e.postcode?.key).toBe('company.error.postcode')
    expect(e.employees?.key).toBe('company.error.employees')
    expect(e.website?.key).toBe('company.error.website')
    expect(e.pNumbers).toEqual({ key: 'company.error.p_number', params: { value: '12345' } })
  })

  it('limits the name to 200 characters', () => {
    expect(validateCompany({ ...blankCompany(), name: 'æ'.repeat(201) }).name).toEqual({ key: 'error.too_long', params: { max: 200 } })
    expect(validateCompany({ ...blankCompany(), name: 'æ'.repeat(200) }).name).toBeUndefined()
  })

  it('sends digits only, and no CVR when the field is empty', () => {
    const c = fromCompanyForm({ ...blankCompany(), name: 'X', cvr: 'DK 61 05 64 16', employees: '12' })
    expect(c.cvr).toBe('61056416')
    expect(c.employees).toBe(12)
    expect(fromCompanyForm({ ...blankCompany(), name: 'X' }).cvr).toBeUndefined()
  })
})

describe('validateContact', () => {
  it('needs a name and a valid e-mail, and checks the phone', () => {
    const e = validateContact({ ...blankContact(), email: 'karen@', phone: '12' })
    expect(e.name?.key).toBe('error.required')
    expect(e.email?.key).toBe('error.email')
    expect(e.phone?.key).toBe('settings.error.phone')
    expect(validateContact({ ...blankContact(), name: 'Karen', email: 'karen@firma.dk', phone: '+45 4477 2000' })).toEqual({})
  })
})
