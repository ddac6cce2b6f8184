package web

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/registration"
)

// Registrations is what the public site needs to take registrations.
type Registrations interface {
	RegisterAt(ctx context.Context, e event.Event, req registration.Request) (registration.Registration, bool, error)
	ByToken(ctx context.Context, token string) (registration.Registration, event.Event, error)
	Update(ctx context.Context, token string, c registration.Change) (registration.Registration, error)
	Cancel(ctx context.Context, token string) (registration.Registration, error)
	Counts(ctx context.Context, eventID int64) (registration.Counts, error)
	CheckOpen(e event.Event) error
	CheckInvitation(ctx context.Context, e event.Event, token string) error
	CanChange(r registration.Registration, e event.Event) bool
	FeedToken(ctx context.Context, email string) (string, error)
	FeedEvents(ctx context.Context, token string) (string, []event.Event, error)
}

const formCookie = "convene_form"

// formToken returns the browser's form token, setting one when missing:
// the public forms' CSRF protection (a double-submit cookie).
func (s *Server) formToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(formCookie); err == nil && len(c.Value) >= 20 {
		return c.Value
	}
	b := make([]byte, 18)
	_, _ = rand.Read(b)
	t := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: formCookie, Value: t, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r)})
	// Later calls for the same request find the token just set.
	r.AddCookie(&http.Cookie{Name: formCookie, Value: t})
	return t
}

func (s *Server) formTokenValid(r *http.Request) bool {
	c, err := r.Cookie(formCookie)
	return err == nil && validCSRF(r.PostFormValue("csrf"), c.Value)
}

// formView is the registration form's state: what was typed and what is
// wrong, field by field, so a refused form comes back as it was sent.
type formView struct {
	CSRF    string
	Rows    []int
	Values  map[string]string
	Checked map[string]bool
	Errors  map[string]string
	Message string
}

func (f formView) Value(name string) string { return f.Values[name] }
func (f formView) Error(name string) string { return f.Errors[name] }
func (f formView) Has(name string) bool     { return f.Checked[name] }

func newFormView(csrf string, rows []int) formView {
	return formView{CSRF: csrf, Rows: rows, Values: map[string]string{}, Checked: map[string]bool{}, Errors: map[string]string{}}
}

// keep puts what was posted back into the form.
func (f formView) keep(form map[string][]string) {
	for k, v := range form {
		if len(v) > 0 {
			f.Values[k] = v[0]
		}
		for _, x := range v {
			f.Checked[k+"="+x] = true
		}
	}
}

// refuse shows a service error beside the fields it names.
func (f *formView) refuse(l i18n.Localizer, ue *i18n.Error) {
	f.Message = ue.Key
	for field, m := range ue.Fields {
		f.Errors[formField(field)] = l.Msg(m)
	}
}

// eventPageData is the event page with its registration state.
type eventPageData struct {
	eventView
	Counts  registration.Counts
	Closed  string // translation key when registration is not possible
	Form    formView
	HasForm bool
	// Invitation is the invitation token that opened an invite-only event.
	Invitation string
	// Decline offers "I can't come" on an invitation's page.
	Decline *declineView
	// GazelleYear is the award year celebrated at this event (a
	// nytårskur with a published round), or 0.
	GazelleYear int
}

func attendeeRows(e event.Event) []int {
	n := e.SeatsPerCompany
	if n <= 0 || n > 10 {
		n = 5
	}
	rows := make([]int, n)
	for i := range rows {
		rows[i] = i
	}
	return rows
}

// eventData builds the event page's data for e.
func (s *Server) eventData(w http.ResponseWriter, r *http.Request, e event.Event) eventPageData {
	d := eventPageData{eventView: s.viewOf(e, s.requestLang(w, r), s.location(r.Context()))}
	if s.cfg.Awards != nil && e.Kind == event.KindNewYear {
		if round, err := s.cfg.Awards.RoundForEvent(r.Context(), e.ID); err != nil {
			s.cfg.Log.Error("award round of event", "event_id", e.ID, "err", err)
		} else if round != nil {
			d.GazelleYear = round.Year
		}
	}
	if s.cfg.Registrations == nil {
		return d
	}
	c, err := s.cfg.Registrations.Counts(r.Context(), e.ID)
	if err != nil {
		s.cfg.Log.Error("count registrations", "event_id", e.ID, "err", err)
	}
	d.Counts = c
	if err := s.cfg.Registrations.CheckOpen(e); err != nil {
		var ue *i18n.Error
		if errors.As(err, &ue) {
			d.Closed = ue.Key
		}
	} else if c.SeatsLeft == 0 && !e.Waitlist {
		d.Closed = "registration.error.full"
	}
	d.HasForm = d.Closed == ""
	d.Form = newFormView(s.formToken(w, r), attendeeRows(e))
	return d
}

// register handles POST /e/{slug}/register.
func (s *Server) register(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Events == nil || s.cfg.Registrations == nil {
		s.notFound(w, r)
		return
	}
	if s.formLimit != nil {
		if ok, wait := s.formLimit.Allow("ip:" + s.clientIP(r)); !ok {
			w.Header().Set("Retry-After", fmt.Sprint(int(wait.Seconds())+1))
			s.fail(w, r, http.StatusTooManyRequests, "registration.error.too_fast")
			return
		}
		s.formLimit.Fail("ip:" + s.clientIP(r))
	}
	if err := r.ParseForm(); err != nil {
		status, key := http.StatusBadRequest, "error.bad_request"
		if tooLarge(err) {
			status, key = http.StatusRequestEntityTooLarge, "error.too_large"
		}
		s.fail(w, r, status, key)
		return
	}
	e, err := s.cfg.Events.BySlug(r.Context(), r.PathValue("slug"))
	invitation := r.PostFormValue("invitation")
	if err != nil || e.Status == event.StatusDraft || s.cfg.Registrations.CheckInvitation(r.Context(), e, invitation) != nil {
		s.notFound(w, r)
		return
	}
	// The page's data (counts and all) is built only when the form comes
	// back with errors: a rush of good registrations should not pay for it.
	refused := func() eventPageData {
		d := s.eventData(w, r, e)
		d.Invitation = invitation
		d.Form.keep(r.PostForm)
		return d
	}
	if !s.formTokenValid(r) {
		d := refused()
		d.Form.Message = "error.csrf"
		s.renderEvent(w, r, http.StatusForbidden, d)
		return
	}
	// A filled honeypot means a robot: answer as if all went well, keep nothing.
	if r.PostFormValue("website") != "" {
		http.Redirect(w, r, "/e/"+e.Slug, http.StatusSeeOther)
		return
	}
	c := parseRegistrationForm(r, e)
	req := registration.Request{EventID: e.ID, CompanyName: c.CompanyName, CVR: c.CVR, Attendees: c.Attendees, Answers: c.Answers,
		MarketingConsent: r.PostFormValue("consent") == "yes", Lang: s.requestLang(w, r), Source: "public", Invitation: invitation}
	if invitation != "" {
		req.Source = "invitation"
	}
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	reg, _, err := s.cfg.Registrations.RegisterAt(ctx, e, req)
	if err != nil {
		s.registerFailed(w, r, err, func(ue *i18n.Error) {
			d := refused()
			d.Form.refuse(s.localizer(w, r), ue)
			s.renderEvent(w, r, http.StatusUnprocessableEntity, d)
		})
		return
	}
	http.Redirect(w, r, "/r/"+reg.Token+"?new=1", http.StatusSeeOther)
}

// parseRegistrationForm reads the company, attendee and question fields
// shared by the registration and change forms.
func parseRegistrationForm(r *http.Request, e event.Event) registration.Change {
	c := registration.Change{CompanyName: r.PostFormValue("company"), CVR: r.PostFormValue("cvr"), Answers: map[string]any{}}
	for _, i := range attendeeRows(e) {
		c.Attendees = append(c.Attendees, registration.AttendeeInput{
			Name: r.PostFormValue(fmt.Sprintf("a%d_name", i)), Email: r.PostFormValue(fmt.Sprintf("a%d_email", i)),
			JobTitle: r.PostFormValue(fmt.Sprintf("a%d_title", i))})
	}
	for _, q := range e.Questions {
		key := "q_" + q.ID
		switch q.Type {
		case event.QuestionMulti:
			list := []any{}
			for _, v := range r.PostForm[key] {
				list = append(list, v)
			}
			c.Answers[q.ID] = list
		case event.QuestionYesNo:
			switch r.PostFormValue(key) {
			case "yes":
				c.Answers[q.ID] = true
			case "no":
				c.Answers[q.ID] = false
			}
		default:
			if v := strings.TrimSpace(r.PostFormValue(key)); v != "" {
				c.Answers[q.ID] = v
			}
		}
	}
	return c
}

func (s *Server) localizer(w http.ResponseWriter, r *http.Request) i18n.Localizer {
	return i18n.Localizer{Lang: s.requestLang(w, r), Catalog: s.cfg.Catalog}
}

// registerFailed answers a refused form through refuse, or a polite page
// when the database is too busy to answer in time.
func (s *Server) registerFailed(w http.ResponseWriter, r *http.Request, err error, refuse func(*i18n.Error)) {
	var ue *i18n.Error
	if errors.As(err, &ue) {
		refuse(ue)
		return
	}
	if errors.Is(err, context.DeadlineExceeded) || strings.Contains(err.Error(), "database is locked") {
		s.cfg.Log.Warn("registration timed out", "err", err)
		w.Header().Set("Retry-After", "5")
		s.fail(w, r, http.StatusServiceUnavailable, "registration.error.busy")
		return
	}
	s.cfg.Log.Error("registration failed", "err", err)
	s.fail(w, r, http.StatusInternalServerError, "error.internal")
}

// formField maps a service field (attendees.0.email) to its input name.
func formField(f string) string {
	switch {
	case f == "companyName":
		return "company"
	case strings.HasPrefix(f, "attendees."):
		parts := strings.Split(f, ".")
		if len(parts) == 3 {
			name := map[string]string{"name": "name", "email": "email", "jobTitle": "title"}[parts[2]]
			return "a" + parts[1] + "_" + name
		}
		return "attendees"
	case strings.HasPrefix(f, "answers."):
		return "q_" + strings.TrimPrefix(f, "answers.")
	}
	return f
}

func (s *Server) renderEvent(w http.ResponseWriter, r *http.Request, status int, d eventPageData) {
	s.renderTitled(w, r, status, "event.html", func(i18n.Localizer) string { return d.TitleText }, d)
}

// registrationPage serves /r/{token}: the registration's own page.
func (s *Server) registrationPage(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Registrations == nil {
		s.notFound(w, r)
		return
	}
	reg, e, err := s.cfg.Registrations.ByToken(r.Context(), r.PathValue("token"))
	if errors.Is(err, registration.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.cfg.Log.Error("load registration", "err", err)
		s.fail(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Robots-Tag", "noindex")
	v := struct {
		Event   eventView
		Reg     registration.Registration
		Code    string
		New     bool
		Done    bool
		Changed bool
		Feed    *subscribeLinks
		// Links are the event's add-to-calendar links; the file comes
		// through the registration, so invite-only events work too.
		Links    calendarLinks
		CSRF     string
		CanAlter bool
	}{Event: s.viewOf(e, s.requestLang(w, r), s.location(r.Context())), Reg: reg, Code: registration.CheckinCode(reg.Token),
		New: r.URL.Query().Get("new") == "1", Done: r.URL.Query().Get("cancelled") == "1", Changed: r.URL.Query().Get("changed") == "1",
		CSRF: s.formToken(w, r), CanAlter: s.cfg.Registrations.CanChange(reg, e)}
	v.Links = v.Event.Links
	v.Links.ICS = "/r/" + reg.Token + "/event.ics"
	if reg.Status != registration.StatusCancelled {
		if token, err := s.cfg.Registrations.FeedToken(r.Context(), reg.Email); err != nil {
			s.cfg.Log.Error("personal feed token", "err", err)
		} else {
			links := subscribeFor(s.publicURL(r.Context()) + "/f/" + token + ".ics")
			v.Feed = &links
		}
	}
	s.render(w, r, http.StatusOK, "registration.html", "public.registration_title", v)
}

// cancelRegistration handles POST /r/{token}/cancel.
func (s *Server) cancelRegistration(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Registrations == nil {
		s.notFound(w, r)
		return
	}
	if err := r.ParseForm(); err != nil || !s.formTokenValid(r) {
		s.fail(w, r, http.StatusForbidden, "error.csrf")
		return
	}
	token := r.PathValue("token")
	if _, err := s.cfg.Registrations.Cancel(r.Context(), token); err != nil {
		if errors.Is(err, registration.ErrNotFound) {
			s.notFound(w, r)
			return
		}
		s.registerFailed(w, r, err, func(ue *i18n.Error) { s.fail(w, r, http.StatusUnprocessableEntity, ue.Key) })
		return
	}
	http.Redirect(w, r, "/r/"+token+"?cancelled=1", http.StatusSeeOther)
}
