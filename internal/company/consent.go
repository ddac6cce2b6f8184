package company

import (
	"context"
	"fmt"
	"strings"
	"time"

	"convene/internal/audit"
	"convene/internal/i18n"
)

// Consent is a contact's marketing consent as markedsføringsloven §10
// needs it recorded: when, how, to which wording, and whether and how it
// was withdrawn.
type Consent struct {
	ID             int64      `json:"id"`
	ContactID      int64      `json:"contactId"`
	GivenAt        time.Time  `json:"givenAt"`
	Source         string     `json:"source"`
	WordingVersion string     `json:"wordingVersion"`
	WithdrawnAt    *time.Time `json:"withdrawnAt"`
	WithdrawnHow   string     `json:"withdrawnHow"`
}

// TableName is the consent records.
func (Consent) TableName() string { return "contact_consents" }

// Active reports whether the consent is in force.
func (c *Consent) Active() bool { return c != nil && c.WithdrawnAt == nil }

// GiveConsent records a new consent; an earlier one stays in the history.
func (s *Service) GiveConsent(ctx context.Context, contactID int64, source, wording string) (Consent, error) {
	source, wording = strings.TrimSpace(source), strings.TrimSpace(wording)
	var v i18n.Validation
	if source == "" {
		v.Add("source", "error.required", nil)
	}
	if wording == "" {
		v.Add("wordingVersion", "error.required", nil)
	}
	if err := v.Err(); err != nil {
		return Consent{}, err
	}
	if _, err := s.GetContact(ctx, contactID); err != nil {
		return Consent{}, err
	}
	c := Consent{ContactID: contactID, GivenAt: s.now(), Source: source, WordingVersion: wording}
	err := s.store.Tx(ctx, func(ctx context.Context) error {
		if err := s.store.W(ctx).Create(&c).Error; err != nil {
			return err
		}
		return audit.Log(ctx, s.store.W(ctx), "consent", contactID, "give", map[string]string{"source": source, "wording": wording})
	})
	if err != nil {
		return Consent{}, fmt.Errorf("record consent of contact %d: %w", contactID, err)
	}
	return c, nil
}

// WithdrawConsent ends every consent in force, saying how it was withdrawn.
func (s *Service) WithdrawConsent(ctx context.Context, contactID int64, how string) error {
	how = strings.TrimSpace(how)
	if how == "" {
		e := i18n.NewError("error.validation", nil)
		e.Fields = map[string]i18n.Message{"withdrawnHow": {Key: "error.required"}}
		return e
	}
	return s.store.Tx(ctx, func(ctx context.Context) error {
		res := s.store.W(ctx).Model(&Consent{}).Where("contact_id = ? AND withdrawn_at IS NULL", contactID).
			Updates(map[string]any{"withdrawn_at": s.now(), "withdrawn_how": how})
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		return audit.Log(ctx, s.store.W(ctx), "consent", contactID, "withdraw", how)
	})
}

// Consents returns a contact's consent history, newest first.
func (s *Service) Consents(ctx context.Context, contactID int64) ([]Consent, error) {
	out := []Consent{}
	err := s.store.R(ctx).Where("contact_id = ?", contactID).Order("given_at DESC, id DESC").Find(&out).Error
	return out, err
}

// RecordConsent gives marketing consent for the person with email,
// creating the contact when the register does not know them yet (as when
// someone ticks the consent box while registering for an event).
func (s *Service) RecordConsent(ctx context.Context, name, email string, companyID *int64, source, wording string) error {
	return s.store.Tx(ctx, func(ctx context.Context) error {
		var ids []int64
		if err := s.store.W(ctx).Raw("SELECT id FROM contacts WHERE email = ?", strings.ToLower(strings.TrimSpace(email))).Scan(&ids).Error; err != nil {
			return err
		}
		id := int64(0)
		if len(ids) == 1 {
			id = ids[0]
		} else {
			c, err := s.SaveContact(ctx, Contact{Name: name, Email: email, CompanyID: companyID})
			if err != nil {
				return err
			}
			id = c.ID
		}
		_, err := s.GiveConsent(ctx, id, source, wording)
		return err
	})
}
