package campaign

import (
	"context"
	"fmt"
	"html/template"
	"strings"
	"time"

	"convene/internal/calendar"
	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/mail"
)

// renderer fills one campaign in for its recipients: the merge templates
// are parsed once, the event and the organiser's clock read once.
type renderer struct {
	s       *Service
	c       Campaign
	event   *event.Event
	base    string
	loc     *time.Location
	da, en  [2]merger // subject, body
	hasEN   bool
	orgMail string
	org     calendar.Organizer
}

func (s *Service) newRenderer(ctx context.Context, c Campaign) (*renderer, error) {
	st, err := s.settings.Get(ctx)
	if err != nil {
		return nil, err
	}
	loc := st.Location()
	r := &renderer{s: s, c: c, base: strings.TrimRight(s.publicURL(ctx), "/"), loc: loc, orgMail: st.Email, org: calendar.OrganizerFrom(st),
		hasEN: c.SubjectEN != "" && c.BodyEN != ""}
	if c.EventID != nil {
		e, err := s.events.Get(ctx, *c.EventID)
		if err != nil {
			return nil, err
		}
		r.event = &e
	}
	for i, text := range []string{c.Subject, c.Body, c.SubjectEN, c.BodyEN} {
		m, err := newMerger(text)
		if err != nil {
			return nil, fmt.Errorf("campaign %d: %w", c.ID, err)
		}
		if i < 2 {
			r.da[i] = m
		} else {
			r.en[i-2] = m
		}
	}
	return r, nil
}

// fields are the merge values for one recipient.
func (r *renderer) fields(rc Recipient) Fields {
	f := Fields{Name: rc.Name, FirstName: firstName(rc.Name), Email: rc.Email, CompanyName: rc.CompanyName,
		UnsubscribeLink: r.base + "/u/" + rc.Token}
	if e := r.event; e != nil {
		l := i18n.Localizer{Lang: rc.Lang, Catalog: r.s.catalog}
		start := e.StartsAt.In(r.loc)
		f.EventTitle = e.Title
		if rc.Lang == "en" && e.TitleEN != "" {
			f.EventTitle = e.TitleEN
		}
		f.EventDate, f.EventTime = l.LongDate(start), l.Time(start)
		f.EventPlace = strings.Trim(e.Venue+", "+e.Address, ", ")
		f.EventLink = r.base + "/e/" + e.Slug
		if r.c.Kind == KindInvitation {
			f.InvitationLink = r.base + "/i/" + rc.Token
		}
	}
	return f
}

func firstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return ""
}

// draft is the recipient's mail, ready for the outbox.
func (r *renderer) draft(rc Recipient) (mail.Draft, error) {
	m := r.da
	if rc.Lang == "en" && r.hasEN {
		m = r.en
	}
	f := r.fields(rc)
	subject, err := m[0].fill(f)
	if err != nil {
		return mail.Draft{}, err
	}
	text, err := m[1].fill(f)
	if err != nil {
		return mail.Draft{}, err
	}
	md, err := m[1].fill(f.escaped())
	if err != nil {
		return mail.Draft{}, err
	}
	html, err := toHTML(md)
	if err != nil {
		return mail.Draft{}, err
	}
	data := mail.CampaignData{Subject: subject, HTML: template.HTML(html), Text: text, UnsubscribeLink: f.UnsubscribeLink, // bluemonday-sanitised
		InvitationLink: f.InvitationLink}
	d := mail.Draft{Kind: mail.KindMarketing, Template: "campaign", Data: data, Lang: rc.Lang, ToName: rc.Name, ToAddress: rc.Email,
		Ref: fmt.Sprintf("campaign:%d:%s", r.c.ID, rc.Email), Group: r.c.group(),
		Headers: map[string]string{
			// RFC 2369 and RFC 8058: one-click unsubscribe, by POST to an
			// opaque https URL.
			"List-Unsubscribe":      "<" + f.UnsubscribeLink + ">",
			"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
			"X-Convene-Campaign":    itoa(r.c.ID),
		}}
	// An invitation carries the event for the calendar, the invitee asked
	// (NEEDS-ACTION), not yet registered.
	if r.c.Kind == KindInvitation && r.event != nil {
		b := calendar.Builder{Org: r.org, PublicURL: r.base, Lang: rc.Lang}
		d.Calendar = b.Invitation(*r.event, calendar.MethodRequest, []calendar.Person{{Name: rc.Name, Email: rc.Email, Invited: true}}, r.s.now())
		d.CalendarMethod = string(calendar.MethodRequest)
	}
	return d, nil
}

// Preview is one recipient's mail as it would be sent.
type Preview struct {
	To      string `json:"to"`
	Subject string `json:"subject"`
	HTML    string `json:"html"`
	Text    string `json:"text"`
}

// Preview renders the campaign c (saved or not) for one contact of its
// audience (the first one when contactID is 0), in lang when given.
func (s *Service) Preview(ctx context.Context, c Campaign, contactID int64, lang string) (Preview, error) {
	c = normalize(c)
	var v i18n.Validation
	validateContent(c, &v)
	if err := v.Err(); err != nil {
		return Preview{}, err
	}
	rc, err := s.sampleRecipient(ctx, c, contactID)
	if err != nil {
		return Preview{}, err
	}
	if lang == "da" || lang == "en" {
		rc.Lang = lang
	}
	r, err := s.newRenderer(ctx, c)
	if err != nil {
		return Preview{}, err
	}
	d, err := r.draft(rc)
	if err != nil {
		return Preview{}, err
	}
	m, err := s.outbox.Prepare(ctx, d)
	if err != nil {
		return Preview{}, err
	}
	return Preview{To: rc.Email, Subject: m.Subject, HTML: m.HTMLBody, Text: m.TextBody}, nil
}

// sampleRecipient is a recipient to preview or test with: the contact
// chosen, or the first of the audience, or a made-up one.
func (s *Service) sampleRecipient(ctx context.Context, c Campaign, contactID int64) (Recipient, error) {
	ids := c.ContactIDs
	segs := c.SegmentIDs
	if contactID != 0 {
		ids, segs = []int64{contactID}, nil
	}
	members, err := s.register.Audience(ctx, segs, ids)
	if err != nil {
		return Recipient{}, err
	}
	for _, m := range members {
		if m.Email != "" {
			id := m.ContactID
			lang := m.Language
			if lang != "en" {
				lang = "da"
			}
			return Recipient{ContactID: &id, Email: m.Email, Name: m.Name, CompanyName: m.CompanyName, Lang: lang, Token: "preview-token"}, nil
		}
	}
	return Recipient{Email: "karen@firma.dk", Name: "Karen Jensen", CompanyName: "Firma ApS", Lang: "da", Token: "preview-token"}, nil
}
