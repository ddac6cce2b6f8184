// The calendar addresses of an event, as the public site serves them
// (internal/web/calendar.go): the event's own .ics file and the public
// feeds it appears in.
import type { event } from '../../wailsjs/go/models'

/** CalendarLink is one address to copy, with what it is. */
export interface CalendarLink {
  /** kind says what the address is: the file, the whole feed, a theme's or the track's feed. */
  kind: 'ics' | 'feed' | 'theme' | 'track'
  url: string
  /** theme is the theme of a theme feed. */
  theme?: string
  /** track is the track of a track feed (1-4). */
  track?: number
}

/** hasPublicFiles reports whether the public site serves calendar files of e: not for drafts. */
export function hasPublicFiles(e: Pick<event.Event, 'status' | 'slug'> | null | undefined): boolean {
  return !!e?.slug && (e.status === 'published' || e.status === 'cancelled' || e.status === 'completed')
}

/** publicBase is the public site's address without a trailing slash. */
export function publicBase(publicUrl: string | undefined | null): string {
  return (publicUrl || window.location.origin).replace(/\/+$/, '')
}

/**
 * calendarLinks lists the calendar addresses of e under base: its .ics file
 * and, for a public event, the public feed and the feeds of its themes and
 * track. An invite-only event is in no public feed; its file opens only
 * with an invitation (?i=...), which the staff UI does not have.
 */
export function calendarLinks(e: event.Event, base: string): CalendarLink[] {
  if (!hasPublicFiles(e)) return []
  const out: CalendarLink[] = [{ kind: 'ics', url: `${base}/e/${encodeURIComponent(e.slug)}.ics` }]
  if (e.visibility === 'invite') return out
  const feed = `${base}/calendar.ics`
  out.push({ kind: 'feed', url: feed })
  for (const theme of e.themes ?? []) {
    if (theme.trim()) out.push({ kind: 'theme', theme, url: `${feed}?theme=${encodeURIComponent(theme)}` })
  }
  if (e.track >= 1 && e.track <= 4) out.push({ kind: 'track', track: e.track, url: `${feed}?track=${e.track}` })
  return out
}
