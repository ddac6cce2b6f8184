// Shared fixtures of the register tests: fake Companies and Contacts
// services under window.go, as the generated bindings call them.
import { vi } from 'vitest'
import type { company } from '../../wailsjs/go/models'

export type FakeService = Record<string, ReturnType<typeof vi.fn>>

export function sampleCompany(id: number, over: Partial<company.Company> = {}): company.Company {
  return {
    id,
    cvr: '61126228',
    name: `Firma ${id} A/S`,
    form: 'A/S',
    branchCode: '620100',
    cluster: 'it',
    area: 'Lautrupgård',
    address: 'Lautrupvang 1',
    postcode: '2750',
    city: 'Ballerup',
    employees: 40,
    website: 'https://firma.dk',
    symbiosis: false,
    notes: '',
    pNumbers: [],
    tags: ['gazelle'],
    contacts: 2,
    createdAt: '2026-11-28T16:00:00Z',
    updatedAt: '2026-11-28T16:00:00Z',
    ...over,
  }
}

export const options: company.Options = {
  clusters: ['it', 'finance', 'lifescience', 'other'],
  forms: ['A/S', 'ApS'],
  areas: ['Lautrupgård', 'Ballerup Erhvervsområde'],
  tags: ['gazelle', 'eksport'],
}

/** installRegister puts fake Companies and Contacts services where the bindings look for them. */
export function installRegister(companies: FakeService = {}, contacts: FakeService = {}) {
  const c: FakeService = {
    List: vi.fn(async () => ({ items: [], total: 0, next: '' })),
    Get: vi.fn(async (id: number) => sampleCompany(id)),
    Save: vi.fn(),
    Delete: vi.fn(),
    Options: vi.fn(async () => options),
    ...companies,
  }
  const k: FakeService = {
    List: vi.fn(async () => ({ items: [], total: 0, next: '' })),
    Get: vi.fn(),
    Save: vi.fn(),
    Delete: vi.fn(),
    Consents: vi.fn(async () => []),
    GiveConsent: vi.fn(),
    WithdrawConsent: vi.fn(),
    ...contacts,
  }
  ;(window as unknown as { go: unknown }).go = { app: { Companies: c, Contacts: k } }
  return { companies: c, contacts: k }
}

export function uninstallRegister() {
  delete (window as unknown as { go?: unknown }).go
}

// Element Plus shows a form item's error after a 100 ms debounce.
export async function settle(ms = 150) {
  await new Promise((r) => setTimeout(r, 0))
  await new Promise((r) => setTimeout(r, ms))
}
