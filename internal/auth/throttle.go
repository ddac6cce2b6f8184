package auth

import (
	"sync"
	"time"
)

// Throttle limits failed sign-ins per key (an e-mail address or a client
// address) within a sliding window.
type Throttle struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	now    func() time.Time
	fails  map[string][]time.Time
}

// NewThrottle allows max failures per key within window.
func NewThrottle(max int, window time.Duration) *Throttle {
	return &Throttle{max: max, window: window, now: time.Now, fails: map[string][]time.Time{}}
}

// Allow reports whether key may try again, and if not, how long it must wait.
func (t *Throttle) Allow(key string) (bool, time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	recent := t.prune(key)
	if len(recent) < t.max {
		return true, 0
	}
	return false, recent[0].Add(t.window).Sub(t.now())
}

// Fail records a failed attempt.
func (t *Throttle) Fail(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.fails[key] = append(t.prune(key), t.now())
	if len(t.fails) > 10000 {
		// Bound memory under a spray of keys: drop keys with no recent failure.
		for k := range t.fails {
			if len(t.prune(k)) == 0 {
				delete(t.fails, k)
			}
		}
	}
}

// Reset forgets a key's failures after a successful sign-in.
func (t *Throttle) Reset(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.fails, key)
}

func (t *Throttle) prune(key string) []time.Time {
	cut := t.now().Add(-t.window)
	list := t.fails[key]
	i := 0
	for i < len(list) && !list[i].After(cut) {
		i++
	}
	list = list[i:]
	if len(list) == 0 {
		delete(t.fails, key)
		return nil
	}
	t.fails[key] = list
	return list
}
