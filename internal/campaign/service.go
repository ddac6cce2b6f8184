package campaign

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"convene/internal/audit"
	"convene/internal/company"
	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/mail"
	"convene/internal/setting"
	"convene/internal/store"

	"gorm.io/gorm"
)

// Errors of campaigns.
var (
	ErrNotFound   = i18n.NewError("campaign.error.not_found", nil)
	ErrWrongState = i18n.NewError("campaign.error.state", nil)
	ErrNoToken    = i18n.NewError("campaign.error.token", nil)
)

// Service keeps and sends campaigns.
type Service struct {
	store    *store.Store
	settings *setting.Service
	catalog  *i18n.Catalog
	register *company.Service
	events   *event.Service
	outbox   *mail.Outbox
	// publicURL is the public site's base URL, for personal links.
	publicURL func(ctx context.Context) string
	now       func() time.Time
	// wake asks the scheduler to look at once (set by the Scheduler).
	wake func()
}

// NewService returns the campaigns service.
func NewService(st *store.Store, settings *setting.Service, cat *i18n.Catalog, register *company.Service, events *event.Service,
	outbox *mail.Outbox, publicURL func(context.Context) string) *Service {
	return &Service{store: st, settings: settings, catalog: cat, register: register, events: events, outbox: outbox, publicURL: publicURL,
		now: func() time.Time { return time.Now().UTC() }, wake: func() {}}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func newToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func normalize(c Campaign) Campaign {
	c.Name = strings.Join(strings.Fields(c.Name), " ")
	c.Subject = strings.Join(strings.Fields(c.Subject), " ")
	c.SubjectEN = strings.Join(strings.Fields(c.SubjectEN), " ")
	c.Body, c.BodyEN = strings.TrimSpace(c.Body), strings.TrimSpace(c.BodyEN)
	if c.Kind == "" {
		c.Kind = KindNewsletter
	}
	if c.SegmentIDs == nil {
		c.SegmentIDs = []int64{}
	}
	if c.ContactIDs == nil {
		c.ContactIDs = []int64{}
	}
	return c
}

// validateDraft checks what a draft must hold to be saved.
func validateDraft(c Campaign, v *i18n.Validation) {
	switch {
	case c.Name == "":
		v.Add("name", "error.required", nil)
	case len([]rune(c.Name)) > 200:
		v.Add("name", "error.too_long", map[string]any{"max": 200})
	}
	validateContent(c, v)
}

// validateContent checks what a mail is made from: the kind, subjects,
// bodies and merge fields. A preview or a test send needs only these, not
// a name.
func validateContent(c Campaign, v *i18n.Validation) {
	known := false
	for _, k := range Kinds {
		known = known || k == c.Kind
	}
	if !known {
		v.Add("kind", "campaign.error.kind", nil)
	}
	if len([]rune(c.Subject)) > 200 {
		v.Add("subject", "error.too_long", map[string]any{"max": 200})
	}
	if len([]rune(c.SubjectEN)) > 200 {
		v.Add("subjectEn", "error.too_long", map[string]any{"max": 200})
	}
	for field, body := range map[string]string{"body": c.Body, "bodyEn": c.BodyEN} {
		if len(body) > 100_000 {
			v.Add(field, "error.too_long", map[string]any{"max": 100_000})
		}
	}
	for field, tmpl := range map[string]string{"subject": c.Subject, "body": c.Body, "subjectEn": c.SubjectEN, "bodyEn": c.BodyEN} {
		if key, params := checkMerge(tmpl); key != "" {
			v.Add(field, key, params)
		}
	}
}

// Save creates (ID 0) or updates a draft or scheduled campaign.
func (s *Service) Save(ctx context.Context, in Campaign, actor string) (Campaign, error) {
	c := normalize(in)
	var v i18n.Validation
	validateDraft(c, &v)
	if err := v.Err(); err != nil {
		return Campaign{}, err
	}
	err := s.store.Tx(ctx, func(ctx context.Context) error {
		db := s.store.W(ctx)
		now := s.now()
		c.UpdatedAt = now
		if c.ID == 0 {
			c.Status, c.CreatedAt, c.CreatedBy = StatusDraft, now, actor
			c.StartedAt, c.QueuedAt, c.FinishedAt = nil, nil, nil
			if err := db.Create(&c).Error; err != nil {
				return err
			}
			return audit.Log(ctx, db, "campaign", c.ID, "create", c.Name)
		}
		var before Campaign
		if err := db.Take(&before, c.ID).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return ErrNotFound
			}
			return err
		}
		if before.Status != StatusDraft && before.Status != StatusScheduled {
			return ErrWrongState
		}
		// A scheduled campaign edited goes back to draft: it is scheduled
		// again, with its checks, by Send.
		c.Status, c.CreatedAt, c.CreatedBy = StatusDraft, before.CreatedAt, before.CreatedBy
		c.StartedAt, c.QueuedAt, c.FinishedAt = nil, nil, nil
		if err := db.Select("*").Omit("id").Updates(&c).Error; err != nil {
			return err
		}
		return audit.Log(ctx, db, "campaign", c.ID, "update", c.Name)
	})
	if err != nil {
		return Campaign{}, fmt.Errorf("save campaign: %w", err)
	}
	return s.Get(ctx, c.ID)
}

// Get returns one campaign.
func (s *Service) Get(ctx context.Context, id int64) (Campaign, error) {
	var c Campaign
	err := s.store.R(ctx).Take(&c, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Campaign{}, ErrNotFound
	}
	return c, err
}

// List returns every campaign, newest first.
func (s *Service) List(ctx context.Context) ([]Campaign, error) {
	out := []Campaign{}
	err := s.store.R(ctx).Order("created_at DESC, id DESC").Find(&out).Error
	return out, err
}

// Delete removes a draft.
func (s *Service) Delete(ctx context.Context, id int64) error {
	res := s.store.W(ctx).Where("id = ? AND status = ?", id, StatusDraft).Delete(&Campaign{})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		if _, err := s.Get(ctx, id); err != nil {
			return err
		}
		return ErrWrongState
	}
	return audit.Log(ctx, s.store.W(ctx), "campaign", id, "delete", nil)
}

// setStatus moves a campaign from one of from to status in the context's
// transaction, or fails with ErrWrongState.
func (s *Service) setStatus(ctx context.Context, id int64, from []Status, to Status, extra map[string]any) error {
	set := map[string]any{"status": to, "updated_at": s.now()}
	for k, v := range extra {
		set[k] = v
	}
	res := s.store.W(ctx).Model(&Campaign{}).Where("id = ? AND status IN ?", id, from).Updates(set)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		if _, err := s.Get(ctx, id); err != nil {
			return err
		}
		return ErrWrongState
	}
	return audit.Log(ctx, s.store.W(ctx), "campaign", id, string(to), nil)
}
