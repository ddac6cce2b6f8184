import { describe, expect, it } from 'vitest'
import { formatBytes, formatDateTime, parseTime } from './format'

describe('formatDateTime', () => {
  it('shows Danish time in Copenhagen', () => {
    expect(formatDateTime('2026-11-28T16:00:00Z', 'da')).toBe('28.11.2026 kl. 17.00')
    expect(formatDateTime('2026-07-01T06:05:00Z', 'da')).toBe('01.07.2026 kl. 08.05')
  })
  it('shows English time', () => {
    expect(formatDateTime('2026-11-28T16:00:00Z', 'en')).toBe('28 Nov 2026, 17:00')
  })
  it('follows a configured zone', () => {
    expect(formatDateTime('2026-11-28T16:00:00Z', 'da', 'UTC')).toBe('28.11.2026 kl. 16.00')
  })
  it('leaves unset times empty', () => {
    expect(formatDateTime('0001-01-01T00:00:00Z', 'da')).toBe('')
    expect(formatDateTime(null, 'da')).toBe('')
    expect(parseTime('nonsense')).toBeNull()
  })
})

describe('formatBytes', () => {
  it.each([
    [0, 'da', '0 B'],
    [512, 'da', '512 B'],
    [1536, 'da', '1,5 KB'],
    [1536, 'en', '1.5 KB'],
    [5 * 1024 * 1024, 'da', '5 MB'],
    [250 * 1024 * 1024, 'en', '250 MB'],
  ])('%d in %s → %s', (n, lang, want) => expect(formatBytes(n, lang)).toBe(want))
})
