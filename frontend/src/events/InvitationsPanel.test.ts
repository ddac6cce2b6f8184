import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElMessageBox } from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { campaign } from '../../wailsjs/go/models'
import { installCampaigns, sampleRecipient, uninstallCampaigns, type Fakes } from '../campaigns/testing'
import { createAppI18n } from '../i18n'
import InvitationsPanel from './InvitationsPanel.vue'
import { sampleEvent } from './testing'

let fakes: Fakes
enableAutoUnmount(afterEach)

const invitee = (n: number, answer: string, over: Partial<campaign.Invitee> = {}): campaign.Invitee => ({
  ...sampleRecipient(n), id: n, campaignId: 5, campaignName: 'Invitation nytårskur', answer, createdAt: '2026-11-20T09:00:00Z', ...over,
})

const overview = (): campaign.Overview => ({
  invited: 4, registered: 1, declined: 1, noAnswer: 2,
  invitees: [
    invitee(1, 'registered'),
    invitee(2, 'declined', { declinedAt: '2026-11-21T09:00:00Z' }),
    invitee(3, 'none', { remindedAt: '2026-11-25T09:00:00Z' }),
    invitee(4, 'none', { companyName: 'Bageriet ApS' }),
  ],
})

async function mountPanel(status = 'published') {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { template: '<p>home</p>' } },
      { path: '/campaigns/:id', component: { template: '<p>campaign</p>' } },
      { path: '/contacts/:id', component: { template: '<p>contact</p>' } },
    ],
  })
  await router.push('/')
  await router.isReady()
  const w = mount(InvitationsPanel, {
    props: { event: sampleEvent(1, { status }) },
    global: { plugins: [ElementPlus, createAppI18n('da'), router] },
    attachTo: document.body,
  })
  await flushPromises()
  return { w, router }
}

beforeEach(() => {
  fakes = installCampaigns({ Invitations: vi.fn(async () => overview()), Remind: vi.fn(async () => 2) })
})
afterEach(() => {
  vi.restoreAllMocks()
  uninstallCampaigns()
  document.body.innerHTML = ''
})

describe('InvitationsPanel', () => {
  it('counts the answers and lists the invitees with theirs', async () => {
    const { w } = await mountPanel()
    expect(fakes.campaigns.Invitations).toHaveBeenCalledWith(1)
    expect(w.get('[data-testid="count-invited"]').text()).toBe('4')
    expect(w.get('[data-testid="count-registered"]').text()).toBe('1')
    expect(w.get('[data-testid="count-declined"]').text()).toBe('1')
    expect(w.get('[data-testid="count-none"]').text()).toBe('2')
    const rows = w.findAll('[data-testid="invitee-row"]')
    expect(rows.map((r) => r.get('[data-testid="invitee-answer"]').text())).toEqual(['Tilmeldt', 'Afbud', 'Intet svar', 'Intet svar'])
    expect(rows[0].text()).toContain('Karen 1')
    expect(rows[0].text()).toContain('Invitation nytårskur')
    expect(rows[2].get('[data-testid="invitee-reminded"]').text()).toBe('Påmindet 25.11.2026 kl. 10.00')
  })

  it('filters by answer and searches', async () => {
    const { w } = await mountPanel()
    await w.get('[data-testid="invitations-filter-none"] input').setValue(true)
    await flushPromises()
    expect(w.findAll('[data-testid="invitee-row"]').map((r) => r.attributes('data-answer'))).toEqual(['none', 'none'])
    await w.get('[data-testid="invitations-search"]').setValue('bageriet')
    await flushPromises()
    expect(w.findAll('[data-testid="invitee-row"]').map((r) => r.text())).toEqual([expect.stringContaining('Karen 4')])
    await w.get('[data-testid="invitations-search"]').setValue('ingen')
    await flushPromises()
    expect(w.get('[data-testid="invitations-empty"]').text()).toBe('Ingen inviterede passer til søgningen.')
  })

  it('reminds those without an answer after confirming, saying who is skipped', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    // Bageriet was reminded two hours ago; invitee 3 three days ago.
    const o = overview()
    o.invitees[3].remindedAt = new Date(Date.now() - 2 * 3600 * 1000).toISOString()
    fakes.campaigns.Invitations.mockResolvedValue(o)
    const { w } = await mountPanel()
    await w.get('[data-testid="invitations-remind"]').trigger('click')
    await flushPromises()
    expect(confirm).toHaveBeenCalledTimes(1)
    const message = String(confirm.mock.calls[0][0])
    expect(message).toContain('2 inviterede har ikke svaret.')
    expect(message).toContain('1 af dem fik en påmindelse inden for det seneste døgn og får ikke en til nu.')
    expect(message).toContain('Samtykke og afmeldinger tjekkes igen')
    expect(fakes.campaigns.Remind).toHaveBeenCalledWith(1)
    expect(fakes.campaigns.Invitations).toHaveBeenCalledTimes(2)
    expect(document.body.textContent).toContain('2 påmindelser er lagt i udbakken.')
  })

  it('sends no reminder when staff go back', async () => {
    vi.spyOn(ElMessageBox, 'confirm').mockRejectedValue('cancel')
    const { w } = await mountPanel()
    await w.get('[data-testid="invitations-remind"]').trigger('click')
    await flushPromises()
    expect(fakes.campaigns.Remind).not.toHaveBeenCalled()
  })

  it('has no reminder to send when everyone answered', async () => {
    fakes.campaigns.Invitations.mockResolvedValue({ invited: 1, registered: 1, declined: 0, noAnswer: 0, invitees: [invitee(1, 'registered')] })
    const { w } = await mountPanel()
    expect(w.get('[data-testid="invitations-remind"]').attributes('disabled')).toBeDefined()
  })

  it('links to a new invitation to the event, filled in', async () => {
    const { w, router } = await mountPanel()
    const link = w.get('[data-testid="invitations-new"]')
    expect(link.attributes('href')).toBe('/campaigns/new?event=1&kind=invitation')
    await link.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/campaigns/new?event=1&kind=invitation')
  })

  it('says an unpublished event cannot be invited to yet, and when no one is invited', async () => {
    fakes.campaigns.Invitations.mockResolvedValue({ invited: 0, registered: 0, declined: 0, noAnswer: 0, invitees: [] })
    const { w } = await mountPanel('draft')
    expect(w.get('[data-testid="invitations-unpublished"]').text()).toContain('ikke offentliggjort')
    expect(w.get('[data-testid="invitations-empty"]').text()).toContain('Ingen er inviteret endnu.')
  })
})
