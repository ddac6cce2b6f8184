import { describe, expect, it } from 'vitest'
import {
  amountText,
  chartBars,
  formatNumber,
  formatPercent,
  growthText,
  helpMessages,
  listCount,
  localizeParams,
  reportRows,
  shortAmount,
  slideStep,
} from './model'
import { sampleCounts, sampleVerdict } from './testing'

describe('figures', () => {
  it('are written the Danish way in Danish and the English way in English', () => {
    expect(formatNumber(1234567, 'da')).toBe('1.234.567')
    expect(formatNumber(-250000, 'da')).toBe('-250.000')
    expect(formatNumber(1234567, 'en')).toBe('1,234,567')
    expect(formatPercent(123.4, 'da')).toBe('123,4')
    expect(formatPercent(100, 'da')).toBe('100,0')
    expect(formatPercent(99.9, 'en')).toBe('99.9')
    expect(amountText(1234567, 'da')).toBe('1.234.567 kr.')
    expect(amountText(1234567, 'en')).toBe('DKK 1,234,567')
    expect(amountText(undefined, 'da')).toBe('')
  })

  it('give growth a sign', () => {
    expect(growthText(123.4, 'da')).toBe('+123,4 %')
    expect(growthText(-5, 'da')).toBe('−5,0 %')
    expect(growthText(null, 'da')).toBe('')
  })

  it('shorten amounts for a chart', () => {
    expect(shortAmount(3_100_000, 'da')).toBe('3,1 mio.')
    expect(shortAmount(850_000, 'da')).toBe('850 t.')
    expect(shortAmount(3_100_000, 'en')).toBe('3.1m')
    expect(shortAmount(2_500_000_000, 'da')).toBe('2,5 mia.')
  })
})

describe('localizeParams', () => {
  it('formats amounts and rates but leaves years, months and counts alone', () => {
    expect(localizeParams({ key: 'gazelle.detail.size.revenue_ok', params: { year: 2022, value: 1234567, min: 1000000 } }, 'da')).toEqual({
      year: '2022',
      value: '1.234.567',
      min: '1.000.000',
    })
    expect(localizeParams({ key: 'gazelle.detail.growth.ok', params: { from: 2022, to: 2025, total: 151.1, g1: 21.5, g2: 33, g3: 55.5 } }, 'da')).toEqual({
      from: '2022',
      to: '2025',
      total: '151,1',
      g1: '21,5',
      g2: '33,0',
      g3: '55,5',
    })
    expect(localizeParams({ key: 'gazelle.detail.reports.missing', params: { years: '2021, 2023', from: 2020, to: 2023 } }, 'da').years).toBe(
      '2021, 2023',
    )
    expect(localizeParams({ key: 'gazelle.detail.growth.not_positive', params: { growth: '-' } }, 'da').growth).toBe('-')
  })

  it('counts full-time equivalents, not kroner, in the high-growth rule', () => {
    expect(localizeParams({ key: 'gazelle.highgrowth.detail.size_ok', params: { fte: 12.5, min: 5, year: 2022 } }, 'da')).toEqual({
      fte: '12,5',
      min: '5',
      year: '2022',
    })
  })
})

describe('helpMessages', () => {
  it('name the period that ends with the round year and its three changes', () => {
    const every = helpMessages(2025).find((m) => m.key === 'gazelle.help.every_year')
    expect(every?.params).toEqual({ from: 2022, second: 2023, third: 2024, year: 2025 })
    expect(helpMessages(2025).find((m) => m.key === 'gazelle.help.period')?.params).toEqual({ year: 2025, from: 2022 })
  })
})

describe('reportRows', () => {
  it('shows every year of the period, a missing one as a gap', () => {
    const v = sampleVerdict()
    v.evidence.reports = v.evidence.reports.filter((r) => r.year !== 2023)
    const rows = reportRows(v)
    expect(rows.map((r) => r.year)).toEqual([2022, 2023, 2024, 2025])
    expect(rows[1].report).toBeNull()
  })
})

describe('listCount', () => {
  it('reads the tab counts from the round counts', () => {
    expect(listCount(sampleCounts, 'decided')).toBe(1)
    expect(listCount(sampleCounts, 'not_gazelle')).toBe(16)
    expect(listCount(sampleCounts, 'candidates')).toBeNull()
  })
})

describe('chartBars', () => {
  const box = { width: 400, height: 200, top: 20, bottom: 20, gap: 20 }

  it('fills the box with the tallest bar and keeps the others in proportion', () => {
    const { bars, baseline } = chartBars(
      [
        { year: 2022, value: 100 },
        { year: 2023, value: 200 },
      ],
      box,
    )
    expect(baseline).toBe(180)
    expect(bars[1].height).toBe(160)
    expect(bars[1].y).toBe(20)
    expect(bars[0].height).toBe(80)
    expect(bars[0].x).toBe(10)
    expect(bars[1].x).toBe(210)
    expect(bars[0].width).toBe(180)
  })

  it('hangs a negative value below the baseline', () => {
    const { bars, baseline } = chartBars(
      [
        { year: 2022, value: -100 },
        { year: 2023, value: 300 },
      ],
      box,
    )
    expect(baseline).toBe(140)
    expect(bars[0].negative).toBe(true)
    expect(bars[0].y).toBe(baseline)
    expect(bars[0].height).toBe(40)
  })

  it('draws nothing without points', () => {
    expect(chartBars([], box).bars).toEqual([])
  })
})

describe('slideStep', () => {
  it('maps the presenter keys', () => {
    expect(slideStep('ArrowRight')).toBe(1)
    expect(slideStep(' ')).toBe(1)
    expect(slideStep('PageDown')).toBe(1)
    expect(slideStep('ArrowLeft')).toBe(-1)
    expect(slideStep('Home')).toBe('first')
    expect(slideStep('End')).toBe('last')
    expect(slideStep('Escape')).toBe('leave')
    expect(slideStep('a')).toBeNull()
  })
})
