package calendar

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"convene/internal/event"
	"convene/internal/store/storetest"

	ics "github.com/arran4/golang-ical"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var cph, _ = time.LoadLocation("Europe/Copenhagen")

func builder() Builder {
	return Builder{Org: Organizer{Name: "Ballerup Kommune, Erhvervsafdelingen", Email: "businessballerup@balk.dk"}, PublicURL: "https://events.balk.dk/"}
}

// plain is a published network meeting with fixed times and stamps.
func plain() event.Event {
	created := time.Date(2026, 11, 2, 9, 15, 0, 0, time.UTC)
	return event.Event{ID: 1, Slug: "netvaerksmoede-groen-omstilling-ab12", UID: "k3m9x2p7q4r8s1t6@balk.dk", Sequence: 0,
		Kind: event.KindNetwork, Status: event.StatusPublished, Visibility: "public", Title: "Netværksmøde: grøn omstilling",
		Description: "Hør hvordan tre virksomheder i Lautrup sparer energi.", Venue: "Ballerup Rådhus", Address: "Hold-an Vej 7, 2750 Ballerup",
		StartsAt: time.Date(2027, 1, 12, 16, 0, 0, 0, time.UTC), EndsAt: time.Date(2027, 1, 12, 18, 0, 0, 0, time.UTC),
		Capacity: 60, CreatedAt: created, UpdatedAt: created.Add(time.Hour)}
}

// goldenCases are the objects pinned under testdata/golden.
func goldenCases() map[string][]byte {
	b := builder()
	danish := plain()
	danish.UID, danish.Slug = "d4n15hx7@balk.dk", "aeblemost-og-oekonomi-cd34"
	danish.Title = "Æblemost, økonomi; og Åbent hus \\ spørgsmål"
	danish.Description = "Program:\n- Velkomst ved borgmesteren, kl. 17.00; kaffe\n- Oplæg: \"Grøn vækst\" – hvordan små virksomheder får råd til omstillingen, med eksempler fra Måløv, Skovlunde og Ballerup\r\n- Netværk\n\n" +
		strings.Repeat("Lang tekst med æøå og ÆØÅ, der skal foldes pænt uden at splitte et tegn. ", 6)
	danish.Venue, danish.Address = "Kildedal Erhvervspark; mødelokale 2", "Kildedalsvej 3, 2760 Måløv"
	cancelled := plain()
	cancelled.UID, cancelled.Slug, cancelled.Sequence = "c4nc3l3d@balk.dk", "informationsmoede-ef56", 2
	cancelled.Title, cancelled.Status, cancelled.CancelMessage = "Informationsmøde om eksport", event.StatusCancelled, "Taleren er blevet syg."
	dst := plain()
	dst.UID, dst.Slug, dst.Title = "d5tn1ght@balk.dk", "natteloeb-gh78", "Natteløb for iværksættere"
	// 31 October 2027: clocks in Copenhagen go back from 03:00 to 02:00.
	dst.StartsAt = time.Date(2027, 10, 31, 1, 30, 0, 0, cph)
	dst.EndsAt = time.Date(2027, 10, 31, 4, 30, 0, 0, cph)
	online := plain()
	online.UID, online.Slug, online.Title, online.Venue, online.Address = "0nl1n3@balk.dk", "webinar-ij90", "Webinar: EU-støtte", "", ""
	online.OnlineURL = "https://teams.example/meet?id=1,2;3"
	sent := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	to := []Person{{Name: "Hansen, Anne \"Annie\"; CFO: Økonomi", Email: "anne@alfa.dk"}}
	moved := plain()
	moved.Sequence, moved.StartsAt, moved.EndsAt = 1, moved.StartsAt.Add(time.Hour), moved.EndsAt.Add(time.Hour)
	gone := plain()
	gone.Sequence, gone.Status, gone.CancelMessage = 2, event.StatusCancelled, "Vi samler i stedet alle i marts."
	return map[string][]byte{
		"plain":          b.File(plain()),
		"danish":         b.File(danish),
		"cancelled":      b.File(cancelled),
		"dst":            b.File(dst),
		"online":         b.File(online),
		"feed":           b.Feed(Feed{Name: "Erhvervsarrangementer, Ballerup Kommune", Description: "Netværksmøder; kurser og nytårskur", Refresh: time.Hour}, []event.Event{plain(), cancelled, danish}),
		"request":        b.Invitation(plain(), MethodRequest, to, sent),
		"request-update": b.Invitation(moved, MethodRequest, to, sent.Add(24*time.Hour)),
		"cancel":         b.Invitation(gone, MethodCancel, to, sent.Add(48*time.Hour)),
		"invited":        b.Invitation(plain(), MethodRequest, []Person{{Name: "Bo Berg", Email: "bo@beta.dk", Invited: true}}, sent),
	}
}

// TestGoldenFiles pins every kind of object Convene writes and checks each
// with Check. Run with -update after a deliberate change, and read the diff.
func TestGoldenFiles(t *testing.T) {
	for name, got := range goldenCases() {
		if err := Check(got); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		path := filepath.Join("testdata", "golden", name+".ics")
		if *update {
			os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./internal/calendar -run Golden -update)", err)
		}
		if !bytes.Equal(want, got) {
			t.Errorf("%s differs from its golden file:\n--- want\n%s\n--- got\n%s", path, want, got)
		}
	}
}

func parse(t *testing.T, data []byte) *ics.Calendar {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return cal
}

func prop(v *ics.VEvent, p ics.ComponentProperty) string {
	if x := v.GetProperty(p); x != nil {
		return x.Value
	}
	return ""
}

func TestDanishTextSurvivesTheRoundTrip(t *testing.T) {
	cases := goldenCases()
	cal := parse(t, cases["danish"])
	v := cal.Events()[0]
	if got := ics.FromText(prop(v, ics.ComponentPropertySummary)); got != "Æblemost, økonomi; og Åbent hus \\ spørgsmål" {
		t.Fatalf("summary %q", got)
	}
	desc := ics.FromText(prop(v, ics.ComponentPropertyDescription))
	if strings.Contains(desc, "\r") || !strings.Contains(desc, `"Grøn vækst" – hvordan`) || !strings.Contains(desc, "https://events.balk.dk/e/aeblemost-og-oekonomi-cd34") {
		t.Fatalf("description %q", desc)
	}
	if got := ics.FromText(prop(v, ics.ComponentPropertyLocation)); got != "Kildedal Erhvervspark; mødelokale 2, Kildedalsvej 3, 2760 Måløv" {
		t.Fatalf("location %q", got)
	}
}

func TestTimesAreUTCAcrossDaylightSaving(t *testing.T) {
	v := parse(t, goldenCases()["dst"]).Events()[0]
	// 01:30 is still summer time (UTC+2); 04:30 is winter time (UTC+1).
	if s, e := prop(v, ics.ComponentPropertyDtStart), prop(v, ics.ComponentPropertyDtEnd); s != "20271030T233000Z" || e != "20271031T033000Z" {
		t.Fatalf("DTSTART %s DTEND %s", s, e)
	}
}

func TestInvitationsAddressTheAttendee(t *testing.T) {
	cases := goldenCases()
	req := string(cases["request"])
	cancel := string(cases["cancel"])
	unfold := strings.NewReplacer("\r\n ", "")
	req, cancel = unfold.Replace(req), unfold.Replace(cancel)
	for _, want := range []string{"METHOD:REQUEST", "ORGANIZER;CN=Ballerup Kommune  Erhvervsafdelingen:mailto:businessballerup@balk.dk",
		"ATTENDEE;CN=Hansen  Anne Annie  CFO  Økonomi;PARTSTAT=ACCEPTED;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:anne@alfa.dk", "STATUS:CONFIRMED"} {
		if !strings.Contains(req, strings.ReplaceAll(want, "  ", " ")) {
			t.Errorf("request lacks %q:\n%s", want, req)
		}
	}
	for _, want := range []string{"METHOD:CANCEL", "STATUS:CANCELLED", "SEQUENCE:2", "UID:k3m9x2p7q4r8s1t6@balk.dk"} {
		if !strings.Contains(cancel, want) {
			t.Errorf("cancel lacks %q:\n%s", want, cancel)
		}
	}
	if strings.Contains(req, `\,`) && strings.Contains(req, "CN=Hansen\\,") {
		t.Fatal("a CN was backslash-escaped")
	}
}

// TestSequenceNeverGoesDown follows one event through its edit history and
// checks its calendar file at every step: same UID, SEQUENCE up on every
// change of time, place or status and never down.
func TestSequenceNeverGoesDown(t *testing.T) {
	st := storetest.New(t)
	svc := event.NewService(st, "balk.dk")
	ctx := context.Background()
	start := time.Now().Add(30 * 24 * time.Hour).Truncate(time.Hour)
	e, err := svc.Save(ctx, event.Event{Title: "Netværksmøde", StartsAt: start, EndsAt: start.Add(2 * time.Hour), Capacity: 20, Venue: "Rådhuset"})
	if err != nil {
		t.Fatal(err)
	}
	b := builder()
	steps := []struct {
		name string
		edit func(event.Event) (event.Event, error)
		up   bool
	}{
		{"publish", func(e event.Event) (event.Event, error) { return svc.Publish(ctx, e.ID) }, false},
		{"new title", func(e event.Event) (event.Event, error) {
			e.Title = "Netværksmøde om eksport"
			return svc.Save(ctx, e)
		}, false},
		{"new room", func(e event.Event) (event.Event, error) { e.Venue = "Byrådssalen"; return svc.Save(ctx, e) }, true},
		{"an hour later", func(e event.Event) (event.Event, error) {
			e.StartsAt, e.EndsAt = e.StartsAt.Add(time.Hour), e.EndsAt.Add(time.Hour)
			return svc.Save(ctx, e)
		}, true},
		{"cancelled", func(e event.Event) (event.Event, error) { return svc.Cancel(ctx, e.ID, "Aflyst") }, true},
	}
	uid, last := e.UID, -1
	for _, s := range steps {
		if e, err = s.edit(e); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		data := b.File(e)
		if err := Check(data); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		v := parse(t, data).Events()[0]
		seq, _ := strconv.Atoi(prop(v, ics.ComponentPropertySequence))
		if v.Id() != uid || seq < last || (s.up && seq <= last) || (!s.up && last >= 0 && seq != last) {
			t.Fatalf("%s: UID %s SEQUENCE %d after %d", s.name, v.Id(), seq, last)
		}
		last = seq
	}
}

func TestCheckCatchesWhatParsersForgive(t *testing.T) {
	good := goldenCases()["plain"]
	bad := map[string][]byte{
		"bare LF":      bytes.ReplaceAll(good, []byte("\r\n"), []byte("\n")),
		"long line":    bytes.Replace(good, []byte("SUMMARY:"), []byte("SUMMARY:"+strings.Repeat("x", 80)), 1),
		"bad UTF-8":    bytes.Replace(good, []byte("SUMMARY:"), []byte("SUMMARY:\xff"), 1),
		"split letter": bytes.Replace(good, []byte("SUMMARY:Netv\xc3\xa6rks"), []byte("SUMMARY:Netv\xc3\r\n \xa6rks"), 1),
		"two DTSTAMPs": bytes.Replace(good, []byte("BEGIN:VEVENT\r\n"), []byte("BEGIN:VEVENT\r\nDTSTAMP:20260101T000000Z\r\n"), 1),
		"no UID":       bytes.Replace(good, []byte("UID:k3m9x2p7q4r8s1t6@balk.dk\r\n"), nil, 1),
		"TZID no zone": bytes.Replace(good, []byte("DTSTART:20270112T160000Z"), []byte("DTSTART;TZID=Europe/Copenhagen:20270112T170000"), 1),
		"not ical":     []byte("hello\r\n"),
	}
	if err := Check(good); err != nil {
		t.Fatal(err)
	}
	for name, data := range bad {
		if bytes.Equal(data, good) {
			t.Fatalf("%s: the broken sample did not change (fix the test)", name)
		}
		if err := Check(data); err == nil {
			t.Errorf("%s passed the check", name)
		}
	}
}
