package setting

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"convene/internal/i18n"
	"convene/internal/store"

	"gorm.io/gorm"
)

// Settings are the organisation's details and regional choices.
type Settings struct {
	OrganiserName   string `json:"organiserName"`
	Department      string `json:"department"`
	Address         string `json:"address"`
	Phone           string `json:"phone"`
	Email           string `json:"email"`
	BaseURL         string `json:"baseUrl"`
	DefaultLanguage string `json:"defaultLanguage"`
	TimeZone        string `json:"timeZone"`
	// BusinessAreas are the areas companies are placed in (the register's
	// "område" field).
	BusinessAreas []string `json:"businessAreas"`
	// Themes are the themes events are tagged with; the policy's themes
	// by default.
	Themes []string `json:"themes"`
	// CalendarName is the display name of the public calendar feed; empty
	// means "<organiser>: arrangementer" in the organiser's language.
	CalendarName string `json:"calendarName"`
	// RetentionMonths is how long after an event its registrations keep
	// their personal data (names, e-mails, answers); 0 means the default.
	RetentionMonths int `json:"retentionMonths"`
	// BackupKeep is how many automatic backups are kept; BackupEveryHours
	// how often one is taken (0: the defaults, 14 and 24).
	BackupKeep       int       `json:"backupKeep"`
	BackupEveryHours int       `json:"backupEveryHours"`
	UpdatedAt        time.Time `json:"updatedAt"`
	UpdatedBy        string    `json:"updatedBy"`
}

// Defaults are the values before anyone saved settings: the business
// department of Ballerup Kommune, whose policy Convene was built for.
func Defaults() Settings {
	return Settings{
		OrganiserName:   "Ballerup Kommune",
		Department:      "Erhvervsafdelingen",
		Address:         "Hold-an Vej 7, 2750 Ballerup",
		Phone:           "4477 2000",
		Email:           "businessballerup@balk.dk",
		DefaultLanguage: "da",
		TimeZone:        "Europe/Copenhagen",
		BusinessAreas:   []string{"Erhvervsparken Lautrup", "Kildedal", "Ballerup bymidte", "Måløv bymidte", "Skovlunde bymidte", "Andet"},
		Themes: []string{"Grøn omstilling", "Digital innovation", "Tiltrækning af arbejdskraft", "Eksport", "Socialt ansvar",
			"Udvikling af bymidterne", "Beredskab og forsvar", "Bæredygtighed og ESG-rapportering", "Energioptimering", "Affald",
			"Cirkulær økonomi"},
	}
}

const key = "organisation"

// Service reads and saves the settings.
type Service struct {
	store *store.Store

	// The settings are read on every page and mail; they are kept for a
	// few seconds, and dropped at once when saved here.
	mu     sync.Mutex
	cached *Settings
	until  time.Time
}

// cacheFor is how long settings saved by another process may go unseen.
const cacheFor = 3 * time.Second

// NewService returns a settings service on st.
func NewService(st *store.Store) *Service { return &Service{store: st} }

type row struct {
	Key       string
	Value     string
	UpdatedAt time.Time
	UpdatedBy string
}

func (row) TableName() string { return "settings" }

// Get returns the saved settings, or the defaults when none are saved.
func (s *Service) Get(ctx context.Context) (Settings, error) {
	s.mu.Lock()
	if s.cached != nil && time.Now().Before(s.until) {
		out := s.cached.clone()
		s.mu.Unlock()
		return out, nil
	}
	s.mu.Unlock()
	out, err := s.load(ctx)
	if err != nil {
		return Settings{}, err
	}
	s.mu.Lock()
	c := out.clone()
	s.cached, s.until = &c, time.Now().Add(cacheFor)
	s.mu.Unlock()
	return out, nil
}

func (s *Service) load(ctx context.Context) (Settings, error) {
	var r row
	err := s.store.R(ctx).Where("key = ?", key).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Defaults(), nil
	}
	if err != nil {
		return Settings{}, fmt.Errorf("load settings: %w", err)
	}
	out := Defaults()
	if err := json.Unmarshal([]byte(r.Value), &out); err != nil {
		return Settings{}, fmt.Errorf("decode settings: %w", err)
	}
	out.UpdatedAt, out.UpdatedBy = r.UpdatedAt, r.UpdatedBy
	return out, nil
}

// Save validates and stores in, recording who saved it, and returns what
// was stored. in.UpdatedAt says which saved settings in was made from (zero:
// the defaults, before anyone saved); if someone has saved since, nothing
// is written and the error names who and when, so no one overwrites a
// change they never saw.
func (s *Service) Save(ctx context.Context, in Settings, actor string) (Settings, error) {
	in = Normalize(in)
	if err := Validate(in); err != nil {
		return Settings{}, err
	}
	// Stamped to the second, and always later than the settings it
	// replaces, so every save has its own stamp.
	base := in.UpdatedAt
	in.UpdatedAt = time.Now().UTC().Truncate(time.Second)
	if !base.IsZero() && !in.UpdatedAt.After(base) {
		in.UpdatedAt = base.UTC().Truncate(time.Second).Add(time.Second)
	}
	in.UpdatedBy = actor
	raw, err := json.Marshal(in)
	if err != nil {
		return Settings{}, err
	}
	// The check is the write: one conditional statement.
	db := s.store.W(ctx)
	var res *gorm.DB
	if base.IsZero() {
		res = db.Exec(`INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO NOTHING`,
			key, string(raw), in.UpdatedAt, actor)
	} else {
		res = db.Exec(`UPDATE settings SET value = ?, updated_at = ?, updated_by = ? WHERE key = ? AND unixepoch(updated_at) = ?`,
			string(raw), in.UpdatedAt, actor, key, base.Unix())
	}
	s.mu.Lock()
	s.cached = nil
	s.mu.Unlock()
	if res.Error != nil {
		return Settings{}, fmt.Errorf("save settings: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		now, err := s.load(ctx)
		if err != nil {
			return Settings{}, err
		}
		at := now.UpdatedAt.In(now.Location())
		return Settings{}, i18n.NewError("error.settings_changed", map[string]any{
			"by": now.UpdatedBy, "date": at.Format("02.01.2006"), "time": at.Format("15.04")})
	}
	return in, nil
}

// Normalize trims what users paste with stray spaces.
func Normalize(in Settings) Settings {
	for _, f := range []*string{&in.OrganiserName, &in.Department, &in.Address, &in.Phone, &in.Email, &in.BaseURL, &in.DefaultLanguage, &in.TimeZone, &in.CalendarName} {
		*f = strings.TrimSpace(*f)
	}
	in.BaseURL = strings.TrimRight(in.BaseURL, "/")
	in.BusinessAreas = cleanList(in.BusinessAreas)
	in.Themes = cleanList(in.Themes)
	return in
}

// Validate checks every field and reports all problems at once.
func Validate(in Settings) error {
	var v i18n.Validation
	checkText(&v, "organiserName", in.OrganiserName, true, 120)
	checkText(&v, "department", in.Department, false, 120)
	checkText(&v, "address", in.Address, false, 200)
	checkText(&v, "calendarName", in.CalendarName, false, 120)
	if in.RetentionMonths < 0 || in.RetentionMonths > 120 {
		v.Add("retentionMonths", "settings.error.retention", map[string]any{"max": 120})
	}
	if in.BackupKeep < 0 || in.BackupKeep > 365 {
		v.Add("backupKeep", "settings.error.backup_keep", map[string]any{"max": 365})
	}
	if in.BackupEveryHours < 0 || in.BackupEveryHours > 24*7 {
		v.Add("backupEveryHours", "settings.error.backup_every", map[string]any{"max": 24 * 7})
	}
	if in.Phone != "" {
		if !ValidPhone(in.Phone) {
			v.Add("phone", "settings.error.phone", nil)
		}
	}
	if in.Email == "" {
		v.Add("email", "error.required", nil)
	} else if !ValidEmail(in.Email) {
		v.Add("email", "error.email", nil)
	}
	if in.BaseURL != "" {
		if err := ValidBaseURL(in.BaseURL); err != nil {
			v.Add("baseUrl", "settings.error.base_url", nil)
		}
	}
	if !i18n.Supported(in.DefaultLanguage) {
		v.Add("defaultLanguage", "settings.error.language", nil)
	}
	checkList(&v, "businessAreas", in.BusinessAreas)
	checkList(&v, "themes", in.Themes)
	if in.TimeZone == "" {
		v.Add("timeZone", "error.required", nil)
	} else if _, err := time.LoadLocation(in.TimeZone); err != nil || in.TimeZone == "Local" {
		v.Add("timeZone", "settings.error.time_zone", nil)
	}
	return v.Err()
}

func checkText(v *i18n.Validation, field, s string, required bool, max int) {
	switch {
	case required && s == "":
		v.Add(field, "error.required", nil)
	case utf8.RuneCountInString(s) > max:
		v.Add(field, "error.too_long", map[string]any{"max": max})
	case strings.ContainsFunc(s, unicode.IsControl):
		v.Add(field, "error.control_chars", nil)
	}
}

// ValidPhone reports whether p is a phone number of 8-15 digits, with
// spaces, dashes and a leading + allowed.
func ValidPhone(p string) bool {
	digits := 0
	for i, r := range p {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ' ' || r == '-':
		case r == '+' && i == 0:
		default:
			return false
		}
	}
	return digits >= 8 && digits <= 15
}

// ValidEmail reports whether s is a bare e-mail address such as
// name@example.dk (no display name, a dot in the domain).
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".") && !strings.HasSuffix(s, ".")
}

// ValidBaseURL checks an absolute http(s) URL with a host and no query.
func ValidBaseURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return errors.New("not an absolute http(s) URL")
	}
	return nil
}

// PublicURL is the base URL of the public site: the override from a flag or
// environment variable, else the saved setting, else the listen address.
func (s Settings) PublicURL(override, addr string) string {
	switch {
	case override != "":
		return strings.TrimRight(override, "/")
	case s.BaseURL != "":
		return s.BaseURL
	}
	return "http://" + addr
}

// TimeZones lists the zones offered in the settings form: Denmark's first,
// then its neighbours and UTC.
func TimeZones() []string {
	return []string{
		"Europe/Copenhagen", "Atlantic/Faroe", "America/Nuuk", "Europe/Stockholm", "Europe/Oslo",
		"Europe/Helsinki", "Europe/Berlin", "Europe/Amsterdam", "Europe/Brussels", "Europe/London",
		"Europe/Paris", "Europe/Warsaw", "UTC",
	}
}

// cleanList trims the entries of an editable list and drops empty ones.
func cleanList(in []string) []string {
	out := []string{}
	for _, a := range in {
		if a = strings.Join(strings.Fields(a), " "); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// checkList checks an editable list: short entries, none twice, at most 50.
func checkList(v *i18n.Validation, field string, list []string) {
	seen := map[string]bool{}
	for _, a := range list {
		switch {
		case len([]rune(a)) > 80:
			v.Add(field, "error.too_long", map[string]any{"max": 80})
		case seen[strings.ToLower(a)]:
			v.Add(field, "settings.error.area_twice", map[string]any{"area": a})
		}
		seen[strings.ToLower(a)] = true
	}
	if len(list) > 50 {
		v.Add(field, "settings.error.areas_many", map[string]any{"max": 50})
	}
}

// clone copies s so a cached value is never shared with a caller who
// changes its lists.
func (s Settings) clone() Settings {
	if s.BusinessAreas != nil {
		s.BusinessAreas = append([]string{}, s.BusinessAreas...)
	}
	if s.Themes != nil {
		s.Themes = append([]string{}, s.Themes...)
	}
	return s
}

// The defaults of the data-keeping settings.
const (
	DefaultRetentionMonths  = 24
	DefaultBackupKeep       = 14
	DefaultBackupEveryHours = 24
)

// Retention is how many months personal data of registrations is kept.
func (s Settings) Retention() int {
	if s.RetentionMonths <= 0 {
		return DefaultRetentionMonths
	}
	return s.RetentionMonths
}

// Location is the organiser's time zone, or UTC when it cannot be loaded.
func (s Settings) Location() *time.Location {
	if loc, err := time.LoadLocation(s.TimeZone); err == nil && s.TimeZone != "" {
		return loc
	}
	return time.UTC
}

// Backups is how many automatic backups are kept and how often one is
// taken.
func (s Settings) Backups() (keep int, every time.Duration) {
	keep, hours := s.BackupKeep, s.BackupEveryHours
	if keep <= 0 {
		keep = DefaultBackupKeep
	}
	if hours <= 0 {
		hours = DefaultBackupEveryHours
	}
	return keep, time.Duration(hours) * time.Hour
}
