import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createAppI18n } from '../i18n'
import EntryEvidence from './EntryEvidence.vue'
import { sampleVerdict } from './testing'

enableAutoUnmount(afterEach)

function mountEvidence(v = sampleVerdict(), lang: 'da' | 'en' = 'da') {
  return mount(EntryEvidence, { props: { verdict: v }, global: { plugins: [ElementPlus, createAppI18n(lang)] } })
}

describe('EntryEvidence', () => {
  it('shows the six rules in order with their status and translated details, figures written the Danish way', () => {
    const w = mountEvidence()
    const rules = w.findAll('[data-testid="evidence-rule"]')
    expect(rules.map((r) => r.attributes('data-rule'))).toEqual(['1', '2', '3', '4', '5', '6'])
    expect(rules[0].text()).toContain('1. Selskabsform')
    expect(rules[0].text()).toContain('Opfyldt')
    expect(rules[0].text()).toContain('Selskabet er et A/S.')
    expect(rules[2].get('[data-testid="rule-detail"]').text()).toBe('Nettoomsætning i startåret 2022: 1.234.567 kr. (mindst 1.000.000 kr.).')
    expect(rules[3].get('[data-testid="rule-detail"]').text()).toBe(
      'Vækst hvert år (21,5 %, 33,3 % og 55,5 %) og 151,1 % fra 2022 til 2025 (mindst 100 %).',
    )
    expect(rules[4].text()).toContain('845.000 kr.')
    expect(w.get('[data-testid="evidence-result"]').text()).toBe('Gazelle')
    expect(w.text()).not.toContain('gazelle.')
  })

  it('marks failed and review rules and lists the warnings', () => {
    const v = sampleVerdict({
      result: 'needs_review',
      rules: [
        ...sampleVerdict().rules.slice(0, 4),
        { id: 5, name: 'gazelle.rule.operating', status: 'failed', detail: { key: 'gazelle.detail.operating.sum', params: { sum: -12500 } } },
        { id: 6, name: 'gazelle.rule.comparable', status: 'needs_review', detail: { key: 'gazelle.detail.comparable.jump', params: { count: 1 } } },
      ],
      warnings: [{ key: 'gazelle.warning.net_revenue_jump', params: { from: 2023, to: 2024, before: 1500, after: 2000000 } }],
    })
    const w = mountEvidence(v)
    const rules = w.findAll('[data-testid="evidence-rule"]')
    expect(rules[4].classes()).toContain('is-failed')
    expect(rules[4].text()).toContain('Ikke opfyldt')
    expect(rules[4].text()).toContain('i alt -12.500 kr.')
    expect(rules[5].classes()).toContain('is-review')
    expect(rules[5].text()).toContain('Skal gennemses')
    expect(w.get('[data-testid="evidence-warning"]').text()).toBe(
      'Nettoomsætningen stiger fra 1.500 kr. i 2023 til 2.000.000 kr. i 2024, mindst 1.000 gange: er et af tallene angivet i tusinder?',
    )
    expect(w.get('[data-testid="evidence-result"]').text()).toBe('Skal gennemses')
  })

  it('tabulates the reports with the growth of the measure, a missing year as a gap', () => {
    const v = sampleVerdict()
    v.evidence.reports = v.evidence.reports.filter((r) => r.year !== 2024)
    const w = mountEvidence(v)
    const rows = w.findAll('[data-testid="evidence-report"]')
    expect(rows.map((r) => r.attributes('data-year'))).toEqual(['2022', '2023', '2024', '2025'])
    expect(rows[0].text()).toContain('1.234.567')
    expect(rows[0].text()).toContain('-50.000')
    expect(rows[1].text()).toContain('21,5 %')
    expect(rows[2].text()).toContain('Årsrapporten mangler')
    expect(w.get('[data-testid="evidence-total"]').text()).toBe('Vækst 2022–2025: +151,1 %')
    expect(w.get('[data-testid="evidence-measure"]').text()).toBe('Væksten er målt på nettoomsætning')
  })

  it('writes the figures the English way in English', () => {
    const w = mountEvidence(sampleVerdict(), 'en')
    expect(w.findAll('[data-testid="rule-detail"]')[2].text()).toBe('Net revenue in the starting year 2022: DKK 1,234,567 (at least DKK 1,000,000).')
  })
})
