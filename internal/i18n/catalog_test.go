package i18n

import (
	"errors"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

var placeholder = regexp.MustCompile(`\{(\w+)\}`)

func placeholders(s string) string {
	var names []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		names = append(names, m[1])
	}
	sort.Strings(names)
	return strings.Join(names, ",")
}

// TestEveryLanguageHasEveryKey fails when a key is missing, empty, or has
// different placeholders in one of the languages.
func TestEveryLanguageHasEveryKey(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]bool{}
	for _, lang := range Languages {
		for _, k := range c.Keys(lang) {
			all[k] = true
		}
	}
	if len(all) < 20 {
		t.Fatalf("only %d keys: catalogs not loaded", len(all))
	}
	for k := range all {
		var first string
		for i, lang := range Languages {
			if !c.Has(lang, k) {
				t.Errorf("%s: missing key %q", lang, k)
				continue
			}
			msg := c.T(lang, k, nil)
			if strings.TrimSpace(msg) == "" {
				t.Errorf("%s: empty message for %q", lang, k)
			}
			if i == 0 {
				first = placeholders(msg)
			} else if p := placeholders(msg); p != first {
				t.Errorf("%q: placeholders %q in %s, %q in %s", k, p, lang, first, Languages[0])
			}
		}
	}
}

func TestTranslate(t *testing.T) {
	c := MustLoad()
	if got := c.T("da", "error.too_long", map[string]any{"max": 120}); got != "Må højst være 120 tegn." {
		t.Errorf("da = %q", got)
	}
	if got := c.T("en", "error.too_long", map[string]any{"max": 120}); got != "At most 120 characters." {
		t.Errorf("en = %q", got)
	}
	if got := c.T("fr", "error.required", nil); got != "Skal udfyldes." {
		t.Errorf("unknown language falls back to Danish, got %q", got)
	}
	if got := c.T("en", "no.such.key", nil); got != "no.such.key" {
		t.Errorf("missing key = %q", got)
	}
}

func TestMatch(t *testing.T) {
	for in, want := range map[string]string{
		"": "da", "en-GB,en;q=0.9": "en", "da_DK.UTF-8": "da", "en_US.UTF-8": "en", "de-DE,en;q=0.5": "en", "fr": "da",
	} {
		if got := Match(in); got != want {
			t.Errorf("Match(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDescribe(t *testing.T) {
	c := MustLoad()
	var v Validation
	v.Add("email", "error.email", nil)
	v.Add("email", "error.required", nil)
	p, internal := c.Describe(v.Err(), "en")
	if internal || p.Key != "error.validation" || p.Fields["email"].Key != "error.email" {
		t.Fatalf("validation problem = %+v, internal %v", p, internal)
	}
	p, internal = c.Describe(errors.New("disk on fire"), "da")
	if !internal || p.Key != "error.internal" || strings.Contains(p.Message, "fire") {
		t.Fatalf("internal problem = %+v leaks or is not internal", p)
	}
	wrapped := Wrap(errors.New("cause"), "error.forbidden", nil)
	p, _ = c.Describe(errors.Join(errors.New("outer"), wrapped), "da")
	if p.Key != "error.forbidden" {
		t.Fatalf("wrapped key = %q", p.Key)
	}
}

func TestFormatDate(t *testing.T) {
	d := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	if got := FormatDate("da", d); got != "28. november 2026" {
		t.Errorf("da = %q", got)
	}
	if got := FormatDate("en", d); got != "28 November 2026" {
		t.Errorf("en = %q", got)
	}
}
