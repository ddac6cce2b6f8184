// Package privacy answers a person's GDPR requests: everything Convene
// holds about them as one document, and their erasure, each recorded.
package privacy

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"convene/internal/company"
	"convene/internal/i18n"
	"convene/internal/mail"
	"convene/internal/store"
)

// Service exports and erases people.
type Service struct {
	store    *store.Store
	register *company.Service
	outbox   *mail.Outbox
	now      func() time.Time
}

// NewService returns the privacy service.
func NewService(st *store.Store, register *company.Service, outbox *mail.Outbox) *Service {
	return &Service{store: st, register: register, outbox: outbox, now: func() time.Time { return time.Now().UTC() }}
}

// PersonData is everything Convene holds about one contact.
type PersonData struct {
	ExportedAt  time.Time         `json:"exportedAt"`
	Contact     company.Contact   `json:"contact"`
	Company     *company.Company  `json:"company"`
	Consents    []company.Consent `json:"consents"`
	Mails       []mail.Summary    `json:"mails"`
	Suppression *mail.Suppression `json:"suppression"`
	Actions     []Action          `json:"privacyActions"`
}

// Action is a recorded export or erasure. Subject is a hash of the
// e-mail address, so the record does not itself keep the person.
type Action struct {
	ID        int64     `json:"id"`
	Action    string    `json:"action"`
	Subject   string    `json:"subject"`
	Actor     string    `json:"actor"`
	Reason    string    `json:"reason"`
	Detail    string    `json:"detail"`
	CreatedAt time.Time `json:"createdAt"`
}

// TableName is the record of privacy actions.
func (Action) TableName() string { return "privacy_actions" }

func subject(email string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(email)))
	return hex.EncodeToString(sum[:8])
}

// Export gathers what Convene holds about a contact and records the export.
func (s *Service) Export(ctx context.Context, contactID int64, actor string) (PersonData, error) {
	c, err := s.register.GetContact(ctx, contactID)
	if err != nil {
		return PersonData{}, err
	}
	d := PersonData{ExportedAt: s.now(), Contact: c, Actions: []Action{}}
	if c.CompanyID != nil {
		co, err := s.register.Get(ctx, *c.CompanyID)
		if err != nil {
			return PersonData{}, err
		}
		d.Company = &co
	}
	if d.Consents, err = s.register.Consents(ctx, contactID); err != nil {
		return PersonData{}, err
	}
	if d.Mails, err = s.outbox.ForAddress(ctx, c.Email); err != nil {
		return PersonData{}, err
	}
	if d.Suppression, err = s.outbox.SuppressionOf(ctx, c.Email); err != nil {
		return PersonData{}, err
	}
	if err := s.store.R(ctx).Where("subject = ?", subject(c.Email)).Order("id").Find(&d.Actions).Error; err != nil {
		return PersonData{}, err
	}
	if err := s.record(ctx, "export", c.Email, actor, "", ""); err != nil {
		return PersonData{}, err
	}
	return d, nil
}

// Erase removes a contact and their consents, strips them from the
// outbox (keeping counts for statistics), and records the erasure.
func (s *Service) Erase(ctx context.Context, contactID int64, actor, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		e := i18n.NewError("error.validation", nil)
		e.Fields = map[string]i18n.Message{"reason": {Key: "error.required"}}
		return e
	}
	c, err := s.register.GetContact(ctx, contactID)
	if err != nil {
		return err
	}
	return s.store.Tx(ctx, func(ctx context.Context) error {
		mails, err := s.outbox.Erase(ctx, c.Email)
		if err != nil {
			return err
		}
		if err := s.register.DeleteContact(ctx, contactID); err != nil {
			return err
		}
		return s.record(ctx, "erase", c.Email, actor, reason, fmt.Sprintf("contact %d erased; %d mails anonymised", contactID, mails))
	})
}

func (s *Service) record(ctx context.Context, action, email, actor, reason, detail string) error {
	a := Action{Action: action, Subject: subject(email), Actor: actor, Reason: reason, Detail: detail, CreatedAt: s.now()}
	return s.store.W(ctx).Create(&a).Error
}
