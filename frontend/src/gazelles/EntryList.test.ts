import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createAppI18n } from '../i18n'
import EntryList from './EntryList.vue'
import { installGazelles, sampleEntry, uninstallGazelles, type FakeService } from './testing'

enableAutoUnmount(afterEach)
let svc: FakeService

function mountList(props: Partial<{ list: string; search: string; readonly: boolean }> = {}) {
  return mount(EntryList, {
    props: { roundId: 1, list: 'candidates', search: '', readonly: false, ...props } as never,
    global: { plugins: [ElementPlus, createAppI18n('da')] },
    attachTo: document.body,
  })
}

async function openFirst(w: ReturnType<typeof mountList>) {
  await flushPromises()
  await w.findAll('[data-testid="entry-toggle"]')[0].trigger('click')
  await flushPromises()
}

beforeEach(() => {
  svc = installGazelles()
})
afterEach(() => {
  uninstallGazelles()
  document.body.innerHTML = ''
})

describe('EntryList', () => {
  it('asks the server for its list and search, and shows growth the Danish way', async () => {
    const w = mountList({ list: 'shortlist', search: ' lautrup ' })
    await flushPromises()
    expect(svc.Entries).toHaveBeenCalledWith({ roundId: 1, list: 'shortlist', search: 'lautrup', limit: 500 })
    const rows = w.findAll('[data-testid="entry-row"]')
    expect(rows).toHaveLength(2)
    expect(rows[0].get('[data-testid="entry-growth"]').text()).toBe('+151,1 %')
    expect(rows[0].get('[data-testid="entry-result"]').text()).toBe('Gazelle')
  })

  it('opens an entry to its evidence and the jury panel', async () => {
    const w = mountList()
    expect(w.find('[data-testid="entry-detail"]').exists()).toBe(false)
    await openFirst(w)
    expect(w.get('[data-testid="entry-toggle"]').attributes('aria-expanded')).toBe('true')
    const detail = w.get('[data-testid="entry-detail"]')
    expect(detail.findAll('[data-testid="evidence-rule"]')).toHaveLength(6)
    expect(detail.find('[data-testid="entry-jury"]').exists()).toBe(true)
  })

  it('records a decision with Decide and shows who decided', async () => {
    const w = mountList()
    await openFirst(w)
    await w.get('[data-testid="entry-decide-winner"]').trigger('click')
    await flushPromises()
    expect(svc.Decide).toHaveBeenCalledWith(11, 'winner')
    expect(w.get('[data-testid="entry-decision"]').text()).toBe('Årets Gazelle')
    expect(w.get('[data-testid="entry-decided"]').text()).toContain('Årets Gazelle – afgjort af anne@balk.dk, 11.01.2026 kl. 10.30.')
    expect(w.emitted('changed')).toHaveLength(1)

    await w.get('[data-testid="entry-decide-undo"]').trigger('click')
    await flushPromises()
    expect(svc.Decide).toHaveBeenLastCalledWith(11, '')
    expect(w.find('[data-testid="entry-decision"]').exists()).toBe(false)
  })

  it('says so when there already is an Årets Gazelle', async () => {
    svc.Decide.mockRejectedValueOnce({ key: 'award.error.one_winner', message: '' })
    const w = mountList()
    await openFirst(w)
    await w.get('[data-testid="entry-decide-winner"]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="entry-error"]').text()).toContain('Der er allerede valgt en Årets Gazelle i denne runde.')
    expect(w.find('[data-testid="entry-decision"]').exists()).toBe(false)
  })

  it('toggles the shortlist and saves the jury note', async () => {
    const w = mountList()
    await openFirst(w)
    await w.get('[data-testid="entry-shortlist"]').trigger('click')
    await flushPromises()
    expect(svc.Shortlist).toHaveBeenCalledWith(11, true)
    expect(w.find('[data-testid="entry-star"]').exists()).toBe(true)

    await w.get('textarea[data-testid="entry-note"]').setValue('Stærk eksport')
    await w.get('[data-testid="entry-note-save"]').trigger('click')
    await flushPromises()
    expect(svc.Note).toHaveBeenCalledWith(11, 'Stærk eksport')
    expect(w.get('[data-testid="entry-note-saved"]').text()).toBe('Noten er gemt.')
  })

  it('offers the diploma of a decided entry', async () => {
    svc.Entries.mockResolvedValue([sampleEntry(11, { decision: 'gazelle', shortlisted: true })])
    const w = mountList()
    await openFirst(w)
    const saved: string[] = []
    const orig = URL.createObjectURL
    const click = HTMLAnchorElement.prototype.click
    URL.createObjectURL = () => 'blob:x'
    HTMLAnchorElement.prototype.click = function () {
      saved.push((this as HTMLAnchorElement).download)
    }
    try {
      await w.get('[data-testid="entry-diploma"]').trigger('click')
      await flushPromises()
    } finally {
      URL.createObjectURL = orig
      HTMLAnchorElement.prototype.click = click
    }
    expect(svc.Diplomas).toHaveBeenCalledWith(1, 11)
    expect(saved).toEqual(['diplomer.pdf'])
  })

  it('shows everything but changes nothing in a published round', async () => {
    const w = mountList({ readonly: true })
    await openFirst(w)
    expect(w.get('[data-testid="entry-decide-winner"]').attributes('disabled')).toBeDefined()
    expect(w.get('[data-testid="entry-shortlist"]').attributes('disabled')).toBeDefined()
  })
})
