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

/** The counts of a result, in the order shown. */
export const countKeys = [
  'companiesCreated',
  'companiesUpdated',
  'contactsCreated',
  'contactsUpdated',
  'skipped',
  'failed',
] as const

/** delimiterKey names a CSV delimiter for the catalog; other for anything unusual. */
export function delimiterKey(d: string): 'semicolon' | 'comma' | 'tab' | 'other' {
  if (d === ';') return 'semicolon'
  if (d === ',') return 'comma'
  if (d === '\t') return 'tab'
  return 'other'
}

/** The most rows the check shows at once. */
export const maxRowsShown = 200
