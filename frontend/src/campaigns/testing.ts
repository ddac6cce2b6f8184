// Shared fixtures of the campaigns tests: fake Campaigns, Segments,
// Contacts and Events services under window.go, as the bindings call them.
import { vi } from 'vitest'
import type { app, campaign, company } from '../../wailsjs/go/models'
import { sampleEvent } from '../events/testing'

export type FakeService = Record<string, ReturnType<typeof vi.fn>>

export function sampleCampaign(id: number, over: Partial<campaign.Campaign> = {}): campaign.Campaign {
  return {
    id, name: `Nyhedsbrev ${id}`, kind: 'newsletter', status: 'draft', eventId: undefined, segmentIds: [1], contactIds: [],
    subject: 'Nyt fra erhvervsafdelingen', body: 'Kære {{.FirstName}}\n\nHer er nyt.', subjectEn: '', bodyEn: '',
    sendAt: null, startedAt: null, queuedAt: null, finishedAt: null, createdBy: 'anne@balk.dk',
    createdAt: '2026-11-28T10:00:00Z', updatedAt: '2026-11-28T10:00:00Z',
    ...over,
  }
}

export function sampleRecipient(n: number, over: Partial<campaign.Recipient> = {}): campaign.Recipient {
  return {
    id: 0, campaignId: 0, contactId: 100 + n, email: `karen${n}@firma.dk`, name: `Karen ${n}`, companyName: `Firma ${n} ApS`,
    lang: 'da', createdAt: null, ...over,
  }
}

export function sampleAudience(over: Partial<app.AudienceSummary> = {}): app.AudienceSummary {
  return {
    count: 2,
    sample: [sampleRecipient(1), sampleRecipient(2, { lang: 'en' })],
    excluded: [
      { contactId: 201, name: 'Ole Uden', email: 'ole@firma.dk', companyName: 'Firma 3 ApS', reason: 'no_consent' },
      { contactId: 202, name: 'Per Afmeldt', email: 'per@firma.dk', companyName: 'Firma 4 ApS', reason: 'unsubscribed' },
      { contactId: 203, name: 'Pia Mail', email: '', companyName: 'Firma 4 ApS', reason: 'no_email' },
    ],
    reasons: { no_consent: 1, unsubscribed: 1, no_email: 1 },
    ...over,
  }
}

export const sampleProgress = (over: Partial<campaign.Progress['mail']> = {}, rest: Partial<campaign.Progress> = {}): campaign.Progress => ({
  recipients: 10,
  mail: { queued: 4, sending: 1, sent: 4, failed: 1, held: 0, cancelled: 0, smtpConfigured: true, ...over },
  unsubscribed: 0,
  ...rest,
})

export const sampleSegments: company.Segment[] = [
  { id: 1, name: 'IT-virksomheder', target: 'companies', filter: { clusters: ['it'], areas: [], tags: [] }, count: 12, createdAt: null, updatedAt: null },
  { id: 2, name: 'Med samtykke', target: 'contacts', filter: { clusters: [], areas: [], tags: [], consent: true }, count: 40, createdAt: null, updatedAt: null },
]

export const campaignOptions: app.CampaignOptions = {
  kinds: ['invitation', 'newsletter', 'followup', 'other'],
  fields: ['FirstName', 'Name', 'Email', 'CompanyName', 'EventTitle', 'EventDate', 'EventTime', 'EventPlace', 'EventLink', 'InvitationLink', 'UnsubscribeLink'],
}

export const samplePreview = (over: Partial<campaign.Preview> = {}): campaign.Preview => ({
  to: 'karen1@firma.dk',
  subject: 'Nyt fra erhvervsafdelingen',
  html: '<html><body><p>Kære Karen</p></body></html>',
  text: 'Kære Karen',
  ...over,
})

export interface Fakes {
  campaigns: FakeService
  segments: FakeService
  contacts: FakeService
  events: FakeService
}

/**
 * installCampaigns puts fake services where the bindings look for them. A
 * fake Events service already installed (installEvents) is kept unless
 * others.events is given.
 */
export function installCampaigns(over: FakeService = {}, others: Partial<Omit<Fakes, 'campaigns'>> = {}): Fakes {
  const campaigns: FakeService = {
    List: vi.fn(async () => []),
    Get: vi.fn(async (id: number) => sampleCampaign(id)),
    Save: vi.fn(async (c: campaign.Campaign) => ({ ...c, id: c.id || 7, status: 'draft', createdBy: 'anne@balk.dk', createdAt: '2026-11-28T10:00:00Z', updatedAt: '2026-11-28T10:05:00Z' })),
    Delete: vi.fn(async () => undefined),
    Options: vi.fn(async () => campaignOptions),
    Audience: vi.fn(async () => sampleAudience()),
    Preview: vi.fn(async () => samplePreview()),
    TestSend: vi.fn(async () => undefined),
    Send: vi.fn(async (id: number) => sampleCampaign(id, { status: 'sending', startedAt: '2026-11-28T10:06:00Z' })),
    Pause: vi.fn(async (id: number) => sampleCampaign(id, { status: 'paused', startedAt: '2026-11-28T10:06:00Z' })),
    Resume: vi.fn(async (id: number) => sampleCampaign(id, { status: 'sending', startedAt: '2026-11-28T10:06:00Z' })),
    Cancel: vi.fn(async (id: number) => sampleCampaign(id, { status: 'cancelled', finishedAt: '2026-11-28T10:09:00Z' })),
    Progress: vi.fn(async () => sampleProgress()),
    Invitations: vi.fn(async () => ({ invited: 0, registered: 0, declined: 0, noAnswer: 0, invitees: [] })),
    Remind: vi.fn(async () => 0),
    ...over,
  }
  const segments: FakeService = { List: vi.fn(async () => sampleSegments), ...others.segments }
  const contacts: FakeService = {
    List: vi.fn(async () => ({ items: [], total: 0, next: '' })),
    Get: vi.fn(async (id: number) => ({ id, name: `Kontakt ${id}`, email: `k${id}@firma.dk`, companyName: 'Firma ApS', suppressed: '' })),
    ...others.contacts,
  }
  const events: FakeService = {
    List: vi.fn(async () => [sampleEvent(3, { status: 'published', title: 'Nytårskur 2027' })]),
    Get: vi.fn(async (id: number) => sampleEvent(id, { status: 'published', title: 'Nytårskur 2027' })),
    ...others.events,
  }
  const w = window as unknown as { go?: { app?: Record<string, FakeService> } }
  const installed = others.events ? events : (w.go?.app?.Events ?? events)
  w.go = { ...w.go, app: { ...w.go?.app, Campaigns: campaigns, Segments: segments, Contacts: contacts, Events: installed } }
  return { campaigns, segments, contacts, events: installed }
}

export function uninstallCampaigns() {
  delete (window as unknown as { go?: unknown }).go
}
