package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/registration"
)

// changePageData is the change form of a registration.
type changePageData struct {
	Token     string
	Event     eventView
	Form      formView
	Questions []event.Question
}

// loadForChange finds the registration of a change request, answering
// the request itself when it cannot be changed.
func (s *Server) loadForChange(w http.ResponseWriter, r *http.Request) (registration.Registration, event.Event, bool) {
	if s.cfg.Registrations == nil {
		s.notFound(w, r)
		return registration.Registration{}, event.Event{}, false
	}
	reg, e, err := s.cfg.Registrations.ByToken(r.Context(), r.PathValue("token"))
	switch {
	case errors.Is(err, registration.ErrNotFound):
		s.notFound(w, r)
		return reg, e, false
	case err != nil:
		s.cfg.Log.Error("load registration", "err", err)
		s.fail(w, r, http.StatusInternalServerError, "error.internal")
		return reg, e, false
	case !s.cfg.Registrations.CanChange(reg, e):
		http.Redirect(w, r, "/r/"+reg.Token, http.StatusSeeOther)
		return reg, e, false
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Robots-Tag", "noindex")
	return reg, e, true
}

func (s *Server) changeData(w http.ResponseWriter, r *http.Request, reg registration.Registration, e event.Event) changePageData {
	return changePageData{Token: reg.Token, Event: s.viewOf(e, s.requestLang(w, r), s.location(r.Context())),
		Form: newFormView(s.formToken(w, r), attendeeRows(e)), Questions: e.Questions}
}

// changePage serves /r/{token}/change: the form, filled in as registered.
func (s *Server) changePage(w http.ResponseWriter, r *http.Request) {
	reg, e, ok := s.loadForChange(w, r)
	if !ok {
		return
	}
	d := s.changeData(w, r, reg, e)
	f := d.Form
	f.Values["company"] = reg.CompanyName
	if reg.CVR != nil {
		f.Values["cvr"] = *reg.CVR
	}
	for i, a := range reg.Attendees {
		f.Values[fmt.Sprintf("a%d_name", i)] = a.Name
		f.Values[fmt.Sprintf("a%d_email", i)] = a.Email
		f.Values[fmt.Sprintf("a%d_title", i)] = a.JobTitle
	}
	for _, q := range e.Questions {
		k := "q_" + q.ID
		switch v := reg.Answers[q.ID].(type) {
		case string:
			f.Values[k] = v
			f.Checked[k+"="+v] = true
		case bool:
			f.Checked[k+"="+map[bool]string{true: "yes", false: "no"}[v]] = true
		case []any:
			for _, x := range v {
				f.Checked[fmt.Sprint(k, "=", x)] = true
			}
		}
	}
	s.render(w, r, http.StatusOK, "registration_change.html", "public.change_title", d)
}

// changeRegistration handles POST /r/{token}/change.
func (s *Server) changeRegistration(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	reg, e, ok := s.loadForChange(w, r)
	if !ok {
		return
	}
	refuse := func(status int, key string, ue *i18n.Error) {
		d := s.changeData(w, r, reg, e)
		d.Form.keep(r.PostForm)
		d.Form.Message = key
		if ue != nil {
			d.Form.refuse(s.localizer(w, r), ue)
		}
		s.render(w, r, status, "registration_change.html", "public.change_title", d)
	}
	if !s.formTokenValid(r) {
		refuse(http.StatusForbidden, "error.csrf", nil)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	if _, err := s.cfg.Registrations.Update(ctx, reg.Token, parseRegistrationForm(r, e)); err != nil {
		s.registerFailed(w, r, err, func(ue *i18n.Error) { refuse(http.StatusUnprocessableEntity, "", ue) })
		return
	}
	http.Redirect(w, r, "/r/"+reg.Token+"?changed=1", http.StatusSeeOther)
}
