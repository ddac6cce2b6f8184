package registration

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"convene/internal/event"
	"convene/internal/store"
)

// maxBatch bounds how many registrations share one commit.
const maxBatch = 64

// job is one registration waiting for the committer.
type job struct {
	ctx   context.Context
	req   Request
	event event.Event
	reg   Registration
	// mail is the notice rendered beforehand for status mailFor.
	mail    Mail
	mailFor Status
	// resent is the registrant's earlier cancelled registrations for the
	// event (Notice.Resent).
	resent int

	existing bool
	err      error
	done     chan struct{}
	// state settles who decides the job's fate: the committer taking it
	// (jobQueued -> jobTaken) or its caller giving up (jobQueued ->
	// jobAbandoned), so a caller is never told "try again" about a
	// registration that is then written.
	state atomic.Int32
}

const (
	jobQueued int32 = iota
	jobTaken
	jobAbandoned
)

// abandon gives the job up if the committer has not taken it; it
// reports whether it did.
func (j *job) abandon() bool { return j.state.CompareAndSwap(jobQueued, jobAbandoned) }

// batcher is the group committer: one goroutine that writes every
// registration waiting at the moment into one transaction, each inside its
// own savepoint, so a refused registration (full, or a write error) rolls
// back alone while the others commit together. SQLite allows one writer at
// a time; a commit per registration would make a rush wait in line for the
// write lock, while a commit per batch lets the lock's cost be shared.
type batcher struct {
	s    *Service
	jobs chan *job

	mu      sync.Mutex
	stopped bool
	quit    chan struct{}
	exited  chan struct{}
}

func newBatcher(s *Service) *batcher {
	b := &batcher{s: s, jobs: make(chan *job, 4*maxBatch), quit: make(chan struct{}), exited: make(chan struct{})}
	go b.run()
	return b
}

func (b *batcher) submit(j *job) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.stopped {
		return errStopped
	}
	select {
	case b.jobs <- j:
		return nil
	case <-j.ctx.Done():
		return j.ctx.Err()
	}
}

// stop lets the jobs already submitted commit, then ends the goroutine.
func (b *batcher) stop() {
	b.mu.Lock()
	if b.stopped {
		b.mu.Unlock()
		return
	}
	b.stopped = true
	b.mu.Unlock()
	close(b.quit)
	<-b.exited
}

func (b *batcher) run() {
	defer close(b.exited)
	for {
		select {
		case j := <-b.jobs:
			b.commit(b.gather(j))
		case <-b.quit:
			for {
				select {
				case j := <-b.jobs:
					b.commit(b.gather(j))
				default:
					return
				}
			}
		}
	}
}

// gather takes first and whatever else is already waiting, up to maxBatch.
func (b *batcher) gather(first *job) []*job {
	batch := []*job{first}
	for len(batch) < maxBatch {
		select {
		case j := <-b.jobs:
			batch = append(batch, j)
		default:
			return batch
		}
	}
	return batch
}

// commit writes a batch in one transaction and answers every job.
func (b *batcher) commit(batch []*job) {
	live := batch[:0:0]
	for _, j := range batch {
		// A request that has given up is not written: its caller has
		// already answered "try again". One taken here is answered with
		// its outcome, however long its caller has waited.
		if !j.state.CompareAndSwap(jobQueued, jobTaken) {
			j.err = context.Canceled
			close(j.done)
			continue
		}
		live = append(live, j)
	}
	if len(live) == 0 {
		return
	}
	s := b.s
	err := s.store.Tx(context.Background(), func(ctx context.Context) error {
		db := s.store.W(ctx)
		for i, j := range live {
			sp := fmt.Sprintf("reg%d", i)
			if err := db.Exec("SAVEPOINT " + sp).Error; err != nil {
				return err
			}
			if j.err = s.write(ctx, j); j.err != nil {
				if err := db.Exec("ROLLBACK TO " + sp).Error; err != nil {
					return err
				}
			}
			if err := db.Exec("RELEASE " + sp).Error; err != nil {
				return err
			}
		}
		// The reports' fact table gets the batch's places with a company
		// in one statement.
		var placed []int64
		for _, j := range live {
			if j.err == nil && !j.existing && j.reg.CompanyID != nil && j.reg.Status == StatusConfirmed {
				placed = append(placed, j.reg.ID)
			}
		}
		return store.AddReach(db, placed)
	})
	for _, j := range live {
		if err != nil && j.err == nil {
			j.err = err
		}
		close(j.done)
	}
}
