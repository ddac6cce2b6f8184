import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { company } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import MergeDialog from './MergeDialog.vue'
import { installRegister, sampleCompany, settle, uninstallRegister, type FakeService } from './testing'

enableAutoUnmount(afterEach)
let svc: { companies: FakeService; contacts: FakeService }

function mountDialog(kind: 'company' | 'contact' = 'company') {
  return mount(MergeDialog, {
    props: { kind, currentId: 1, currentName: 'Alfa A/S' },
    global: { plugins: [ElementPlus, createAppI18n('da')] },
    attachTo: document.body,
  })
}

const q = (testid: string) => document.body.querySelector<HTMLElement>(`[data-testid="${testid}"]`)

async function pick(w: ReturnType<typeof mountDialog>, id: number) {
  w.findComponent({ name: 'ElSelect' }).vm.$emit('update:modelValue', id)
  await settle()
}

beforeEach(() => {
  svc = installRegister(
    {
      List: vi.fn(async () => ({
        items: [sampleCompany(1, { name: 'Alfa A/S' }), sampleCompany(2, { name: 'Alfa A/S (dublet)', cvr: undefined })],
        total: 2,
        next: '',
      })),
      Merge: vi.fn(async (keep: number) => sampleCompany(keep, { name: 'Alfa A/S' })),
    },
    {
      List: vi.fn(async () => ({ items: [{ id: 8, name: 'Karen J.', email: 'karen@alfa.dk', companyName: 'Alfa A/S' } as company.Contact], total: 1, next: '' })),
      Merge: vi.fn(async (keep: number) => ({ id: keep, name: 'Karen Jensen' })),
    },
  )
})
afterEach(() => {
  uninstallRegister()
  document.body.innerHTML = ''
})

describe('MergeDialog', () => {
  it('offers the other companies, explains what happens and merges (current, picked)', async () => {
    const w = mountDialog()
    await w.get('[data-testid="company-merge"]').trigger('click')
    await settle()
    expect(svc.companies.List).toHaveBeenCalledWith(expect.objectContaining({ search: '', pageSize: 20 }))
    expect(q('merge-explain')?.textContent).toContain('Vælg dubletten')
    expect((q('merge-confirm') as HTMLButtonElement).disabled).toBe(true)

    await pick(w, 2)
    expect(q('merge-explain')?.textContent).toContain(
      'Alfa A/S (dublet) slettes. Dens kontaktpersoner, tags og P-numre flyttes til Alfa A/S',
    )
    expect(svc.companies.Merge).not.toHaveBeenCalled()
    q('merge-confirm')!.click()
    await settle()
    expect(svc.companies.Merge).toHaveBeenCalledTimes(1)
    expect(svc.companies.Merge).toHaveBeenCalledWith(1, 2)
    expect(w.emitted('merged')?.[0][0]).toMatchObject({ id: 1 })
  })

  it('merges contacts with Contacts.Merge and shows a refusal', async () => {
    svc.contacts.Merge.mockRejectedValueOnce({ key: 'company.error.merge_self', message: '' })
    const w = mountDialog('contact')
    await w.get('[data-testid="contact-merge"]').trigger('click')
    await settle()
    await pick(w, 8)
    expect(q('merge-explain')?.textContent).toContain('Karen J. slettes. Samtykkerne flyttes til Alfa A/S')
    q('merge-confirm')!.click()
    await settle()
    expect(svc.contacts.Merge).toHaveBeenCalledWith(1, 8)
    expect(svc.companies.Merge).not.toHaveBeenCalled()
    expect(q('merge-error')?.textContent).toContain('Vælg to forskellige poster')
    expect(w.emitted('merged')).toBeUndefined()
  })
})
