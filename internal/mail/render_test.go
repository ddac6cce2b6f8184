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
		return RegistrationData{Kind: "waitlisted", Name: "Søren Ærø", Title: "Netværksmøde: Grøn omstilling & <ESG>",
			StartsAt: time.Date(2027, 1, 12, 16, 0, 0, 0, time.UTC), EndsAt: time.Date(2027, 1, 12, 18, 0, 0, 0, time.UTC),
			Venue: "Ballerup Rådhus", Address: "Hold-an Vej 7, 2750 Ballerup", Attendees: []string{"Søren Ærø", "Åse Øster"},
			Position: 2, Link: "https://events.balk.dk/r/abcdefghijklmnopqrstuv", Code: "ABCD-EFGH"}
	}
	return nil
}

// TestTemplatesMatchGoldenFiles pins the rendered subject, text and HTML of
// every template in both languages. Run with -update after a deliberate
// change, and read the diff.
func TestTemplatesMatchGoldenFiles(t *testing.T) {
	e := newEnv(t, nil)
	for _, name := range Templates {
		data := goldenData(name)
		if data == nil {
			t.Fatalf("template %s has no golden data", name)
		}
		for _, lang := range []string{"da", "en"} {
			r, err := e.outbox.renderer.Render(context.Background(), name, lang, data)
			if err != nil {
				t.Fatalf("%s/%s: %v", name, lang, err)
			}
			if r.Lang != lang || r.Subject == "" || r.Text == "" || r.HTML == "" {
				t.Fatalf("%s/%s rendered %+v", name, lang, r)
			}
			for ext, got := range map[string]string{"subject": r.Subject + "\n", "txt": r.Text, "html": r.HTML} {
				path := filepath.Join("testdata", "golden", name+"."+lang+"."+ext)
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
