import { describe, expect, it, vi } from 'vitest'
import * as SettingsAPI from '../../wailsjs/go/app/Settings'
import { createCall, installShim, loginURL, readCookie, serviceProxy, signOut, type ShimEnv } from './rpc'

function response(status: number, body: unknown): Response {
  return new Response(body === undefined ? '' : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })
}

function env(status: number, body: unknown) {
  const fetch = vi.fn<typeof globalThis.fetch>(async () => response(status, body))
  const navigate = vi.fn<(url: string) => void>()
  const e: ShimEnv = { fetch, navigate, cookies: () => 'theme=dark; convene_csrf=tok%2Ben; other=1' }
  return { e, fetch, navigate }
}

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    expect(readCookie('a=1; convene_csrf=abc%3D; b=2', 'convene_csrf')).toBe('abc=')
  })
  it('gives an empty string when the cookie is missing', () => {
    expect(readCookie('a=1', 'convene_csrf')).toBe('')
    expect(readCookie('', 'convene_csrf')).toBe('')
  })
  it('does not match a cookie whose name only ends the same', () => {
    expect(readCookie('xconvene_csrf=bad', 'convene_csrf')).toBe('')
  })
})

describe('createCall', () => {
  it('POSTs the arguments as a JSON array with the CSRF header', async () => {
    const { e, fetch } = env(200, { organiserName: 'Erhverv' })
    const result = await createCall(e)('Settings', 'Save', [{ a: 1 }, 'b'])
    expect(result).toEqual({ organiserName: 'Erhverv' })
    expect(fetch).toHaveBeenCalledTimes(1)
    const [url, init] = fetch.mock.calls[0]
    expect(url).toBe('/api/rpc/Settings/Save')
    expect(init?.method).toBe('POST')
    expect(init?.credentials).toBe('same-origin')
    expect(init?.body).toBe('[{"a":1},"b"]')
    const headers = init?.headers as Record<string, string>
    expect(headers['Content-Type']).toBe('application/json')
    expect(headers['X-CSRF-Token']).toBe('tok+en')
  })

  it('sends an empty array for a method without arguments', async () => {
    const { e, fetch } = env(200, ['UTC'])
    await createCall(e)('Settings', 'TimeZones', [])
    expect(fetch.mock.calls[0][1]?.body).toBe('[]')
  })

  it('resolves null for a null result', async () => {
    const { e } = env(200, null)
    await expect(createCall(e)('System', 'Backups', [])).resolves.toBeNull()
  })

  it('rejects with the Problem of a 422', async () => {
    const problem = {
      key: 'error.validation',
      message: 'Nogle felter skal rettes.',
      fields: { organiserName: { key: 'error.too_long', params: { max: 120 } } },
    }
    const { e, navigate } = env(422, problem)
    await expect(createCall(e)('Settings', 'Save', [{}])).rejects.toEqual(problem)
    expect(navigate).not.toHaveBeenCalled()
  })

  it('rejects with the Problem of a 403', async () => {
    const { e } = env(403, { key: 'error.forbidden', message: 'x' })
    await expect(createCall(e)('Users', 'Add', [{}])).rejects.toMatchObject({ key: 'error.forbidden' })
  })

  it('sends the browser to the login page on 401', async () => {
    const { e, navigate } = env(401, { key: 'error.unauthorized', message: 'x' })
    await expect(createCall(e)('System', 'Info', [])).rejects.toMatchObject({ key: 'error.unauthorized' })
    expect(navigate).toHaveBeenCalledWith('/login?next=/admin/')
    expect(loginURL).toBe('/login?next=/admin/')
  })

  it('rejects with error.internal when a failure has no Problem body', async () => {
    const fetch = vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502 }))
    const e: ShimEnv = { fetch, navigate: vi.fn(), cookies: () => '' }
    await expect(createCall(e)('System', 'Info', [])).rejects.toMatchObject({ key: 'error.internal' })
  })

  it('rejects with a network Problem when fetch fails', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    const e: ShimEnv = { fetch, navigate: vi.fn(), cookies: () => '' }
    await expect(createCall(e)('System', 'Info', [])).rejects.toMatchObject({ key: 'ui.error.network' })
  })
})

describe('serviceProxy', () => {
  it('turns service.method(args) into one call', async () => {
    const call = vi.fn(async () => 'ok')
    const proxy = serviceProxy(call)
    await expect(proxy.Settings.Get(1, 'two')).resolves.toBe('ok')
    expect(call).toHaveBeenCalledWith('Settings', 'Get', [1, 'two'])
  })
  it('is not mistaken for a promise', () => {
    const proxy = serviceProxy(vi.fn())
    expect((proxy.Settings as unknown as { then?: unknown }).then).toBeUndefined()
  })
})

describe('installShim', () => {
  it('makes the generated bindings talk to the RPC endpoint in a browser', async () => {
    const { e, fetch } = env(200, { organiserName: 'Erhverv' })
    const w = window as unknown as { go?: unknown; runtime?: unknown }
    delete w.go
    delete w.runtime
    try {
      expect(installShim(window, e)).toBe('browser')
      await expect(SettingsAPI.Get()).resolves.toEqual({ organiserName: 'Erhverv' })
      expect(fetch.mock.calls[0][0]).toBe('/api/rpc/Settings/Get')
      const rt = w.runtime as Record<string, (...a: unknown[]) => unknown>
      rt.WindowSetTitle('Convene test')
      expect(document.title).toBe('Convene test')
      expect(typeof rt.EventsOnMultiple('x', () => {}, -1)).toBe('function')
      expect(rt.SomethingNew()).toBeUndefined()
    } finally {
      delete w.go
      delete w.runtime
    }
  })

  it('leaves the desktop bindings alone', () => {
    const desktop = { app: {} }
    const w = window as unknown as { go?: unknown }
    w.go = desktop
    try {
      expect(installShim(window, env(200, null).e)).toBe('desktop')
      expect(w.go).toBe(desktop)
    } finally {
      delete w.go
    }
  })
})

describe('signOut', () => {
  it('POSTs /logout with the CSRF token and goes to the login page', async () => {
    const { e, fetch, navigate } = env(200, undefined)
    await signOut(e)
    const [url, init] = fetch.mock.calls[0]
    expect(url).toBe('/logout')
    expect(init?.method).toBe('POST')
    expect((init?.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok+en')
    expect(navigate).toHaveBeenCalledWith('/login?out=1')
  })
})
