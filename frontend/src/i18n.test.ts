import { describe, expect, it } from 'vitest'
import da from '@locales/da.json'
import en from '@locales/en.json'
import { createAppI18n, fill } from './i18n'

type Tree = { [k: string]: string | Tree }

function flatten(tree: Tree, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out[key] = v
    else flatten(v, key, out)
  }
  return out
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',')

describe('catalogs', () => {
  const flatDa = flatten(da as Tree)
  const flatEn = flatten(en as Tree)

  it('have exactly the same keys in Danish and English', () => {
    const onlyDa = Object.keys(flatDa).filter((k) => !(k in flatEn))
    const onlyEn = Object.keys(flatEn).filter((k) => !(k in flatDa))
    expect(onlyDa).toEqual([])
    expect(onlyEn).toEqual([])
  })

  it('use the same placeholders in both languages', () => {
    const differ = Object.keys(flatDa).filter((k) => placeholders(flatDa[k]) !== placeholders(flatEn[k] ?? ''))
    expect(differ).toEqual([])
  })

  it('have no empty messages', () => {
    const empty = Object.entries({ ...flatDa, ...flatEn }).filter(([, v]) => v.trim() === '')
    expect(empty).toEqual([])
  })

  it('hold the ui keys of every navigation entry', () => {
    for (const k of ['overview', 'events', 'companies', 'campaigns', 'gazelles', 'mail', 'settings']) {
      expect(flatDa[`ui.nav.${k}`], k).toBeTruthy()
    }
    expect(flatDa['ui.nav.settings']).toBe('Indstillinger')
    expect(flatEn['ui.nav.settings']).toBe('Settings')
  })
})

describe('fill', () => {
  it('replaces placeholders like the Go catalog', () => {
    expect(fill('Må højst være {max} tegn.', { max: 120 })).toBe('Må højst være 120 tegn.')
    expect(fill('{a} og {b}', { a: 1 })).toBe('1 og {b}')
    expect(fill('navn@firma.dk | {x}', { x: 'y' })).toBe('navn@firma.dk | y')
  })
})

describe('createAppI18n', () => {
  it('is Danish by default and translates with parameters', () => {
    const i18n = createAppI18n('da')
    expect(i18n.global.t('error.too_long', { max: 5 })).toBe('Må højst være 5 tegn.')
    expect(i18n.global.t('ui.header.local_user')).toBe('Lokal bruger')
  })
  it('switches to English', () => {
    const i18n = createAppI18n('en')
    expect(i18n.global.t('ui.header.local_user')).toBe('Local user')
  })
})
