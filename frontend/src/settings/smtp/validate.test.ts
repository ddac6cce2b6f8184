import { describe, expect, it } from 'vitest'
import {
  formFromView,
  oneLine,
  parseCount,
  toInput,
  validAddress,
  validHost,
  validSelector,
  validateSmtp,
  type SmtpForm,
} from './validate'

const good: SmtpForm = {
  host: 'smtp.office365.com',
  port: '587',
  tls: 'starttls',
  username: 'erhverv@balk.dk',
  password: '',
  clearPassword: false,
  fromName: 'Erhverv Ballerup',
  fromAddress: 'erhverv@balk.dk',
  replyTo: '',
  ratePerMinute: '30',
  dailyCap: '10000',
  dkimEnabled: false,
  dkimDomain: '',
  dkimSelector: '',
  dkimKeyPem: '',
}

const keyOf = (f: Partial<SmtpForm>, field: keyof ReturnType<typeof validateSmtp>, keySaved = false) =>
  validateSmtp({ ...good, ...f }, keySaved)[field]?.key ?? null

describe('validateSmtp', () => {
  it('accepts a good configuration', () => {
    expect(validateSmtp(good, false)).toEqual({})
  })

  it('accepts no server at all: mail is then held', () => {
    expect(validateSmtp({ ...good, host: '', fromAddress: '', username: '' }, false)).toEqual({})
  })

  it('reports every problem at once with the server keys', () => {
    expect(
      validateSmtp(
        {
          ...good,
          host: 'smtp..example',
          port: '0',
          tls: 'ssl',
          fromName: 'x'.repeat(101),
          fromAddress: '',
          replyTo: 'svar@',
          ratePerMinute: '10001',
          dailyCap: '-1',
          dkimEnabled: true,
          dkimDomain: 'localhost',
          dkimSelector: '-bad',
        },
        false,
      ),
    ).toEqual({
      host: { key: 'mail.error.host' },
      port: { key: 'mail.error.port' },
      tls: { key: 'mail.error.tls' },
      fromName: { key: 'error.too_long', params: { max: 100 } },
      fromAddress: { key: 'error.required' },
      replyTo: { key: 'error.email' },
      ratePerMinute: { key: 'mail.error.rate', params: { max: 10000 } },
      dailyCap: { key: 'mail.error.rate', params: { max: 1000000 } },
      dkimDomain: { key: 'mail.error.host' },
      dkimSelector: { key: 'mail.error.selector' },
      dkimKeyPem: { key: 'error.required' },
    })
  })

  it.each([
    [{ port: '' }, 'port', 'mail.error.port'],
    [{ port: '65535' }, 'port', null],
    [{ port: '65536' }, 'port', 'mail.error.port'],
    [{ port: '25a' }, 'port', 'mail.error.port'],
    [{ port: ' 465 ' }, 'port', null],
    [{ ratePerMinute: '0' }, 'ratePerMinute', null],
    [{ ratePerMinute: '10000' }, 'ratePerMinute', null],
    [{ ratePerMinute: '2.5' }, 'ratePerMinute', 'mail.error.rate'],
    [{ dailyCap: '1000000' }, 'dailyCap', null],
    [{ dailyCap: '1000001' }, 'dailyCap', 'mail.error.rate'],
    [{ fromAddress: 'Erhverv@Balk.DK' }, 'fromAddress', null],
    [{ fromAddress: 'Erhverv <erhverv@balk.dk>' }, 'fromAddress', 'error.email'],
    [{ fromAddress: 'a@b.dk, c@d.dk' }, 'fromAddress', 'error.email'],
    [{ fromName: 'æ'.repeat(100) }, 'fromName', null],
    [{ fromName: 'Erhverv\tBallerup' }, 'fromName', 'error.control_chars'],
    [{ username: 'x'.repeat(201) }, 'username', 'error.too_long'],
    [{ username: 'ø'.repeat(101) }, 'username', 'error.too_long'],
    [{ host: '127.0.0.1' }, 'host', null],
    [{ host: 'smtp-.example.dk' }, 'host', 'mail.error.host'],
    [{ host: 'smtp example.dk' }, 'host', 'mail.error.host'],
    [{ host: 'https://smtp.example.dk' }, 'host', 'mail.error.host'],
  ] as const)('%j → %s %s', (f, field, key) => {
    expect(keyOf(f, field)).toBe(key)
  })

  it('needs a DKIM key only when none is saved', () => {
    const dkim = { dkimEnabled: true, dkimDomain: 'balk.dk', dkimSelector: 'convene' }
    expect(keyOf(dkim, 'dkimKeyPem')).toBe('error.required')
    expect(keyOf(dkim, 'dkimKeyPem', true)).toBeNull()
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----'
    expect(keyOf({ ...dkim, dkimKeyPem: pem }, 'dkimKeyPem')).toBeNull()
    expect(keyOf({ ...dkim, dkimKeyPem: 'ssh-rsa AAAA' }, 'dkimKeyPem', true)).toBe('mail.error.dkim_key')
    expect(validateSmtp({ ...good, ...dkim }, true)).toEqual({})
  })

  it('ignores the DKIM fields while DKIM is off', () => {
    expect(validateSmtp({ ...good, dkimDomain: 'x', dkimSelector: '-' }, false)).toEqual({})
  })
})

describe('validators', () => {
  it.each([
    ['smtp.office365.com', true],
    ['mail', true],
    ['a'.repeat(64), true],
    ['-smtp.dk', false],
    ['smtp_1.dk', false],
    ['smtp.dk.', false],
    ['', false],
  ])('host %s → %s', (h, ok) => expect(validHost(h)).toBe(ok))

  it.each([
    ['convene', true],
    ['s2026.x_y-z', true],
    ['a', true],
    ['.convene', false],
    ['convene-', false],
    ['con vene', false],
  ])('selector %s → %s', (s, ok) => expect(validSelector(s)).toBe(ok))

  it.each([
    ['erhverv@balk.dk', true],
    ['erhverv@balk', false],
    ['"a b"@balk.dk', false],
    ['a;b@balk.dk', false],
  ])('address %s → %s', (a, ok) => expect(validAddress(a)).toBe(ok))

  it('parses counts as typed', () => {
    expect(parseCount(' 587 ')).toBe(587)
    expect(parseCount('')).toBeNull()
    expect(parseCount('-1')).toBeNull()
    expect(parseCount('1e3')).toBeNull()
  })

  it('collapses white space like the server', () => {
    expect(oneLine('  Erhverv   Ballerup ')).toBe('Erhverv Ballerup')
  })
})

describe('toInput and formFromView', () => {
  it('trims and lowercases as the server does and never sends a password when clearing', () => {
    const input = toInput({
      ...good,
      host: ' smtp.balk.dk ',
      fromAddress: ' Erhverv@Balk.dk ',
      fromName: ' Erhverv  Ballerup ',
      password: 'secret',
      clearPassword: true,
      dkimKeyPem: '  ',
    })
    expect(input).toMatchObject({
      host: 'smtp.balk.dk',
      port: 587,
      fromAddress: 'erhverv@balk.dk',
      fromName: 'Erhverv Ballerup',
      password: '',
      clearPassword: true,
      ratePerMinute: 30,
      dailyCap: 10000,
      dkimKeyPem: '',
    })
  })

  it('uses the defaults for an unsaved configuration and leaves secrets empty', () => {
    const f = formFromView({ port: 0, tls: '', passwordSet: true, ratePerMinute: 30, dailyCap: 10000 } as never)
    expect(f).toMatchObject({ port: '587', tls: 'starttls', password: '', dkimKeyPem: '', ratePerMinute: '30' })
  })
})
