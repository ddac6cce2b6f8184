package mail

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldenData gives every template fixed data, so its output is stable.
func goldenData(name string) any {
	switch name {
	case "test":
		return TestData{Host: "smtp.office365.com", SentAt: time.Date(2026, 11, 28, 16, 5, 0, 0, time.UTC)}
	case "registration":
		return registrationGolden("waitlisted")
	case "campaign":
		return CampaignData{Subject: "Invitation: Nytårskur 2027", HTML: "<p>Kære Søren</p>\n<p>Vi inviterer til <strong>nytårskur</strong> &amp; fejring.</p>",
			Text: "Kære Søren\n\nVi inviterer til **nytårskur** & fejring.", UnsubscribeLink: "https://events.balk.dk/u/abcdefghijklmnopqrstuv",
			InvitationLink: "https://events.balk.dk/i/abcdefghijklmnopqrstuv"}
	case "newsletter_confirm":
		return NewsletterData{Name: "Søren Ærø", Link: "https://events.balk.dk/tilmeld-nyhedsbrev/abcdefghijklmnopqrstuv"}
	}
	return nil
}

func registrationGolden(kind string) RegistrationData {
	return RegistrationData{Kind: kind, Name: "Søren Ærø", Title: "Netværksmøde: Grøn omstilling & <ESG>",
		StartsAt: time.Date(2027, 1, 12, 16, 0, 0, 0, time.UTC), EndsAt: time.Date(2027, 1, 12, 18, 0, 0, 0, time.UTC),
		Venue: "Ballerup Rådhus", Address: "Hold-an Vej 7, 2750 Ballerup", Attendees: []string{"Søren Ærø", "Åse Øster"},
		Position: 2, Link: "https://events.balk.dk/r/abcdefghijklmnopqrstuv", Code: "ABCD-EFGH"}
}

// goldenCase is one pinned rendering: a file stem, a template and its data.
type goldenCase struct {
	file, template string
	data           any
}

// goldenCases are every template once, plus the registration kinds whose
// layout differs: a confirmation with its QR code, a cancellation with the
// organiser's message, and staff's own message.
func goldenCases() []goldenCase {
	var out []goldenCase
	for _, name := range Templates {
		out = append(out, goldenCase{name, name, goldenData(name)})
	}
	confirmed := registrationGolden("confirmed")
	confirmed.QR, confirmed.OnlineURL = "checkin-qr", "https://teams.example/meet?a=1&b=2"
	cancelled := registrationGolden("event_cancelled")
	cancelled.Message = "Taleren er blevet syg.\nVi vender tilbage med en ny dato <snart>."
	message := registrationGolden("message")
	message.Subject, message.Message = "Parkering & adgang", "Brug indgang B."
	return append(out, goldenCase{"registration-confirmed", "registration", confirmed},
		goldenCase{"registration-event_cancelled", "registration", cancelled},
		goldenCase{"registration-message", "registration", message})
}

// TestTemplatesMatchGoldenFiles pins the rendered subject, text and HTML of
// every template in both languages. Run with -update after a deliberate
// change, and read the diff.
func TestTemplatesMatchGoldenFiles(t *testing.T) {
	e := newEnv(t, nil)
	for _, c := range goldenCases() {
		if c.data == nil {
			t.Fatalf("template %s has no golden data", c.template)
		}
		for _, lang := range []string{"da", "en"} {
			r, err := e.outbox.renderer.Render(context.Background(), c.template, lang, c.data)
			if err != nil {
				t.Fatalf("%s/%s: %v", c.file, lang, err)
			}
			if r.Lang != lang || r.Subject == "" || r.Text == "" || r.HTML == "" {
				t.Fatalf("%s/%s rendered %+v", c.file, lang, r)
			}
			for ext, got := range map[string]string{"subject": r.Subject + "\n", "txt": r.Text, "html": r.HTML} {
				path := filepath.Join("testdata", "golden", c.file+"."+lang+"."+ext)
				if *update {
					os.MkdirAll(filepath.Dir(path), 0o755)
					if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test ./internal/mail -run Golden -update)", err)
				}
				if string(want) != got {
					t.Errorf("%s differs from its golden file:\n--- want\n%s\n--- got\n%s", path, want, got)
				}
			}
		}
	}
}

func TestRenderFallsBackAndFillsTheLayout(t *testing.T) {
	e := newEnv(t, nil)
	r, err := e.outbox.renderer.Render(context.Background(), "test", "fr", goldenData("test"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Lang != "da" {
		t.Fatalf("unknown language fell back to %q, want the organiser's default", r.Lang)
	}
	for _, want := range []string{"Ballerup Kommune", "Hold-an Vej 7", "4477 2000", "businessballerup@balk.dk", "kl. 17.05"} {
		if !strings.Contains(r.Text, want) || !strings.Contains(r.HTML, want) {
			t.Errorf("rendered mail lacks %q", want)
		}
	}
	if _, err := e.outbox.renderer.Render(context.Background(), "nope", "da", nil); err == nil {
		t.Fatal("an unknown template rendered")
	}
}
