import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { app } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import { info } from '../state/app'
import ContactPrivacy from './ContactPrivacy.vue'
import { installRegister, settle, uninstallRegister, type FakeService } from './testing'

enableAutoUnmount(afterEach)
let svc: { companies: FakeService; contacts: FakeService }

function actor(role: string): app.SystemInfo {
  return {
    version: 'test', mode: 'serve', schemaVersion: 1, dataDir: '', databasePath: '', publicUrl: '', baseUrlLocked: false,
    actor: { userId: 1, email: 'a@balk.dk', name: 'A', role, desktop: false },
  }
}

function mountPanel() {
  return mount(ContactPrivacy, {
    props: { contactId: 5, name: 'Karen Jensen' },
    global: { plugins: [ElementPlus, createAppI18n('da')] },
    attachTo: document.body,
  })
}
const q = (testid: string) => document.body.querySelector<HTMLElement>(`[data-testid="${testid}"]`)

beforeEach(() => {
  info.value = actor('admin')
  svc = installRegister({}, { Erase: vi.fn(async () => undefined), PersonData: vi.fn(async () => ({ contact: { id: 5, name: 'Karen Jensen' } })) })
})
afterEach(() => {
  uninstallRegister()
  info.value = null
  document.body.innerHTML = ''
})

describe('ContactPrivacy', () => {
  it('will not erase without a reason, then erases with the reason typed', async () => {
    const w = mountPanel()
    await w.get('[data-testid="contact-erase"]').trigger('click')
    await settle()
    expect(document.body.textContent).toContain('Det kan ikke fortrydes.')
    q('erase-confirm')!.click()
    await settle()
    expect(svc.contacts.Erase).not.toHaveBeenCalled()
    expect(q('erase-form')?.textContent).toContain('Skal udfyldes.')

    w.findComponent({ name: 'ElInput' }).vm.$emit('update:modelValue', '  Anmodning pr. e-mail ')
    w.findComponent({ name: 'ElInput' }).vm.$emit('input', '  Anmodning pr. e-mail ')
    await settle()
    q('erase-confirm')!.click()
    await settle()
    expect(svc.contacts.Erase).toHaveBeenCalledWith(5, 'Anmodning pr. e-mail')
    expect(w.emitted('erased')).toHaveLength(1)
  })

  it('shows the server refusal for staff and keeps the reason', async () => {
    svc.contacts.Erase.mockRejectedValueOnce({ key: 'error.forbidden', message: '' })
    const w = mountPanel()
    await w.get('[data-testid="contact-erase"]').trigger('click')
    await settle()
    w.findComponent({ name: 'ElInput' }).vm.$emit('update:modelValue', 'Anmodning')
    await settle()
    q('erase-confirm')!.click()
    await settle()
    expect(q('erase-error')?.textContent).toContain('Du har ikke adgang')
    expect((q('erase-reason') as HTMLTextAreaElement).value).toBe('Anmodning')
    expect(w.emitted('erased')).toBeUndefined()
  })

  it('offers erasure to admins only, and person data to everyone', async () => {
    info.value = actor('staff')
    const w = mountPanel()
    expect(w.find('[data-testid="contact-erase"]').exists()).toBe(false)
    expect(w.find('[data-testid="contact-persondata"]').exists()).toBe(true)
  })

  it('downloads the person data as persondata-<name>.json', async () => {
    const created: string[] = []
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      created.push(this.download)
    })
    URL.createObjectURL = vi.fn(() => 'blob:x')
    URL.revokeObjectURL = vi.fn()
    const w = mountPanel()
    await w.get('[data-testid="contact-persondata"]').trigger('click')
    await settle()
    expect(svc.contacts.PersonData).toHaveBeenCalledWith(5)
    expect(created).toEqual(['persondata-karen-jensen.json'])
    click.mockRestore()
  })
})
