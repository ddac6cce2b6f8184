// The business areas offered for companies: the client's copy of the
// server's checks (setting.Validate), with the same keys.
import type { Message } from '../transport/problem'

export const maxAreas = 50
export const maxAreaLength = 80

/** validateAreas returns the first problem with the list, or null. */
export function validateAreas(areas: readonly string[]): Message | null {
  const seen = new Set<string>()
  for (const a of areas) {
    if ([...a].length > maxAreaLength) return { key: 'error.too_long', params: { max: maxAreaLength } }
    const k = a.toLowerCase()
    if (seen.has(k)) return { key: 'settings.error.area_twice', params: { area: a } }
    seen.add(k)
  }
  if (areas.length > maxAreas) return { key: 'settings.error.areas_many', params: { max: maxAreas } }
  return null
}

/** move returns the list with the item at i moved by delta places. */
export function move<T>(list: readonly T[], i: number, delta: number): T[] {
  const j = i + delta
  if (j < 0 || j >= list.length) return [...list]
  const out = [...list]
  ;[out[i], out[j]] = [out[j], out[i]]
  return out
}
