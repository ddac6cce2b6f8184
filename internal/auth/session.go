package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Session lifetimes: idle sessions end after IdleTimeout; none lives longer
// than MaxLifetime.
const (
	IdleTimeout = 12 * time.Hour
	MaxLifetime = 7 * 24 * time.Hour
)

// ErrNoSession is returned for a missing, unknown or expired session.
var ErrNoSession = errors.New("no valid session")

// Session is a signed-in browser. Token is only known when it is created;
// the database keeps its SHA-256.
type Session struct {
	Token     string
	CSRFToken string
	UserID    int64
	ExpiresAt time.Time
}

type sessionRow struct {
	ID         string
	UserID     int64
	CSRFToken  string
	CreatedAt  time.Time
	ExpiresAt  time.Time
	LastSeenAt time.Time
	UserAgent  string
	RemoteAddr string
}

func (sessionRow) TableName() string { return "sessions" }

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateSession signs a user in and returns the session with its token.
func (s *Service) CreateSession(ctx context.Context, userID int64, userAgent, remoteAddr string) (Session, error) {
	now := s.now()
	sess := Session{Token: randomToken(), CSRFToken: randomToken(), UserID: userID, ExpiresAt: now.Add(IdleTimeout)}
	if len(userAgent) > 200 {
		userAgent = userAgent[:200]
	}
	row := sessionRow{ID: hashToken(sess.Token), UserID: userID, CSRFToken: sess.CSRFToken, CreatedAt: now,
		ExpiresAt: sess.ExpiresAt, LastSeenAt: now, UserAgent: userAgent, RemoteAddr: remoteAddr}
	if err := s.store.Tx(ctx, func(ctx context.Context) error {
		// Expired sessions are swept whenever someone signs in.
		if err := s.store.W(ctx).Where("expires_at < ?", now).Delete(&sessionRow{}).Error; err != nil {
			return err
		}
		return s.store.W(ctx).Create(&row).Error
	}); err != nil {
		return Session{}, fmt.Errorf("create session: %w", err)
	}
	return sess, nil
}

// Lookup returns the live session and its user for a token, extending an
// idle session's life (never beyond MaxLifetime).
func (s *Service) Lookup(ctx context.Context, token string) (Session, User, error) {
	if token == "" {
		return Session{}, User{}, ErrNoSession
	}
	now := s.now()
	var row sessionRow
	err := s.store.R(ctx).Where("id = ? AND expires_at > ?", hashToken(token), now).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Session{}, User{}, ErrNoSession
	}
	if err != nil {
		return Session{}, User{}, fmt.Errorf("look up session: %w", err)
	}
	var u User
	if err := s.store.R(ctx).Where("id = ?", row.UserID).Take(&u).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return Session{}, User{}, ErrNoSession
		}
		return Session{}, User{}, fmt.Errorf("look up session user: %w", err)
	}
	if u.Disabled {
		return Session{}, User{}, ErrNoSession
	}
	sess := Session{Token: token, CSRFToken: row.CSRFToken, UserID: row.UserID, ExpiresAt: row.ExpiresAt}
	// Extend at most once a minute, so reads do not turn into writes.
	if now.Sub(row.LastSeenAt) > time.Minute {
		exp := now.Add(IdleTimeout)
		if limit := row.CreatedAt.Add(MaxLifetime); exp.After(limit) {
			exp = limit
		}
		if err := s.store.W(ctx).Model(&sessionRow{}).Where("id = ?", row.ID).
			Updates(map[string]any{"last_seen_at": now, "expires_at": exp}).Error; err != nil {
			return Session{}, User{}, fmt.Errorf("extend session: %w", err)
		}
		sess.ExpiresAt = exp
	}
	return sess, u, nil
}

// DeleteSession signs a session out.
func (s *Service) DeleteSession(ctx context.Context, token string) error {
	return s.store.W(ctx).Where("id = ?", hashToken(token)).Delete(&sessionRow{}).Error
}
