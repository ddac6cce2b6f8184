import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElMessageBox } from 'element-plus'
import { createAppI18n } from '../i18n'
import { info } from '../state/app'
import MailDetail from './MailDetail.vue'
import { base64ToBytes } from './download'
import { canCancel, canRetry, mailStates } from './states'
import { adminInfo, installMail, message, uninstallMail, type FakeMail } from './testing'

let svc: FakeMail
enableAutoUnmount(afterEach)

function mountDetail(id = 5) {
  return mount(MailDetail, {
    props: { id },
    global: { plugins: [ElementPlus, createAppI18n('da')] },
    attachTo: document.body,
  })
}

function withState(state: string) {
  svc.Message.mockResolvedValue({
    message: message(5, { state, sentAt: state === 'sent' ? '2026-11-28T16:01:00Z' : null }),
    source: 'Message-ID: <5.abc@balk.dk>\r\nSubject: Du er tilmeldt\r\n\r\nHej',
  })
}

const button = (w: ReturnType<typeof mountDetail>, id: string) =>
  w.get(`[data-testid="${id}"]`).element as HTMLButtonElement

beforeEach(() => {
  info.value = { ...adminInfo }
  svc = installMail()
  withState('sent')
})

afterEach(() => {
  vi.restoreAllMocks()
  uninstallMail()
  document.body.innerHTML = ''
})

describe('MailDetail', () => {
  it('shows the headers, the delivery, the text body and the MIME source', async () => {
    const w = mountDetail()
    await flushPromises()
    expect(svc.Message).toHaveBeenCalledWith(5)
    const headers = w.get('[data-testid="mail-headers"]').text()
    expect(headers).toContain('Erhverv Ballerup <erhverv@balk.dk>')
    expect(headers).toContain('Karen Jensen <karen@firma.dk>')
    expect(headers).toContain('svar@balk.dk')
    expect(headers).toContain('<5.abc@balk.dk>')
    expect(headers).toContain('28.11.2026 kl. 17.01')
    expect(w.get('[data-testid="mail-extra-headers"]').text()).toContain('List-Unsubscribe')
    expect(w.get('pre[data-testid="mail-text"]').text()).toContain('Du er tilmeldt.')
    expect(w.get('[data-testid="mail-last-reply"]').text()).toBe('250 2.0.0 OK')
    expect(w.get('[data-testid="mail-source"]').element.tagName).toBe('DETAILS')
    expect(w.get('[data-testid="mail-source"] pre').text()).toContain('Subject: Du er tilmeldt')
    expect(w.get('[data-testid="mail-attachment"]').text()).toContain('invitation.ics')
    expect(w.get('[data-testid="mail-attachment"]').text()).toContain('2 KB')
  })

  it('says the sender is set when sending for a mail not sent yet', async () => {
    svc.Message.mockResolvedValue({ message: message(5, { state: 'held', fromName: '', fromAddress: '', sentAt: null }), source: '' })
    const w = mountDetail()
    await flushPromises()
    expect(w.get('[data-testid="mail-headers"]').text()).toContain('Sættes ved afsendelse')
    expect(w.get('[data-testid="mail-headers"]').text()).toContain('Ikke sendt endnu')
  })

  it('shows the HTML body in a sandboxed frame without any permissions', async () => {
    const w = mountDetail()
    await flushPromises()
    const frame = w.get('[data-testid="mail-html-frame"]').element as HTMLIFrameElement
    expect(frame.tagName).toBe('IFRAME')
    expect(frame.hasAttribute('sandbox')).toBe(true)
    expect(frame.getAttribute('sandbox')).toBe('')
    expect(frame.getAttribute('srcdoc')).toContain('<p>Hej Karen</p>')
    expect(frame.getAttribute('src')).toBeNull()
  })

  it.each(mailStates)('enables Retry and Cancel only where the state allows them: %s', async (state) => {
    withState(state)
    const w = mountDetail()
    await flushPromises()
    expect(button(w, 'mail-retry').disabled).toBe(!['failed', 'held', 'cancelled'].includes(state))
    expect(button(w, 'mail-cancel').disabled).toBe(!['queued', 'held', 'failed'].includes(state))
  })

  it('retries a failed mail and reports the new state', async () => {
    withState('failed')
    svc.Retry.mockResolvedValue(message(5, { state: 'queued', attempts: 0, textBody: '', htmlBody: '' }))
    const w = mountDetail()
    await flushPromises()
    await w.get('[data-testid="mail-retry"]').trigger('click')
    await flushPromises()
    expect(svc.Retry).toHaveBeenCalledWith(5)
    expect(w.get('[data-testid="mail-detail-state"]').text()).toBe('I kø')
    expect(w.get('[data-testid="mail-notice"]').text()).toContain('Mailen er sat i kø igen.')
    expect(w.get('pre[data-testid="mail-text"]').text()).toContain('Du er tilmeldt.')
    expect(w.emitted('changed')).toHaveLength(1)
  })

  it('asks before cancelling, and does nothing when the user keeps the mail', async () => {
    withState('queued')
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockRejectedValueOnce('cancel')
    const w = mountDetail()
    await flushPromises()
    await w.get('[data-testid="mail-cancel"]').trigger('click')
    await flushPromises()
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(String(confirm.mock.calls[0][0])).toContain('karen@firma.dk')
    expect(svc.Cancel).not.toHaveBeenCalled()

    confirm.mockResolvedValueOnce('confirm' as never)
    svc.Cancel.mockResolvedValue(message(5, { state: 'cancelled' }))
    await w.get('[data-testid="mail-cancel"]').trigger('click')
    await flushPromises()
    expect(svc.Cancel).toHaveBeenCalledWith(5)
    expect(w.get('[data-testid="mail-detail-state"]').text()).toBe('Annulleret')
    expect(button(w, 'mail-cancel').disabled).toBe(true)
    expect(button(w, 'mail-retry').disabled).toBe(false)
  })

  it('shows the server refusing a change of state and reloads the mail', async () => {
    withState('failed')
    svc.Retry.mockRejectedValue({ key: 'mail.error.state', message: '' })
    const w = mountDetail()
    await flushPromises()
    withState('sent')
    await w.get('[data-testid="mail-retry"]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="mail-action-error"]').text()).toContain('Mailen kan ikke ændres i sin nuværende tilstand.')
    expect(svc.Message).toHaveBeenCalledTimes(2)
    expect(w.get('[data-testid="mail-detail-state"]').text()).toBe('Sendt')
  })
})

describe('attachments', () => {
  it('downloads the content through a link with the file name', async () => {
    svc.Attachment.mockResolvedValue({ filename: 'invitation.ics', contentType: 'text/calendar', dataBase64: 'QkVHSU46VkNBTEVOREFS' })
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test')
    const clicked: HTMLAnchorElement[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this)
    })
    const w = mountDetail()
    await flushPromises()
    await w.get('[data-testid="mail-attachment"] button').trigger('click')
    await flushPromises()
    expect(svc.Attachment).toHaveBeenCalledWith(7)
    const blob = created.mock.calls[0][0] as Blob
    expect(blob.type).toBe('text/calendar')
    expect(await blob.text()).toBe('BEGIN:VCALENDAR')
    expect(clicked).toHaveLength(1)
    expect(clicked[0].download).toBe('invitation.ics')
    expect(clicked[0].getAttribute('href')).toBe('blob:test')
  })
})

describe('states', () => {
  it('mirror the outbox rules', () => {
    expect(mailStates.filter(canRetry)).toEqual(['failed', 'held', 'cancelled'])
    expect(mailStates.filter(canCancel)).toEqual(['queued', 'failed', 'held'])
  })
})

describe('base64ToBytes', () => {
  it('decodes binary content', () => {
    expect([...base64ToBytes('AAH/gA==')]).toEqual([0, 1, 255, 128])
    expect(base64ToBytes('')).toHaveLength(0)
  })
})
