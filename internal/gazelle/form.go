package gazelle

import (
	"strings"

	"convene/internal/i18n"
)

// BankBranchCode is the DB07 code of banks, savings banks and cooperative
// banks (64.19.00, pengeinstitutter). Banks qualify regardless of form, and
// many are not an A/S (sparekasser, andelskasser), so the register's form
// field cannot recognise them; the branch code can. Central banking
// (64.11.00) is left out on purpose: Danmarks Nationalbank is not a bank in
// Børsen's sense.
const BankBranchCode = "641900"

// IsBank reports whether a DB07 branch code ("641900", "64.19.00") is a
// bank's.
func IsBank(branchCode string) bool { return digits(branchCode) == BankBranchCode }

// QualifyingForm returns "A/S" or "ApS" when form is one of them, however
// written ("a/s", "Aktieselskab", "APS", "anpartsselskab"), and "" for any
// other form (IVS, I/S, K/S, P/S, enkeltmandsvirksomhed, ...).
func QualifyingForm(form string) string {
	f := strings.ToLower(strings.Join(strings.Fields(form), ""))
	f = strings.ReplaceAll(f, ".", "")
	switch f {
	case "a/s", "aktieselskab":
		return "A/S"
	case "aps", "anpartsselskab":
		return "ApS"
	}
	return ""
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ruleForm is rule 1: an A/S or ApS, or a bank of any form.
func ruleForm(form, branchCode string) Rule {
	r := Rule{ID: 1, Name: RuleForm}
	form = strings.TrimSpace(form)
	switch q := QualifyingForm(form); {
	case IsBank(branchCode):
		r.Status = StatusPassed
		r.Detail = i18n.Message{Key: "gazelle.detail.form.bank", Params: map[string]any{"branch": BankBranchCode}}
	case q != "":
		r.Status = StatusPassed
		r.Detail = i18n.Message{Key: "gazelle.detail.form.ok", Params: map[string]any{"form": q}}
	case form == "":
		r.Status = StatusNotEnoughData
		r.Detail = i18n.Message{Key: "gazelle.detail.form.missing"}
	default:
		r.Status = StatusFailed
		r.Detail = i18n.Message{Key: "gazelle.detail.form.other", Params: map[string]any{"form": form}}
	}
	return r
}
