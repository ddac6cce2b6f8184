// Shared fixtures of the gazelle tests: verdicts as the engine writes them
// and a fake Gazelles service under window.go, as the bindings call it.
import { vi } from 'vitest'
import type { award, gazelle } from '../../wailsjs/go/models'

export type FakeService = Record<string, ReturnType<typeof vi.fn>>

/** sampleVerdict is a gazelle for 2022–2025: revenue 1.2m → 3.1m, one year with an operating loss. */
export function sampleVerdict(over: Partial<gazelle.Verdict> = {}): gazelle.Verdict {
  return {
    definition: 'gazelle.name',
    companyId: 4,
    name: 'Lautrup Data A/S',
    year: 2025,
    from: 2022,
    result: 'gazelle',
    rules: [
      { id: 1, name: 'gazelle.rule.form', status: 'passed', detail: { key: 'gazelle.detail.form.ok', params: { form: 'A/S' } } },
      {
        id: 2,
        name: 'gazelle.rule.reports',
        status: 'passed',
        detail: { key: 'gazelle.detail.reports.ok', params: { from: 2022, to: 2025, first: 12, last: 12 } },
      },
      {
        id: 3,
        name: 'gazelle.rule.size',
        status: 'passed',
        detail: { key: 'gazelle.detail.size.revenue_ok', params: { year: 2022, value: 1234567, min: 1000000 } },
      },
      {
        id: 4,
        name: 'gazelle.rule.growth',
        status: 'passed',
        detail: { key: 'gazelle.detail.growth.ok', params: { from: 2022, to: 2025, total: 151.1, g1: 21.5, g2: 33.3, g3: 55.5 } },
      },
      {
        id: 5,
        name: 'gazelle.rule.operating',
        status: 'passed',
        detail: { key: 'gazelle.detail.operating.ok', params: { sum: 845000, count: 1 } },
      },
      { id: 6, name: 'gazelle.rule.comparable', status: 'passed', detail: { key: 'gazelle.detail.comparable.ok' } },
    ],
    warnings: [],
    evidence: {
      reports: [
        { year: 2022, months: 12, netRevenue: 1234567, grossProfit: 600000, operatingResult: -50000 },
        { year: 2023, months: 12, netRevenue: 1500000, grossProfit: 700000, operatingResult: 120000 },
        { year: 2024, months: 12, netRevenue: 2000000, grossProfit: 900000, operatingResult: 300000 },
        { year: 2025, months: 12, netRevenue: 3100000, grossProfit: 1300000, operatingResult: 475000 },
      ],
      series: {
        measure: 'net_revenue',
        points: [
          { year: 2022, value: 1234567 },
          { year: 2023, value: 1500000, growth: 21.5 },
          { year: 2024, value: 2000000, growth: 33.3 },
          { year: 2025, value: 3100000, growth: 55.5 },
        ],
      },
      totalGrowth: 151.1,
      operatingSum: 845000,
    },
    ...over,
  }
}

export function sampleEntry(id: number, over: Partial<award.Entry> = {}): award.Entry {
  return {
    id,
    roundId: 1,
    companyId: 4,
    companyName: `Firma ${id} A/S`,
    cvr: '61126228',
    result: 'gazelle',
    verdict: sampleVerdict(),
    growth: 151.1,
    shortlisted: false,
    manualReason: '',
    juryNote: '',
    decision: '',
    decidedBy: '',
    decidedAt: null,
    updatedAt: '2026-01-10T10:00:00Z',
    ...over,
  }
}

export function sampleRound(over: Partial<award.Round> = {}): award.Round {
  return {
    id: 1,
    year: 2025,
    status: 'draft',
    evaluatedAt: '2026-01-10T10:00:00Z',
    publishedAt: null,
    createdAt: '2026-01-09T10:00:00Z',
    updatedAt: '2026-01-10T10:00:00Z',
    ...over,
  }
}

export const sampleCounts: award.Counts = { evaluated: 40, gazelles: 3, review: 1, notEnough: 20, shortlisted: 2, decided: 1 }

export function sampleSlides(): award.Slide[] {
  const points = [
    { year: 2022, value: 1_200_000 },
    { year: 2023, value: 1_500_000 },
    { year: 2024, value: 2_000_000 },
    { year: 2025, value: 3_100_000 },
  ]
  return [
    { companyName: 'Ballerup Bryg ApS', winner: false, growth: 158.3, from: 2022, to: 2025, measure: 'net_revenue', points },
    { companyName: 'Lautrup Data A/S', winner: false, growth: 120.5, from: 2022, to: 2025, measure: 'gross_profit', points },
    { companyName: 'Skovlunde Solar A/S', winner: true, growth: 412.7, from: 2022, to: 2025, measure: 'net_revenue', points },
  ]
}

/** installGazelles puts a fake Gazelles service (and Companies, for the picker) where the bindings look for them. */
export function installGazelles(over: FakeService = {}, companies: FakeService = {}): FakeService {
  const svc: FakeService = {
    Rounds: vi.fn(async () => [sampleRound()]),
    Round: vi.fn(async (id: number) => sampleRound({ id })),
    CreateRound: vi.fn(async (year: number) => sampleRound({ id: 9, year })),
    Evaluate: vi.fn(async () => 40),
    Counts: vi.fn(async () => sampleCounts),
    Entries: vi.fn(async () => [sampleEntry(11), sampleEntry(12, { companyName: 'Ballerup Bryg ApS' })]),
    Entry: vi.fn(async (id: number) => sampleEntry(id)),
    Shortlist: vi.fn(async (id: number, on: boolean) => sampleEntry(id, { shortlisted: on })),
    Note: vi.fn(async (id: number, note: string) => sampleEntry(id, { juryNote: note })),
    Decide: vi.fn(async (id: number, d: string) =>
      sampleEntry(id, { decision: d, shortlisted: d !== '', decidedBy: d ? 'anne@balk.dk' : '', decidedAt: d ? '2026-01-11T09:30:00Z' : null }),
    ),
    AddByHand: vi.fn(async (_roundId: number, companyId: number, reason: string) => sampleEntry(20, { companyId, manualReason: reason, shortlisted: true })),
    Publish: vi.fn(async (id: number) => sampleRound({ id, status: 'published', publishedAt: '2026-01-12T09:00:00Z' })),
    Unpublish: vi.fn(async (id: number) => sampleRound({ id })),
    History: vi.fn(async () => []),
    CreateNewYear: vi.fn(),
    Guests: vi.fn(async () => []),
    Presentation: vi.fn(async () => sampleSlides()),
    Diplomas: vi.fn(async () => ({ filename: 'diplomer.pdf', contentType: 'application/pdf', dataBase64: 'JVBERg==' })),
    ...over,
  }
  const c: FakeService = {
    List: vi.fn(async () => ({ items: [], total: 0, next: '' })),
    ...companies,
  }
  ;(window as unknown as { go: unknown }).go = { app: { Gazelles: svc, Companies: c } }
  return svc
}

export function uninstallGazelles() {
  delete (window as unknown as { go?: unknown }).go
}
