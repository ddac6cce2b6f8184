package app

import "convene/internal/auth"

// Users manages staff accounts for serve mode; admins only.
type Users struct{ call }

// List returns every staff account.
func (u *Users) List() ([]auth.User, error) {
	if err := u.actor.RequireAdmin(); err != nil {
		return nil, err
	}
	return u.deps.Users.ListUsers(u.ctx)
}

// Add creates a staff account.
func (u *Users) Add(in auth.NewUser) (auth.User, error) {
	if err := u.actor.RequireAdmin(); err != nil {
		return auth.User{}, err
	}
	return u.deps.Users.AddUser(u.ctx, in)
}
