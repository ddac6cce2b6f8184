// Shared fixtures of the registrations tests: a fake Registrations service
// (next to the fake Events service) under window.go, as the bindings call it.
import { vi } from 'vitest'
import type { registration } from '../../wailsjs/go/models'
import { sampleEvent } from '../events/testing'

export type FakeService = Record<string, ReturnType<typeof vi.fn>>

export function sampleRegistration(id: number, over: Partial<registration.Registration> = {}): registration.Registration {
  return {
    id, eventId: 1, checkinCode: `ABCD-EF${String(id).padStart(2, '0')}`, status: 'confirmed', seats: 1,
    companyName: `Firma ${id} A/S`, cvr: '61126228', email: `anna${id}@firma.dk`, lang: 'da', answers: {},
    marketingConsent: false, source: 'public', note: '',
    createdAt: '2026-11-28T16:00:00Z', updatedAt: '2026-11-28T16:00:00Z',
    attendees: [{ id: id * 10, registrationId: id, eventId: 1, name: `Anna ${id}`, email: `anna${id}@firma.dk`, jobTitle: 'Direktør' }],
    position: 0,
    ...over,
  }
}

export const sampleCounts = (over: Partial<registration.Counts> = {}): registration.Counts => ({
  capacity: 40, seatsTaken: 12, seatsLeft: 28, confirmed: 9, waitlisted: 2, cancelled: 1, waitingSeats: 3, attendees: 12, attended: 4,
  ...over,
})

/** questionEvent is a published event that asks one question of each kind. */
export const questionEvent = () =>
  sampleEvent(1, {
    status: 'published',
    seatsPerCompany: 3,
    questions: [
      { id: 'kost', label: 'Kost', labelEn: 'Diet', type: 'short', required: true, options: [] },
      { id: 'emner', label: 'Emner', labelEn: '', type: 'multi', required: false, options: ['Eksport', 'Klima'] },
      { id: 'parkering', label: 'Parkering', labelEn: '', type: 'yesno', required: false, options: [] },
    ],
  })

/** installRegistrations adds a fake Registrations service to window.go (after installEvents). */
export function installRegistrations(over: FakeService = {}): FakeService {
  const svc: FakeService = {
    List: vi.fn(async () => ({ items: [], total: 0 })),
    Get: vi.fn(async (id: number) => sampleRegistration(id)),
    Counts: vi.fn(async () => sampleCounts()),
    Add: vi.fn(async (req: registration.Request) => sampleRegistration(99, { companyName: req.companyName, source: 'staff' })),
    Update: vi.fn(async (id: number, c: registration.Change) => sampleRegistration(id, { companyName: c.companyName, note: c.note })),
    Cancel: vi.fn(async (id: number) => sampleRegistration(id, { status: 'cancelled' })),
    Promote: vi.fn(async (id: number) => sampleRegistration(id)),
    Export: vi.fn(async () => ({ filename: 'tilmeldinger.csv', contentType: 'text/csv', dataBase64: '' })),
    Mail: vi.fn(async () => 3),
    ByCode: vi.fn(),
    CheckIn: vi.fn(),
    ...over,
  }
  const w = window as unknown as { go?: { app?: Record<string, unknown> } }
  w.go = { ...w.go, app: { ...w.go?.app, Registrations: svc } }
  return svc
}
