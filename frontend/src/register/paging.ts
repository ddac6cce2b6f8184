// Keyset paging of a server list: the server hands back a cursor for the
// next page; a stack of the cursors of the pages seen so far leads back.

import { computed, ref, shallowRef } from 'vue'

/** A page as Companies.List and Contacts.List return it. */
export interface KeysetPage<T> {
  items: T[]
  total: number
  next: string
}

/** useKeysetPaging loads pages with fetch(after); call first() when the query changes. */
export function useKeysetPaging<T>(fetch: (after: string) => Promise<KeysetPage<T> | null | undefined>) {
  const items = shallowRef<T[]>([])
  const total = ref(0)
  const next = ref('')
  // The cursor each page seen so far was loaded with; the last is the current page.
  const cursors = ref<string[]>([''])
  const loading = ref(false)
  const error = ref<unknown>(null)
  let seq = 0

  async function load() {
    const mine = ++seq
    loading.value = true
    error.value = null
    try {
      const page = await fetch(cursors.value[cursors.value.length - 1])
      if (mine !== seq) return
      items.value = page?.items ?? []
      total.value = page?.total ?? 0
      next.value = page?.next ?? ''
    } catch (err) {
      if (mine === seq) error.value = err
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  /** first loads the first page, as after a change of search or filters. */
  function first() {
    cursors.value = ['']
    return load()
  }

  function nextPage() {
    if (!next.value) return Promise.resolve()
    cursors.value = [...cursors.value, next.value]
    return load()
  }

  function prevPage() {
    if (cursors.value.length < 2) return Promise.resolve()
    cursors.value = cursors.value.slice(0, -1)
    return load()
  }

  const hasNext = computed(() => next.value !== '')
  const hasPrev = computed(() => cursors.value.length > 1)
  const pageNumber = computed(() => cursors.value.length)

  return { items, total, next, loading, error, hasNext, hasPrev, pageNumber, first, nextPage, prevPage, reload: load }
}

/** debounce calls fn after ms of quiet; cancel() drops a pending call. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined
  const call = (...args: A) => {
    clearTimeout(timer)
    timer = setTimeout(() => fn(...args), ms)
  }
  call.cancel = () => clearTimeout(timer)
  return call
}

/** triState turns an all/yes/no filter into the query's bool or nothing. */
export function triState(v: string): boolean | undefined {
  return v === 'yes' ? true : v === 'no' ? false : undefined
}
