package campaign

import (
	"context"
	"errors"
	"strings"
	"time"

	"convene/internal/i18n"
	"convene/internal/mail"
	"convene/internal/setting"

	"gorm.io/gorm"
)

// NewsletterWording is the version of the newsletter sign-up text; change
// it whenever the text changes.
const NewsletterWording = "nyhedsbrev-v1"

// signupFor is how long a newsletter confirmation link works.
const signupFor = 7 * 24 * time.Hour

// SignUp is the public newsletter form.
type SignUp struct {
	Name    string `json:"name"`
	Email   string `json:"email"`
	Company string `json:"company"`
	Lang    string `json:"lang"`
}

type signupRow struct {
	Token       string
	Email       string
	Name        string
	Company     string
	Lang        string
	CreatedAt   time.Time
	ConfirmedAt *time.Time
}

func (signupRow) TableName() string { return "newsletter_signups" }

// SignUp starts a newsletter sign-up: the address gets a confirmation
// link by mail (double opt-in); consent is recorded only when it is
// followed. Nothing tells whether the address was known already.
func (s *Service) SignUp(ctx context.Context, in SignUp) error {
	in.Name = strings.Join(strings.Fields(in.Name), " ")
	in.Company = strings.Join(strings.Fields(in.Company), " ")
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	if !i18n.Supported(in.Lang) {
		in.Lang = i18n.Default
	}
	var v i18n.Validation
	switch {
	case in.Name == "":
		v.Add("name", "error.required", nil)
	case len([]rune(in.Name)) > 200:
		v.Add("name", "error.too_long", map[string]any{"max": 200})
	}
	switch {
	case in.Email == "":
		v.Add("email", "error.required", nil)
	case !setting.ValidEmail(in.Email):
		v.Add("email", "error.email", nil)
	}
	if len([]rune(in.Company)) > 200 {
		v.Add("company", "error.too_long", map[string]any{"max": 200})
	}
	if err := v.Err(); err != nil {
		return err
	}
	row := signupRow{Token: newToken(), Email: in.Email, Name: in.Name, Company: in.Company, Lang: in.Lang, CreatedAt: s.now()}
	link := strings.TrimRight(s.publicURL(ctx), "/") + "/tilmeld-nyhedsbrev/" + row.Token
	return s.store.Tx(ctx, func(ctx context.Context) error {
		if err := s.store.W(ctx).Create(&row).Error; err != nil {
			return err
		}
		_, err := s.outbox.Enqueue(ctx, mail.Draft{Kind: mail.KindService, Template: "newsletter_confirm", Lang: in.Lang,
			Data: mail.NewsletterData{Name: in.Name, Link: link}, ToName: in.Name, ToAddress: in.Email, Ref: "newsletter-signup"})
		return err
	})
}

// Signup returns a pending or confirmed sign-up behind a link.
func (s *Service) Signup(ctx context.Context, token string) (SignUp, bool, error) {
	row, err := s.signup(ctx, token)
	if err != nil {
		return SignUp{}, false, err
	}
	return SignUp{Name: row.Name, Email: row.Email, Company: row.Company, Lang: row.Lang}, row.ConfirmedAt != nil, nil
}

func (s *Service) signup(ctx context.Context, token string) (signupRow, error) {
	var row signupRow
	if len(token) < 16 {
		return row, ErrNoToken
	}
	err := s.store.R(ctx).Where("token = ?", token).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && row.ConfirmedAt == nil && s.now().After(row.CreatedAt.Add(signupFor))) {
		return row, ErrNoToken
	}
	return row, err
}

// ConfirmSignUp follows a confirmation link: the address gets marketing
// consent (source "nyhedsbrev", the sign-up page's wording), as a contact
// of the register, made if needed, and comes off the suppression list if
// it had unsubscribed before. Confirming twice changes nothing.
func (s *Service) ConfirmSignUp(ctx context.Context, token string) (SignUp, error) {
	row, err := s.signup(ctx, token)
	if err != nil {
		return SignUp{}, err
	}
	in := SignUp{Name: row.Name, Email: row.Email, Company: row.Company, Lang: row.Lang}
	if row.ConfirmedAt != nil {
		return in, nil
	}
	err = s.store.Tx(ctx, func(ctx context.Context) error {
		res := s.store.W(ctx).Model(&signupRow{}).Where("token = ? AND confirmed_at IS NULL", token).Update("confirmed_at", s.now())
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		// Asking again undoes an earlier unsubscribe, not a bounce.
		if sup, err := s.outbox.SuppressionOf(ctx, row.Email); err != nil {
			return err
		} else if sup != nil && sup.Reason == "unsubscribed" {
			if err := s.outbox.Unsuppress(ctx, row.Email); err != nil {
				return err
			}
		}
		source := "nyhedsbrev"
		if row.Company != "" {
			source += " (" + row.Company + ")"
		}
		return s.register.RecordConsent(ctx, row.Name, row.Email, nil, source, NewsletterWording)
	})
	return in, err
}
