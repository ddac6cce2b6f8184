package web

import (
	"bytes"
	"net/http"
	"sync"
	"time"
)

// memo keeps rendered answers (event pages, calendar feeds), so a page
// shared on the morning a popular event opens, or a feed polled by every
// subscriber's calendar, costs about what a static file does. An entry is
// kept until any transaction of this process commits (a registration, an
// edit) or, at most, ttl, which bounds how stale it can be after writes by
// another process or the clock passing a deadline.
type memo[V any] struct {
	ttl     time.Duration
	mu      sync.RWMutex
	entries map[string]memoEntry[V]
}

type memoEntry[V any] struct {
	generation uint64
	until      time.Time
	value      V
}

func newMemo[V any](ttl time.Duration) *memo[V] {
	return &memo[V]{ttl: ttl, entries: map[string]memoEntry[V]{}}
}

func (m *memo[V]) get(key string, generation uint64, now time.Time) (V, bool) {
	m.mu.RLock()
	e, ok := m.entries[key]
	m.mu.RUnlock()
	return e.value, ok && e.generation == generation && now.Before(e.until)
}

func (m *memo[V]) put(key string, generation uint64, now time.Time, v V) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.entries) > 5000 {
		clear(m.entries)
	}
	m.entries[key] = memoEntry[V]{generation: generation, until: now.Add(m.ttl), value: v}
}

// pageCacheFor is how long a cached page may live without a local write.
// The seats it shows are information only: a registration is decided in
// the database.
const pageCacheFor = 2 * time.Second

// csrfSlot stands in for the visitor's form token in a cached page; each
// answer puts the visitor's own token in its place.
const csrfSlot = "csrf-slot-0f3e9a2c7b"

// cachedPage is a page split around its form token, if it has a form.
type cachedPage struct {
	head, tail []byte
	slot       bool
}

// splitPage cuts a page rendered with csrfSlot as its form token; a page
// with the slot more than once is not cached.
func splitPage(page []byte) (cachedPage, bool) {
	head, tail, found := bytes.Cut(page, []byte(csrfSlot))
	return cachedPage{head: head, tail: tail, slot: found}, !bytes.Contains(tail, []byte(csrfSlot))
}

// write answers with the page carrying token.
func (p cachedPage) write(w http.ResponseWriter, token string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(p.head)
	if p.slot {
		_, _ = w.Write([]byte(token))
		_, _ = w.Write(p.tail)
	}
}

// generation is the store's commit counter, or 0 without a store.
func (s *Server) generation() uint64 {
	if s.cfg.Store == nil {
		return 0
	}
	return s.cfg.Store.Generation()
}
