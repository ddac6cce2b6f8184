package web

import (
	"bytes"
	"net/http"
	"sync"
	"time"
)

// pageCache keeps rendered public event pages, so a page shared on the
// morning a popular event opens costs about what a static file does. A
// page is kept until any transaction of this process commits (a
// registration, an edit) or, at most, pageCacheFor, which bounds how stale
// a page can be after writes by another process or the clock passing a
// deadline. The seats shown are information only: the registration itself
// is decided in the database.
type pageCache struct {
	mu      sync.RWMutex
	entries map[pageKey]cachedPage
}

// pageCacheFor is how long a cached page may live without a local write.
const pageCacheFor = 2 * time.Second

// csrfSlot stands in for the visitor's form token in a cached page; each
// answer puts the visitor's own token in its place.
const csrfSlot = "csrf-slot-0f3e9a2c7b"

type pageKey struct {
	slug, lang string
}

type cachedPage struct {
	generation uint64
	until      time.Time
	// head and tail are the page around the form token.
	head, tail []byte
}

func newPageCache() *pageCache { return &pageCache{entries: map[pageKey]cachedPage{}} }

func (c *pageCache) get(k pageKey, generation uint64, now time.Time) (cachedPage, bool) {
	c.mu.RLock()
	p, ok := c.entries[k]
	c.mu.RUnlock()
	return p, ok && p.generation == generation && now.Before(p.until)
}

// put stores a page rendered with csrfSlot as its form token.
func (c *pageCache) put(k pageKey, generation uint64, now time.Time, page []byte) {
	head, tail, ok := bytes.Cut(page, []byte(csrfSlot))
	if !ok || bytes.Contains(tail, []byte(csrfSlot)) {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) > 1000 {
		clear(c.entries)
	}
	c.entries[k] = cachedPage{generation: generation, until: now.Add(pageCacheFor), head: head, tail: tail}
}

// write answers with a cached page carrying token.
func (p cachedPage) write(w http.ResponseWriter, token string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(p.head)
	_, _ = w.Write([]byte(token))
	_, _ = w.Write(p.tail)
}

// generation is the store's commit counter, or 0 without a store.
func (s *Server) generation() uint64 {
	if s.cfg.Store == nil {
		return 0
	}
	return s.cfg.Store.Generation()
}
