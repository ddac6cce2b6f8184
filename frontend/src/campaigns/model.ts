// The campaign editor's values and the client's copy of the Go side's
// checks (campaign.validateDraft and checkSendable), with the same catalog
// keys; the server stays the authority.
import type { campaign } from '../../wailsjs/go/models'
import type { FieldMessages } from '../forms/useForm'
import type { Message } from '../transport/problem'
import { fromWall, toWall } from '../events/zone'

export const kinds = ['invitation', 'newsletter', 'followup', 'other'] as const
export const statuses = ['draft', 'scheduled', 'sending', 'paused', 'finished', 'cancelled'] as const

/** The merge fields (Campaigns.Options().fields), for when Options has not answered. */
export const mergeFields = [
  'FirstName', 'Name', 'Email', 'CompanyName', 'EventTitle', 'EventDate', 'EventTime', 'EventPlace',
  'EventLink', 'InvitationLink', 'UnsubscribeLink',
] as const

/** The reasons a contact gets no mail (campaign.Excluded*). */
export const exclusionReasons = ['no_consent', 'unsubscribed', 'bounced', 'no_email', 'duplicate', 'suppressed'] as const

/** mergeTag is how a field is written in a subject or body: {{.FirstName}}. */
export const mergeTag = (field: string) => `{{.${field}}}`

/** The fields in the order shown; the first wrong one gets focus. */
export const campaignFields = [
  'name', 'kind', 'eventId', 'segmentIds', 'contactIds', 'subject', 'body', 'subjectEn', 'bodyEn', 'sendAt',
] as const
export type CampaignField = (typeof campaignFields)[number]

/** The fields edited as plain text. */
export type TextField = 'name' | 'subject' | 'body' | 'subjectEn' | 'bodyEn'

export interface CampaignForm {
  id: number
  status: string
  name: string
  kind: string
  /** 0 for none. */
  eventId: number
  segmentIds: number[]
  contactIds: number[]
  subject: string
  body: string
  subjectEn: string
  bodyEn: string
  /** now: when Send is pressed; later: at sendAt. */
  sendMode: 'now' | 'later'
  /** A wall time in the organiser's zone, "YYYY-MM-DD HH:mm"; '' when unset. */
  sendAt: string
}

export function blankCampaign(over: Partial<CampaignForm> = {}): CampaignForm {
  return {
    id: 0, status: 'draft', name: '', kind: 'newsletter', eventId: 0, segmentIds: [], contactIds: [],
    subject: '', body: '', subjectEn: '', bodyEn: '', sendMode: 'now', sendAt: '',
    ...over,
  }
}

export function toCampaignForm(c: campaign.Campaign, tz: string): CampaignForm {
  const sendAt = toWall(c.sendAt, tz)
  return {
    id: c.id, status: c.status || 'draft', name: c.name ?? '', kind: c.kind || 'newsletter', eventId: c.eventId ?? 0,
    segmentIds: [...(c.segmentIds ?? [])], contactIds: [...(c.contactIds ?? [])],
    subject: c.subject ?? '', body: c.body ?? '', subjectEn: c.subjectEn ?? '', bodyEn: c.bodyEn ?? '',
    sendMode: sendAt ? 'later' : 'now', sendAt,
  }
}

/** fromCampaignForm is what Campaigns.Save, Audience and Preview receive; read-only fields come from the saved campaign. */
export function fromCampaignForm(f: CampaignForm, saved: campaign.Campaign | null, tz: string): campaign.Campaign {
  return {
    id: f.id, name: f.name.trim(), kind: f.kind, status: f.status,
    // Go's *int64: null is none.
    eventId: (f.eventId || null) as number | undefined,
    segmentIds: [...f.segmentIds], contactIds: [...f.contactIds],
    subject: f.subject.trim(), body: f.body.trim(), subjectEn: f.subjectEn.trim(), bodyEn: f.bodyEn.trim(),
    sendAt: f.sendMode === 'later' ? fromWall(f.sendAt, tz) : null,
    startedAt: saved?.startedAt ?? null, queuedAt: saved?.queuedAt ?? null, finishedAt: saved?.finishedAt ?? null,
    createdBy: saved?.createdBy ?? '', createdAt: saved?.createdAt ?? null, updatedAt: saved?.updatedAt ?? null,
  }
}

/** editable reports whether a campaign in status can still be changed. */
export const editable = (status: string) => status === 'draft' || status === 'scheduled'

const known = (name: string) => (mergeFields as readonly string[]).includes(name)

/**
 * mergeProblem finds what is wrong with a text's merge fields, as the
 * server's checkMerge: an action that is not a plain {{.Field}}, or a
 * field that does not exist. null when fine.
 */
export function mergeProblem(text: string): Message | null {
  const re = /\{\{([\s\S]*?)\}\}/g
  let rest = text
  for (const m of text.matchAll(re)) {
    // {{- .X -}} trims the spaces around it, as in Go.
    const inner = m[1].replace(/^-\s/, '').replace(/\s-$/, '').trim()
    const field = /^\.(\w+)$/.exec(inner)
    if (!field) return { key: 'campaign.error.merge_syntax', params: { detail: m[0] } }
    if (!known(field[1])) return { key: 'campaign.error.merge_field', params: { field: field[1] } }
    rest = rest.replace(m[0], '')
  }
  if (rest.includes('{{')) return { key: 'campaign.error.merge_syntax', params: { detail: '{{' } }
  return null
}

const squash = (s: string) => s.split(/\s+/).filter(Boolean).join(' ')

/** validateCampaign checks what any saved campaign must satisfy. */
export function validateCampaign(f: CampaignForm): FieldMessages<CampaignField> {
  const e: FieldMessages<CampaignField> = {}
  const name = squash(f.name)
  if (name === '') e.name = { key: 'error.required' }
  else if ([...name].length > 200) e.name = { key: 'error.too_long', params: { max: 200 } }
  if (!(kinds as readonly string[]).includes(f.kind)) e.kind = { key: 'campaign.error.kind' }
  if ([...squash(f.subject)].length > 200) e.subject = { key: 'error.too_long', params: { max: 200 } }
  if ([...squash(f.subjectEn)].length > 200) e.subjectEn = { key: 'error.too_long', params: { max: 200 } }
  for (const k of ['subject', 'body', 'subjectEn', 'bodyEn'] as const) {
    const p = mergeProblem(f[k])
    if (p && !e[k]) e[k] = p
  }
  if (f.sendMode === 'later' && f.sendAt === '') e.sendAt = { key: 'error.required' }
  return e
}

/** sendProblems are what Send would also refuse, checked before asking the server. */
export function sendProblems(f: CampaignForm): FieldMessages<CampaignField> {
  const e: FieldMessages<CampaignField> = {}
  if (f.subject.trim() === '') e.subject = { key: 'error.required' }
  if (f.body.trim() === '') e.body = { key: 'error.required' }
  const hasSubjectEn = f.subjectEn.trim() !== ''
  const hasBodyEn = f.bodyEn.trim() !== ''
  if (hasSubjectEn !== hasBodyEn) e[hasBodyEn ? 'subjectEn' : 'bodyEn'] = { key: 'campaign.error.english_pair' }
  if (f.segmentIds.length === 0 && f.contactIds.length === 0) e.segmentIds = { key: 'campaign.error.no_audience' }
  if (f.kind === 'invitation' && !f.eventId) e.eventId = { key: 'campaign.error.event_required' }
  return e
}

/** The progress of a campaign's mails as shares of all of them. */
export interface ProgressShares {
  total: number
  sent: number
  waiting: number
  failed: number
  held: number
  cancelled: number
}

export function progressShares(p: campaign.Progress | null | undefined): ProgressShares {
  const m = p?.mail
  const sent = m?.sent ?? 0
  const waiting = (m?.queued ?? 0) + (m?.sending ?? 0)
  const failed = m?.failed ?? 0
  const held = m?.held ?? 0
  const cancelled = m?.cancelled ?? 0
  return { total: sent + waiting + failed + held + cancelled, sent, waiting, failed, held, cancelled }
}

/** percent is n of total as a whole percentage (0 when there is nothing). */
export const percent = (n: number, total: number) => (total > 0 ? Math.round((n / total) * 100) : 0)
