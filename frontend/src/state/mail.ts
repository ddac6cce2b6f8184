// How many mails are in each state, shared by the shell's badge and the
// outbox screen. The shell keeps it fresh; screens refresh it after an
// action so the badge follows at once.

import { computed, ref } from 'vue'
import type { mail } from '../../wailsjs/go/models'
import { Counts } from '../../wailsjs/go/app/Mail'

/** How often the shell asks for the counts, in milliseconds. */
export const countsInterval = 15_000

/** mailCounts is Mail.Counts(), null until loaded. */
export const mailCounts = ref<mail.Counts | null>(null)

/** needsAttention is the number of mails held back or failed: the badge. */
export const needsAttention = computed(() => {
  const c = mailCounts.value
  return c ? (c.held ?? 0) + (c.failed ?? 0) : 0
})

/**
 * refreshCounts fetches the counts. A failure keeps the last known counts:
 * the badge is a hint, and the screens report their own errors.
 */
export async function refreshCounts(): Promise<void> {
  try {
    mailCounts.value = await Counts()
  } catch {
    // keep the last counts
  }
}

/** startCountsPolling refreshes now and every interval; the result stops it. */
export function startCountsPolling(interval = countsInterval): () => void {
  void refreshCounts()
  const timer = setInterval(() => void refreshCounts(), interval)
  return () => clearInterval(timer)
}
