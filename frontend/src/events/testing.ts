// Shared fixtures of the events tests: a fake Events service under
// window.go, as the generated bindings call it.
import { vi } from 'vitest'
import type { event } from '../../wailsjs/go/models'

export type FakeService = Record<string, ReturnType<typeof vi.fn>>

export function sampleEvent(id: number, over: Partial<event.Event> = {}): event.Event {
  return {
    id, slug: `netvaerk-${id}`, uid: `uid${id}@convene`, sequence: 0, kind: 'network', status: 'draft', visibility: 'public',
    title: `Netværksmøde ${id}`, titleEn: '', description: '', descriptionEn: '', themes: ['Grøn omstilling'], track: 1,
    venue: 'Ballerup Rådhus', address: 'Hold-an Vej 7', onlineUrl: '',
    // 17:00–19:00 in Copenhagen (winter time).
    startsAt: '2026-12-03T16:00:00Z', endsAt: '2026-12-03T18:00:00Z',
    capacity: 40, seatsPerCompany: 0, registrationOpensAt: null, registrationDeadline: null, waitlist: false,
    questions: [], agenda: [], contactName: '', contactEmail: '', seriesId: '', cancelMessage: '', reminderDays: 2, remindedAt: null, seatsTaken: 0,
    createdAt: '2026-11-28T10:00:00Z', updatedAt: '2026-11-28T10:00:00Z',
    ...over,
  }
}

export const eventOptions = {
  kinds: ['network', 'information', 'sustainability', 'course', 'newyear', 'other'],
  themes: ['Grøn omstilling', 'Digital innovation'],
}

/** installEvents puts a fake Events service where the bindings look for it. */
export function installEvents(over: FakeService = {}): FakeService {
  const svc: FakeService = {
    List: vi.fn(async () => []),
    Get: vi.fn(async (id: number) => sampleEvent(id)),
    Save: vi.fn(async (e: event.Event) => ({ ...e, id: e.id || 7 })),
    Publish: vi.fn(async (id: number) => sampleEvent(id, { status: 'published' })),
    Cancel: vi.fn(async (id: number, message: string) => sampleEvent(id, { status: 'cancelled', cancelMessage: message })),
    Complete: vi.fn(),
    Delete: vi.fn(),
    Duplicate: vi.fn(),
    Repeat: vi.fn(async () => []),
    Options: vi.fn(async () => eventOptions),
    ...over,
  }
  ;(window as unknown as { go: unknown }).go = { app: { Events: svc } }
  return svc
}

export function uninstallEvents() {
  delete (window as unknown as { go?: unknown }).go
}
