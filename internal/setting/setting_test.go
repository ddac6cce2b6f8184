package setting

import (
	"context"
	"errors"
	"testing"

	"convene/internal/i18n"
	"convene/internal/store/storetest"
)

func TestValidate(t *testing.T) {
	ok := Defaults()
	for _, tc := range []struct {
		name  string
		edit  func(*Settings)
		field string // "" means valid
	}{
		{"defaults", func(*Settings) {}, ""},
		{"no name", func(s *Settings) { s.OrganiserName = "" }, "organiserName"},
		{"long name", func(s *Settings) { s.OrganiserName = string(make([]rune, 121)) }, "organiserName"},
		{"bad e-mail", func(s *Settings) { s.Email = "not-an-address" }, "email"},
		{"display name e-mail", func(s *Settings) { s.Email = "Erhverv <a@b.dk>" }, "email"},
		{"phone letters", func(s *Settings) { s.Phone = "ring til os" }, "phone"},
		{"phone short", func(s *Settings) { s.Phone = "4477" }, "phone"},
		{"phone intl", func(s *Settings) { s.Phone = "+45 4477 2000" }, ""},
		{"base url ftp", func(s *Settings) { s.BaseURL = "ftp://x.dk" }, "baseUrl"},
		{"base url relative", func(s *Settings) { s.BaseURL = "/events" }, "baseUrl"},
		{"base url https", func(s *Settings) { s.BaseURL = "https://events.balk.dk" }, ""},
		{"language", func(s *Settings) { s.DefaultLanguage = "sv" }, "defaultLanguage"},
		{"zone", func(s *Settings) { s.TimeZone = "Europe/Atlantis" }, "timeZone"},
		{"zone local", func(s *Settings) { s.TimeZone = "Local" }, "timeZone"},
		{"control chars", func(s *Settings) { s.Department = "a\x00b" }, "department"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := ok
			tc.edit(&in)
			err := Validate(Normalize(in))
			if tc.field == "" {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			var ue *i18n.Error
			if !errors.As(err, &ue) {
				t.Fatalf("Validate = %v, want a validation error", err)
			}
			if _, found := ue.Fields[tc.field]; !found || len(ue.Fields) != 1 {
				t.Fatalf("fields = %v, want only %s", ue.Fields, tc.field)
			}
		})
	}
}

// TestSaveRefusesWhatWasMadeFromOlderSettings: two admins open the
// settings; the second to save is told who saved first, and nothing of
// the first save is lost.
func TestSaveRefusesWhatWasMadeFromOlderSettings(t *testing.T) {
	svc := NewService(storetest.New(t))
	ctx := context.Background()
	opened, _ := svc.Get(ctx) // the defaults, never saved
	anne := opened
	anne.Phone = "4477 2001"
	first, err := svc.Save(ctx, anne, "anne@balk.dk")
	if err != nil {
		t.Fatal(err)
	}
	bo := opened
	bo.Department = "Erhverv og beskæftigelse"
	_, err = svc.Save(ctx, bo, "bo@balk.dk")
	var ie *i18n.Error
	if !errors.As(err, &ie) || ie.Key != "error.settings_changed" || ie.Params["by"] != "anne@balk.dk" || ie.Params["time"] == nil {
		t.Fatalf("a save from the defaults after Anne's: %v", err)
	}
	// Made from Anne's settings, Bo's change is saved; made from them
	// again, a third is refused.
	bo = first
	bo.Department = "Erhverv og beskæftigelse"
	second, err := svc.Save(ctx, bo, "bo@balk.dk")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Save(ctx, first, "anne@balk.dk"); !errors.As(err, &ie) || ie.Params["by"] != "bo@balk.dk" {
		t.Fatalf("a save from Anne's settings after Bo's: %v", err)
	}
	got, _ := svc.Get(ctx)
	if got.Phone != "4477 2001" || got.Department != "Erhverv og beskæftigelse" || !got.UpdatedAt.Equal(second.UpdatedAt) {
		t.Fatalf("stored %+v", got)
	}
}

func TestSaveAndGet(t *testing.T) {
	svc := NewService(storetest.New(t))
	ctx := context.Background()
	got, err := svc.Get(ctx)
	if err != nil || got.OrganiserName != "Ballerup Kommune" {
		t.Fatalf("defaults = %+v, %v", got, err)
	}
	in := Defaults()
	in.OrganiserName = "  Herlev Kommune  "
	in.BaseURL = "https://events.herlev.dk/"
	saved, err := svc.Save(ctx, in, "anne@balk.dk")
	if err != nil {
		t.Fatal(err)
	}
	if saved.OrganiserName != "Herlev Kommune" || saved.BaseURL != "https://events.herlev.dk" {
		t.Fatalf("not normalised: %+v", saved)
	}
	got, _ = svc.Get(ctx)
	if got.OrganiserName != "Herlev Kommune" || got.UpdatedBy != "anne@balk.dk" || got.UpdatedAt.IsZero() {
		t.Fatalf("reloaded = %+v", got)
	}
	bad := got
	bad.Email = "nope"
	if _, err := svc.Save(ctx, bad, "x"); err == nil {
		t.Fatal("saved an invalid e-mail")
	}
	if again, _ := svc.Get(ctx); again.Email != got.Email {
		t.Fatal("a refused save changed the stored settings")
	}
	if u := got.PublicURL("", "127.0.0.1:8080"); u != "https://events.herlev.dk" {
		t.Fatalf("PublicURL = %q", u)
	}
	if u := got.PublicURL("https://override.dk/", "x"); u != "https://override.dk" {
		t.Fatalf("PublicURL with override = %q", u)
	}
}
