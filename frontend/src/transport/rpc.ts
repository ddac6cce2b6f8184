// The transport seam. The generated bindings in wailsjs/go/app call
// window.go.app.<Service>.<Method>(...args). Inside the desktop app Wails
// provides window.go; in a browser (`convene serve`, staff UI at /admin/)
// there is none, so installShim puts a proxy there that sends the same calls
// to the server's RPC endpoint. The rest of the UI never knows which
// transport it is on.

import type { Problem } from './problem'

/** Where the browser goes when the session is gone. */
export const loginURL = '/login?next=/admin/'

/** The cookie in which the server hands the session's CSRF token to the UI. */
export const csrfCookie = 'convene_csrf'

/** The header the server checks the CSRF token in. */
export const csrfHeader = 'X-CSRF-Token'

/** Calls one method of one bound service with its arguments. */
export type Call = (service: string, method: string, args: unknown[]) => Promise<unknown>

/** What the shim needs from the browser; tests pass their own. */
export interface ShimEnv {
  fetch: typeof fetch
  /** Returns document.cookie. */
  cookies: () => string
  /** Sends the browser to another page. */
  navigate: (url: string) => void
}

/** browserEnv is the real browser. */
export function browserEnv(): ShimEnv {
  return {
    fetch: (input, init) => window.fetch(input, init),
    cookies: () => document.cookie,
    navigate: (url) => window.location.assign(url),
  }
}

/** readCookie returns the value of the cookie called name, or ''. */
export function readCookie(cookies: string, name: string): string {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) {
      return decodeURIComponent(part.slice(eq + 1).trim())
    }
  }
  return ''
}

/** isProblem reports whether v has the shape of a server Problem. */
export function isProblem(v: unknown): v is Problem {
  return typeof v === 'object' && v !== null && typeof (v as Problem).key === 'string'
}

function problem(key: string, message = ''): Problem {
  return { key, message }
}

/** rpcURL is the endpoint of one method. */
export function rpcURL(service: string, method: string): string {
  return `/api/rpc/${encodeURIComponent(service)}/${encodeURIComponent(method)}`
}

/**
 * createCall returns a Call that POSTs the arguments as a JSON array to
 * /api/rpc/{service}/{method}. It resolves with the JSON result (which may
 * be null) and rejects with the server's Problem. A 401 sends the browser to
 * the login page.
 */
export function createCall(env: ShimEnv): Call {
  return async (service, method, args) => {
    let res: Response
    try {
      res = await env.fetch(rpcURL(service, method), {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          [csrfHeader]: readCookie(env.cookies(), csrfCookie),
        },
        body: JSON.stringify(args),
        credentials: 'same-origin',
      })
    } catch (err) {
      throw problem('ui.error.network', String(err))
    }
    const text = await res.text()
    let body: unknown = null
    if (text !== '') {
      try {
        body = JSON.parse(text)
      } catch {
        if (res.ok) throw problem('error.internal', 'invalid JSON from server')
      }
    }
    if (res.ok) return body
    if (res.status === 401) env.navigate(loginURL)
    if (isProblem(body)) throw body
    throw problem(res.status === 401 ? 'error.unauthorized' : 'error.internal', `HTTP ${res.status}`)
  }
}

/**
 * serviceProxy makes the object the bindings expect under window.go.app:
 * any service, any method, each method a function of its arguments.
 */
export function serviceProxy(call: Call): Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> {
  const services = new Map<string, Record<string, (...args: unknown[]) => Promise<unknown>>>()
  return new Proxy({} as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>, {
    get(_target, service) {
      if (typeof service !== 'string') return undefined
      let methods = services.get(service)
      if (!methods) {
        methods = new Proxy({} as Record<string, (...args: unknown[]) => Promise<unknown>>, {
          get(_t, method) {
            if (typeof method !== 'string' || method === 'then') return undefined
            return (...args: unknown[]) => call(service, method, args)
          },
        })
        services.set(service, methods)
      }
      return methods
    },
  })
}

/**
 * runtimeStub stands in for the Wails runtime in a browser, so code that
 * imports wailsjs/runtime does not crash: the few calls with a browser
 * meaning get it, the rest do nothing.
 */
export function runtimeStub(win: Window): Record<string, (...args: unknown[]) => unknown> {
  const known: Record<string, (...args: unknown[]) => unknown> = {
    BrowserOpenURL: (url) => {
      win.open(String(url), '_blank', 'noopener')
    },
    WindowSetTitle: (title) => {
      win.document.title = String(title)
    },
    EventsOnMultiple: () => () => {},
    EventsOff: () => {},
    EventsOffAll: () => {},
    EventsEmit: () => {},
    Quit: () => {},
    Environment: () => Promise.resolve({ buildType: 'production', platform: 'web', arch: '' }),
    ClipboardGetText: () => navigator.clipboard?.readText?.() ?? Promise.resolve(''),
    ClipboardSetText: (text) =>
      navigator.clipboard
        ?.writeText?.(String(text))
        .then(() => true)
        .catch(() => false) ?? Promise.resolve(false),
    WindowReload: () => win.location.reload(),
    WindowReloadApp: () => win.location.reload(),
  }
  return new Proxy(known, {
    get(target, name) {
      if (typeof name !== 'string') return undefined
      return target[name] ?? (() => undefined)
    },
  })
}

/** Mode tells which transport the UI talks over. */
export type Mode = 'desktop' | 'browser'

/**
 * installShim leaves a desktop window alone and, in a browser, installs
 * window.go (the RPC proxy) and window.runtime (the stub). Call it before
 * the app mounts.
 */
export function installShim(win: Window = window, env: ShimEnv = browserEnv()): Mode {
  const w = win as unknown as { go?: unknown; runtime?: unknown }
  if (w.go !== undefined) return 'desktop'
  w.go = { app: serviceProxy(createCall(env)) }
  if (w.runtime === undefined) w.runtime = runtimeStub(win)
  return 'browser'
}

/**
 * signOut ends the browser session: POST /logout with the CSRF token, then
 * the login page. The redirect happens even if the request fails, since
 * the login page is where the user wants to be either way.
 */
export async function signOut(env: ShimEnv = browserEnv()): Promise<void> {
  try {
    await env.fetch('/logout', {
      method: 'POST',
      headers: { [csrfHeader]: readCookie(env.cookies(), csrfCookie) },
      credentials: 'same-origin',
    })
  } finally {
    env.navigate('/login?out=1')
  }
}
