import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import { createAppI18n } from '../i18n'
import PresentationView from './PresentationView.vue'
import { installGazelles, uninstallGazelles, type FakeService } from './testing'

enableAutoUnmount(afterEach)
let svc: FakeService

async function mountShow() {
  const Blank = { template: '<div />' }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/gazelles/:id/presentation', component: PresentationView },
      { path: '/:p(.*)*', component: Blank },
    ],
  })
  await router.push('/gazelles/1/presentation')
  const w = mount(PresentationView, { global: { plugins: [ElementPlus, createAppI18n('da'), router] }, attachTo: document.body })
  await flushPromises()
  return { w, router }
}

function press(key: string) {
  window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
}

beforeEach(() => {
  svc = installGazelles()
})
afterEach(() => {
  uninstallGazelles()
  document.body.innerHTML = ''
})

describe('PresentationView', () => {
  it('shows one gazelle a slide: name, growth, period and a bar chart of its years', async () => {
    const { w } = await mountShow()
    expect(svc.Presentation).toHaveBeenCalledWith(1)
    expect(w.get('[data-testid="slide-name"]').text()).toBe('Ballerup Bryg ApS')
    expect(w.get('[data-testid="slide-growth"]').text()).toBe('+158,3 %')
    expect(w.get('[data-testid="slide-period"]').text()).toBe('Vækst i nettoomsætning 2022–2025')
    expect(w.get('[data-testid="slide-caption"]').text()).toBe('Gazelle 2025')
    expect(w.findAll('[data-testid="chart-bar"]')).toHaveLength(4)
    expect(w.get('[data-testid="growth-chart"]').attributes('aria-label')).toContain('2025 3,1 mio. kr.')
    expect(w.get('[data-testid="slide-counter"]').text()).toBe('1 / 3')
  })

  it('moves with the arrow keys, space, Home and End, and stays within the slides', async () => {
    const { w } = await mountShow()
    const counter = () => w.get('[data-testid="slide-counter"]').text()
    press('ArrowLeft')
    await flushPromises()
    expect(counter()).toBe('1 / 3')
    press('ArrowRight')
    await flushPromises()
    expect(counter()).toBe('2 / 3')
    expect(w.get('[data-testid="slide-period"]').text()).toBe('Vækst i bruttofortjeneste 2022–2025')
    expect(w.get('[data-testid="slide-announce"]').text()).toBe('2 / 3: Lautrup Data A/S')
    press(' ')
    await flushPromises()
    expect(counter()).toBe('3 / 3')
    press('ArrowRight')
    await flushPromises()
    expect(counter()).toBe('3 / 3')
    press('Home')
    await flushPromises()
    expect(counter()).toBe('1 / 3')
    press('End')
    await flushPromises()
    expect(counter()).toBe('3 / 3')
    press('ArrowUp')
    await flushPromises()
    expect(counter()).toBe('2 / 3')
  })

  it('moves on a click and shows Årets Gazelle last in its own style', async () => {
    const { w } = await mountShow()
    await w.get('[data-testid="slide"]').trigger('click')
    await w.get('[data-testid="slide"]').trigger('click')
    expect(w.get('[data-testid="slide-name"]').text()).toBe('Skovlunde Solar A/S')
    expect(w.get('[data-testid="slide"]').attributes('data-winner')).toBe('true')
    expect(w.get('[data-testid="presentation"]').classes()).toContain('is-winner')
    expect(w.get('[data-testid="slide-caption"]').text()).toBe('★ Årets Gazelle 2025')
    // The controls' own buttons do not also advance.
    await w.get('[data-testid="slide-prev"]').trigger('click')
    expect(w.get('[data-testid="slide-counter"]').text()).toBe('2 / 3')
  })

  it('leaves for the round on Esc', async () => {
    const { router } = await mountShow()
    press('Escape')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/gazelles/1')
  })

  it('asks for the full screen on the button and leaves it on Esc', async () => {
    const request = vi.fn(async function (this: HTMLElement) {
      Object.defineProperty(document, 'fullscreenElement', { value: this, configurable: true })
    })
    const exit = vi.fn(async () => {
      Object.defineProperty(document, 'fullscreenElement', { value: null, configurable: true })
    })
    ;(HTMLElement.prototype as unknown as { requestFullscreen: unknown }).requestFullscreen = request
    ;(document as unknown as { exitFullscreen: unknown }).exitFullscreen = exit
    try {
      const { w, router } = await mountShow()
      await w.get('[data-testid="slide-fullscreen"]').trigger('click')
      await flushPromises()
      expect(request).toHaveBeenCalledTimes(1)
      press('Escape')
      await flushPromises()
      expect(exit).toHaveBeenCalledTimes(1)
      expect(router.currentRoute.value.path).toBe('/gazelles/1/presentation')
    } finally {
      delete (HTMLElement.prototype as unknown as { requestFullscreen?: unknown }).requestFullscreen
      delete (document as unknown as { exitFullscreen?: unknown }).exitFullscreen
      Object.defineProperty(document, 'fullscreenElement', { value: null, configurable: true })
    }
  })

  it('says so when nothing is decided', async () => {
    svc.Presentation.mockRejectedValue({ key: 'award.error.none_decided', message: '' })
    const { w } = await mountShow()
    expect(w.get('[data-testid="presentation-error"]').text()).toContain('Vælg mindst én gazelle')
  })
})
