// The import wizard's plain logic: the full column mapping it sends, what
// blocks an import, and the rows to show.
import type { company } from '../../../wailsjs/go/models'

/** Mapping maps an import field to a column index; -1 is not imported. */
export type Mapping = Record<string, number>

/**
 * fullMapping lists every field, -1 for those not imported. The server
 * suggests a mapping for an empty one, so once staff have seen the
 * suggestion every field is sent, and "not imported" stays so.
 */
export function fullMapping(fields: readonly string[], used: Mapping | null | undefined): Mapping {
  const out: Mapping = {}
  for (const f of fields) {
    const c = used?.[f]
    out[f] = typeof c === 'number' && c >= 0 ? c : -1
  }
  return out
}

/** hasErrors reports whether any row of a result has an error. */
export function hasErrors(r: company.ImportResult | null | undefined): boolean {
  if (!r) return false
  return r.failed > 0 || (r.rows ?? []).some((row) => row.action === 'error' || (row.errors?.length ?? 0) > 0)
}

/** rowHasErrors reports whether one row has an error. */
export function rowHasErrors(row: company.RowResult): boolean {
  return row.action === 'error' || (row.errors?.length ?? 0) > 0
}

/** What a file holds: companies with contacts, or annual figures (regnskabstal) by CVR. */
export type ImportKind = 'companies' | 'financials'

/** importKind reads the wizard's ?kind=; anything else is companies. */
export function importKind(v: unknown): ImportKind {
  return v === 'financials' ? 'financials' : 'companies'
}

/** The counts of a result, in the order shown. */
export const countKeys = [
  'companiesCreated',
  'companiesUpdated',
  'contactsCreated',
  'contactsUpdated',
  'skipped',
  'failed',
] as const

/** The counts of a financials import, in the order shown. */
export const financialCountKeys = ['financialsCreated', 'financialsUpdated', 'failed'] as const

/** CountKey is one count of an import result. */
export type CountKey = (typeof countKeys)[number] | (typeof financialCountKeys)[number]

/** countKeysOf is the counts shown for a kind of import. */
export function countKeysOf(kind: ImportKind): readonly CountKey[] {
  return kind === 'financials' ? financialCountKeys : countKeys
}

/** delimiterKey names a CSV delimiter for the catalog; other for anything unusual. */
export function delimiterKey(d: string): 'semicolon' | 'comma' | 'tab' | 'other' {
  if (d === ';') return 'semicolon'
  if (d === ',') return 'comma'
  if (d === '\t') return 'tab'
  return 'other'
}

/** The most rows the check shows at once. */
export const maxRowsShown = 200
