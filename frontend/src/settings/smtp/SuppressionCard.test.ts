import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElMessageBox } from 'element-plus'
import { createAppI18n } from '../../i18n'
import { adminInfo, installMail, staffInfo, uninstallMail, type FakeMail } from '../../mail/testing'
import { info } from '../../state/app'
import SuppressionCard from './SuppressionCard.vue'

let svc: FakeMail
enableAutoUnmount(afterEach)

const list = [
  { address: 'lukket@firma.dk', reason: 'bounced', detail: '550 5.1.1 User unknown', createdAt: '2026-11-28T16:00:00Z' },
  { address: 'nej@firma.dk', reason: 'unsubscribed', detail: '', createdAt: '2026-11-27T09:30:00Z' },
]

const mountCard = () =>
  mount(SuppressionCard, { global: { plugins: [ElementPlus, createAppI18n('da')] }, attachTo: document.body })

beforeEach(() => {
  info.value = { ...adminInfo }
  svc = installMail({ Suppressions: vi.fn(async () => [...list]) })
})

afterEach(() => {
  vi.restoreAllMocks()
  uninstallMail()
  document.body.innerHTML = ''
})

describe('SuppressionCard', () => {
  it('lists the suppressed addresses with reason and Danish time', async () => {
    const w = mountCard()
    await flushPromises()
    const text = w.get('[data-testid="suppression-table"]').text()
    expect(text).toContain('lukket@firma.dk')
    expect(text).toContain('Afvist')
    expect(text).toContain('Afmeldt')
    expect(text).toContain('28.11.2026 kl. 17.00')
    expect(w.findAll('[data-testid="suppression-remove"]')).toHaveLength(2)
  })

  it('removes an address after confirming', async () => {
    vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    svc.Unsuppress.mockResolvedValue(undefined)
    const w = mountCard()
    await flushPromises()
    svc.Suppressions.mockResolvedValue([list[1]])
    await w.findAll('[data-testid="suppression-remove"]')[0].trigger('click')
    await flushPromises()
    expect(svc.Unsuppress).toHaveBeenCalledWith('lukket@firma.dk')
    expect(w.get('[data-testid="suppression-removed"]').text()).toContain('lukket@firma.dk er fjernet fra spærrelisten.')
    expect(w.get('[data-testid="suppression-table"]').text()).not.toContain('lukket@firma.dk')
  })

  it('offers no removal to staff', async () => {
    info.value = { ...staffInfo }
    const w = mountCard()
    await flushPromises()
    expect(w.get('[data-testid="suppression-table"]').text()).toContain('nej@firma.dk')
    expect(w.find('[data-testid="suppression-remove"]').exists()).toBe(false)
  })
})
