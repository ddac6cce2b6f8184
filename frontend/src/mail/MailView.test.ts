import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount, RouterLinkStub } from '@vue/test-utils'
import ElementPlus, { ElSelect } from 'element-plus'
import { createAppI18n } from '../i18n'
import { info } from '../state/app'
import { mailCounts } from '../state/mail'
import MailView from '../views/MailView.vue'
import { adminInfo, counts, installMail, staffInfo, summary, uninstallMail, type FakeMail } from './testing'

let svc: FakeMail
enableAutoUnmount(afterEach)

function mountView() {
  return mount(MailView, {
    props: { searchDelay: 20 },
    global: { plugins: [ElementPlus, createAppI18n('da')], stubs: { RouterLink: RouterLinkStub } },
    attachTo: document.body,
  })
}

const lastQuery = () => svc.Outbox.mock.calls.at(-1)?.[0]
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

beforeEach(() => {
  mailCounts.value = null
  info.value = { ...adminInfo }
  svc = installMail({
    Outbox: vi.fn(async () => ({
      items: [
        summary(3, {
          state: 'failed',
          lastReply: '550 5.1.1 <m3@firma.dk>: Recipient address rejected: User unknown in virtual mailbox table',
          sentAt: null,
        }),
        summary(2, { kind: 'marketing', toName: '' }),
        summary(1),
      ],
      total: 3,
    })),
    Counts: vi.fn(async () => counts({ sent: 2, failed: 1, held: 4 })),
  })
})

afterEach(() => {
  uninstallMail()
  document.body.innerHTML = ''
})

describe('MailView', () => {
  it('shows one row per mail with state, kind and Danish times', async () => {
    const w = mountView()
    await flushPromises()
    expect(svc.Outbox).toHaveBeenCalledTimes(1)
    expect(svc.Outbox).toHaveBeenCalledWith({ state: '', kind: '', search: '', page: 1, pageSize: 25 })
    const rows = w.findAll('[data-testid="mail-row"]')
    expect(rows).toHaveLength(3)
    expect(rows[0].text()).toContain('Modtager 3')
    expect(rows[0].text()).toContain('m3@firma.dk')
    expect(rows[0].get('[data-testid="mail-state"]').text()).toBe('Fejlet')
    expect(rows[0].text()).toContain('Oprettet 28.11.2026 kl. 17.00')
    expect(rows[0].text()).toContain('550 5.1.1')
    expect(rows[0].text()).not.toContain('virtual mailbox table')
    expect(rows[1].text()).toContain('Nyhedsmail')
    expect(rows[2].text()).toContain('Sendt 28.11.2026 kl. 17.01')
    expect(w.get('[data-testid="mail-total"]').text()).toBe('3 mails i alt')
  })

  it('shows the count of each state in the filter', async () => {
    const w = mountView()
    await flushPromises()
    expect(w.get('[data-testid="mail-state-filter"]').text()).toContain('Holdt tilbage (4)')
    expect(w.get('[data-testid="mail-state-filter"]').text()).toContain('Fejlet (1)')
  })

  it('asks the server for the chosen state from page 1', async () => {
    const w = mountView()
    await flushPromises()
    await w.get('[data-testid="mail-state-failed"] input').setValue(true)
    await flushPromises()
    expect(lastQuery()).toEqual({ state: 'failed', kind: '', search: '', page: 1, pageSize: 25 })
    expect(svc.Outbox).toHaveBeenCalledTimes(2)
  })

  it('filters by kind', async () => {
    const w = mountView()
    await flushPromises()
    w.findComponent(ElSelect).vm.$emit('update:modelValue', 'marketing')
    await flushPromises()
    expect(lastQuery()).toMatchObject({ kind: 'marketing', state: '', page: 1 })
  })

  it('debounces the search and sends it trimmed', async () => {
    const w = mountView()
    await flushPromises()
    const input = w.get('input[data-testid="mail-search"]')
    await input.setValue('kar')
    await input.setValue('  karen@firma ')
    await flushPromises()
    expect(svc.Outbox).toHaveBeenCalledTimes(1)
    await wait(40)
    await flushPromises()
    expect(svc.Outbox).toHaveBeenCalledTimes(2)
    expect(lastQuery()).toMatchObject({ search: 'karen@firma', page: 1 })
  })

  it('pages on the server and goes back to page 1 when a filter changes', async () => {
    svc.Outbox.mockImplementation(async (q: { page: number }) => ({ items: [summary(100 - q.page)], total: 60 }))
    const w = mountView()
    await flushPromises()
    await w.get('[data-testid="mail-pagination"] .btn-next').trigger('click')
    await flushPromises()
    expect(lastQuery()).toMatchObject({ page: 2, pageSize: 25 })
    expect(w.get('[data-testid="mail-row"]').attributes('data-id')).toBe('98')
    await w.get('[data-testid="mail-state-queued"] input').setValue(true)
    await flushPromises()
    expect(lastQuery()).toMatchObject({ state: 'queued', page: 1 })
    expect(svc.Outbox).toHaveBeenCalledTimes(3)
  })

  it('tells admins that held mail waits for a mail server, with a link to set it up', async () => {
    svc.Counts.mockResolvedValue(counts({ held: 4, smtpConfigured: false }))
    const w = mountView()
    await flushPromises()
    const banner = w.get('[data-testid="mail-not-configured"]')
    expect(banner.text()).toContain('Der er ikke sat en mailserver op. Mails holdes tilbage og sendes, når den er sat op.')
    expect(w.findComponent(RouterLinkStub).props('to')).toMatchObject({ path: '/settings', hash: '#smtp' })
  })

  it('shows no banner when the server is set up or nothing is held', async () => {
    svc.Counts.mockResolvedValue(counts({ held: 4, smtpConfigured: true }))
    const w = mountView()
    await flushPromises()
    expect(w.find('[data-testid="mail-not-configured"]').exists()).toBe(false)

    svc.Counts.mockResolvedValue(counts({ failed: 2, smtpConfigured: false }))
    const w2 = mountView()
    await flushPromises()
    expect(w2.find('[data-testid="mail-not-configured"]').exists()).toBe(false)
  })

  it('shows staff the banner without the link and does not ask for the settings', async () => {
    info.value = { ...staffInfo }
    svc.Counts.mockResolvedValue(counts({ held: 4, smtpConfigured: false }))
    const w = mountView()
    await flushPromises()
    expect(svc.Settings).not.toHaveBeenCalled()
    const banner = w.get('[data-testid="mail-not-configured"]')
    expect(banner.text()).toContain('Bed en administrator')
    expect(w.findComponent(RouterLinkStub).exists()).toBe(false)
  })

  it('shows a translated error when the outbox cannot be read', async () => {
    svc.Outbox.mockRejectedValue({ key: 'error.forbidden', message: 'x' })
    const w = mountView()
    await flushPromises()
    expect(w.get('[data-testid="mail-error"]').text()).toContain('Du har ikke adgang til at gøre dette.')
  })

  it('says when no mail matches the filters', async () => {
    svc.Outbox.mockResolvedValue({ items: [], total: 0 })
    const w = mountView()
    await flushPromises()
    expect(w.get('[data-testid="mail-empty"]').text()).toBe('Der er ingen mails endnu.')
    await w.get('[data-testid="mail-state-held"] input').setValue(true)
    await flushPromises()
    expect(w.get('[data-testid="mail-empty"]').text()).toBe('Ingen mails passer til filtrene.')
  })

  it('opens the mail when a row is clicked', async () => {
    svc.Message.mockResolvedValue({ message: (await import('./testing')).message(3, { state: 'failed' }), source: 'From: x' })
    const w = mountView()
    await flushPromises()
    await w.findAll('[data-testid="mail-row"]')[0].trigger('click')
    await flushPromises()
    expect(svc.Message).toHaveBeenCalledWith(3)
    expect(document.querySelector('[data-testid="mail-detail"]')).not.toBeNull()
    w.unmount()
  })
})
