package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"convene/internal/i18n"
	"convene/internal/setting"
	"convene/internal/store"

	"gorm.io/gorm"
)

// User is a staff account.
type User struct {
	ID           int64     `json:"id"`
	Email        string    `json:"email"`
	Name         string    `json:"name"`
	Role         Role      `json:"role"`
	PasswordHash string    `json:"-"`
	Disabled     bool      `json:"disabled"`
	CreatedAt    time.Time `json:"createdAt"`
	UpdatedAt    time.Time `json:"updatedAt"`
}

// Errors of the user service.
var (
	ErrNotFound       = errors.New("user not found")
	ErrBadCredentials = i18n.NewError("auth.error.bad_credentials", nil)
	ErrEmailTaken     = errors.New("e-mail already has an account")
)

// Service manages users and sessions.
type Service struct {
	store *store.Store
	now   func() time.Time
	// dummyHash is checked when an unknown e-mail signs in, so the answer
	// takes as long as for a known one.
	dummyHash string
}

// NewService returns the account service on st.
func NewService(st *store.Store) *Service {
	h, _ := HashPassword("not-a-real-password")
	return &Service{store: st, now: func() time.Time { return time.Now().UTC() }, dummyHash: h}
}

// NewUser is the input to AddUser.
type NewUser struct {
	Email    string `json:"email"`
	Name     string `json:"name"`
	Role     Role   `json:"role"`
	Password string `json:"password"`
}

// AddUser validates and creates a user.
func (s *Service) AddUser(ctx context.Context, in NewUser) (User, error) {
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	in.Name = strings.TrimSpace(in.Name)
	var v i18n.Validation
	if !setting.ValidEmail(in.Email) {
		v.Add("email", "error.email", nil)
	}
	if !in.Role.Valid() {
		v.Add("role", "auth.error.role", nil)
	}
	if k := ValidatePassword(in.Password); k != "" {
		v.Add("password", k, map[string]any{"min": MinPasswordLen, "max": MaxPasswordLen})
	}
	if err := v.Err(); err != nil {
		return User{}, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return User{}, err
	}
	now := s.now()
	u := User{Email: in.Email, Name: in.Name, Role: in.Role, PasswordHash: hash, CreatedAt: now, UpdatedAt: now}
	err = s.store.Tx(ctx, func(ctx context.Context) error {
		var n int64
		if err := s.store.W(ctx).Model(&User{}).Where("email = ?", u.Email).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			e := i18n.Wrap(ErrEmailTaken, "error.validation", nil)
			e.Fields = map[string]i18n.Message{"email": {Key: "auth.error.email_taken"}}
			return e
		}
		return s.store.W(ctx).Create(&u).Error
	})
	if err != nil {
		return User{}, fmt.Errorf("add user %s: %w", in.Email, err)
	}
	return u, nil
}

// SetPassword replaces a user's password and signs them out everywhere.
func (s *Service) SetPassword(ctx context.Context, email, password string) error {
	if k := ValidatePassword(password); k != "" {
		e := i18n.NewError("error.validation", nil)
		e.Fields = map[string]i18n.Message{"password": {Key: k, Params: map[string]any{"min": MinPasswordLen, "max": MaxPasswordLen}}}
		return e
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return s.store.Tx(ctx, func(ctx context.Context) error {
		res := s.store.W(ctx).Model(&User{}).Where("email = ?", strings.ToLower(strings.TrimSpace(email))).
			Updates(map[string]any{"password_hash": hash, "updated_at": s.now()})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("set password of %s: %w", email, ErrNotFound)
		}
		var u User
		if err := s.store.W(ctx).Where("email = ?", strings.ToLower(strings.TrimSpace(email))).Take(&u).Error; err != nil {
			return err
		}
		return s.store.W(ctx).Where("user_id = ?", u.ID).Delete(&sessionRow{}).Error
	})
}

// ListUsers returns every user, by e-mail.
func (s *Service) ListUsers(ctx context.Context) ([]User, error) {
	users := []User{}
	if err := s.store.R(ctx).Order("email").Find(&users).Error; err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return users, nil
}

// CountUsers returns how many users exist.
func (s *Service) CountUsers(ctx context.Context) (int64, error) {
	var n int64
	err := s.store.R(ctx).Model(&User{}).Count(&n).Error
	return n, err
}

// Authenticate checks an e-mail and password. Unknown users, disabled users
// and wrong passwords all give ErrBadCredentials, in about the same time.
func (s *Service) Authenticate(ctx context.Context, email, password string) (User, error) {
	var u User
	err := s.store.R(ctx).Where("email = ?", strings.ToLower(strings.TrimSpace(email))).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		_, _ = CheckPassword(s.dummyHash, password)
		return User{}, ErrBadCredentials
	}
	if err != nil {
		return User{}, fmt.Errorf("authenticate: %w", err)
	}
	ok, err := CheckPassword(u.PasswordHash, password)
	if err != nil {
		return User{}, fmt.Errorf("authenticate %s: %w", u.Email, err)
	}
	if !ok || u.Disabled {
		return User{}, ErrBadCredentials
	}
	return u, nil
}
