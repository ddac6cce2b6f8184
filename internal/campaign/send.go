package campaign

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/mail"
	"convene/internal/setting"
)

// chunk is how many recipients are written per transaction while queueing:
// large enough to share a commit's cost, small enough that registrations
// arriving meanwhile wait only moments for the write lock.
const chunk = 500

// checkSendable checks a campaign in full before it goes out.
func (s *Service) checkSendable(ctx context.Context, c Campaign) error {
	var v i18n.Validation
	validateDraft(c, &v)
	if c.Subject == "" {
		v.Add("subject", "error.required", nil)
	}
	if c.Body == "" {
		v.Add("body", "error.required", nil)
	}
	if (c.SubjectEN == "") != (c.BodyEN == "") {
		v.Add(map[bool]string{true: "bodyEn", false: "subjectEn"}[c.BodyEN == ""], "campaign.error.english_pair", nil)
	}
	if len(c.SegmentIDs) == 0 && len(c.ContactIDs) == 0 {
		v.Add("segmentIds", "campaign.error.no_audience", nil)
	}
	if c.Kind == KindInvitation {
		if c.EventID == nil {
			v.Add("eventId", "campaign.error.event_required", nil)
		} else if e, err := s.events.Get(ctx, *c.EventID); err != nil || e.Status != event.StatusPublished {
			v.Add("eventId", "campaign.error.event_published", nil)
		}
	}
	if c.SendAt != nil && c.SendAt.Before(s.now().Add(-time.Minute)) {
		v.Add("sendAt", "campaign.error.send_at_past", nil)
	}
	if err := v.Err(); err != nil {
		return err
	}
	a, err := s.Audience(ctx, c)
	if err != nil {
		return err
	}
	if len(a.Recipients) == 0 {
		v.Add("segmentIds", "campaign.error.empty_audience", map[string]any{"excluded": len(a.Excluded)})
	}
	return v.Err()
}

// Send starts a draft: at once, or at its SendAt. The mails are written to
// the outbox by the scheduler, which takes over from here (and after a
// restart).
func (s *Service) Send(ctx context.Context, id int64) (Campaign, error) {
	c, err := s.Get(ctx, id)
	if err != nil {
		return Campaign{}, err
	}
	if c.Status != StatusDraft {
		return Campaign{}, ErrWrongState
	}
	if err := s.checkSendable(ctx, c); err != nil {
		return Campaign{}, err
	}
	now := s.now()
	if c.SendAt != nil && c.SendAt.After(now) {
		err = s.setStatus(ctx, id, []Status{StatusDraft}, StatusScheduled, nil)
	} else {
		err = s.setStatus(ctx, id, []Status{StatusDraft}, StatusSending, map[string]any{"started_at": now})
	}
	if err != nil {
		return Campaign{}, err
	}
	s.wake()
	return s.Get(ctx, id)
}

// TestSend mails the campaign, filled in for one contact of its audience
// (or the first), to a staff address, with "[TEST]" before the subject. It
// goes as service mail and belongs to no campaign.
func (s *Service) TestSend(ctx context.Context, c Campaign, contactID int64, to string) error {
	to = strings.ToLower(strings.TrimSpace(to))
	if !setting.ValidEmail(to) {
		var v i18n.Validation
		v.Add("testTo", "error.email", nil)
		return v.Err()
	}
	c = normalize(c)
	var v i18n.Validation
	validateContent(c, &v)
	if err := v.Err(); err != nil {
		return err
	}
	rc, err := s.sampleRecipient(ctx, c, contactID)
	if err != nil {
		return err
	}
	r, err := s.newRenderer(ctx, c)
	if err != nil {
		return err
	}
	d, err := r.draft(rc)
	if err != nil {
		return err
	}
	data := d.Data.(mail.CampaignData)
	data.Subject = "[TEST] " + data.Subject
	d.Data, d.Kind, d.ToAddress, d.ToName, d.Group, d.Ref = data, mail.KindService, to, "", "", fmt.Sprintf("campaign-test:%d", c.ID)
	_, err = s.outbox.Enqueue(ctx, d)
	return err
}

// Queue writes the campaign's mails to the outbox: every recipient of the
// audience not yet written, in chunks, each chunk in one transaction with
// its recipients' rows, so a crash or restart loses and repeats no one.
// It stops early when the campaign is paused or cancelled meanwhile.
func (s *Service) Queue(ctx context.Context, id int64) error { return s.queue(ctx, id, 0) }

// queue writes at most maxChunks chunks (0: all).
func (s *Service) queue(ctx context.Context, id int64, maxChunks int) error {
	c, err := s.Get(ctx, id)
	if err != nil || c.Status != StatusSending || c.QueuedAt != nil {
		return err
	}
	a, err := s.Audience(ctx, c)
	if err != nil {
		return err
	}
	var done []string
	if err := s.store.R(ctx).Model(&Recipient{}).Where("campaign_id = ?", id).Pluck("email", &done).Error; err != nil {
		return err
	}
	written := make(map[string]bool, len(done))
	for _, e := range done {
		written[strings.ToLower(e)] = true
	}
	var todo []Recipient
	for _, rc := range a.Recipients {
		if !written[rc.Email] {
			rc.CampaignID, rc.Token, rc.CreatedAt = id, newToken(), s.now()
			todo = append(todo, rc)
		}
	}
	r, err := s.newRenderer(ctx, c)
	if err != nil {
		return err
	}
	for n, start := 0, 0; start < len(todo); n, start = n+1, start+chunk {
		if maxChunks > 0 && n == maxChunks {
			return nil
		}
		part := todo[start:min(start+chunk, len(todo))]
		msgs, err := s.prepare(ctx, r, part)
		if err != nil {
			return err
		}
		stopped := false
		err = s.store.Tx(ctx, func(ctx context.Context) error {
			var status []Status
			if err := s.store.W(ctx).Model(&Campaign{}).Where("id = ?", id).Pluck("status", &status).Error; err != nil {
				return err
			}
			if len(status) != 1 || status[0] != StatusSending {
				stopped = true
				return nil
			}
			db := s.store.W(ctx)
			for i := range part {
				if err := s.outbox.Queue(ctx, &msgs[i]); err != nil {
					if errors.Is(err, mail.ErrSuppressed) {
						continue // unsubscribed since the audience was read
					}
					return err
				}
				// A copy: a pointer into msgs would keep every rendered
				// mail of the chunk alive as long as the recipients are.
				id := msgs[i].ID
				part[i].MailID = &id
			}
			return db.CreateInBatches(part, 100).Error
		})
		if err != nil {
			return fmt.Errorf("queue campaign %d: %w", id, err)
		}
		if stopped {
			return nil
		}
	}
	return s.store.W(ctx).Model(&Campaign{}).Where("id = ? AND status = ?", id, StatusSending).
		Updates(map[string]any{"queued_at": s.now(), "updated_at": s.now()}).Error
}

// prepare renders a chunk's mails on every core, outside any transaction.
func (s *Service) prepare(ctx context.Context, r *renderer, part []Recipient) ([]mail.Message, error) {
	msgs := make([]mail.Message, len(part))
	errs := make([]error, len(part))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(part); i += workers {
				d, err := r.draft(part[i])
				if err == nil {
					msgs[i], err = s.outbox.Prepare(ctx, d)
				}
				errs[i] = err
			}
		}(w)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return msgs, nil
}

// Pause stops a sending campaign: its mails not yet handed to the mail
// worker are held until Resume.
func (s *Service) Pause(ctx context.Context, id int64) (Campaign, error) {
	c, err := s.Get(ctx, id)
	if err != nil {
		return Campaign{}, err
	}
	err = s.store.Tx(ctx, func(ctx context.Context) error {
		if err := s.setStatus(ctx, id, []Status{StatusSending}, StatusPaused, nil); err != nil {
			return err
		}
		_, err := s.outbox.PauseGroup(ctx, c.group())
		return err
	})
	if err != nil {
		return Campaign{}, err
	}
	return s.Get(ctx, id)
}

// Resume continues a paused campaign where it stopped.
func (s *Service) Resume(ctx context.Context, id int64) (Campaign, error) {
	c, err := s.Get(ctx, id)
	if err != nil {
		return Campaign{}, err
	}
	err = s.store.Tx(ctx, func(ctx context.Context) error {
		if err := s.setStatus(ctx, id, []Status{StatusPaused}, StatusSending, nil); err != nil {
			return err
		}
		_, err := s.outbox.ResumeGroup(ctx, c.group())
		return err
	})
	if err != nil {
		return Campaign{}, err
	}
	s.wake()
	return s.Get(ctx, id)
}

// Cancel stops a campaign for good: mails not yet handed to the worker
// are withdrawn.
func (s *Service) Cancel(ctx context.Context, id int64) (Campaign, error) {
	c, err := s.Get(ctx, id)
	if err != nil {
		return Campaign{}, err
	}
	err = s.store.Tx(ctx, func(ctx context.Context) error {
		if err := s.setStatus(ctx, id, []Status{StatusScheduled, StatusSending, StatusPaused}, StatusCancelled,
			map[string]any{"finished_at": s.now()}); err != nil {
			return err
		}
		_, err := s.outbox.CancelGroup(ctx, c.group())
		return err
	})
	if err != nil {
		return Campaign{}, err
	}
	return s.Get(ctx, id)
}

// Progress is how far a campaign has come.
type Progress struct {
	Recipients int64       `json:"recipients"`
	Mail       mail.Counts `json:"mail"`
	// Unsubscribed counts recipients who unsubscribed through it.
	Unsubscribed int64 `json:"unsubscribed"`
}

// Progress counts a campaign's recipients and its mails by state; it is
// read from the database, so it survives a restart.
func (s *Service) Progress(ctx context.Context, id int64) (Progress, error) {
	c, err := s.Get(ctx, id)
	if err != nil {
		return Progress{}, err
	}
	var p Progress
	db := s.store.R(ctx)
	if err := db.Model(&Recipient{}).Where("campaign_id = ?", id).Count(&p.Recipients).Error; err != nil {
		return Progress{}, err
	}
	if p.Mail, err = s.outbox.GroupCounts(ctx, c.group()); err != nil {
		return Progress{}, err
	}
	err = db.Raw(`SELECT count(*) FROM campaign_recipients r JOIN mail_suppressions m ON m.address = r.email
		WHERE r.campaign_id = ? AND m.reason = 'unsubscribed' AND m.created_at >= r.created_at`, id).Scan(&p.Unsubscribed).Error
	return p, err
}
