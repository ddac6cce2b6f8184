package registration

import (
	"context"
	"strings"

	"convene/internal/audit"
	"convene/internal/i18n"
)

// Message is staff's mail to an event's registrants: service mail about
// their registration, so it reaches them whatever their marketing consent.
type Message struct {
	EventID int64 `json:"eventId"`
	// Statuses picks who gets it; empty means confirmed and waitlisted.
	Statuses []Status `json:"statuses"`
	Subject  string   `json:"subject"`
	Body     string   `json:"body"`
}

// MailRegistrants queues msg to the contact of every registration with
// one of its statuses, in one transaction, and says how many were queued.
func (s *Service) MailRegistrants(ctx context.Context, msg Message) (int, error) {
	msg.Subject = strings.Join(strings.Fields(msg.Subject), " ")
	msg.Body = strings.TrimSpace(msg.Body)
	var v i18n.Validation
	switch {
	case msg.Subject == "":
		v.Add("subject", "error.required", nil)
	case len([]rune(msg.Subject)) > 200:
		v.Add("subject", "error.too_long", map[string]any{"max": 200})
	}
	switch {
	case msg.Body == "":
		v.Add("body", "error.required", nil)
	case len([]rune(msg.Body)) > 20000:
		v.Add("body", "error.too_long", map[string]any{"max": 20000})
	}
	if len(msg.Statuses) == 0 {
		msg.Statuses = []Status{StatusConfirmed, StatusWaitlisted}
	}
	for _, st := range msg.Statuses {
		if st != StatusConfirmed && st != StatusWaitlisted && st != StatusCancelled {
			v.Add("statuses", "registration.error.status", nil)
		}
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	e, err := s.events.Get(ctx, msg.EventID)
	if err != nil {
		return 0, err
	}
	n := 0
	err = s.store.Tx(ctx, func(ctx context.Context) error {
		var regs []Registration
		if err := s.store.W(ctx).Preload("Attendees").Where("event_id = ? AND status IN ?", e.ID, msg.Statuses).Order("id").Find(&regs).Error; err != nil {
			return err
		}
		if len(regs) == 0 {
			return i18n.NewError("registration.error.no_recipients", nil)
		}
		for _, r := range regs {
			if err := s.notify(ctx, Notice{Kind: NoticeMessage, Reg: r, Event: e, Subject: msg.Subject, Message: msg.Body}); err != nil {
				return err
			}
			n++
		}
		return audit.Log(ctx, s.store.W(ctx), "event", e.ID, "mail_registrants", map[string]any{"subject": msg.Subject, "mails": n})
	})
	return n, err
}
