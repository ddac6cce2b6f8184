// How a report's values read: codes (event kinds, clusters, tracks, the
// new/returning split, campaign kinds) in words, months as "jan. 2026",
// counts with Danish or English digit grouping and rates in percent.
import { clusterLabel } from '../register/labels'

type T = (key: string, params?: Record<string, unknown>) => string
type TE = (key: string) => boolean

/** The columns that hold a rate in percent. */
export const rateColumns = new Set(['attendance_rate', 'no_show_rate'])

/** The columns that hold a name or a code rather than a number. */
export const labelColumns = new Set(['month', 'kind', 'cluster', 'area', 'track', 'group', 'theme', 'campaign'])

function numberLocale(lang: string): string {
  return lang === 'en' ? 'en-GB' : 'da-DK'
}

/** formatCount shows a whole number with the language's grouping. */
export function formatCount(v: unknown, lang: string): string {
  const n = Number(v)
  if (!Number.isFinite(n)) return String(v ?? '')
  return new Intl.NumberFormat(numberLocale(lang), { maximumFractionDigits: 1 }).format(n)
}

/** formatRate shows a rate in percent with one decimal: "12,5 %". */
export function formatRate(v: unknown, lang: string): string {
  const n = Number(v)
  if (!Number.isFinite(n)) return String(v ?? '')
  const num = new Intl.NumberFormat(numberLocale(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n)
  return lang === 'en' ? `${num}%` : `${num} %`
}

/** formatMonth shows "2026-03" as "mar. 2026" (da) or "Mar 2026" (en). */
export function formatMonth(v: unknown, lang: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(String(v ?? ''))
  if (!m) return String(v ?? '')
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 15))
  return new Intl.DateTimeFormat(numberLocale(lang), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d)
}

function known(t: T, te: TE, key: string, fallback: string): string {
  return te(key) ? t(key) : fallback
}

/**
 * labelOf names a value of a label column of report `name`. Empty values
 * (a company without a cluster or area) read as "not given".
 */
export function labelOf(t: T, te: TE, name: string, column: string, v: unknown, lang: string): string {
  const s = v === null || v === undefined ? '' : String(v)
  switch (column) {
    case 'month':
      return formatMonth(s, lang)
    case 'kind':
      if (name === 'campaign_outcomes') return known(t, te, `ui.campaigns.kind.${s}`, s)
      return known(t, te, `ui.events.kind.${s}`, s || t('ui.reports.none'))
    case 'cluster':
      return s ? clusterLabel(t, te, s) : t('ui.reports.none')
    case 'track': {
      const n = Number(s)
      if (!n) return t('ui.events.track.0')
      return t('ui.reports.track', { n, name: known(t, te, `ui.events.track.${n}`, '') })
    }
    case 'group':
      return known(t, te, `ui.reports.group.${s}`, s)
    default:
      return s || t('ui.reports.none')
  }
}

/** cellText is a table cell as read: a label, a rate or a count. */
export function cellText(t: T, te: TE, name: string, column: string, v: unknown, lang: string): string {
  if (labelColumns.has(column)) return labelOf(t, te, name, column, v, lang)
  if (rateColumns.has(column)) return formatRate(v, lang)
  return formatCount(v, lang)
}

/**
 * exportCell is a cell as written to CSV or Excel: names and codes in words
 * as on the screen, but months as sortable "2026-03" and every count and
 * rate as a plain number, so the spreadsheet can sum and chart them.
 */
export function exportCell(t: T, te: TE, name: string, column: string, v: unknown, lang: string): string | number {
  if (column === 'month') return String(v ?? '')
  if (labelColumns.has(column)) return labelOf(t, te, name, column, v, lang)
  const n = Number(v)
  return Number.isFinite(n) ? n : String(v ?? '')
}
