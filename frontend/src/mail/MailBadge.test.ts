import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { createAppI18n } from '../i18n'
import { mailCounts } from '../state/mail'
import MailBadge from './MailBadge.vue'
import { counts, installMail, uninstallMail, type FakeMail } from './testing'

let svc: FakeMail
enableAutoUnmount(afterEach)

const mountBadge = (interval = 15_000) =>
  mount(MailBadge, { props: { interval }, global: { plugins: [createAppI18n('da')] } })

beforeEach(() => {
  mailCounts.value = null
  svc = installMail()
})

afterEach(() => {
  vi.useRealTimers()
  uninstallMail()
})

describe('MailBadge', () => {
  it('counts held plus failed mail, with a label for screen readers', async () => {
    svc.Counts.mockResolvedValue(counts({ held: 2, failed: 1, queued: 5, sent: 40, cancelled: 3 }))
    const w = mountBadge()
    await flushPromises()
    const badge = w.get('[data-testid="mail-badge"]')
    expect(badge.get('[data-testid="mail-badge-count"]').text()).toBe('3')
    expect(badge.get('.visually-hidden').text()).toBe('3 mails venter eller fejlede')
    expect(badge.attributes('title')).toBe('3 mails venter eller fejlede')
  })

  it('uses the singular for one mail', async () => {
    svc.Counts.mockResolvedValue(counts({ failed: 1 }))
    const w = mountBadge()
    await flushPromises()
    expect(w.get('.visually-hidden').text()).toBe('1 mail venter eller fejlede')
  })

  it('is hidden when nothing is held or failed', async () => {
    svc.Counts.mockResolvedValue(counts({ queued: 3, sent: 10 }))
    const w = mountBadge()
    await flushPromises()
    expect(w.find('[data-testid="mail-badge"]').exists()).toBe(false)
  })

  it('refreshes on its interval and stops when unmounted', async () => {
    vi.useFakeTimers()
    svc.Counts.mockResolvedValue(counts())
    const w = mountBadge(15_000)
    await flushPromises()
    expect(svc.Counts).toHaveBeenCalledTimes(1)
    expect(w.find('[data-testid="mail-badge"]').exists()).toBe(false)

    svc.Counts.mockResolvedValue(counts({ held: 4 }))
    await vi.advanceTimersByTimeAsync(15_000)
    expect(svc.Counts).toHaveBeenCalledTimes(2)
    expect(w.get('[data-testid="mail-badge-count"]').text()).toBe('4')

    w.unmount()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(svc.Counts).toHaveBeenCalledTimes(2)
  })

  it('keeps the last counts when a refresh fails', async () => {
    vi.useFakeTimers()
    svc.Counts.mockResolvedValue(counts({ held: 1, failed: 1 }))
    const w = mountBadge(1000)
    await flushPromises()
    svc.Counts.mockRejectedValue({ key: 'ui.error.network', message: '' })
    await vi.advanceTimersByTimeAsync(1000)
    expect(w.get('[data-testid="mail-badge-count"]').text()).toBe('2')
  })
})
