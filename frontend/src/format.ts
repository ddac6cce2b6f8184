// Formatting of times and sizes for people reading in Danish or English.

/** The zone times are shown in unless the settings say otherwise. */
export const defaultTimeZone = 'Europe/Copenhagen'

/**
 * parseTime reads a Go time.Time from JSON. Go's zero time (a value never
 * set) and anything unreadable give null.
 */
export function parseTime(v: unknown): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v
  if (typeof v !== 'string' || v === '') return null
  const d = new Date(v)
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() <= 1) return null
  return d
}

function parts(d: Date, locale: string, timeZone: string, opts: Intl.DateTimeFormatOptions) {
  let fmt: Intl.DateTimeFormat
  try {
    fmt = new Intl.DateTimeFormat(locale, { ...opts, timeZone })
  } catch {
    fmt = new Intl.DateTimeFormat(locale, { ...opts, timeZone: defaultTimeZone })
  }
  const out: Record<string, string> = {}
  for (const p of fmt.formatToParts(d)) out[p.type] = p.value
  return out
}

/**
 * formatDateTime shows a time in timeZone: "28.11.2026 kl. 17.00" in
 * Danish, "28 Nov 2026, 17:00" in English. Unset times give "".
 */
export function formatDateTime(v: unknown, lang: string, timeZone = defaultTimeZone): string {
  const d = parseTime(v)
  if (!d) return ''
  const p = parts(d, 'en-GB', timeZone || defaultTimeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
  if (lang === 'da') return `${p.day}.${p.month}.${p.year} kl. ${p.hour}.${p.minute}`
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  return `${Number(p.day)} ${months[Number(p.month) - 1]} ${p.year}, ${p.hour}:${p.minute}`
}

/** formatBytes shows a size in B, KB, MB or GB (powers of 1024). */
export function formatBytes(n: number, lang: string): string {
  if (!Number.isFinite(n) || n < 0) return ''
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let i = 0
  let v = n
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  const digits = i === 0 || v >= 100 ? 0 : 1
  const num = new Intl.NumberFormat(lang === 'da' ? 'da-DK' : 'en-GB', {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  }).format(v)
  return `${num} ${units[i]}`
}
