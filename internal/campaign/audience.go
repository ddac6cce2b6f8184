package campaign

import (
	"context"
	"strings"
)

// Audience resolves who the campaign would reach now: the contacts of its
// segments and hand-picked contacts, minus those without marketing
// consent, on the suppression list, without an e-mail address, or listed
// twice (the same address through two contacts). Every campaign kind is
// marketing under markedsføringsloven §10, so consent is required of all.
func (s *Service) Audience(ctx context.Context, c Campaign) (Audience, error) {
	members, err := s.register.Audience(ctx, c.SegmentIDs, c.ContactIDs)
	if err != nil {
		return Audience{}, err
	}
	a := Audience{Recipients: []Recipient{}, Excluded: []Exclusion{}, Reasons: map[string]int{}}
	seen := map[string]bool{}
	for _, m := range members {
		email := strings.ToLower(strings.TrimSpace(m.Email))
		reason := ""
		switch {
		case email == "":
			reason = ExcludedNoEmail
		case seen[email]:
			reason = ExcludedDuplicate
		case m.Suppressed == "unsubscribed":
			reason = ExcludedUnsubscribed
		case m.Suppressed == "bounced":
			reason = ExcludedBounced
		case m.Suppressed != "":
			reason = ExcludedSuppressed
		case !m.Consent:
			reason = ExcludedNoConsent
		}
		if reason != "" {
			a.Excluded = append(a.Excluded, Exclusion{ContactID: m.ContactID, Name: m.Name, Email: m.Email, CompanyName: m.CompanyName, Reason: reason})
			a.Reasons[reason]++
			continue
		}
		seen[email] = true
		id := m.ContactID
		lang := m.Language
		if lang != "en" {
			lang = "da"
		}
		a.Recipients = append(a.Recipients, Recipient{CampaignID: c.ID, ContactID: &id, Email: email, Name: m.Name,
			CompanyName: m.CompanyName, CompanyID: m.CompanyID, Lang: lang})
	}
	return a, nil
}
