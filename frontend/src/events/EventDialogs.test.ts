import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, mount, RouterLinkStub } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { event } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import { settle } from '../register/testing'
import CancelDialog from './CancelDialog.vue'
import RepeatDialog from './RepeatDialog.vue'
import { installEvents, sampleEvent, uninstallEvents, type FakeService } from './testing'

let svc: FakeService
enableAutoUnmount(afterEach)

function mountDialog(component: typeof CancelDialog | typeof RepeatDialog, e: event.Event) {
  return mount(component, {
    props: { event: e },
    global: { plugins: [ElementPlus, createAppI18n('da')], stubs: { RouterLink: RouterLinkStub } },
    attachTo: document.body,
  })
}
const body = (testid: string) => document.querySelector(`[data-testid="${testid}"]`) as HTMLElement | null
async function click(testid: string) {
  body(testid)!.click()
  await settle()
}

beforeEach(() => {
  svc = installEvents()
})
afterEach(() => {
  uninstallEvents()
  document.body.innerHTML = ''
})

describe('CancelDialog', () => {
  it('will not cancel a published event without a message, then sends it', async () => {
    const w = mountDialog(CancelDialog, sampleEvent(4, { status: 'published' }))
    await w.get('[data-testid="event-cancel"]').trigger('click')
    await settle()
    await click('cancel-confirm')
    expect(svc.Cancel).not.toHaveBeenCalled()
    expect(body('cancel-dialog')!.textContent).toContain('Skal udfyldes.')

    const message = body('cancel-message') as HTMLTextAreaElement
    message.value = '  Vi må desværre aflyse på grund af sygdom.  '
    message.dispatchEvent(new Event('input'))
    await click('cancel-confirm')
    expect(svc.Cancel).toHaveBeenCalledWith(4, 'Vi må desværre aflyse på grund af sygdom.')
    expect(w.emitted('cancelled')?.[0]?.[0]).toMatchObject({ status: 'cancelled', cancelMessage: 'Vi må desværre aflyse på grund af sygdom.' })
  })

  it('cancels a draft without a message and shows the server field error', async () => {
    svc.Cancel.mockRejectedValueOnce({ key: 'error.validation', message: '', fields: { cancelMessage: { key: 'error.too_long', params: { max: 2000 } } } })
    mountDialog(CancelDialog, sampleEvent(5))
    await click('event-cancel')
    await click('cancel-confirm')
    expect(svc.Cancel).toHaveBeenCalledWith(5, '')
    expect(body('cancel-dialog')!.textContent).toContain('Må højst være 2000 tegn.')
  })
})

describe('RepeatDialog', () => {
  it('suggests the rule of the event date and repeats with the chosen rule', async () => {
    svc.Repeat.mockResolvedValueOnce([
      sampleEvent(11, { startsAt: '2027-01-07T16:00:00Z' }),
      sampleEvent(12, { startsAt: '2027-02-04T16:00:00Z' }),
    ])
    // Thursday 3 December 2026 is the first Thursday of the month.
    mountDialog(RepeatDialog, sampleEvent(4))
    await click('event-repeat')
    expect((body('repeat-ordinal-1')!.querySelector('input') as HTMLInputElement).checked).toBe(true)
    expect((body('repeat-weekday-4')!.querySelector('input') as HTMLInputElement).checked).toBe(true)

    body('repeat-ordinal--1')!.querySelector('input')!.click()
    body('repeat-weekday-2')!.querySelector('input')!.click()
    const count = body('repeat-count') as HTMLInputElement
    count.value = '30'
    count.dispatchEvent(new Event('input'))
    await click('repeat-confirm')
    expect(svc.Repeat).not.toHaveBeenCalled()
    expect(body('repeat-dialog')!.textContent).toContain('Vælg mellem 1 og 24 gentagelser.')

    count.value = '2'
    count.dispatchEvent(new Event('input'))
    await click('repeat-confirm')
    expect(svc.Repeat).toHaveBeenCalledWith(4, { ordinal: -1, weekday: 2, count: 2 })
    const created = body('repeat-created')!.textContent ?? ''
    expect(created).toContain('2 kladder er oprettet')
    expect(created).toContain('07.01.2027 kl. 17.00')
    expect(created).toContain('04.02.2027 kl. 17.00')
  })

  it('shows the server field errors of the rule', async () => {
    svc.Repeat.mockRejectedValueOnce({ key: 'error.validation', message: '', fields: { weekday: { key: 'event.error.weekday' } } })
    mountDialog(RepeatDialog, sampleEvent(4))
    await click('event-repeat')
    await click('repeat-confirm')
    expect(svc.Repeat).toHaveBeenCalledWith(4, { ordinal: 1, weekday: 4, count: 6 })
    expect(body('repeat-dialog')!.textContent).toContain('Vælg en ugedag.')
  })
})
