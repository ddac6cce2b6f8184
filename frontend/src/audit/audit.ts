// The audit log as read by people: who, what and the detail, pretty-printed
// when it is JSON.

/** The entities the log records, in the order the filter offers them. */
export const entities = ['event', 'registration', 'contact', 'consent', 'campaign', 'award_round', 'award_entry', 'retention'] as const

/** pageSize is how many entries one page shows. */
export const pageSize = 50

/** prettyDetail shows a JSON detail indented; any other text as it is. */
export function prettyDetail(detail: string): { text: string; json: boolean } {
  const s = (detail ?? '').trim()
  if (s.startsWith('{') || s.startsWith('[')) {
    try {
      return { text: JSON.stringify(JSON.parse(s), null, 2), json: true }
    } catch {
      // not JSON after all
    }
  }
  return { text: detail ?? '', json: false }
}

/** Word names a detail's key or code in the reader's language (or leaves it). */
export type Word = (s: string) => string

function plain(v: unknown, word: Word): string {
  if (typeof v === 'string') return word(v)
  return v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v)
}

/**
 * shortDetail is the detail on one line, cut to max characters: a JSON
 * object as "key: value · key: value", a list as its items, with the keys
 * and codes put into words by word.
 */
export function shortDetail(detail: string, max = 90, word: Word = (s) => s): string {
  let s = (detail ?? '').replace(/\s+/g, ' ').trim()
  const pretty = prettyDetail(detail)
  if (pretty.json) {
    const v: unknown = JSON.parse(detail)
    s = Array.isArray(v)
      ? v.map((x) => plain(x, word)).join(', ')
      : Object.entries(v as Record<string, unknown>).map(([k, x]) => `${word(k)}: ${plain(x, word)}`).join(' · ')
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s
}

/** entityLink is the screen of the thing an entry is about, or '' for none. */
export function entityLink(entity: string, id: number): string {
  if (!id) return ''
  switch (entity) {
    case 'event':
      return `/events/${id}`
    case 'contact':
    case 'consent':
      return `/contacts/${id}`
    case 'campaign':
      return `/campaigns/${id}`
    case 'award_round':
      return `/gazelles/${id}`
    default:
      return ''
  }
}
