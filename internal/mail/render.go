package mail

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
	"time"

	"convene/internal/i18n"
	"convene/internal/setting"
)

//go:embed templates
var templateFS embed.FS

// Templates lists the mail templates; each has NAME.txt (with the
// "subject" block) and NAME.html, rendered inside the shared layouts.
var Templates = []string{"test", "registration", "campaign", "newsletter_confirm"}

// Renderer renders mail templates in the recipient's language with the
// organiser's details from Settings.
type Renderer struct {
	catalog  *i18n.Catalog
	settings *setting.Service
	html     map[string]*htmltemplate.Template
	text     map[string]*texttemplate.Template
}

// NewRenderer parses every template once.
func NewRenderer(cat *i18n.Catalog, settings *setting.Service) (*Renderer, error) {
	r := &Renderer{catalog: cat, settings: settings, html: map[string]*htmltemplate.Template{}, text: map[string]*texttemplate.Template{}}
	for _, name := range Templates {
		h, err := htmltemplate.ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse mail template %s.html: %w", name, err)
		}
		t, err := texttemplate.ParseFS(templateFS, "templates/layout.txt", "templates/"+name+".txt")
		if err != nil {
			return nil, fmt.Errorf("parse mail template %s.txt: %w", name, err)
		}
		if t.Lookup("subject") == nil {
			return nil, fmt.Errorf("mail template %s.txt has no subject block", name)
		}
		r.html[name], r.text[name] = h, t
	}
	return r, nil
}

// RegistrationData is what the registration mails show. Kind is one of
// "confirmed", "waitlisted", "promoted", "cancelled", "updated",
// "event_changed", "event_cancelled", "reminder" and "message" (staff's
// own Subject and Message).
type RegistrationData struct {
	Kind      string
	Name      string
	Title     string
	StartsAt  time.Time
	EndsAt    time.Time
	Venue     string
	Address   string
	OnlineURL string
	Attendees []string
	Position  int
	Link      string
	Code      string
	// QR is the content id of the embedded check-in QR image, if any.
	QR      string
	Subject string
	// Message is a plain-text note from the organiser: the reason for a
	// cancellation, or staff's message to registrants.
	Message string
}

// Live reports whether the registration still stands after this mail, so
// the mail shows the personal link and the entrance code.
func (d RegistrationData) Live() bool {
	return d.Kind != "cancelled" && d.Kind != "event_cancelled"
}

// CampaignData is a campaign mail: the recipient's merged subject and body
// (HTML already made safe, and the Markdown as text), the personal
// unsubscribe link, and for invitations the personal registration link.
type CampaignData struct {
	Subject         string
	HTML            htmltemplate.HTML
	Text            string
	UnsubscribeLink string
	InvitationLink  string
}

// NewsletterData is the newsletter's confirmation mail (double opt-in).
type NewsletterData struct {
	Name string
	Link string
}

// Rendered is a rendered mail.
type Rendered struct {
	Subject string
	Text    string
	HTML    string
	Lang    string
	Org     setting.Settings
}

// View is what every mail template receives.
type View struct {
	L   i18n.Localizer
	Org setting.Settings
	// Loc is the organiser's time zone; templates show times in it.
	Loc  *time.Location
	Data any
	// Subject is the rendered subject, for the HTML layout's title; the
	// subject is written once, in the text template's "subject" block.
	Subject string
}

// Local converts t to the organiser's time zone.
func (v View) Local(t time.Time) time.Time { return t.In(v.Loc) }

// Render renders template name for lang ("" means the organiser's
// default language).
func (r *Renderer) Render(ctx context.Context, name, lang string, data any) (Rendered, error) {
	h, ok := r.html[name]
	if !ok {
		return Rendered{}, fmt.Errorf("%w: %q", errBadTemplate, name)
	}
	org, err := r.settings.Get(ctx)
	if err != nil {
		return Rendered{}, err
	}
	if !i18n.Supported(lang) {
		lang = org.DefaultLanguage
	}
	if !i18n.Supported(lang) {
		lang = i18n.Default
	}
	loc := org.Location()
	v := View{L: i18n.Localizer{Lang: lang, Catalog: r.catalog}, Org: org, Loc: loc, Data: data}
	var subject, text, html bytes.Buffer
	t := r.text[name]
	if err := t.ExecuteTemplate(&subject, "subject", v); err != nil {
		return Rendered{}, err
	}
	v.Subject = oneLine(subject.String())
	if err := t.ExecuteTemplate(&text, "layout", v); err != nil {
		return Rendered{}, err
	}
	if err := h.ExecuteTemplate(&html, "layout", v); err != nil {
		return Rendered{}, err
	}
	return Rendered{Subject: v.Subject, Text: tidyText(text.String()), HTML: html.String(), Lang: lang, Org: org}, nil
}

// tidyText trims trailing spaces and collapses runs of blank lines that
// template actions leave behind.
func tidyText(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	out := make([]string, 0, len(lines))
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			blank++
			if blank > 1 || len(out) == 0 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimRight(strings.Join(out, "\n"), "\n") + "\n"
}
