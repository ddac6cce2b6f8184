import type { Message, Problem } from './problem'
import { isProblem } from './rpc'

/** The part of vue-i18n the helper needs. */
export interface Translator {
  t: (key: string, params?: Record<string, unknown>) => string
  te: (key: string) => boolean
}

/** DescribedError is an error ready to show. */
export interface DescribedError {
  /** The catalog key of the overall message. */
  key: string
  /** The overall message, translated. */
  message: string
  /** Translated messages by field name; empty when none. */
  fields: Record<string, string>
}

/**
 * toProblem turns whatever a call rejected with into a Problem: a Problem
 * as is, a string holding a Problem's JSON (older Wails runtimes), anything
 * else as an internal error.
 */
export function toProblem(err: unknown): Problem {
  if (isProblem(err)) return err
  if (typeof err === 'string') {
    try {
      const parsed: unknown = JSON.parse(err)
      if (isProblem(parsed)) return parsed
    } catch {
      // not JSON: a plain error text
    }
    return { key: 'error.internal', message: err }
  }
  if (err instanceof Error) return { key: 'error.internal', message: err.message }
  return { key: 'error.internal', message: String(err) }
}

function translate(tr: Translator, m: Message, fallback: string): string {
  if (m.key && tr.te(m.key)) return tr.t(m.key, m.params ?? {})
  return tr.t(fallback)
}

/**
 * describeError translates a rejection into an overall message and one
 * message per field. An unknown key becomes error.internal, never the raw
 * key or an English text from the server.
 */
export function describeError(err: unknown, tr: Translator): DescribedError {
  const p = toProblem(err)
  const known = !!p.key && tr.te(p.key)
  const fields: Record<string, string> = {}
  for (const [name, m] of Object.entries(p.fields ?? {})) {
    fields[name] = translate(tr, m, 'error.internal')
  }
  return {
    key: known ? p.key : 'error.internal',
    message: translate(tr, p, 'error.internal'),
    fields,
  }
}
