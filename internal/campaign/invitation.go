package campaign

import (
	"time"

	"context"
	"errors"
	"strings"

	"convene/internal/audit"
	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/mail"

	"gorm.io/gorm"
)

// Invitation is an invitation link's recipient with its campaign and event.
type Invitation struct {
	Recipient Recipient
	Campaign  Campaign
	Event     event.Event
}

// Invitation returns what a personal invitation link (/i/{token}) opens,
// or ErrNoToken for a token that is not one (the same answer for every
// such token, so nothing is learnt from trying).
func (s *Service) Invitation(ctx context.Context, token string) (Invitation, error) {
	if len(token) < 16 {
		return Invitation{}, ErrNoToken
	}
	var inv Invitation
	err := s.store.R(ctx).Where("token = ?", token).Take(&inv.Recipient).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Invitation{}, ErrNoToken
	}
	if err != nil {
		return Invitation{}, err
	}
	if inv.Campaign, err = s.Get(ctx, inv.Recipient.CampaignID); err != nil {
		return Invitation{}, err
	}
	if inv.Campaign.Kind != KindInvitation || inv.Campaign.EventID == nil || inv.Campaign.Status == StatusCancelled {
		return Invitation{}, ErrNoToken
	}
	if inv.Event, err = s.events.Get(ctx, *inv.Campaign.EventID); err != nil {
		return Invitation{}, ErrNoToken
	}
	return inv, nil
}

// Valid reports whether token is an invitation to the event; it is the
// hook through which invite-only events accept registrations.
func (s *Service) Valid(ctx context.Context, eventID int64, token string) (bool, error) {
	inv, err := s.Invitation(ctx, token)
	if errors.Is(err, ErrNoToken) {
		return false, nil
	}
	return err == nil && inv.Event.ID == eventID, err
}

// Decline records "I can't come" from an invitation link; saying it again
// changes nothing.
func (s *Service) Decline(ctx context.Context, token string) (Invitation, error) {
	inv, err := s.Invitation(ctx, token)
	if err != nil {
		return Invitation{}, err
	}
	if inv.Recipient.DeclinedAt == nil {
		now := s.now()
		err := s.store.Tx(ctx, func(ctx context.Context) error {
			if err := s.store.W(ctx).Model(&Recipient{}).Where("id = ? AND declined_at IS NULL", inv.Recipient.ID).Update("declined_at", now).Error; err != nil {
				return err
			}
			return audit.Log(ctx, s.store.W(ctx), "campaign", inv.Campaign.ID, "declined", inv.Recipient.Email)
		})
		if err != nil {
			return Invitation{}, err
		}
		inv.Recipient.DeclinedAt = &now
	}
	return inv, nil
}

// The answers to an invitation.
const (
	AnswerRegistered = "registered"
	AnswerDeclined   = "declined"
	AnswerNone       = "none"
)

// Invitee is one invited person and their answer.
type Invitee struct {
	Recipient
	CampaignName string `json:"campaignName"`
	Answer       string `json:"answer"`
}

// Overview is an event's invitations and their answers.
type Overview struct {
	Invited    int       `json:"invited"`
	Registered int       `json:"registered"`
	Declined   int       `json:"declined"`
	NoAnswer   int       `json:"noAnswer"`
	Invitees   []Invitee `json:"invitees"`
}

// Overview lists everyone invited to an event by its invitation campaigns
// (each address once) with their answer: registered (through the link, or
// by registering with the same address), declined, or no answer yet.
func (s *Service) Overview(ctx context.Context, eventID int64) (Overview, error) {
	var rows []Invitee
	err := s.store.R(ctx).Table("campaign_recipients r").
		Select(`r.*, c.name AS campaign_name,
			CASE WHEN EXISTS (SELECT 1 FROM registrations g WHERE g.event_id = c.event_id AND g.status <> 'cancelled'
					AND (g.invitation = r.token OR g.email = r.email
						OR g.id IN (SELECT registration_id FROM registration_attendees a WHERE a.event_id = c.event_id AND a.email = r.email)))
				THEN 'registered'
				WHEN r.declined_at IS NOT NULL THEN 'declined' ELSE 'none' END AS answer`).
		Joins("JOIN campaigns c ON c.id = r.campaign_id").
		Where("c.event_id = ? AND c.kind = ? AND c.status <> ?", eventID, KindInvitation, StatusCancelled).
		Order("r.id").Scan(&rows).Error
	if err != nil {
		return Overview{}, err
	}
	o := Overview{Invitees: []Invitee{}}
	seen := map[string]bool{}
	for _, r := range rows {
		key := strings.ToLower(r.Email)
		if seen[key] {
			continue
		}
		seen[key] = true
		o.Invitees = append(o.Invitees, r)
		o.Invited++
		switch r.Answer {
		case AnswerRegistered:
			o.Registered++
		case AnswerDeclined:
			o.Declined++
		default:
			o.NoAnswer++
		}
	}
	return o, nil
}

// Remind mails a reminder to everyone invited to an event who has not
// answered, through the invitation campaign that reached them, and says
// how many were queued. Consent and the suppression list are checked again
// now: someone who withdrew since gets nothing. Someone reminded less than
// a day ago is not reminded again.
func (s *Service) Remind(ctx context.Context, eventID int64) (int, error) {
	o, err := s.Overview(ctx, eventID)
	if err != nil {
		return 0, err
	}
	var ids []int64
	for _, inv := range o.Invitees {
		if inv.Answer == AnswerNone && inv.ContactID != nil {
			ids = append(ids, *inv.ContactID)
		}
	}
	if len(ids) == 0 {
		return 0, nil
	}
	members, err := s.register.Audience(ctx, nil, ids)
	if err != nil {
		return 0, err
	}
	allowed := map[int64]bool{}
	for _, m := range members {
		allowed[m.ContactID] = m.Consent && m.Suppressed == ""
	}
	renderers := map[int64]*renderer{}
	n := 0
	now := s.now()
	cutoff := now.Add(-remindAgainAfter)
	for _, inv := range o.Invitees {
		if inv.Answer != AnswerNone || inv.ContactID == nil || !allowed[*inv.ContactID] {
			continue
		}
		if inv.RemindedAt != nil && inv.RemindedAt.After(cutoff) {
			continue
		}
		// Only those whose invitation has actually gone are reminded: a
		// reminder must not overtake an invitation still held or queued.
		if sent, err := s.invitationSent(ctx, inv.Recipient); err != nil {
			return n, err
		} else if !sent {
			continue
		}
		r := renderers[inv.CampaignID]
		if r == nil {
			c, err := s.Get(ctx, inv.CampaignID)
			if err != nil {
				return n, err
			}
			if r, err = s.newRenderer(ctx, c); err != nil {
				return n, err
			}
			renderers[inv.CampaignID] = r
		}
		d, err := r.draft(inv.Recipient)
		if err != nil {
			return n, err
		}
		data := d.Data.(mail.CampaignData)
		data.Subject = i18n.Localizer{Lang: inv.Recipient.Lang, Catalog: s.catalog}.T("campaign.reminder_prefix") + " " + data.Subject
		d.Data, d.Ref = data, d.Ref+":reminder"
		// Claimed and queued in one transaction: a second press, or a
		// second staff member, within the day mails no one twice.
		claimed := false
		err = s.store.Tx(ctx, func(ctx context.Context) error {
			res := s.store.W(ctx).Exec("UPDATE campaign_recipients SET reminded_at = ? WHERE id = ? AND (reminded_at IS NULL OR reminded_at <= ?)",
				now, inv.ID, cutoff)
			if claimed = res.RowsAffected == 1; res.Error != nil || !claimed {
				return res.Error
			}
			_, err := s.outbox.Enqueue(ctx, d)
			return err
		})
		if err != nil {
			return n, err
		}
		if claimed {
			n++
		}
	}
	return n, audit.Log(ctx, s.store.W(ctx), "event", eventID, "invitation_reminders", map[string]any{"mails": n})
}

// remindAgainAfter is how long after a reminder the next one may go.
const remindAgainAfter = 24 * time.Hour

// invitationSent reports whether a recipient's invitation has left the
// outbox.
func (s *Service) invitationSent(ctx context.Context, rc Recipient) (bool, error) {
	if rc.MailID == nil {
		return false, nil
	}
	var n int64
	err := s.store.R(ctx).Raw("SELECT count(*) FROM mail_messages WHERE id = ? AND state = 'sent'", *rc.MailID).Scan(&n).Error
	return n == 1, err
}
