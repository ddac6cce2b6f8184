import { describe, expect, it } from 'vitest'
import type { report } from '../../wailsjs/go/models'
import { createAppI18n } from '../i18n'
import { cellText, exportCell, formatMonth, formatRate } from './cells'
import { chartOf, isEmpty, type ChartText } from './charts'
import { addMonths, monthsOf, nextDay, periodOf } from './period'

const tz = 'Europe/Copenhagen'
const now = new Date('2026-11-28T10:00:00Z')

describe('periods', () => {
  it('count years and months in the organiser zone, to the next midnight', () => {
    expect(periodOf('this_year', tz, null, now)).toEqual({ from: '2025-12-31T23:00:00Z', to: '2026-12-31T23:00:00Z' })
    expect(periodOf('last_year', tz, null, now)).toEqual({ from: '2024-12-31T23:00:00Z', to: '2025-12-31T23:00:00Z' })
    // December 2025 up to and with November 2026; summer time in between.
    expect(periodOf('last_12_months', tz, null, now)).toEqual({ from: '2025-11-30T23:00:00Z', to: '2026-11-30T23:00:00Z' })
    expect(periodOf('custom', tz, ['2026-06-01', '2026-06-30'], now)).toEqual({ from: '2026-05-31T22:00:00Z', to: '2026-06-30T22:00:00Z' })
    expect(periodOf('custom', tz, null, now)).toEqual({ from: null, to: null })
  })

  it('step months and days and list the months of a period', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12')
    expect(addMonths('2026-11', 2)).toBe('2027-01')
    expect(nextDay('2026-02-28')).toBe('2026-03-01')
    expect(nextDay('2026-12-31')).toBe('2027-01-01')
    const months = monthsOf(periodOf('last_12_months', tz, null, now), tz)
    expect(months).toHaveLength(12)
    expect(months[0]).toBe('2025-12')
    expect(months[11]).toBe('2026-11')
    expect(monthsOf({ from: null, to: null }, tz)).toEqual([])
  })
})

describe('cells', () => {
  const { t, te } = createAppI18n('da').global
  const tr = (k: string, p?: Record<string, unknown>) => t(k, p ?? {})
  const cell = (name: string, c: string, v: unknown, lang = 'da') => cellText(tr, (k) => te(k), name, c, v, lang)

  it('read codes in words, and counts and rates the Danish way', () => {
    expect(cell('attendance_by_kind', 'kind', 'newyear')).toBe('Nytårskur')
    expect(cell('campaign_outcomes', 'kind', 'invitation')).toBe('Invitation')
    expect(cell('companies_by_cluster', 'cluster', 'lifescience')).toBe('Life science')
    expect(cell('companies_by_cluster', 'cluster', '')).toBe('Ikke angivet')
    expect(cell('companies_by_area', 'area', 'Kildedal')).toBe('Kildedal')
    expect(cell('companies_by_track', 'track', 1)).toBe('Spor 1: Bæredygtighed og klima')
    expect(cell('companies_by_track', 'track', 0)).toBe('Intet spor')
    expect(cell('new_vs_returning', 'group', 'returning')).toBe('Tilbagevendende')
    expect(cell('registrations_over_time', 'registrations', 12345)).toBe('12.345')
    expect(cell('attendance_by_kind', 'no_show_rate', 7)).toBe('7,0 %')
    expect(formatRate(12.5, 'en')).toBe('12.5%')
    expect(formatMonth('2026-03', 'da')).toMatch(/^mar\.? 2026$/)
    expect(formatMonth('2026-03', 'en')).toBe('Mar 2026')
  })

  it('export codes in words, months sortable and figures as numbers', () => {
    const out = (name: string, c: string, v: unknown, lang = 'da') => exportCell(tr, (k) => te(k), name, c, v, lang)
    expect(out('registrations_over_time', 'month', '2026-03')).toBe('2026-03')
    expect(out('companies_by_track', 'track', 1)).toBe('Spor 1: Bæredygtighed og klima')
    expect(out('new_vs_returning', 'group', 'new')).toBe('Nye')
    expect(out('attendance_by_kind', 'no_show_rate', 12.5)).toBe(12.5)
    expect(out('registrations_over_time', 'registrations', 12345)).toBe(12345)
  })
})

describe('charts', () => {
  const text: ChartText = { lang: 'da', column: (c) => `col:${c}`, label: (c, v) => `${c}=${v}` }
  const table = (name: string, columns: string[], rows: unknown[][]): report.Table => ({ name, columns, rows })

  it('fill in the months of the period with none', () => {
    const o = chartOf(table('registrations_over_time', ['month', 'registrations', 'attendees', 'attended'], [['2026-03', 4, 9, 7]]), text, ['2026-02', '2026-03', '2026-04'])!
    expect((o.xAxis as { data: string[] }).data).toEqual(['month=2026-02', 'month=2026-03', 'month=2026-04'])
    const series = o.series as { type: string; name: string; data: number[] }[]
    expect(series.map((s) => [s.type, s.name, s.data])).toEqual([
      ['bar', 'col:registrations', [0, 4, 0]],
      ['line', 'col:attendees', [0, 9, 0]],
      ['line', 'col:attended', [0, 7, 0]],
    ])
  })

  it('draw rates stacked to 100, a donut, horizontal bars for long names and grouped bars for campaigns', () => {
    const kind = chartOf(table('attendance_by_kind', ['kind', 'events', 'attendees', 'attended', 'attendance_rate', 'no_show_rate'], [['network', 2, 10, 8, 80, 20]]), text)!
    expect((kind.series as { stack: string; data: number[] }[]).map((s) => [s.stack, s.data])).toEqual([['rate', [80]], ['rate', [20]]])
    expect((kind.yAxis as { max: number }).max).toBe(100)

    const donut = chartOf(table('new_vs_returning', ['group', 'companies'], [['new', 3], ['returning', 5]]), text)!
    const pie = (donut.series as { type: string; radius: string[]; data: unknown[] }[])[0]
    expect(pie.type).toBe('pie')
    expect(pie.data).toEqual([{ name: 'group=new', value: 3 }, { name: 'group=returning', value: 5 }])

    const theme = chartOf(table('events_by_theme', ['theme', 'events', 'attendees'], [['Eksport', 2, 30]]), text)!
    expect((theme.yAxis as { type: string; data: string[] }).data).toEqual(['theme=Eksport'])
    expect((theme.series as { data: number[] }[])[0].data).toEqual([2])

    const camp = chartOf(table('campaign_outcomes', ['campaign', 'kind', 'invited', 'registered', 'declined', 'unsubscribed'], [['Nytår', 'invitation', 100, 40, 10, 1]]), text)!
    expect((camp.series as { name: string }[]).map((s) => s.name)).toEqual(['col:invited', 'col:registered', 'col:declined', 'col:unsubscribed'])
  })

  it('draw nothing for an empty report', () => {
    expect(chartOf(table('events_by_theme', ['theme', 'events', 'attendees'], []), text)).toBeNull()
    const none = table('new_vs_returning', ['group', 'companies'], [['new', 0], ['returning', 0]])
    expect(chartOf(none, text)).toBeNull()
    expect(isEmpty(none)).toBe(true)
  })
})
