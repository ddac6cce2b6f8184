// The outbox's states and kinds, and what staff may do in each state. The
// rules mirror the Go side's Outbox.Retry and Outbox.Cancel; the server
// still decides and answers mail.error.state otherwise.

/** The states of a mail, in the order the filter shows them. */
export const mailStates = ['queued', 'sending', 'sent', 'failed', 'held', 'cancelled'] as const

/** MailState is one of mailStates. */
export type MailState = (typeof mailStates)[number]

/** The kinds of mail. */
export const mailKinds = ['service', 'marketing'] as const

/** canRetry reports whether a mail in state may be queued again. */
export function canRetry(state: string): boolean {
  return state === 'failed' || state === 'held' || state === 'cancelled'
}

/** canCancel reports whether a mail in state may be withdrawn. */
export function canCancel(state: string): boolean {
  return state === 'queued' || state === 'held' || state === 'failed'
}

/** The Element Plus tag type that colours a state. */
export function stateTagType(state: string): 'primary' | 'success' | 'info' | 'warning' | 'danger' {
  switch (state) {
    case 'sent':
      return 'success'
    case 'failed':
      return 'danger'
    case 'held':
      return 'warning'
    case 'queued':
    case 'sending':
      return 'primary'
    default:
      return 'info'
  }
}

/** truncate shortens s to at most max characters with an ellipsis. */
export function truncate(s: string, max: number): string {
  const chars = [...(s ?? '')]
  return chars.length <= max ? (s ?? '') : chars.slice(0, max - 1).join('') + '…'
}
