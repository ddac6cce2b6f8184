// The reports' periods: presets (this year, last year, the last 12 months)
// and a custom span of days, all counted in the organiser's time zone and
// sent to the server as [from, to) in UTC.
import { fromWall, toWall } from '../events/zone'

export const presets = ['this_year', 'last_year', 'last_12_months', 'custom'] as const
export type Preset = (typeof presets)[number]

/** Period is [from, to) as ISO UTC times; null for an open end. */
export interface Period {
  from: string | null
  to: string | null
}

const pad = (n: number) => String(n).padStart(2, '0')

/** today is the current wall date "YYYY-MM-DD" in timeZone. */
export function today(timeZone: string, now = new Date()): string {
  return toWall(now, timeZone).slice(0, 10)
}

/** addMonths moves a "YYYY-MM" month by n months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number)
  const total = y * 12 + (m - 1) + n
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}`
}

/** nextDay is the day after a "YYYY-MM-DD" date. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, d + 1))
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`
}

function midnight(day: string, timeZone: string): string | null {
  return fromWall(`${day} 00:00`, timeZone)
}

/**
 * periodOf turns a preset (or, for custom, the chosen first and last day,
 * both included) into the span the server filters the events' start by.
 */
export function periodOf(preset: Preset, timeZone: string, custom: [string, string] | null = null, now = new Date()): Period {
  const day = today(timeZone, now)
  const year = Number(day.slice(0, 4))
  switch (preset) {
    case 'this_year':
      return { from: midnight(`${year}-01-01`, timeZone), to: midnight(`${year + 1}-01-01`, timeZone) }
    case 'last_year':
      return { from: midnight(`${year - 1}-01-01`, timeZone), to: midnight(`${year}-01-01`, timeZone) }
    case 'last_12_months': {
      const month = day.slice(0, 7)
      return { from: midnight(`${addMonths(month, -11)}-01`, timeZone), to: midnight(`${addMonths(month, 1)}-01`, timeZone) }
    }
    case 'custom':
      if (!custom || !custom[0] || !custom[1]) return { from: null, to: null }
      return { from: midnight(custom[0], timeZone), to: midnight(nextDay(custom[1]), timeZone) }
  }
}

/**
 * monthsOf lists the months "YYYY-MM" a period covers in timeZone, for
 * charts over time; empty for an open period or one over 60 months.
 */
export function monthsOf(p: Period, timeZone: string): string[] {
  if (!p.from || !p.to) return []
  const first = toWall(p.from, timeZone).slice(0, 7)
  // to is exclusive: the month of the moment before it.
  const last = toWall(new Date(new Date(p.to).getTime() - 1000), timeZone).slice(0, 7)
  const out: string[] = []
  for (let m = first; m <= last && out.length <= 60; m = addMonths(m, 1)) out.push(m)
  return out.length > 60 ? [] : out
}
