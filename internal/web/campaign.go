package web

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"convene/internal/campaign"
	"convene/internal/event"
	"convene/internal/i18n"
)

// Campaigns is what the public site needs of campaigns: invitation links,
// unsubscribe links and the newsletter sign-up.
type Campaigns interface {
	Invitation(ctx context.Context, token string) (campaign.Invitation, error)
	Decline(ctx context.Context, token string) (campaign.Invitation, error)
	UnsubscribeInfo(ctx context.Context, token string) (campaign.Unsubscribe, error)
	Unsubscribe(ctx context.Context, token, how string) (campaign.Unsubscribe, error)
	SignUp(ctx context.Context, in campaign.SignUp) error
	Signup(ctx context.Context, token string) (campaign.SignUp, bool, error)
	ConfirmSignUp(ctx context.Context, token string) (campaign.SignUp, error)
}

// declineView is the "I can't come" part of an invitation's page.
type declineView struct {
	Token    string
	Declined bool
}

// messagePage is a page of a few lines and, perhaps, one button.
type messagePage struct {
	Title string
	Lines []string
	Form  *messageForm
	Link  *messageLink
}

type messageForm struct {
	Action, CSRF, Button string
	Danger               bool
}

type messageLink struct{ Href, Label string }

func (s *Server) message(w http.ResponseWriter, r *http.Request, status int, p messagePage) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Robots-Tag", "noindex")
	s.render(w, r, status, "message.html", p.Title, p)
}

// noToken answers a link that leads nowhere, the same way whatever the
// token, so trying tokens teaches nothing.
func (s *Server) noToken(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, campaign.ErrNoToken) {
		l := s.localizer(w, r)
		s.message(w, r, http.StatusNotFound, messagePage{Title: "public.link_gone_title", Lines: []string{l.T("public.link_gone")},
			Link: &messageLink{Href: "/", Label: "public.back_home"}})
		return
	}
	s.cfg.Log.Error("campaign link", "err", err)
	s.fail(w, r, http.StatusInternalServerError, "error.internal")
}

// invitationPage serves /i/{token}: the event's page with the
// registration form filled in for the invited person, and "I can't come".
func (s *Server) invitationPage(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Campaigns == nil || s.cfg.Registrations == nil {
		s.notFound(w, r)
		return
	}
	token := r.PathValue("token")
	inv, err := s.cfg.Campaigns.Invitation(r.Context(), token)
	if err != nil || inv.Event.Status == event.StatusDraft {
		s.noToken(w, r, errOr(err, campaign.ErrNoToken))
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Robots-Tag", "noindex")
	d := s.eventData(w, r, inv.Event)
	d.Invitation = token
	d.Decline = &declineView{Token: token, Declined: inv.Recipient.DeclinedAt != nil}
	d.Form.Values["company"] = inv.Recipient.CompanyName
	d.Form.Values["a0_name"] = inv.Recipient.Name
	d.Form.Values["a0_email"] = inv.Recipient.Email
	s.renderEvent(w, r, http.StatusOK, d)
}

func errOr(err, def error) error {
	if err != nil {
		return err
	}
	return def
}

// declineInvitation handles POST /i/{token}/decline.
func (s *Server) declineInvitation(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Campaigns == nil {
		s.notFound(w, r)
		return
	}
	if err := r.ParseForm(); err != nil || !s.formTokenValid(r) {
		s.fail(w, r, http.StatusForbidden, "error.csrf")
		return
	}
	inv, err := s.cfg.Campaigns.Decline(r.Context(), r.PathValue("token"))
	if err != nil {
		s.noToken(w, r, err)
		return
	}
	l := s.localizer(w, r)
	title := inv.Event.Title
	if l.Lang == "en" && inv.Event.TitleEN != "" {
		title = inv.Event.TitleEN
	}
	s.message(w, r, http.StatusOK, messagePage{Title: "public.decline_thanks_title",
		Lines: []string{l.T("public.decline_thanks", "title", title)},
		Link:  &messageLink{Href: "/i/" + r.PathValue("token"), Label: "public.decline_changed_mind"}})
}

// unsubscribePage serves GET /u/{token}: a page that asks, so the link
// scanners of mail systems, which open every link, unsubscribe no one.
func (s *Server) unsubscribePage(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Campaigns == nil {
		s.notFound(w, r)
		return
	}
	u, err := s.cfg.Campaigns.UnsubscribeInfo(r.Context(), r.PathValue("token"))
	if err != nil {
		s.noToken(w, r, err)
		return
	}
	l := s.localizer(w, r)
	if u.Done {
		s.message(w, r, http.StatusOK, messagePage{Title: "public.unsubscribed_title", Lines: []string{l.T("public.unsubscribed", "email", u.Email)}})
		return
	}
	s.message(w, r, http.StatusOK, messagePage{Title: "public.unsubscribe_title",
		Lines: []string{l.T("public.unsubscribe_ask", "email", u.Email), l.T("public.unsubscribe_service")},
		Form:  &messageForm{Action: "/u/" + r.PathValue("token"), Button: "public.unsubscribe_button", Danger: true}})
}

// unsubscribe handles POST /u/{token}, from the page's button or straight
// from a mail program (RFC 8058 one-click: the body is
// "List-Unsubscribe=One-Click", with no cookie, so no form token is asked
// for; the unguessable token is the authority). It is idempotent.
func (s *Server) unsubscribe(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Campaigns == nil {
		s.notFound(w, r)
		return
	}
	_ = r.ParseForm()
	how := "afmeldt via link i mail"
	if r.PostFormValue("List-Unsubscribe") == "One-Click" {
		how = "afmeldt med ét klik i mailprogrammet (RFC 8058)"
	}
	u, err := s.cfg.Campaigns.Unsubscribe(r.Context(), r.PathValue("token"), how)
	if err != nil {
		s.noToken(w, r, err)
		return
	}
	l := s.localizer(w, r)
	s.message(w, r, http.StatusOK, messagePage{Title: "public.unsubscribed_title", Lines: []string{l.T("public.unsubscribed", "email", u.Email)},
		Link: &messageLink{Href: "/tilmeld-nyhedsbrev", Label: "public.unsubscribed_undo"}})
}

// newsletterData is the newsletter sign-up form.
type newsletterData struct{ Form formView }

// newsletterPage serves GET /tilmeld-nyhedsbrev.
func (s *Server) newsletterPage(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Campaigns == nil {
		s.notFound(w, r)
		return
	}
	s.render(w, r, http.StatusOK, "newsletter.html", "public.newsletter_title", newsletterData{Form: newFormView(s.formToken(w, r), nil)})
}

// newsletterSignUp handles POST /tilmeld-nyhedsbrev: the first step of the
// double opt-in.
func (s *Server) newsletterSignUp(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Campaigns == nil {
		s.notFound(w, r)
		return
	}
	if s.formLimit != nil {
		if ok, _ := s.formLimit.Allow("ip:" + s.clientIP(r)); !ok {
			s.fail(w, r, http.StatusTooManyRequests, "registration.error.too_fast")
			return
		}
		s.formLimit.Fail("ip:" + s.clientIP(r))
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	refuse := func(status int, key string, ue *i18n.Error) {
		d := newsletterData{Form: newFormView(s.formToken(w, r), nil)}
		d.Form.keep(r.PostForm)
		d.Form.Message = key
		if ue != nil {
			d.Form.refuse(s.localizer(w, r), ue)
		}
		s.render(w, r, status, "newsletter.html", "public.newsletter_title", d)
	}
	if !s.formTokenValid(r) {
		refuse(http.StatusForbidden, "error.csrf", nil)
		return
	}
	l := s.localizer(w, r)
	done := messagePage{Title: "public.newsletter_check_title", Lines: []string{l.T("public.newsletter_check")}}
	if r.PostFormValue("website") != "" {
		s.message(w, r, http.StatusOK, done)
		return
	}
	err := s.cfg.Campaigns.SignUp(r.Context(), campaign.SignUp{Name: r.PostFormValue("name"), Email: r.PostFormValue("email"),
		Company: r.PostFormValue("company"), Lang: l.Lang})
	if err != nil {
		s.registerFailed(w, r, err, func(ue *i18n.Error) { refuse(http.StatusUnprocessableEntity, "", ue) })
		return
	}
	s.message(w, r, http.StatusOK, done)
}

// newsletterConfirmPage serves GET /tilmeld-nyhedsbrev/{token}: a button
// to confirm, so a link scanner confirms nothing.
func (s *Server) newsletterConfirmPage(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Campaigns == nil {
		s.notFound(w, r)
		return
	}
	in, confirmed, err := s.cfg.Campaigns.Signup(r.Context(), r.PathValue("token"))
	if err != nil {
		s.noToken(w, r, err)
		return
	}
	l := s.localizer(w, r)
	if confirmed {
		s.message(w, r, http.StatusOK, messagePage{Title: "public.newsletter_done_title", Lines: []string{l.T("public.newsletter_done", "email", in.Email)}})
		return
	}
	s.message(w, r, http.StatusOK, messagePage{Title: "public.newsletter_confirm_title",
		Lines: []string{l.T("public.newsletter_confirm", "email", in.Email)},
		Form:  &messageForm{Action: "/tilmeld-nyhedsbrev/" + r.PathValue("token"), CSRF: s.formToken(w, r), Button: "public.newsletter_confirm_button"}})
}

// newsletterConfirm handles POST /tilmeld-nyhedsbrev/{token}: consent is
// recorded.
func (s *Server) newsletterConfirm(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Campaigns == nil {
		s.notFound(w, r)
		return
	}
	if err := r.ParseForm(); err != nil || !s.formTokenValid(r) {
		s.fail(w, r, http.StatusForbidden, "error.csrf")
		return
	}
	in, err := s.cfg.Campaigns.ConfirmSignUp(r.Context(), r.PathValue("token"))
	if err != nil {
		s.noToken(w, r, err)
		return
	}
	l := s.localizer(w, r)
	s.message(w, r, http.StatusOK, messagePage{Title: "public.newsletter_done_title", Lines: []string{l.T("public.newsletter_done", "email", strings.ToLower(in.Email))}})
}
