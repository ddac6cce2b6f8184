// A company's annual figures (regnskabstal) as the form edits them: text as
// typed, amounts in whole kroner as accountants write them. The checks
// mirror company.SaveFinancial and return the same catalog keys; the
// server stays the authority.
import type { company } from '../../wailsjs/go/models'
import type { FieldMessages } from '../forms/useForm'

/** The fields of the figures form, in the order shown. */
export const financialFields = ['year', 'months', 'netRevenue', 'grossProfit', 'operatingResult', 'source'] as const
export type FinancialField = (typeof financialFields)[number]

/** FinancialForm is one year's figures as typed. */
export interface FinancialForm {
  id: number
  year: string
  months: string
  netRevenue: string
  grossProfit: string
  operatingResult: string
  source: string
}

/** blankFinancial is a new year: the year before last, 12 months. */
export function blankFinancial(now = new Date()): FinancialForm {
  return { id: 0, year: String(now.getFullYear() - 1), months: '12', netRevenue: '', grossProfit: '', operatingResult: '', source: '' }
}

/** formatAmountInput writes a saved amount the way it is typed back: 1.234.567, -12.500. */
export function formatAmountInput(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return ''
  const sign = n < 0 ? '-' : ''
  return sign + String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, '.')
}

/**
 * parseAmount reads an amount as company.parseAmount does: "1.234.567",
 * "1 234 567", "-12.500", "1234567,00" (decimals dropped), "(12.500)" for a
 * negative number, an optional "kr.". '' is no figure (null); anything else
 * unreadable is NaN.
 */
export function parseAmount(s: string): number | null {
  let v = s.trim()
  if (v.endsWith('kr.')) v = v.slice(0, -3).trim()
  if (v === '') return null
  const neg = v.startsWith('(') && v.endsWith(')')
  v = v.replace(/^\(|\)$/g, '')
  const comma = v.lastIndexOf(',')
  if (comma >= 0 && v.length - comma <= 3) v = v.slice(0, comma)
  v = v.replace(/[.\s\u00a0']/g, '')
  if (!/^[-+]?\d+$/.test(v)) return NaN
  const n = Number(v)
  if (!Number.isSafeInteger(n)) return NaN
  return neg ? -n : n
}

/** toFinancialForm fills the form from saved figures. */
export function toFinancialForm(f: company.Financial): FinancialForm {
  return {
    id: f.id,
    year: String(f.year),
    months: String(f.months),
    netRevenue: formatAmountInput(f.netRevenue),
    grossProfit: formatAmountInput(f.grossProfit),
    operatingResult: formatAmountInput(f.operatingResult),
    source: f.source ?? '',
  }
}

function wholeNumber(s: string): number {
  const v = s.trim()
  return /^\d+$/.test(v) ? Number(v) : NaN
}

/** fromFinancialForm is what SaveFinancial takes; the checks have passed. */
export function fromFinancialForm(f: FinancialForm, companyId: number): company.Financial {
  const amount = (s: string) => {
    const n = parseAmount(s)
    return n === null || Number.isNaN(n) ? undefined : n
  }
  return {
    id: f.id,
    companyId,
    year: wholeNumber(f.year),
    months: wholeNumber(f.months),
    netRevenue: amount(f.netRevenue),
    grossProfit: amount(f.grossProfit),
    operatingResult: amount(f.operatingResult),
    source: f.source.trim(),
  }
}

/** validateFinancial checks the form as SaveFinancial does, with the same keys. */
export function validateFinancial(f: FinancialForm, now = new Date()): FieldMessages<FinancialField> {
  const out: FieldMessages<FinancialField> = {}
  const year = wholeNumber(f.year)
  if (!(year >= 1990 && year <= now.getFullYear() + 1)) out.year = { key: 'company.error.year' }
  const months = wholeNumber(f.months)
  if (!(months >= 1 && months <= 24)) out.months = { key: 'company.error.months' }
  for (const k of ['netRevenue', 'grossProfit', 'operatingResult'] as const) {
    if (Number.isNaN(parseAmount(f[k]))) out[k] = { key: 'company.error.amount' }
  }
  if (!out.netRevenue && !out.grossProfit && parseAmount(f.netRevenue) === null && parseAmount(f.grossProfit) === null) {
    out.netRevenue = { key: 'company.error.no_figures' }
  }
  return out
}
