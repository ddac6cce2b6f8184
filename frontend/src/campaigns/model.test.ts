import { describe, expect, it } from 'vitest'
import type { campaign } from '../../wailsjs/go/models'
import { blankCampaign, fromCampaignForm, mergeProblem, mergeTag, progressShares, sendProblems, toCampaignForm, validateCampaign } from './model'
import { sampleCampaign } from './testing'

describe('mergeProblem', () => {
  it('accepts plain fields as the server does', () => {
    expect(mergeProblem('Kære {{.FirstName}}, {{ .CompanyName }} {{- .Email -}}')).toBeNull()
    expect(mergeProblem('no fields at all }}')).toBeNull()
  })
  it('names a field that does not exist', () => {
    expect(mergeProblem('Hej {{.Fornavn}}')).toEqual({ key: 'campaign.error.merge_field', params: { field: 'Fornavn' } })
  })
  it('refuses anything but a plain field, and an action left open', () => {
    expect(mergeProblem('{{if .FirstName}}x{{end}}')?.key).toBe('campaign.error.merge_syntax')
    expect(mergeProblem('{{FirstName}}')?.key).toBe('campaign.error.merge_syntax')
    expect(mergeProblem('Hej {{.FirstName')?.key).toBe('campaign.error.merge_syntax')
  })
  it('writes the tags the menu inserts', () => {
    expect(mergeTag('InvitationLink')).toBe('{{.InvitationLink}}')
  })
})

describe('the form', () => {
  it('turns a saved campaign into values and back, times in the organiser zone', () => {
    const c = sampleCampaign(4, { eventId: 3, sendAt: '2026-12-05T08:00:00Z' })
    const f = toCampaignForm(c, 'Europe/Copenhagen')
    expect(f).toMatchObject({ id: 4, eventId: 3, sendMode: 'later', sendAt: '2026-12-05 09:00' })
    const back = fromCampaignForm(f, c, 'Europe/Copenhagen')
    expect(back).toMatchObject({ id: 4, eventId: 3, sendAt: '2026-12-05T08:00:00Z', createdBy: 'anne@balk.dk' })
    expect(fromCampaignForm({ ...f, sendMode: 'now' }, c, 'Europe/Copenhagen').sendAt).toBeNull()
    expect(fromCampaignForm({ ...f, eventId: 0 }, c, 'Europe/Copenhagen').eventId).toBeNull()
  })

  it('checks a draft as the server would', () => {
    expect(validateCampaign(blankCampaign())).toEqual({ name: { key: 'error.required' } })
    expect(validateCampaign(blankCampaign({ name: 'x', sendMode: 'later' }))).toEqual({ sendAt: { key: 'error.required' } })
    expect(validateCampaign(blankCampaign({ name: 'x', subject: 'a'.repeat(201) })).subject).toEqual({ key: 'error.too_long', params: { max: 200 } })
  })

  it('knows what sending needs', () => {
    expect(sendProblems(blankCampaign({ kind: 'invitation', subjectEn: 'Hello' }))).toEqual({
      subject: { key: 'error.required' },
      body: { key: 'error.required' },
      bodyEn: { key: 'campaign.error.english_pair' },
      segmentIds: { key: 'campaign.error.no_audience' },
      eventId: { key: 'campaign.error.event_required' },
    })
    expect(sendProblems(blankCampaign({ subject: 's', body: 'b', contactIds: [3] }))).toEqual({})
  })
})

describe('progressShares', () => {
  it('adds up every state of the mails', () => {
    const p: campaign.Progress = { recipients: 9, unsubscribed: 0, mail: { queued: 2, sending: 1, sent: 3, failed: 1, held: 1, cancelled: 1, smtpConfigured: true } }
    expect(progressShares(p)).toEqual({ total: 9, sent: 3, waiting: 3, failed: 1, held: 1, cancelled: 1 })
    expect(progressShares(null).total).toBe(0)
  })
})
