// Times of events are edited as wall-clock times in the organiser's time
// zone (Settings.timeZone, normally Europe/Copenhagen), whatever zone the
// browser is in, and stored as UTC. A wall time is "YYYY-MM-DD HH:mm", the
// value format of the date-time pickers.
import dayjs from 'dayjs'
import 'dayjs/locale/da'
import { defaultTimeZone, parseTime } from '../format'

// Weeks start on Monday in the pickers and the calendar, in English too
// (as in British English): Element Plus takes the first day from dayjs.
;(dayjs as unknown as { Ls: Record<string, { weekStart?: number }> }).Ls.en.weekStart = 1
dayjs.locale('da')

/** wallFormat is the pickers' value format. */
export const wallFormat = 'YYYY-MM-DD HH:mm'

function fields(d: Date, timeZone: string): Record<string, number> {
  let fmt: Intl.DateTimeFormat
  try {
    fmt = new Intl.DateTimeFormat('en-GB', zoneOpts(timeZone))
  } catch {
    fmt = new Intl.DateTimeFormat('en-GB', zoneOpts(defaultTimeZone))
  }
  const out: Record<string, number> = {}
  for (const p of fmt.formatToParts(d)) if (p.type !== 'literal') out[p.type] = Number(p.value)
  return out
}

function zoneOpts(timeZone: string): Intl.DateTimeFormatOptions {
  return {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }
}

/** offsetMs is how far the zone's wall clock is ahead of UTC at instant t. */
function offsetMs(t: number, timeZone: string): number {
  const p = fields(new Date(t), timeZone)
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return wall - Math.floor(t / 1000) * 1000
}

const pad = (n: number) => String(n).padStart(2, '0')

/** toWall shows a stored time as a wall time in timeZone; unset gives ''. */
export function toWall(v: unknown, timeZone = defaultTimeZone): string {
  const d = parseTime(v)
  if (!d) return ''
  const p = fields(d, timeZone || defaultTimeZone)
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`
}

/** fromWall turns a wall time in timeZone into an ISO UTC time; '' or unreadable gives null. */
export function fromWall(s: string, timeZone = defaultTimeZone): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})/.exec(s.trim())
  if (!m) return null
  const tz = timeZone || defaultTimeZone
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]))
  const first = offsetMs(guess, tz)
  let t = guess - first
  const second = offsetMs(t, tz)
  if (second !== first) t = guess - second
  return new Date(t).toISOString().replace('.000Z', 'Z')
}

/** dayKey is the "YYYY-MM-DD" day of a stored time in timeZone. */
export function dayKey(v: unknown, timeZone = defaultTimeZone): string {
  return toWall(v, timeZone).slice(0, 10)
}
