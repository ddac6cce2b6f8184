// The gazelle award's plain logic: the lists of a round, figures written the
// way Danes (or the English) read them, the engine's messages with their
// figures formatted, and the geometry of the growth chart.
import type { award, gazelle } from '../../wailsjs/go/models'
import type { Message } from '../transport/problem'

/** The lists of a round's entries, in the order of the tabs. */
export const lists = ['candidates', 'shortlist', 'decided', 'review', 'not_enough', 'not_gazelle'] as const
export type List = (typeof lists)[number]

/** isList reports whether v names one of the lists. */
export function isList(v: unknown): v is List {
  return typeof v === 'string' && (lists as readonly string[]).includes(v)
}

/** listCount is the number of entries on a list, where the counts tell it; null for the candidates. */
export function listCount(c: award.Counts | null | undefined, l: List): number | null {
  if (!c) return null
  switch (l) {
    case 'shortlist':
      return c.shortlisted
    case 'decided':
      return c.decided
    case 'review':
      return c.review
    case 'not_enough':
      return c.notEnough
    case 'not_gazelle':
      return Math.max(0, c.evaluated - c.gazelles - c.review - c.notEnough)
  }
  return null
}

/** The jury's decisions; '' is none. */
export const decisions = ['winner', 'gazelle', 'rejected'] as const
export type Decision = (typeof decisions)[number] | ''

/** isDecided reports whether an entry is on the year's list (Årets Gazelle or the gazelle list). */
export function isDecided(e: { decision: string }): boolean {
  return e.decision === 'winner' || e.decision === 'gazelle'
}

/** Element Plus tag types for a verdict's result. */
export function resultTagType(result: string): 'success' | 'danger' | 'warning' | 'info' {
  switch (result) {
    case 'gazelle':
      return 'success'
    case 'needs_review':
      return 'warning'
    case 'not_gazelle':
      return 'danger'
  }
  return 'info'
}

/** The icon and colour of a rule's status. */
export function statusIcon(status: string): 'passed' | 'failed' | 'review' | 'unknown' {
  switch (status) {
    case 'passed':
      return 'passed'
    case 'failed':
      return 'failed'
    case 'needs_review':
      return 'review'
  }
  return 'unknown'
}

function numberLocale(lang: string): string {
  return lang === 'en' ? 'en-GB' : 'da-DK'
}

/** formatNumber writes a whole number with thousands separators: 1.234.567 (da), 1,234,567 (en). */
export function formatNumber(n: number, lang: string): string {
  if (!Number.isFinite(n)) return ''
  return new Intl.NumberFormat(numberLocale(lang), { maximumFractionDigits: 0, useGrouping: true }).format(n)
}

/** formatDecimal writes a number with up to two decimals: 12,5 (da), 12.5 (en). */
export function formatDecimal(n: number, lang: string): string {
  if (!Number.isFinite(n)) return ''
  return new Intl.NumberFormat(numberLocale(lang), { maximumFractionDigits: 2 }).format(n)
}

/**
 * formatPercent writes a growth rate with one decimal and no sign: 123,4.
 * The engine floors rates to one decimal, so the decimal is shown as is.
 */
export function formatPercent(n: number, lang: string): string {
  if (!Number.isFinite(n)) return ''
  return new Intl.NumberFormat(numberLocale(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n)
}

/** growthText is a growth with its sign and unit, "+123,4 %"; '' for none. */
export function growthText(g: number | null | undefined, lang: string): string {
  if (g === null || g === undefined || !Number.isFinite(g)) return ''
  const sign = g > 0 ? '+' : g < 0 ? '−' : ''
  return `${sign}${formatPercent(Math.abs(g), lang)} %`
}

/** amountText is an amount in whole kroner, "1.234.567 kr." or "DKK 1,234,567"; '' for none. */
export function amountText(n: number | null | undefined, lang: string): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return ''
  return lang === 'en' ? `DKK ${formatNumber(n, lang)}` : `${formatNumber(n, lang)} kr.`
}

/** shortAmount writes an amount for a chart label: "12,3 mio.", "850 t." (da); "12.3m", "850k" (en). */
export function shortAmount(n: number, lang: string): string {
  const abs = Math.abs(n)
  const fmt = (v: number, digits: number) =>
    new Intl.NumberFormat(numberLocale(lang), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v)
  if (abs >= 1e9) return lang === 'en' ? `${fmt(n / 1e9, 1)}bn` : `${fmt(n / 1e9, 1)} mia.`
  if (abs >= 1e6) return lang === 'en' ? `${fmt(n / 1e6, 1)}m` : `${fmt(n / 1e6, 1)} mio.`
  if (abs >= 1e3) return lang === 'en' ? `${fmt(n / 1e3, 0)}k` : `${fmt(n / 1e3, 0)} t.`
  return fmt(n, 0)
}

// The parameters of the engine's messages, by what they hold. Years,
// months and counts are written as they are (2021, not 2.021).
const amountParams = new Set(['value', 'min', 'before', 'after', 'sum', 'revenue', 'gross'])
const percentParams = new Set(['g1', 'g2', 'g3', 'total', 'growth'])
// Danmarks Statistik's rule counts full-time equivalents, which may have decimals.
const decimalParams = new Set(['fte'])

/**
 * localizeParams formats the figures of an engine message (gazelle.*) for
 * lang: amounts with thousands separators, growth rates with one decimal
 * comma. The message itself supplies "kr." and "%". Anything that is not
 * a number (a list of years, "-") is left as it is.
 */
export function localizeParams(m: Message, lang: string): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const highGrowth = m.key.startsWith('gazelle.highgrowth.')
  for (const [k, v] of Object.entries(m.params ?? {})) {
    if (typeof v !== 'number') {
      out[k] = v
    } else if (percentParams.has(k)) {
      out[k] = formatPercent(v, lang)
    } else if (highGrowth && (k === 'before' || k === 'after' || k === 'min')) {
      // Full-time equivalents there, not kroner.
      out[k] = formatDecimal(v, lang)
    } else if (amountParams.has(k)) {
      out[k] = formatNumber(v, lang)
    } else if (decimalParams.has(k)) {
      out[k] = formatDecimal(v, lang)
    } else {
      out[k] = String(v)
    }
  }
  return out
}

/** The help texts of Børsen's definition for a round's year, as gazelle.Help builds them on the server. */
export function helpMessages(year: number): Message[] {
  const from = year - 3
  return [
    { key: 'gazelle.help.definition' },
    { key: 'gazelle.help.period', params: { year, from } },
    { key: 'gazelle.help.every_year', params: { from, second: from + 1, third: from + 2, year } },
    { key: 'gazelle.help.measure', params: { revenue: 1_000_000, gross: 500_000 } },
    { key: 'gazelle.help.units' },
    { key: 'gazelle.help.result' },
  ]
}

/** The reports of a verdict, one row per year of the period, oldest first; a missing year is a gap. */
export function reportRows(v: gazelle.Verdict): { year: number; report: gazelle.Financial | null }[] {
  const found = v.evidence?.reports ?? []
  const from = v.from || v.year - 3
  const rows: { year: number; report: gazelle.Financial | null }[] = []
  for (let y = from; y <= v.year; y++) {
    const same = found.filter((r) => r.year === y)
    if (same.length === 0) rows.push({ year: y, report: null })
    for (const r of same) rows.push({ year: y, report: r })
  }
  // Reports outside the period (the engine never sends them, but be safe).
  for (const r of found) if (r.year < from || r.year > v.year) rows.push({ year: r.year, report: r })
  return rows
}

/** growthByYear is each year's growth of the measure, from the series. */
export function growthByYear(v: gazelle.Verdict): Record<number, number | undefined> {
  const out: Record<number, number | undefined> = {}
  for (const p of v.evidence?.series?.points ?? []) out[p.year] = p.growth ?? undefined
  return out
}

/** Bar is one year of a growth chart, in the SVG's units. */
export interface Bar {
  year: number
  value: number
  x: number
  y: number
  width: number
  height: number
  negative: boolean
}

/** ChartBox is the drawing area of a chart. */
export interface ChartBox {
  width: number
  height: number
  /** Room above the bars for their labels, and below for the years. */
  top: number
  bottom: number
  gap: number
}

/**
 * chartBars lays the yearly values out as bars: one slot per point, the
 * tallest bar filling the box, zero as the baseline (a negative value hangs
 * below it). It returns the bars and where the baseline is.
 */
export function chartBars(points: readonly { year: number; value: number }[], box: ChartBox): { bars: Bar[]; baseline: number } {
  const n = points.length
  const inner = box.height - box.top - box.bottom
  if (n === 0 || inner <= 0) return { bars: [], baseline: box.height - box.bottom }
  const max = Math.max(0, ...points.map((p) => p.value))
  const min = Math.min(0, ...points.map((p) => p.value))
  const span = max - min || 1
  const baseline = box.top + (max / span) * inner
  const slot = box.width / n
  const width = Math.max(1, slot - box.gap)
  const bars = points.map((p, i) => {
    const h = (Math.abs(p.value) / span) * inner
    return {
      year: p.year,
      value: p.value,
      x: i * slot + (slot - width) / 2,
      y: p.value >= 0 ? baseline - h : baseline,
      width,
      height: h,
      negative: p.value < 0,
    }
  })
  return { bars, baseline }
}

/** slideStep is where a key press moves a presentation: +1, -1, 'first', 'last', 'leave' or null. */
export function slideStep(key: string): 1 | -1 | 'first' | 'last' | 'leave' | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case ' ':
    case 'Spacebar':
    case 'Enter':
      return 1
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
      return -1
    case 'Home':
      return 'first'
    case 'End':
      return 'last'
    case 'Escape':
    case 'Esc':
      return 'leave'
  }
  return null
}
