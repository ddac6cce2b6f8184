package registration

import (
	"context"
	"crypto/sha256"
	"encoding/base32"
	"strconv"
	"strings"

	"convene/internal/event"
	"convene/internal/mail"
)

// CheckinCode is the short code an attendee shows at the entrance, derived
// from the registration's token: "ABCD-EFGH".
func CheckinCode(token string) string {
	sum := sha256.Sum256([]byte(token))
	s := base32.StdEncoding.EncodeToString(sum[:5])
	return s[:4] + "-" + s[4:8]
}

// MailNotifier tells registrants by mail, through the outbox.
type MailNotifier struct {
	outbox *mail.Outbox
	// publicURL returns the public site's base URL for personal links.
	publicURL func(ctx context.Context) string
}

// NewMailNotifier returns a Notifier that queues service mail.
func NewMailNotifier(outbox *mail.Outbox, publicURL func(ctx context.Context) string) *MailNotifier {
	return &MailNotifier{outbox: outbox, publicURL: publicURL}
}

func (n *MailNotifier) send(ctx context.Context, kind string, r Registration, e event.Event) error {
	var names []string
	for _, a := range r.Attendees {
		names = append(names, a.Name)
	}
	name := r.CompanyName
	if len(r.Attendees) > 0 {
		name = r.Attendees[0].Name
	}
	title := e.Title
	if r.Lang == "en" && e.TitleEN != "" {
		title = e.TitleEN
	}
	data := mail.RegistrationData{Kind: kind, Name: name, Title: title, StartsAt: e.StartsAt, EndsAt: e.EndsAt,
		Venue: e.Venue, Address: e.Address, Attendees: names, Position: r.Position,
		Link: strings.TrimRight(n.publicURL(ctx), "/") + "/r/" + r.Token, Code: CheckinCode(r.Token)}
	_, err := n.outbox.Enqueue(ctx, mail.Draft{Kind: mail.KindService, Template: "registration", Data: data, Lang: r.Lang,
		ToName: name, ToAddress: r.Email, Ref: "registration:" + strconv.FormatInt(r.ID, 10)})
	return err
}

// Registered mails the confirmation, or the waitlist notice.
func (n *MailNotifier) Registered(ctx context.Context, r Registration, e event.Event) error {
	kind := "confirmed"
	if r.Status == StatusWaitlisted {
		kind = "waitlisted"
	}
	return n.send(ctx, kind, r, e)
}

// Promoted mails a company that moved from the waitlist to a place.
func (n *MailNotifier) Promoted(ctx context.Context, r Registration, e event.Event) error {
	return n.send(ctx, "promoted", r, e)
}

// Cancelled confirms a cancellation.
func (n *MailNotifier) Cancelled(ctx context.Context, r Registration, e event.Event) error {
	return n.send(ctx, "cancelled", r, e)
}
