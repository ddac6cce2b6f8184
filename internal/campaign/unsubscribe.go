package campaign

import (
	"context"
	"errors"

	"convene/internal/audit"

	"gorm.io/gorm"
)

// Unsubscribe is the answer to an unsubscribe link: the address it stops
// marketing mail to.
type Unsubscribe struct {
	Email string
	// Done is true when the address was already unsubscribed.
	Done bool
}

// UnsubscribeInfo tells the confirmation page what the link is for,
// without changing anything (link scanners open every link).
func (s *Service) UnsubscribeInfo(ctx context.Context, token string) (Unsubscribe, error) {
	rc, err := s.recipientByToken(ctx, token)
	if err != nil {
		return Unsubscribe{}, err
	}
	sup, err := s.outbox.Suppressed(ctx, rc.Email)
	return Unsubscribe{Email: rc.Email, Done: sup}, err
}

// Unsubscribe stops all marketing mail to the link's address at once: the
// address goes on the suppression list and every contact with it has the
// consent withdrawn, recorded with how. Service mail about the person's
// own registrations still arrives. Doing it twice changes nothing.
func (s *Service) Unsubscribe(ctx context.Context, token, how string) (Unsubscribe, error) {
	rc, err := s.recipientByToken(ctx, token)
	if err != nil {
		return Unsubscribe{}, err
	}
	var contacts []int64
	if err := s.store.R(ctx).Raw("SELECT id FROM contacts WHERE email = ?", rc.Email).Scan(&contacts).Error; err != nil {
		return Unsubscribe{}, err
	}
	err = s.store.Tx(ctx, func(ctx context.Context) error {
		if err := s.outbox.Suppress(ctx, rc.Email, "unsubscribed", how); err != nil {
			return err
		}
		if err := audit.Log(ctx, s.store.W(ctx), "campaign", rc.CampaignID, "unsubscribed", rc.Email); err != nil {
			return err
		}
		for _, id := range contacts {
			if err := s.register.WithdrawConsent(ctx, id, how); err != nil {
				return err
			}
		}
		return nil
	})
	return Unsubscribe{Email: rc.Email, Done: true}, err
}

func (s *Service) recipientByToken(ctx context.Context, token string) (Recipient, error) {
	if len(token) < 16 {
		return Recipient{}, ErrNoToken
	}
	var rc Recipient
	err := s.store.R(ctx).Where("token = ?", token).Take(&rc).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Recipient{}, ErrNoToken
	}
	return rc, err
}
