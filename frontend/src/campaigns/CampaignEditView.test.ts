import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElMessageBox } from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { app, campaign } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import { settle } from '../register/testing'
import { info } from '../state/app'
import CampaignEditView from './CampaignEditView.vue'
import { installCampaigns, sampleAudience, sampleCampaign, sampleProgress, samplePreview, uninstallCampaigns, type Fakes } from './testing'

let fakes: Fakes
enableAutoUnmount(afterEach)

const problem = (fields: Record<string, { key: string; params?: Record<string, unknown> }>) => ({ key: 'error.validation', message: 'Nogle felter skal rettes.', fields })

async function mountAt(path: string, attrs = ':preview-delay="60" :audience-delay="0" :poll-ms="0" :scheduled-poll-ms="0"') {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/campaigns', component: { template: '<p>list</p>' } },
      { path: '/campaigns/:id', component: CampaignEditView },
      { path: '/segments', component: { template: '<p>segments</p>' } },
      { path: '/contacts/:id', component: { template: '<p>contact</p>' } },
      { path: '/mail', component: { template: '<p>mail</p>' } },
      { path: '/settings', component: { template: '<p>settings</p>' } },
    ],
  })
  await router.push(path)
  await router.isReady()
  const w = mount({ template: `<router-view ${attrs} />` }, { global: { plugins: [ElementPlus, createAppI18n('da'), router] }, attachTo: document.body })
  await flushPromises()
  await settle(80)
  return { w, router }
}
type W = Awaited<ReturnType<typeof mountAt>>['w']

const el = (w: W, testid: string) => w.get(`[data-testid="${testid}"]`)
const value = (w: W, testid: string) => (el(w, testid).element as HTMLInputElement).value
const itemText = (w: W, testid: string) => el(w, testid).element.closest('.el-form-item')?.textContent ?? ''
async function type(w: W, testid: string, v: string) {
  await el(w, testid).setValue(v)
  await el(w, testid).trigger('blur')
}

beforeEach(() => {
  fakes = installCampaigns()
})
afterEach(() => {
  vi.restoreAllMocks()
  info.value = null
  uninstallCampaigns()
  document.body.innerHTML = ''
})

describe('CampaignEditView', () => {
  it('creates a campaign and moves to its address', async () => {
    const { w, router } = await mountAt('/campaigns/new')
    expect(w.get('h1').text()).toBe('Ny kampagne')
    await type(w, 'campaign-name', 'Nyhedsbrev december')
    await type(w, 'campaign-subject', 'Nyt fra Ballerup')
    await type(w, 'campaign-body', 'Kære {{.FirstName}}')
    await el(w, 'campaign-form').trigger('submit')
    await flushPromises()
    await settle()
    expect(fakes.campaigns.Save).toHaveBeenCalledTimes(1)
    const sent = fakes.campaigns.Save.mock.calls[0][0] as campaign.Campaign
    expect(sent).toMatchObject({ id: 0, name: 'Nyhedsbrev december', kind: 'newsletter', subject: 'Nyt fra Ballerup', body: 'Kære {{.FirstName}}', sendAt: null, eventId: null })
    expect(router.currentRoute.value.fullPath).toBe('/campaigns/7')
    expect(el(w, 'campaign-saved').text()).toContain('Kampagnen er gemt.')
    expect(value(w, 'campaign-name')).toBe('Nyhedsbrev december')
  }, 20_000)

  it('keeps what was typed when the server refuses, with the errors beside the fields', async () => {
    fakes.campaigns.Save.mockRejectedValueOnce(problem({ subject: { key: 'campaign.error.merge_field', params: { field: 'Fornavn' } } }))
    const { w, router } = await mountAt('/campaigns/new')
    await type(w, 'campaign-name', 'Halvfærdig')
    await type(w, 'campaign-subject', 'Hej {{.Fornavn}}')
    await type(w, 'campaign-body', 'Noget tekst')
    // The client knows the merge fields too, and says so before saving.
    await settle()
    expect(itemText(w, 'campaign-subject')).toContain('Flettefeltet Fornavn findes ikke.')
    await el(w, 'campaign-form').trigger('submit')
    await flushPromises()
    expect(fakes.campaigns.Save).not.toHaveBeenCalled()

    // The server's own errors show the same way.
    await type(w, 'campaign-subject', 'Hej')
    await el(w, 'campaign-form').trigger('submit')
    await flushPromises()
    await settle()
    expect(fakes.campaigns.Save).toHaveBeenCalledTimes(1)
    expect(itemText(w, 'campaign-subject')).toContain('Flettefeltet Fornavn findes ikke.')
    expect(el(w, 'campaign-error').text()).toContain('Nogle felter skal rettes.')
    expect(value(w, 'campaign-name')).toBe('Halvfærdig')
    expect(value(w, 'campaign-subject')).toBe('Hej')
    expect(value(w, 'campaign-body')).toBe('Noget tekst')
    expect(router.currentRoute.value.fullPath).toBe('/campaigns/new')
  }, 20_000)

  it('shows the exact audience and who is left out, and why, before sending', async () => {
    const { w } = await mountAt('/campaigns/4')
    expect(fakes.campaigns.Audience).toHaveBeenCalled()
    const box = el(w, 'campaign-audience')
    expect(el(w, 'campaign-consent-note').text()).toContain('kun til kontakter med registreret samtykke')
    expect(el(w, 'campaign-consent-note').text()).toContain('kan ikke tilsidesættes')
    expect(el(w, 'campaign-audience-count').text()).toBe('2')
    expect(el(w, 'campaign-audience-excluded').text()).toBe('3')
    const reasons = box.get('[data-testid="campaign-audience-reasons"]').text()
    expect(reasons).toContain('Intet samtykke 1')
    expect(reasons).toContain('Afmeldt 1')
    expect(reasons).toContain('Ingen e-mail 1')
    expect(box.findAll('[data-testid="campaign-excluded-row"]').map((r) => r.text())).toEqual([
      expect.stringContaining('Ole Uden'), expect.stringContaining('Per Afmeldt'), expect.stringContaining('Pia Mail'),
    ])
    expect(el(w, 'campaign-send-count').text()).toBe('Sendes til 2 modtagere')
  }, 20_000)

  it('sends a saved draft after confirming the count, and then shows its progress', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    const sending = sampleCampaign(4, { status: 'sending', startedAt: '2026-11-28T10:06:00Z' })
    fakes.campaigns.Send.mockImplementation(async () => {
      fakes.campaigns.Get.mockResolvedValue(sending)
      return sending
    })
    const { w } = await mountAt('/campaigns/4')
    expect(el(w, 'campaign-send').text()).toBe('Send nu')
    await el(w, 'campaign-send').trigger('click')
    await flushPromises()
    await settle()
    // Not edited: no save first; the audience is read again for the exact number.
    expect(fakes.campaigns.Save).not.toHaveBeenCalled()
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(String(confirm.mock.calls[0][0])).toContain('sendes nu til 2 modtagere')
    expect(fakes.campaigns.Send).toHaveBeenCalledWith(4)
    expect(el(w, 'campaign-status').text()).toBe('Sendes')
    expect(w.find('[data-testid="campaign-progress"]').exists()).toBe(true)
    expect(fakes.campaigns.Progress).toHaveBeenCalledWith(4)
    expect(el(w, 'campaign-progress-total').text()).toBe('4 af 10 sendt')
    expect(w.find('[data-testid="campaign-send"]').exists()).toBe(false)
  }, 20_000)

  it('saves what was typed before sending, and does not send when staff go back', async () => {
    vi.spyOn(ElMessageBox, 'confirm').mockRejectedValue('cancel')
    const { w } = await mountAt('/campaigns/4')
    await type(w, 'campaign-subject', 'Nyt emne')
    await el(w, 'campaign-send').trigger('click')
    await flushPromises()
    await settle()
    expect(fakes.campaigns.Save).toHaveBeenCalledTimes(1)
    expect((fakes.campaigns.Save.mock.calls[0][0] as campaign.Campaign).subject).toBe('Nyt emne')
    expect(fakes.campaigns.Send).not.toHaveBeenCalled()
  }, 20_000)

  it('checks what sending needs before asking the server', async () => {
    fakes.campaigns.Get.mockResolvedValue(sampleCampaign(4, { kind: 'invitation', subject: '', segmentIds: [], contactIds: [] }))
    const { w } = await mountAt('/campaigns/4')
    await el(w, 'campaign-send').trigger('click')
    await flushPromises()
    await settle()
    expect(fakes.campaigns.Send).not.toHaveBeenCalled()
    expect(itemText(w, 'campaign-subject')).toContain('Skal udfyldes.')
    expect(itemText(w, 'campaign-segmentIds')).toContain('Vælg mindst ét segment eller én kontakt.')
    expect(itemText(w, 'campaign-eventId')).toContain('En invitation skal høre til et arrangement.')
  }, 20_000)

  it('marks the English tab and opens it when only its text is wrong', async () => {
    fakes.campaigns.Get.mockResolvedValue(sampleCampaign(4, { subjectEn: 'News' }))
    const { w } = await mountAt('/campaigns/4')
    expect(w.find('[data-testid="campaign-tab-en-error"]').exists()).toBe(false)
    await el(w, 'campaign-send').trigger('click')
    await flushPromises()
    await settle()
    expect(fakes.campaigns.Send).not.toHaveBeenCalled()
    expect(el(w, 'campaign-tab-en-error').text()).toBe('(har fejl)')
    expect(w.find('[data-testid="campaign-tab-da-error"]').exists()).toBe(false)
    expect(el(w, 'campaign-bodyEn').isVisible()).toBe(true)
    expect(itemText(w, 'campaign-bodyEn')).toContain('Skriv både engelsk emne og tekst, eller ingen af dem.')
  }, 20_000)

  it('shows the errors of Send beside the fields and keeps the form', async () => {
    vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    fakes.campaigns.Get.mockResolvedValue(sampleCampaign(4, { sendAt: '2026-11-01T09:00:00Z' }))
    fakes.campaigns.Send.mockRejectedValueOnce(problem({ sendAt: { key: 'campaign.error.send_at_past' } }))
    const { w } = await mountAt('/campaigns/4')
    expect(value(w, 'campaign-sendAt')).toBe('01.11.2026 10:00')
    expect(el(w, 'campaign-send').text()).toBe('Planlæg udsendelse')
    await el(w, 'campaign-send').trigger('click')
    await flushPromises()
    await settle()
    expect(fakes.campaigns.Send).toHaveBeenCalledWith(4)
    expect(itemText(w, 'campaign-sendAt')).toContain('Tidspunktet er allerede passeret.')
    expect(value(w, 'campaign-sendAt')).toBe('01.11.2026 10:00')
    expect(el(w, 'campaign-status').text()).toBe('Kladde')
  }, 20_000)

  it('shows an empty audience from Send beside the recipients', async () => {
    vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    fakes.campaigns.Send.mockRejectedValueOnce(problem({ segmentIds: { key: 'campaign.error.empty_audience', params: { excluded: 3 } } }))
    const { w } = await mountAt('/campaigns/4')
    await el(w, 'campaign-send').trigger('click')
    await flushPromises()
    await settle()
    expect(itemText(w, 'campaign-segmentIds')).toContain('Ingen modtagere tilbage efter samtykke og afmeldinger (3 sorteret fra).')
  }, 20_000)

  it('previews a moment after typing stops, once, with what was typed', async () => {
    const { w } = await mountAt('/campaigns/4')
    expect(fakes.campaigns.Preview).toHaveBeenCalledTimes(1)
    expect(fakes.campaigns.Preview).toHaveBeenLastCalledWith(expect.objectContaining({ id: 4 }), 0, 'da')
    const frame = el(w, 'campaign-preview-frame')
    expect(frame.attributes('sandbox')).toBe('')
    expect(frame.attributes('srcdoc')).toContain('Kære Karen')

    fakes.campaigns.Preview.mockResolvedValue(samplePreview({ subject: 'Julehilsen' }))
    await el(w, 'campaign-subject').setValue('J')
    await el(w, 'campaign-subject').setValue('Jul')
    await el(w, 'campaign-subject').setValue('Julehilsen')
    await flushPromises()
    expect(fakes.campaigns.Preview).toHaveBeenCalledTimes(1)
    await settle(120)
    expect(fakes.campaigns.Preview).toHaveBeenCalledTimes(2)
    expect((fakes.campaigns.Preview.mock.calls[1][0] as campaign.Campaign).subject).toBe('Julehilsen')
    expect(el(w, 'campaign-preview-subject').text()).toBe('Julehilsen')

    // English, for a chosen recipient of the audience.
    await el(w, 'campaign-preview-en').find('input').setValue(true)
    await settle(120)
    expect(fakes.campaigns.Preview).toHaveBeenLastCalledWith(expect.anything(), 0, 'en')
    expect(el(w, 'campaign-preview-no-english').text()).toContain('ingen engelsk version')
  }, 20_000)

  it('says why the preview cannot be shown', async () => {
    fakes.campaigns.Preview.mockRejectedValue(problem({ body: { key: 'campaign.error.merge_field', params: { field: 'Navnet' } } }))
    const { w } = await mountAt('/campaigns/4')
    expect(el(w, 'campaign-preview-problem').text()).toContain('Tekst: Flettefeltet Navnet findes ikke.')
  }, 20_000)

  it('inserts a merge field where the cursor is', async () => {
    const { w } = await mountAt('/campaigns/new')
    const body = el(w, 'campaign-body')
    await body.setValue('Hej !')
    await body.trigger('focus')
    ;(body.element as HTMLTextAreaElement).setSelectionRange(4, 4)
    const menu = w.findComponent({ name: 'MergeFieldMenu' })
    menu.vm.$emit('insert', 'FirstName')
    await flushPromises()
    expect(value(w, 'campaign-body')).toBe('Hej {{.FirstName}}!')
  }, 20_000)

  it('fills in the signed-in user for the test once it is known', async () => {
    const { w } = await mountAt('/campaigns/4')
    expect(value(w, 'campaign-testTo')).toBe('')
    info.value = { mode: 'serve', actor: { userId: 1, email: 'anne@balk.dk', name: 'Anne', role: 'admin', desktop: false } } as app.SystemInfo
    await flushPromises()
    expect(value(w, 'campaign-testTo')).toBe('anne@balk.dk')
  }, 20_000)

  it('sends a test to the signed-in user by default', async () => {
    info.value = { mode: 'serve', actor: { userId: 1, email: 'anne@balk.dk', name: 'Anne', role: 'admin', desktop: false } } as app.SystemInfo
    const { w } = await mountAt('/campaigns/4')
    expect(value(w, 'campaign-testTo')).toBe('anne@balk.dk')
    await el(w, 'campaign-test-send').trigger('click')
    await el(w, 'campaign-test').get('form').trigger('submit')
    await flushPromises()
    expect(fakes.campaigns.TestSend).toHaveBeenCalledWith(expect.objectContaining({ id: 4 }), 0, 'anne@balk.dk')
    expect(el(w, 'campaign-test-done').text()).toContain('anne@balk.dk')
  }, 20_000)

  it('fills in an invitation to the event it was started from', async () => {
    const { w } = await mountAt('/campaigns/new?event=3&kind=invitation')
    expect(fakes.events.Get).toHaveBeenCalledWith(3)
    expect(value(w, 'campaign-name')).toBe('Invitation – Nytårskur 2027')
    expect(value(w, 'campaign-subject')).toBe('Invitation: {{.EventTitle}}')
    expect(value(w, 'campaign-body')).toContain('Kære {{.FirstName}}')
    expect(value(w, 'campaign-body')).toContain('{{.EventDate}}')
    expect(itemText(w, 'campaign-eventId')).toContain('Nytårskur 2027')
    await el(w, 'campaign-form').trigger('submit')
    await flushPromises()
    expect(fakes.campaigns.Save).toHaveBeenCalledWith(expect.objectContaining({ kind: 'invitation', eventId: 3 }))
  }, 20_000)

  describe('while it goes out', () => {
    it('pauses, resumes and after confirming cancels', async () => {
      const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
      fakes.campaigns.Get.mockResolvedValue(sampleCampaign(4, { status: 'sending', startedAt: '2026-11-28T10:06:00Z' }))
      const { w } = await mountAt('/campaigns/4')
      // Nothing to change once it goes out.
      expect((el(w, 'campaign-name').element as HTMLInputElement).disabled).toBe(true)
      expect(w.find('[data-testid="campaign-save"]').exists()).toBe(false)
      expect(el(w, 'campaign-progress-sent').text()).toContain('4')
      expect(el(w, 'campaign-progress-waiting').text()).toContain('5')
      expect(el(w, 'campaign-progress-failed').text()).toContain('1')
      expect(el(w, 'campaign-progress-queueing').text()).toContain('10 indtil nu')

      await el(w, 'campaign-pause').trigger('click')
      await flushPromises()
      expect(fakes.campaigns.Pause).toHaveBeenCalledWith(4)
      expect(el(w, 'campaign-status').text()).toBe('På pause')
      expect(w.find('[data-testid="campaign-progress-paused"]').exists()).toBe(true)

      await el(w, 'campaign-resume').trigger('click')
      await flushPromises()
      expect(fakes.campaigns.Resume).toHaveBeenCalledWith(4)

      await el(w, 'campaign-stop').trigger('click')
      await flushPromises()
      expect(confirm).toHaveBeenCalledTimes(1)
      expect(fakes.campaigns.Cancel).toHaveBeenCalledWith(4)
      expect(el(w, 'campaign-status').text()).toBe('Annulleret')
      expect(w.find('[data-testid="campaign-stop"]').exists()).toBe(false)
    }, 20_000)

    it('polls the progress while sending', async () => {
      let sent = 0
      fakes.campaigns.Progress.mockImplementation(async () => sampleProgress({ queued: 10 - sent, sending: 0, sent: sent++, failed: 0 }))
      fakes.campaigns.Get.mockResolvedValue(sampleCampaign(4, { status: 'sending', startedAt: '2026-11-28T10:06:00Z', queuedAt: '2026-11-28T10:06:10Z' }))
      const { w } = await mountAt('/campaigns/4', ':preview-delay="60" :audience-delay="0" :poll-ms="50"')
      const before = fakes.campaigns.Progress.mock.calls.length
      await settle(200)
      expect(fakes.campaigns.Progress.mock.calls.length).toBeGreaterThan(before + 1)
      expect(el(w, 'campaign-progress-total').text()).toMatch(/^\d+ af 10 sendt$/)
      expect(w.find('[data-testid="campaign-progress-queueing"]').exists()).toBe(false)
    }, 20_000)

    it('warns when there is no mail server', async () => {
      fakes.campaigns.Progress.mockResolvedValue(sampleProgress({ smtpConfigured: false }))
      fakes.campaigns.Get.mockResolvedValue(sampleCampaign(4, { status: 'sending', startedAt: '2026-11-28T10:06:00Z' }))
      const { w } = await mountAt('/campaigns/4')
      expect(el(w, 'campaign-progress-no-smtp').text()).toContain('ingen mailserver')
    }, 20_000)
  })

  it('shows no audience box for a campaign already sent, only its final numbers', async () => {
    fakes.campaigns.Get.mockResolvedValue(sampleCampaign(4, { status: 'finished', finishedAt: '2026-11-28T11:00:00Z' }))
    fakes.campaigns.Audience.mockResolvedValue(sampleAudience())
    const { w } = await mountAt('/campaigns/4')
    expect(w.find('[data-testid="campaign-audience"]').exists()).toBe(false)
    expect(el(w, 'campaign-progress-timing').text()).toContain('afsluttet')
    expect(w.find('[data-testid="campaign-pause"]').exists()).toBe(false)
  }, 20_000)
})
