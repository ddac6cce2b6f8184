// The overview's figures: how full an event is, and where a task leads.
import type { report } from '../../wailsjs/go/models'

/** fill is the share of seats taken, 0–100; 0 without a capacity. */
export function fill(e: Pick<report.NextEvent, 'capacity' | 'seatsTaken'>): number {
  if (e.capacity <= 0) return 0
  return Math.min(100, Math.round((e.seatsTaken / e.capacity) * 100))
}

/** seatsLeft is how many seats are free; null without a capacity. */
export function seatsLeft(e: Pick<report.NextEvent, 'capacity' | 'seatsTaken'>): number | null {
  if (e.capacity <= 0) return null
  return Math.max(0, e.capacity - e.seatsTaken)
}

/** fillLevel colours the bar: calm, nearly full, full. */
export function fillLevel(e: Pick<report.NextEvent, 'capacity' | 'seatsTaken'>): 'ok' | 'high' | 'full' {
  const left = seatsLeft(e)
  if (left === null) return 'ok'
  if (left === 0) return 'full'
  return fill(e) >= 85 ? 'high' : 'ok'
}

/**
 * taskLink is where a task is dealt with: the mail server settings (the
 * outbox for staff, who cannot change them), an award round or an event.
 */
export function taskLink(task: Pick<report.Task, 'kind' | 'id'>, admin = false): string {
  switch (task.kind) {
    case 'mail_no_server':
      return admin ? '/settings#smtp' : '/mail'
    case 'round_open':
      return `/gazelles/${task.id}`
  }
  return `/events/${task.id}`
}
