package mail

import (
	"net/mail"
	"strings"
	"unicode"
)

// oneLine makes user-supplied text safe for a header: CR, LF and other
// control characters become spaces, so no text can start a new header.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// validAddress reports whether s is a bare, single e-mail address with a
// dotted domain and nothing that could break a header.
func validAddress(s string) bool {
	if s == "" || len(s) > 254 || strings.ContainsFunc(s, unicode.IsControl) || strings.ContainsAny(s, " ,;<>\"") {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".") && !strings.HasSuffix(s, ".")
}

// allowedHeaders are the extra headers a draft may set; everything else
// (From, To, Subject, Message-ID, MIME) is Convene's to write.
var allowedHeaders = map[string]bool{
	"List-Unsubscribe":      true,
	"List-Unsubscribe-Post": true,
	"List-Id":               true,
	"Auto-Submitted":        true,
	"Precedence":            true,
	"X-Convene-Campaign":    true,
	"In-Reply-To":           true,
	"References":            true,
}

func domainOf(address string) string {
	if at := strings.LastIndexByte(address, '@'); at >= 0 {
		return address[at+1:]
	}
	return "convene.invalid"
}
