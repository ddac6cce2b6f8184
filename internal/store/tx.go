package store

import (
	"context"

	"gorm.io/gorm"
)

type txKey struct{}

type txState struct {
	db          *gorm.DB
	afterCommit []func()
}

// Tx runs fn in a write transaction carried in the context. A Tx inside
// another joins the outer one, so services compose without passing handles.
// Functions registered with AfterCommit run once the outermost commit is done.
func (s *Store) Tx(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, ok := ctx.Value(txKey{}).(*txState); ok {
		return fn(ctx)
	}
	st := &txState{}
	err := s.write.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		st.db = tx
		return fn(context.WithValue(ctx, txKey{}, st))
	})
	if err != nil {
		return err
	}
	s.commits.Add(1)
	for _, f := range st.afterCommit {
		f()
	}
	return nil
}

// AfterCommit runs f after the context's transaction commits, or at once
// when there is none. Use it for work that must not happen on a rollback,
// such as waking the mail worker.
func AfterCommit(ctx context.Context, f func()) {
	if st, ok := ctx.Value(txKey{}).(*txState); ok {
		st.afterCommit = append(st.afterCommit, f)
		return
	}
	f()
}

// W returns the handle for writes: the context's transaction, or the single
// write connection.
func (s *Store) W(ctx context.Context) *gorm.DB {
	if st, ok := ctx.Value(txKey{}).(*txState); ok {
		return st.db
	}
	return s.write.WithContext(ctx)
}

// R returns the handle for reads: the context's transaction (to read its own
// writes), or the read pool.
func (s *Store) R(ctx context.Context) *gorm.DB {
	if st, ok := ctx.Value(txKey{}).(*txState); ok {
		return st.db
	}
	return s.read.WithContext(ctx)
}
