package company

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"convene/internal/audit"
	"convene/internal/i18n"
	"convene/internal/setting"

	"gorm.io/gorm"
)

// Contact is a person at a company (or on their own).
type Contact struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Email     string `json:"email"`
	Phone     string `json:"phone"`
	JobTitle  string `json:"jobTitle"`
	CompanyID *int64 `json:"companyId"`
	Language  string `json:"language"`
	// CompanyName is filled in for lists and details.
	CompanyName string `json:"companyName" gorm:"-"`
	// Consent is the contact's current marketing consent, if any.
	Consent *Consent `json:"consent" gorm:"-"`
	// Suppressed says why no marketing mail goes to the address
	// ("unsubscribed", "bounced"), or is empty.
	Suppressed string    `json:"suppressed" gorm:"-"`
	CreatedAt  time.Time `json:"createdAt"`
	UpdatedAt  time.Time `json:"updatedAt"`
}

type contactRow struct {
	Contact
	NameKey string
}

func (contactRow) TableName() string { return "contacts" }

// ErrContactNotFound is returned for an unknown contact.
var ErrContactNotFound = i18n.NewError("company.error.contact_not_found", nil)

func normalizeContact(c Contact) Contact {
	c.Name = strings.Join(strings.Fields(c.Name), " ")
	c.Email = strings.ToLower(strings.TrimSpace(c.Email))
	c.Phone = strings.TrimSpace(c.Phone)
	c.JobTitle = strings.Join(strings.Fields(c.JobTitle), " ")
	if c.Language == "" {
		c.Language = i18n.Default
	}
	if c.CompanyID != nil && *c.CompanyID == 0 {
		c.CompanyID = nil
	}
	return c
}

func validateContact(c Contact) error {
	var v i18n.Validation
	switch {
	case c.Name == "":
		v.Add("name", "error.required", nil)
	case len([]rune(c.Name)) > 120:
		v.Add("name", "error.too_long", map[string]any{"max": 120})
	case strings.ContainsFunc(c.Name, unicode.IsControl):
		v.Add("name", "error.control_chars", nil)
	}
	switch {
	case c.Email == "":
		v.Add("email", "error.required", nil)
	case !setting.ValidEmail(c.Email):
		v.Add("email", "error.email", nil)
	}
	if c.Phone != "" && !setting.ValidPhone(c.Phone) {
		v.Add("phone", "settings.error.phone", nil)
	}
	if len([]rune(c.JobTitle)) > 120 {
		v.Add("jobTitle", "error.too_long", map[string]any{"max": 120})
	}
	if !i18n.Supported(c.Language) {
		v.Add("language", "settings.error.language", nil)
	}
	return v.Err()
}

// SaveContact creates (ID 0) or updates a contact. An e-mail address
// already in the register is refused with its owner's name.
func (s *Service) SaveContact(ctx context.Context, in Contact) (Contact, error) {
	c := normalizeContact(in)
	if err := validateContact(c); err != nil {
		return Contact{}, err
	}
	err := s.store.Tx(ctx, func(ctx context.Context) error {
		db := s.store.W(ctx)
		var other contactRow
		err := db.Where("email = ? AND id <> ?", c.Email, c.ID).Take(&other).Error
		if err == nil {
			e := i18n.NewError("error.validation", nil)
			e.Fields = map[string]i18n.Message{"email": {Key: "company.error.email_taken", Params: map[string]any{"name": other.Name, "id": other.ID}}}
			return e
		}
		if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		if c.CompanyID != nil {
			var n int64
			if err := db.Raw("SELECT count(*) FROM companies WHERE id = ?", *c.CompanyID).Scan(&n).Error; err != nil {
				return err
			}
			if n == 0 {
				e := i18n.NewError("error.validation", nil)
				e.Fields = map[string]i18n.Message{"companyId": {Key: "company.error.not_found"}}
				return e
			}
		}
		now := s.now()
		row := contactRow{Contact: c, NameKey: nameKey(c.Name)}
		row.UpdatedAt = now
		if c.ID == 0 {
			row.CreatedAt = now
			if err := db.Create(&row).Error; err != nil {
				return err
			}
			c.ID = row.ID
			return audit.Log(ctx, db, "contact", c.ID, "create", c.Email)
		}
		res := db.Model(&contactRow{}).Where("id = ?", c.ID).Select("*").Omit("id", "created_at").Updates(&row)
		if res.Error == nil && res.RowsAffected == 0 {
			return ErrContactNotFound
		}
		if res.Error != nil {
			return res.Error
		}
		return audit.Log(ctx, db, "contact", c.ID, "update", c.Email)
	})
	if err != nil {
		return Contact{}, fmt.Errorf("save contact %s: %w", c.Email, err)
	}
	return s.GetContact(ctx, c.ID)
}

// GetContact returns a contact with its company name, consent and
// suppression.
func (s *Service) GetContact(ctx context.Context, id int64) (Contact, error) {
	var row contactRow
	err := s.store.R(ctx).Take(&row, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Contact{}, ErrContactNotFound
	}
	if err != nil {
		return Contact{}, fmt.Errorf("load contact %d: %w", id, err)
	}
	items := []Contact{row.Contact}
	if err := s.fillContactDetails(ctx, items); err != nil {
		return Contact{}, err
	}
	return items[0], nil
}

// DeleteContact removes a contact and their consent records.
func (s *Service) DeleteContact(ctx context.Context, id int64) error {
	res := s.store.W(ctx).Exec("DELETE FROM contacts WHERE id = ?", id)
	if res.Error != nil {
		return fmt.Errorf("delete contact %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrContactNotFound
	}
	return audit.Log(ctx, s.store.W(ctx), "contact", id, "delete", nil)
}
