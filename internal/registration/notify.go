package registration

import (
	"context"
	"crypto/sha256"
	"encoding/base32"
	"strconv"
	"strings"
	"time"

	"convene/internal/calendar"
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

// normalizeCode makes a typed or scanned code comparable: upper case, the
// dash put back, look-alike letters of base32 mended.
func normalizeCode(code string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(code) {
		switch {
		case r == '0':
			b.WriteRune('O')
		case r == '1':
			b.WriteRune('I')
		case r == '8':
			b.WriteRune('B')
		case r >= 'A' && r <= 'Z', r >= '2' && r <= '7':
			b.WriteRune(r)
		}
	}
	s := b.String()
	if len(s) != 8 {
		return ""
	}
	return s[:4] + "-" + s[4:]
}

// The kinds of notice registrants get.
const (
	NoticeConfirmed      = "confirmed"
	NoticeWaitlisted     = "waitlisted"
	NoticePromoted       = "promoted"
	NoticeCancelled      = "cancelled"
	NoticeUpdated        = "updated"
	NoticeEventChanged   = "event_changed"
	NoticeEventCancelled = "event_cancelled"
	NoticeReminder       = "reminder"
	NoticeMessage        = "message"
)

// Notice is one mail to a registrant about their registration.
type Notice struct {
	Kind  string
	Reg   Registration
	Event event.Event
	// Subject and Message are staff's own words: a cancellation's reason
	// or a message to registrants.
	Subject, Message string
	// Resent counts the registrant's earlier registrations for the event
	// that were cancelled: the invitation's SEQUENCE is the event's plus
	// this, so a new invitation after a CANCEL for the same UID is newer
	// than the CANCEL, and calendars take it.
	Resent int
}

// Mail is a rendered notice, ready to be queued in a transaction.
type Mail interface {
	Queue(ctx context.Context, registrationID int64) error
}

// Notifier renders notices. Rendering is kept apart from queueing so that
// the rush's hot path renders before it takes the write lock.
type Notifier interface {
	Prepare(ctx context.Context, n Notice) (Mail, error)
}

// MailNotifier tells registrants by mail, through the outbox.
type MailNotifier struct {
	outbox *mail.Outbox
	// publicURL returns the public site's base URL for personal links.
	publicURL func(ctx context.Context) string
	// organizer, when set, makes the mails carry calendar invitations.
	organizer func(ctx context.Context) calendar.Organizer
}

// WithCalendar makes the mails carry the event as a calendar invitation
// (REQUEST while the registration stands, CANCEL when it or the event is
// cancelled) from the organiser organizer returns.
func (n *MailNotifier) WithCalendar(organizer func(ctx context.Context) calendar.Organizer) *MailNotifier {
	n.organizer = organizer
	return n
}

// invitationMethod is the iTIP method a notice carries: REQUEST while a
// place is held, CANCEL when it is given up, none on the waitlist.
func invitationMethod(kind string, r Registration) calendar.Method {
	switch {
	case kind == NoticeCancelled || kind == NoticeEventCancelled:
		return calendar.MethodCancel
	case r.Status == StatusConfirmed:
		return calendar.MethodRequest
	}
	return calendar.MethodNone
}

// NewMailNotifier returns a Notifier that queues service mail.
func NewMailNotifier(outbox *mail.Outbox, publicURL func(ctx context.Context) string) *MailNotifier {
	return &MailNotifier{outbox: outbox, publicURL: publicURL}
}

// qrContentID names the embedded check-in QR image.
const qrContentID = "checkin-qr"

// Prepare renders a notice as a service mail to the registration's contact.
// Confirmed registrations still standing carry their entrance code as a QR
// image, for the door staff's scanner.
func (n *MailNotifier) Prepare(ctx context.Context, nt Notice) (Mail, error) {
	r, e := nt.Reg, nt.Event
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
	// The entrance code is for a place: a waitlisted company gets it when
	// it is given a seat.
	code := ""
	if r.Status == StatusConfirmed {
		code = CheckinCode(r.Token)
	}
	data := mail.RegistrationData{Kind: nt.Kind, Name: name, Title: title, StartsAt: e.StartsAt, EndsAt: e.EndsAt,
		Venue: e.Venue, Address: e.Address, OnlineURL: e.OnlineURL, Attendees: names, Position: r.Position,
		Link: strings.TrimRight(n.publicURL(ctx), "/") + "/r/" + r.Token, Code: code, Subject: nt.Subject, Message: nt.Message}
	d := mail.Draft{Kind: mail.KindService, Template: "registration", Data: data, Lang: r.Lang, ToName: name, ToAddress: r.Email}
	if data.Live() && r.Status == StatusConfirmed {
		data.QR = qrContentID
		d.Data = data
		d.Attachments = []mail.Attachment{mail.QRAttachment("checkin.png", qrContentID, code)}
	}
	if method := invitationMethod(nt.Kind, r); n.organizer != nil && method != calendar.MethodNone {
		b := calendar.Builder{Org: n.organizer(ctx), PublicURL: n.publicURL(ctx), Lang: r.Lang}
		var to []calendar.Person
		for _, a := range r.Attendees {
			to = append(to, calendar.Person{Name: a.Name, Email: a.Email})
		}
		if len(to) == 0 {
			to = []calendar.Person{{Name: name, Email: r.Email}}
		}
		seq := e
		seq.Sequence += nt.Resent
		d.Calendar, d.CalendarMethod = b.Invitation(seq, method, to, time.Now()), string(method)
	}
	m, err := n.outbox.Prepare(ctx, d)
	if err != nil {
		return nil, err
	}
	return &queuedMail{outbox: n.outbox, msg: m}, nil
}

type queuedMail struct {
	outbox *mail.Outbox
	msg    mail.Message
}

func (q *queuedMail) Queue(ctx context.Context, registrationID int64) error {
	m := q.msg
	m.Attachments = append([]mail.Attachment(nil), m.Attachments...)
	m.Ref = "registration:" + strconv.FormatInt(registrationID, 10)
	return q.outbox.Queue(ctx, &m)
}
