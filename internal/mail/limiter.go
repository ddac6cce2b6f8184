package mail

import (
	"sync"
	"time"
)

// limiter keeps the worker within what the mail server tolerates: at most
// perMinute messages in any 60 seconds, and at most dailyCap per calendar
// day in the organiser's time zone. Zero means no limit. It is shared by
// every worker goroutine.
type limiter struct {
	mu        sync.Mutex
	clock     Clock
	perMinute int
	dailyCap  int
	loc       *time.Location
	window    []time.Time // sends in the last minute, oldest first
	day       string
	dayCount  int
}

func newLimiter(clock Clock) *limiter {
	return &limiter{clock: clock, loc: time.UTC}
}

// configure sets the limits; recent sends stay counted.
func (l *limiter) configure(perMinute, dailyCap int, loc *time.Location) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.perMinute, l.dailyCap = perMinute, dailyCap
	if loc != nil {
		l.loc = loc
	}
}

// seed counts sends that happened before a restart.
func (l *limiter) seed(recent []time.Time, today int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.window = append(l.window[:0], recent...)
	l.day = l.clock.Now().In(l.loc).Format(time.DateOnly)
	l.dayCount = today
}

func (l *limiter) prune(now time.Time) {
	cut := now.Add(-time.Minute)
	i := 0
	for i < len(l.window) && !l.window[i].After(cut) {
		i++
	}
	l.window = l.window[i:]
	if d := now.In(l.loc).Format(time.DateOnly); d != l.day {
		l.day, l.dayCount = d, 0
	}
}

// wait returns 0 when a message may go now, or how long until one may.
func (l *limiter) wait(now time.Time) time.Duration {
	l.prune(now)
	if l.dailyCap > 0 && l.dayCount >= l.dailyCap {
		local := now.In(l.loc)
		next := time.Date(local.Year(), local.Month(), local.Day()+1, 0, 0, 0, 0, l.loc)
		return next.Sub(now)
	}
	if l.perMinute > 0 && len(l.window) >= l.perMinute {
		return l.window[len(l.window)-l.perMinute].Add(time.Minute).Sub(now)
	}
	return 0
}

// waitTime says how long until a message may go.
func (l *limiter) waitTime() time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.wait(l.clock.Now())
}

// take counts one send if the limits allow it; otherwise it says how long
// to wait.
func (l *limiter) take() (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock.Now()
	if w := l.wait(now); w > 0 {
		return false, w
	}
	l.window = append(l.window, now)
	l.dayCount++
	return true, 0
}

// available says how many sends the limits allow right now.
func (l *limiter) available(max int) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock.Now()
	if l.wait(now) > 0 {
		return 0
	}
	n := max
	if l.perMinute > 0 && l.perMinute-len(l.window) < n {
		n = l.perMinute - len(l.window)
	}
	if l.dailyCap > 0 && l.dailyCap-l.dayCount < n {
		n = l.dailyCap - l.dayCount
	}
	return n
}
