// Labels of the register's codes in the current language.
import type { company } from '../../wailsjs/go/models'
import { parseTime } from '../format'

type T = (key: string, params?: Record<string, unknown>) => string
type TE = (key: string) => boolean

/** clusterLabel names a cluster; an unknown code shows as itself. */
export function clusterLabel(t: T, te: TE, code: string): string {
  const key = `ui.register.cluster.${code}`
  return code && te(key) ? t(key) : code
}

/** ConsentStatus is a contact's consent at a glance. */
export type ConsentStatus = 'active' | 'withdrawn' | 'none'

export function consentStatus(c: company.Consent | null | undefined): ConsentStatus {
  if (!c) return 'none'
  return parseTime(c.withdrawnAt) ? 'withdrawn' : 'active'
}

export function consentTagType(s: ConsentStatus): 'success' | 'warning' | 'info' {
  return s === 'active' ? 'success' : s === 'withdrawn' ? 'warning' : 'info'
}

/** suppressedLabel names why no marketing mail goes to an address. */
export function suppressedLabel(t: T, te: TE, reason: string): string {
  const key = `ui.register.suppressed.${reason}`
  return te(key) ? t(key) : t('ui.register.suppressed.other')
}
