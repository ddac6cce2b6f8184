import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { audit } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import { entityLink, prettyDetail, shortDetail } from './audit'
import AuditView from './AuditView.vue'

enableAutoUnmount(afterEach)
let list: ReturnType<typeof vi.fn>

function entry(id: number, over: Partial<audit.Entry> = {}): audit.Entry {
  return { id, at: '2026-11-28T09:15:00Z', actor: 'karen@balk.dk', entity: 'event', entityId: 40 + (id % 5), action: 'update', detail: '', ...over }
}

/** A log of 120 entries, ids 120 down to 1, answering like the server. */
function fakeLog(q: audit.Query): audit.Entry[] {
  const all = Array.from({ length: 120 }, (_, i) => entry(120 - i))
  return all.filter((e) => !q.before || e.id < q.before).slice(0, q.limit)
}

async function mountView(path = '/audit') {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/audit', component: AuditView },
      { path: '/:rest(.*)*', component: { template: '<p>other</p>' } },
    ],
  })
  await router.push(path)
  await router.isReady()
  return mount(AuditView, { global: { plugins: [ElementPlus, createAppI18n('da'), router] }, attachTo: document.body })
}

const ids = (w: Awaited<ReturnType<typeof mountView>>) => w.findAll('[data-testid="audit-row"]').map((r) => Number(r.attributes('data-id')))

beforeEach(() => {
  list = vi.fn(async (q: audit.Query) => fakeLog(q))
  ;(window as unknown as { go: unknown }).go = { app: { Reports: { Audit: list } } }
})
afterEach(() => {
  delete (window as unknown as { go?: unknown }).go
  document.body.innerHTML = ''
})

describe('AuditView', () => {
  it('pages back by the last id shown and forward again', async () => {
    const w = await mountView()
    await flushPromises()
    expect(list).toHaveBeenLastCalledWith({ entity: '', entityId: 0, actor: '', from: null, to: null, limit: 51, before: 0 })
    expect(ids(w)).toHaveLength(50)
    expect(ids(w)[0]).toBe(120)
    expect(ids(w)[49]).toBe(71)
    expect(w.get('[data-testid="audit-newer"]').attributes('disabled')).toBeDefined()

    await w.get('[data-testid="audit-older"]').trigger('click')
    await flushPromises()
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ before: 71, limit: 51 }))
    expect(ids(w)[0]).toBe(70)
    expect(w.get('[data-testid="audit-page"]').text()).toBe('Side 2')

    await w.get('[data-testid="audit-older"]').trigger('click')
    await flushPromises()
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ before: 21 }))
    expect(ids(w)).toHaveLength(20)
    expect(w.get('[data-testid="audit-older"]').attributes('disabled')).toBeDefined()

    await w.get('[data-testid="audit-newer"]').trigger('click')
    await flushPromises()
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ before: 71 }))
    expect(ids(w)[0]).toBe(70)
    await w.get('[data-testid="audit-newer"]').trigger('click')
    await flushPromises()
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ before: 0 }))
    expect(w.get('[data-testid="audit-page"]').text()).toBe('Side 1')
  })

  it('reads who, what and the detail, with JSON pretty-printed', async () => {
    list.mockResolvedValueOnce([
      entry(3, { actor: 'public', entity: 'registration', entityId: 9, action: 'register', detail: '{"event":4,"company":"Alfa ApS"}' }),
      entry(2, { actor: 'desktop user', entity: 'consent', entityId: 12, action: 'withdraw', detail: 'bad om det' }),
      entry(1, { actor: 'system', entity: 'retention', entityId: 0, action: 'anonymise', detail: '' }),
    ])
    const w = await mountView()
    await flushPromises()
    const rows = w.findAll('[data-testid="audit-row"]')
    expect(rows[0].text()).toContain('28.11.2026 kl. 10.15')
    expect(rows[0].text()).toContain('Den offentlige side')
    expect(rows[0].text()).toContain('Tilmelding')
    expect(rows[0].text()).toContain('Tilmeldt')
    expect(rows[0].get('[data-testid="audit-detail"]').text()).toBe('{\n  "event": 4,\n  "company": "Alfa ApS"\n}')
    expect(rows[1].text()).toContain('Lokal bruger')
    expect(rows[1].text()).toContain('Samtykke trukket tilbage')
    expect(rows[1].text()).toContain('bad om det')
    expect(rows[1].get('a').attributes('href')).toBe('/contacts/12')
    expect(rows[2].text()).toContain('Systemet')
    expect(rows[2].text()).toContain('Anonymiseret')
  })

  it('filters by who and by one thing from the address', async () => {
    const w = await mountView('/audit?entity=event&id=42')
    await flushPromises()
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ entity: 'event', entityId: 42, before: 0 }))
    expect(w.get('[data-testid="audit-one"]').text()).toContain('Arrangement #42')
    vi.useFakeTimers()
    await w.get('input[data-testid="audit-actor"]').setValue(' karen@balk.dk ')
    await vi.advanceTimersByTimeAsync(400)
    vi.useRealTimers()
    await flushPromises()
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ actor: 'karen@balk.dk', entity: 'event', entityId: 42 }))
  })

  it('tells staff that the log is for administrators', async () => {
    list.mockRejectedValue({ key: 'error.forbidden', message: 'forbidden' })
    const w = await mountView()
    await flushPromises()
    expect(w.get('[data-testid="audit-forbidden"]').text()).toContain('Revisionsloggen kan kun ses af administratorer.')
    expect(w.find('[data-testid="audit-table"]').exists()).toBe(false)
  })
})

describe('audit helpers', () => {
  it('pretty-print JSON only, cut long lines and link what has a screen', () => {
    expect(prettyDetail('[1,2]')).toEqual({ text: '[\n  1,\n  2\n]', json: true })
    expect(prettyDetail('{not json')).toEqual({ text: '{not json', json: false })
    expect(shortDetail('a'.repeat(100), 10)).toBe('aaaaaaaaa…')
    expect(shortDetail('{"event":4,"company":"Alfa ApS","ids":[1,2]}')).toBe('event: 4 · company: Alfa ApS · ids: [1,2]')
    expect(shortDetail('[3,4]')).toBe('3, 4')
    const da = createAppI18n('da').global
    const word = (w: string) => (da.te(`ui.audit.detail.${w}`) ? da.t(`ui.audit.detail.${w}`) : w)
    expect(shortDetail('{"company":"Beta A/S","seats":1,"source":"public","status":"confirmed"}', 200, word)).toBe(
      'virksomhed: Beta A/S · pladser: 1 · kilde: den offentlige side · status: tilmeldt',
    )
    expect(shortDetail('["title","time"]', 90, word)).toBe('titel, tidspunkt')
    expect(entityLink('award_round', 3)).toBe('/gazelles/3')
    expect(entityLink('registration', 3)).toBe('')
    expect(entityLink('event', 0)).toBe('')
  })
})
