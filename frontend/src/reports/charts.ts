// The chart of each report, as an ECharts option built from the report's
// table: bars and lines over months, rates per kind, companies per group, a
// donut for new and returning companies, grouped bars for campaigns. Pure:
// the component draws it, the tests read it.
import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import type { report } from '../../wailsjs/go/models'
import { formatCount, formatRate } from './cells'

/** ChartOption is what ReportChart draws. */
export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>

/** Okabe–Ito colours: told apart with every common colour-vision deficiency. */
export const palette = ['#00507a', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#0072b2', '#f0e442']

/** ChartText is what a chart needs from the screen: column names and labels. */
export interface ChartText {
  lang: string
  /** column names a column: t('report.col.' + c). */
  column: (c: string) => string
  /** label names a value of a label column. */
  label: (column: string, v: unknown) => string
}

function col(t: report.Table, c: string): number {
  return t.columns.indexOf(c)
}

function values(t: report.Table, c: string): number[] {
  const i = col(t, c)
  return t.rows.map((r) => Number(r[i]) || 0)
}

function labels(t: report.Table, c: string, text: ChartText): string[] {
  const i = col(t, c)
  return t.rows.map((r) => text.label(c, r[i]))
}

function base(text: ChartText, percent = false): ChartOption {
  const fmt = (v: unknown) => (percent ? formatRate(v, text.lang) : formatCount(v, text.lang))
  return {
    color: palette,
    animation: false,
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif', color: '#1f2d3a' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt(v) },
    legend: { top: 0, left: 0, itemGap: 16 },
    grid: { top: 40, left: 8, right: 16, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
  }
}

function valueAxis(text: ChartText, percent = false) {
  return {
    type: 'value' as const,
    minInterval: percent ? undefined : 1,
    max: percent ? 100 : undefined,
    axisLabel: { formatter: (v: number) => (percent ? `${v} %` : formatCount(v, text.lang)) },
  }
}

/** overTime is registrations, attendees and attendance by month; months with none are filled in. */
function overTime(t: report.Table, text: ChartText, months: string[]): ChartOption {
  const byMonth = new Map<string, unknown[]>(t.rows.map((r) => [String(r[col(t, 'month')]), r]))
  const all = months.length ? [...new Set([...months, ...byMonth.keys()])].sort() : [...byMonth.keys()]
  const series = (c: string) => all.map((m) => Number(byMonth.get(m)?.[col(t, c)] ?? 0))
  return {
    ...base(text),
    xAxis: { type: 'category', data: all.map((m) => text.label('month', m)) },
    yAxis: valueAxis(text),
    series: [
      { type: 'bar', name: text.column('registrations'), data: series('registrations'), barMaxWidth: 28 },
      { type: 'line', name: text.column('attendees'), data: series('attendees'), symbolSize: 7 },
      { type: 'line', name: text.column('attended'), data: series('attended'), symbolSize: 7, lineStyle: { type: 'dashed' } },
    ],
  }
}

/** byKind is the attendance and no-show rates of each kind, stacked to 100 %. */
function byKind(t: report.Table, text: ChartText): ChartOption {
  return {
    ...base(text, true),
    color: [palette[2], palette[5]],
    xAxis: { type: 'category', data: labels(t, 'kind', text), axisLabel: { interval: 0, width: 130, overflow: 'break' } },
    yAxis: valueAxis(text, true),
    series: ['attendance_rate', 'no_show_rate'].map((c) => ({
      type: 'bar' as const,
      name: text.column(c),
      stack: 'rate',
      data: values(t, c),
      barMaxWidth: 48,
    })),
  }
}

/** bars is one count per group; horizontal when the names are long. */
function bars(t: report.Table, text: ChartText, by: string, count: string, horizontal: boolean): ChartOption {
  // Every name is shown: long ones are cut beside horizontal bars and wrap under vertical ones.
  const category = {
    type: 'category' as const,
    data: labels(t, by, text),
    inverse: horizontal,
    axisLabel: { interval: 0, width: horizontal ? 220 : 130, overflow: horizontal ? ('truncate' as const) : ('break' as const) },
  }
  return {
    ...base(text),
    legend: { show: false },
    grid: { top: 16, left: 8, right: 24, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: horizontal ? valueAxis(text) : category,
    yAxis: horizontal ? category : valueAxis(text),
    series: [
      {
        type: 'bar',
        name: text.column(count),
        data: values(t, count),
        barMaxWidth: 40,
        label: { show: true, position: horizontal ? 'right' : 'top', formatter: (p) => formatCount(p.value, text.lang) },
      },
    ],
  }
}

/** donut is the new and returning companies. */
function donut(t: report.Table, text: ChartText): ChartOption {
  const names = labels(t, 'group', text)
  const counts = values(t, 'companies')
  return {
    ...base(text),
    tooltip: { trigger: 'item', valueFormatter: (v) => formatCount(v, text.lang) },
    series: [
      {
        type: 'pie',
        name: text.column('companies'),
        radius: ['45%', '72%'],
        center: ['50%', '56%'],
        label: { formatter: (p) => `${p.name}: ${formatCount(p.value, text.lang)}` },
        data: names.map((name, i) => ({ name, value: counts[i] })),
      },
    ],
  }
}

/** campaigns is each campaign's invited, registered, declined and unsubscribed, side by side. */
function campaigns(t: report.Table, text: ChartText): ChartOption {
  return {
    ...base(text),
    xAxis: { type: 'category', data: labels(t, 'campaign', text), axisLabel: { interval: 0, width: 140, overflow: 'break' } },
    yAxis: valueAxis(text),
    series: ['invited', 'registered', 'declined', 'unsubscribed'].map((c) => ({
      type: 'bar' as const,
      name: text.column(c),
      data: values(t, c),
      barMaxWidth: 28,
    })),
  }
}

/**
 * chartOf is the chart of a report's table, or null when the table is
 * empty or the report has no chart. months fills in the months of the
 * period for the charts over time.
 */
export function chartOf(t: report.Table, text: ChartText, months: string[] = []): ChartOption | null {
  if (!t.rows.length) return null
  switch (t.name) {
    case 'registrations_over_time':
      return overTime(t, text, months)
    case 'attendance_by_kind':
      return byKind(t, text)
    case 'companies_by_cluster':
      return bars(t, text, 'cluster', 'companies', false)
    case 'companies_by_area':
      return bars(t, text, 'area', 'companies', true)
    case 'companies_by_track':
      return bars(t, text, 'track', 'companies', true)
    case 'new_vs_returning':
      return counts(t, 'companies') === 0 ? null : donut(t, text)
    case 'events_by_theme':
      return bars(t, text, 'theme', 'events', true)
    case 'campaign_outcomes':
      return campaigns(t, text)
    default:
      return null
  }
}

function counts(t: report.Table, c: string): number {
  return values(t, c).reduce((a, b) => a + b, 0)
}

/** isEmpty reports whether a table has nothing to show (new_vs_returning always has its two rows). */
export function isEmpty(t: report.Table): boolean {
  if (!t.rows.length) return true
  return t.name === 'new_vs_returning' && counts(t, 'companies') === 0
}
