package registration

import (
	"fmt"
	"strings"

	"convene/internal/company"
	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/setting"
)

func normalize(r Request) Request {
	r.CompanyName = strings.Join(strings.Fields(r.CompanyName), " ")
	r.CVR = company.NormalizeCVR(r.CVR)
	var out []AttendeeInput
	for _, a := range r.Attendees {
		a.Name = strings.Join(strings.Fields(a.Name), " ")
		a.Email = strings.ToLower(strings.TrimSpace(a.Email))
		a.JobTitle = strings.Join(strings.Fields(a.JobTitle), " ")
		if a.Name != "" || a.Email != "" || a.JobTitle != "" {
			out = append(out, a)
		}
	}
	r.Attendees = out
	if !i18n.Supported(r.Lang) {
		r.Lang = i18n.Default
	}
	if r.Source == "" {
		r.Source = "public"
	}
	if r.Answers == nil {
		r.Answers = map[string]any{}
	}
	return r
}

// validate checks a form against its event; field names are those of the
// public form (attendees.0.email, answers.<question id>).
func validate(r Request, e event.Event) error {
	var v i18n.Validation
	switch {
	case r.CompanyName == "":
		v.Add("companyName", "error.required", nil)
	case len([]rune(r.CompanyName)) > 200:
		v.Add("companyName", "error.too_long", map[string]any{"max": 200})
	}
	if r.CVR != "" && !company.ValidCVR(r.CVR) {
		v.Add("cvr", "company.error.cvr", nil)
	}
	if len(r.Attendees) == 0 {
		v.Add("attendees", "registration.error.no_attendees", nil)
	}
	if e.SeatsPerCompany > 0 && len(r.Attendees) > e.SeatsPerCompany {
		v.Add("attendees", "registration.error.too_many", map[string]any{"max": e.SeatsPerCompany})
	}
	seen := map[string]bool{}
	for i, a := range r.Attendees {
		f := fmt.Sprintf("attendees.%d.", i)
		if a.Name == "" {
			v.Add(f+"name", "error.required", nil)
		}
		switch {
		case a.Email == "":
			v.Add(f+"email", "error.required", nil)
		case !setting.ValidEmail(a.Email):
			v.Add(f+"email", "error.email", nil)
		case seen[a.Email]:
			v.Add(f+"email", "registration.error.email_twice", nil)
		}
		seen[a.Email] = true
	}
	for _, q := range e.Questions {
		ans, given := r.Answers[q.ID]
		f := "answers." + q.ID
		empty := !given || ans == nil || ans == "" || isEmptyList(ans)
		if empty {
			if q.Required {
				v.Add(f, "error.required", nil)
			}
			continue
		}
		switch q.Type {
		case event.QuestionSingle:
			if s, ok := ans.(string); !ok || !contains(q.Options, s) {
				v.Add(f, "registration.error.option", nil)
			}
		case event.QuestionMulti:
			list, ok := ans.([]any)
			if !ok {
				v.Add(f, "registration.error.option", nil)
				break
			}
			for _, x := range list {
				if s, ok := x.(string); !ok || !contains(q.Options, s) {
					v.Add(f, "registration.error.option", nil)
				}
			}
		case event.QuestionYesNo:
			if _, ok := ans.(bool); !ok {
				v.Add(f, "registration.error.option", nil)
			}
		default:
			if s, ok := ans.(string); !ok || len([]rune(s)) > 2000 {
				v.Add(f, "error.too_long", map[string]any{"max": 2000})
			}
		}
	}
	return v.Err()
}

func isEmptyList(a any) bool {
	l, ok := a.([]any)
	return ok && len(l) == 0
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
