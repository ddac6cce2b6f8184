import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { company } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import { options } from '../register/testing'
import SegmentEditor from './SegmentEditor.vue'

enableAutoUnmount(afterEach)
type Fn = ReturnType<typeof vi.fn>
let seg: { Count: Fn; Save: Fn; Delete: Fn }

const existing: company.Segment = {
  id: 7,
  name: 'IT-nyhedsbrev',
  target: 'contacts',
  filter: { clusters: ['it'], areas: [], tags: [], symbiosis: undefined, consent: true, hasContacts: undefined },
  count: 12,
  createdAt: '2026-11-28T16:00:00Z',
  updatedAt: '2026-11-28T16:00:00Z',
}

function mountEditor(segment: company.Segment | null = null) {
  return mount(SegmentEditor, {
    props: { segment, options, countDelay: 10 },
    global: { plugins: [ElementPlus, createAppI18n('da')] },
    attachTo: document.body,
  })
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))
// Past the count's debounce and Element Plus's 100 ms before a field error shows.
async function settle() {
  await flushPromises()
  await wait(150)
  await flushPromises()
}

beforeEach(() => {
  seg = {
    Count: vi.fn(async (_t: string, f: company.Filter) => (f.clusters.length ? 4 : 31)),
    Save: vi.fn(async (s: company.Segment) => ({ ...s, id: s.id || 9, count: 4 })),
    Delete: vi.fn(),
  }
  ;(window as unknown as { go: unknown }).go = { app: { Segments: seg } }
})
afterEach(() => {
  delete (window as unknown as { go?: unknown }).go
  document.body.innerHTML = ''
})

describe('SegmentEditor', () => {
  it('counts live, with the filter, as it changes (debounced)', async () => {
    const w = mountEditor()
    await flushPromises()
    expect(w.get('[data-testid="segment-count"]').text()).toBe('Tæller …')
    await settle()
    expect(seg.Count).toHaveBeenCalledTimes(1)
    expect(seg.Count).toHaveBeenLastCalledWith('companies', { clusters: [], areas: [], tags: [] })
    expect(w.get('[data-testid="segment-count"]').text()).toBe('31 passer lige nu')

    await w.get('[data-testid="segment-symbiosis-yes"] input').setValue(true)
    w.findAllComponents({ name: 'ElSelect' })[0].vm.$emit('update:modelValue', ['it', 'finance'])
    await settle()
    expect(seg.Count).toHaveBeenCalledTimes(2)
    expect(seg.Count).toHaveBeenLastCalledWith('companies', { clusters: ['it', 'finance'], areas: [], tags: [], symbiosis: true })
    expect(w.get('[data-testid="segment-count"]').text()).toBe('4 passer lige nu')

    await w.get('[data-testid="segment-target-contacts"] input').setValue(true)
    await w.get('[data-testid="segment-consent-no"] input').setValue(true)
    await settle()
    expect(seg.Count).toHaveBeenLastCalledWith('contacts', { clusters: ['it', 'finance'], areas: [], tags: [], symbiosis: true, consent: false })
  })

  it('will not save without a name', async () => {
    const w = mountEditor()
    await settle()
    await w.get('form').trigger('submit')
    await settle()
    expect(seg.Save).not.toHaveBeenCalled()
    expect(w.text()).toContain('Skal udfyldes.')
  })

  it('saves a new segment with its name, target and filter', async () => {
    const w = mountEditor()
    await settle()
    await w.get('input[data-testid="segment-name"]').setValue('  Symbiosen   uden kontakter ')
    await w.get('[data-testid="segment-symbiosis-yes"] input').setValue(true)
    await w.get('[data-testid="segment-hasContacts-no"] input').setValue(true)
    w.findAllComponents({ name: 'ElSelect' })[1].vm.$emit('update:modelValue', ['Lautrupgård'])
    await settle()
    await w.get('form').trigger('submit')
    await settle()
    expect(seg.Save).toHaveBeenCalledTimes(1)
    expect(seg.Save.mock.calls[0][0]).toEqual({
      id: 0,
      name: 'Symbiosen uden kontakter',
      target: 'companies',
      filter: { clusters: [], areas: ['Lautrupgård'], tags: [], symbiosis: true, hasContacts: false },
      count: 0,
      createdAt: null,
      updatedAt: null,
    })
    expect(w.emitted('saved')?.[0][0]).toMatchObject({ id: 9 })
    expect(w.find('[data-testid="segment-saved"]').exists()).toBe(true)
  })

  it('edits an existing segment and shows a taken name next to the field', async () => {
    seg.Save.mockRejectedValueOnce({
      key: 'error.validation',
      message: '',
      fields: { name: { key: 'company.error.segment_name_taken' } },
    })
    const w = mountEditor(existing)
    await settle()
    expect(seg.Count).toHaveBeenLastCalledWith('contacts', { clusters: ['it'], areas: [], tags: [], consent: true })
    await w.get('form').trigger('submit')
    await settle()
    expect(seg.Save.mock.calls[0][0]).toMatchObject({ id: 7, name: 'IT-nyhedsbrev', target: 'contacts', filter: { clusters: ['it'], consent: true } })
    expect(w.text()).toContain('Der findes allerede et segment med det navn.')
  })
})
