import { describe, expect, it } from 'vitest'
import { calendarLinks, hasPublicFiles, publicBase } from './calendar'
import { sampleEvent } from './testing'

const base = 'https://events.example.dk'

describe('calendarLinks', () => {
  it('lists the file, the public feed and the feeds of the themes and the track', () => {
    const e = sampleEvent(3, { status: 'published', themes: ['Grøn omstilling', 'Affald & genbrug'], track: 2 })
    expect(calendarLinks(e, base)).toEqual([
      { kind: 'ics', url: 'https://events.example.dk/e/netvaerk-3.ics' },
      { kind: 'feed', url: 'https://events.example.dk/calendar.ics' },
      { kind: 'theme', theme: 'Grøn omstilling', url: 'https://events.example.dk/calendar.ics?theme=Gr%C3%B8n%20omstilling' },
      { kind: 'theme', theme: 'Affald & genbrug', url: 'https://events.example.dk/calendar.ics?theme=Affald%20%26%20genbrug' },
      { kind: 'track', track: 2, url: 'https://events.example.dk/calendar.ics?track=2' },
    ])
  })

  it('leaves out the track when there is none, and themes when there are none', () => {
    const e = sampleEvent(3, { status: 'completed', themes: [], track: 0 })
    expect(calendarLinks(e, base).map((l) => l.kind)).toEqual(['ics', 'feed'])
  })

  it('gives an invite-only event its file only: it is in no public feed', () => {
    const e = sampleEvent(3, { status: 'published', visibility: 'invite' })
    expect(calendarLinks(e, base)).toEqual([{ kind: 'ics', url: 'https://events.example.dk/e/netvaerk-3.ics' }])
  })

  it('has nothing for a draft, which has no public files', () => {
    expect(calendarLinks(sampleEvent(3, { status: 'draft' }), base)).toEqual([])
    expect(hasPublicFiles(sampleEvent(3, { status: 'draft' }))).toBe(false)
    expect(hasPublicFiles(sampleEvent(3, { status: 'cancelled' }))).toBe(true)
    expect(hasPublicFiles(sampleEvent(3, { status: 'published', slug: '' }))).toBe(false)
  })
})

describe('publicBase', () => {
  it('drops trailing slashes and falls back to the page origin', () => {
    expect(publicBase('https://events.example.dk//')).toBe('https://events.example.dk')
    expect(publicBase('')).toBe(window.location.origin.replace(/\/+$/, ''))
  })
})
