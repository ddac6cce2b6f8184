import { describe, expect, it } from 'vitest'
import { createAppI18n } from '../i18n'
import { describeError, toProblem, type Translator } from './errors'

function translator(lang: 'da' | 'en'): Translator {
  const g = createAppI18n(lang).global
  return { t: (k, p) => g.t(k, p ?? {}), te: (k) => g.te(k) }
}

describe('describeError', () => {
  it('translates a validation Problem and its fields with parameters', () => {
    const d = describeError(
      {
        key: 'error.validation',
        message: 'Nogle felter skal rettes.',
        fields: {
          organiserName: { key: 'error.too_long', params: { max: 120 } },
          phone: { key: 'settings.error.phone' },
        },
      },
      translator('da'),
    )
    expect(d.key).toBe('error.validation')
    expect(d.message).toBe('Nogle felter skal rettes.')
    expect(d.fields.organiserName).toBe('Må højst være 120 tegn.')
    expect(d.fields.phone).toContain('8-15 cifre')
  })

  it('uses the current language', () => {
    const d = describeError({ key: 'error.forbidden', message: 'Du har ikke adgang' }, translator('en'))
    expect(d.message).not.toBe('Du har ikke adgang til at gøre dette.')
    expect(d.message.length).toBeGreaterThan(0)
  })

  it('keeps an @ in a message (vue-i18n syntax must not apply)', () => {
    const d = describeError({ key: 'error.email', message: '' }, translator('da'))
    expect(d.message).toBe('Skriv en gyldig e-mailadresse, fx navn@firma.dk.')
  })

  it('turns an unknown key into error.internal', () => {
    const tr = translator('da')
    const d = describeError({ key: 'no.such.key', message: 'boom', fields: { x: { key: 'nope' } } }, tr)
    expect(d.key).toBe('error.internal')
    expect(d.message).toBe(tr.t('error.internal'))
    expect(d.fields.x).toBe(tr.t('error.internal'))
  })

  it('handles strings, JSON strings and Errors', () => {
    const tr = translator('da')
    expect(describeError('something broke', tr).message).toBe(tr.t('error.internal'))
    expect(describeError(JSON.stringify({ key: 'error.csrf', message: '' }), tr).key).toBe('error.csrf')
    expect(describeError(new Error('x'), tr).key).toBe('error.internal')
    expect(describeError(undefined, tr).key).toBe('error.internal')
  })
})

describe('toProblem', () => {
  it('passes a Problem through unchanged', () => {
    const p = { key: 'error.forbidden', message: 'm' }
    expect(toProblem(p)).toBe(p)
  })
  it('keeps the text of a plain error', () => {
    expect(toProblem(new Error('disk full'))).toEqual({ key: 'error.internal', message: 'disk full' })
  })
})
