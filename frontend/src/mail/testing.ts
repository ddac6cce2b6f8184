// Shared fixtures of the mail tests: a fake Mail service under window.go,
// as the generated bindings call it, and sample mails.
import { vi } from 'vitest'
import type { app, mail } from '../../wailsjs/go/models'

export const adminInfo: app.SystemInfo = {
  version: 'test',
  mode: 'serve',
  actor: { userId: 1, email: 'anna@balk.dk', name: 'Anna Admin', role: 'admin', desktop: false },
  schemaVersion: 1,
  dataDir: '/data',
  databasePath: '/data/convene.db',
  publicUrl: 'https://events.example.dk',
  baseUrlLocked: false,
}

export const staffInfo: app.SystemInfo = { ...adminInfo, actor: { ...adminInfo.actor, role: 'staff' } }

export function summary(id: number, over: Partial<mail.Summary> = {}): mail.Summary {
  return {
    id,
    kind: 'service',
    state: 'sent',
    template: 'registration_confirmed',
    toName: `Modtager ${id}`,
    toAddress: `m${id}@firma.dk`,
    subject: `Tilmelding ${id}`,
    attempts: 1,
    nextAttemptAt: '0001-01-01T00:00:00Z',
    lastReply: '250 2.0.0 OK queued as ABC',
    createdAt: '2026-11-28T16:00:00Z',
    sentAt: '2026-11-28T16:01:00Z',
    ...over,
  }
}

export function message(id: number, over: Partial<mail.Message> = {}): mail.Message {
  return {
    id,
    messageId: `<${id}.abc@balk.dk>`,
    kind: 'service',
    state: 'sent',
    template: 'registration_confirmed',
    lang: 'da',
    ref: 'event:1',
    groupKey: '',
    holdReason: '',
    fromName: 'Erhverv Ballerup',
    fromAddress: 'erhverv@balk.dk',
    replyTo: 'svar@balk.dk',
    toName: 'Karen Jensen',
    toAddress: 'karen@firma.dk',
    subject: 'Du er tilmeldt Morgenmøde',
    textBody: 'Hej Karen,\n\nDu er tilmeldt.',
    htmlBody: '<p>Hej Karen</p><script>parent.alert(1)</script>',
    calendar: '',
    calendarMethod: '',
    headers: { 'List-Unsubscribe': '<https://events.example.dk/u/abc>' },
    attempts: 1,
    nextAttemptAt: '0001-01-01T00:00:00Z',
    lastReply: '250 2.0.0 OK',
    createdAt: '2026-11-28T16:00:00Z',
    updatedAt: '2026-11-28T16:01:00Z',
    sentAt: '2026-11-28T16:01:00Z',
    attachments: [{ id: 7, messageId: id, filename: 'invitation.ics', contentType: 'text/calendar', contentId: '', size: 2048 }],
    ...over,
  }
}

export const counts = (over: Partial<mail.Counts> = {}): mail.Counts => ({
  queued: 0,
  sending: 0,
  sent: 0,
  failed: 0,
  held: 0,
  cancelled: 0,
  smtpConfigured: true,
  ...over,
})

export type FakeMail = Record<string, ReturnType<typeof vi.fn>>

/** installMail puts a fake Mail service where the bindings look for it. */
export function installMail(over: FakeMail = {}): FakeMail {
  const svc: FakeMail = {
    Outbox: vi.fn(async () => ({ items: [], total: 0 })),
    Counts: vi.fn(async () => counts()),
    Message: vi.fn(),
    Attachment: vi.fn(),
    Retry: vi.fn(),
    Cancel: vi.fn(),
    Settings: vi.fn(async () => ({ configured: true })),
    SaveSettings: vi.fn(),
    GenerateDKIMKey: vi.fn(),
    SendTest: vi.fn(),
    Suppressions: vi.fn(async () => []),
    Unsuppress: vi.fn(),
    ...over,
  }
  ;(window as unknown as { go: unknown }).go = { app: { Mail: svc } }
  return svc
}

export function uninstallMail() {
  delete (window as unknown as { go?: unknown }).go
}
