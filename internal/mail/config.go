package mail

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"convene/internal/i18n"
	"convene/internal/store"

	gomail "github.com/wneessen/go-mail"
	"gorm.io/gorm"
)

// TLSMode is how the connection to the SMTP server is protected.
type TLSMode string

// The TLS modes staff can choose.
const (
	TLSStartTLS      TLSMode = "starttls"      // STARTTLS, refuse to send without it
	TLSOpportunistic TLSMode = "opportunistic" // STARTTLS when offered
	TLSImplicit      TLSMode = "tls"           // TLS from the first byte (port 465)
	TLSNone          TLSMode = "none"          // plain, for a local relay only
)

// Defaults suit Exchange Online, which blocks a mailbox sending more than
// 30 messages a minute or 10,000 recipients a day.
const (
	DefaultRatePerMinute = 30
	DefaultDailyCap      = 10000
)

// Config is the SMTP configuration, password and DKIM key included. It
// never leaves the Go side: the UI sees a SettingsView.
type Config struct {
	Host          string    `json:"host"`
	Port          int       `json:"port"`
	TLS           TLSMode   `json:"tls"`
	Username      string    `json:"username"`
	Password      string    `json:"password"`
	FromName      string    `json:"fromName"`
	FromAddress   string    `json:"fromAddress"`
	ReplyTo       string    `json:"replyTo"`
	RatePerMinute int       `json:"ratePerMinute"`
	DailyCap      int       `json:"dailyCap"`
	DKIMEnabled   bool      `json:"dkimEnabled"`
	DKIMDomain    string    `json:"dkimDomain"`
	DKIMSelector  string    `json:"dkimSelector"`
	DKIMKeyPEM    string    `json:"dkimKeyPem"`
	UpdatedAt     time.Time `json:"updatedAt"`
	UpdatedBy     string    `json:"updatedBy"`
}

// Configured reports whether mail can be sent.
func (c Config) Configured() bool { return c.Host != "" && c.FromAddress != "" }

// SettingsView is the configuration as the UI sees it: secrets replaced by flags.
type SettingsView struct {
	Host          string    `json:"host"`
	Port          int       `json:"port"`
	TLS           TLSMode   `json:"tls"`
	Username      string    `json:"username"`
	PasswordSet   bool      `json:"passwordSet"`
	FromName      string    `json:"fromName"`
	FromAddress   string    `json:"fromAddress"`
	ReplyTo       string    `json:"replyTo"`
	RatePerMinute int       `json:"ratePerMinute"`
	DailyCap      int       `json:"dailyCap"`
	DKIMEnabled   bool      `json:"dkimEnabled"`
	DKIMDomain    string    `json:"dkimDomain"`
	DKIMSelector  string    `json:"dkimSelector"`
	DKIMKeySet    bool      `json:"dkimKeySet"`
	DKIMRecord    string    `json:"dkimRecord"`
	Configured    bool      `json:"configured"`
	UpdatedAt     time.Time `json:"updatedAt"`
	UpdatedBy     string    `json:"updatedBy"`
}

// SettingsInput is what the settings form saves. An empty Password keeps the saved
// one (the UI never has it); ClearPassword removes it. An empty DKIMKeyPEM
// keeps the saved key.
type SettingsInput struct {
	Host          string  `json:"host"`
	Port          int     `json:"port"`
	TLS           TLSMode `json:"tls"`
	Username      string  `json:"username"`
	Password      string  `json:"password"`
	ClearPassword bool    `json:"clearPassword"`
	FromName      string  `json:"fromName"`
	FromAddress   string  `json:"fromAddress"`
	ReplyTo       string  `json:"replyTo"`
	RatePerMinute int     `json:"ratePerMinute"`
	DailyCap      int     `json:"dailyCap"`
	DKIMEnabled   bool    `json:"dkimEnabled"`
	DKIMDomain    string  `json:"dkimDomain"`
	DKIMSelector  string  `json:"dkimSelector"`
	DKIMKeyPEM    string  `json:"dkimKeyPem"`
}

const configKey = "smtp"

func defaultConfig() Config {
	return Config{Port: 587, TLS: TLSStartTLS, RatePerMinute: DefaultRatePerMinute, DailyCap: DefaultDailyCap}
}

// loadConfig reads the SMTP configuration.
func loadConfig(ctx context.Context, st *store.Store) (Config, error) {
	var row struct {
		Value     string
		UpdatedAt time.Time
		UpdatedBy string
	}
	err := st.R(ctx).Table("settings").Select("value, updated_at, updated_by").Where("key = ?", configKey).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return defaultConfig(), nil
	}
	if err != nil {
		return Config{}, fmt.Errorf("load smtp settings: %w", err)
	}
	c := defaultConfig()
	if err := json.Unmarshal([]byte(row.Value), &c); err != nil {
		return Config{}, fmt.Errorf("decode smtp settings: %w", err)
	}
	c.UpdatedAt, c.UpdatedBy = row.UpdatedAt, row.UpdatedBy
	return c, nil
}

func saveConfig(ctx context.Context, st *store.Store, c Config) error {
	raw, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return st.W(ctx).Exec(`INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
		configKey, string(raw), c.UpdatedAt, c.UpdatedBy).Error
}

// View hides the secrets of c.
func (c Config) View() SettingsView {
	v := SettingsView{
		Host: c.Host, Port: c.Port, TLS: c.TLS, Username: c.Username, PasswordSet: c.Password != "",
		FromName: c.FromName, FromAddress: c.FromAddress, ReplyTo: c.ReplyTo,
		RatePerMinute: c.RatePerMinute, DailyCap: c.DailyCap,
		DKIMEnabled: c.DKIMEnabled, DKIMDomain: c.DKIMDomain, DKIMSelector: c.DKIMSelector,
		DKIMKeySet: c.DKIMKeyPEM != "", Configured: c.Configured(), UpdatedAt: c.UpdatedAt, UpdatedBy: c.UpdatedBy,
	}
	if rec, err := dkimRecord(c.DKIMKeyPEM); err == nil {
		v.DKIMRecord = rec
	}
	return v
}

// apply merges the form into the saved configuration.
func (c Config) apply(in SettingsInput) Config {
	c.Host = strings.TrimSpace(in.Host)
	c.Port = in.Port
	c.TLS = in.TLS
	c.Username = strings.TrimSpace(in.Username)
	switch {
	case in.ClearPassword:
		c.Password = ""
	case in.Password != "":
		c.Password = in.Password
	}
	c.FromName = strings.Join(strings.Fields(in.FromName), " ")
	c.FromAddress = strings.ToLower(strings.TrimSpace(in.FromAddress))
	c.ReplyTo = strings.ToLower(strings.TrimSpace(in.ReplyTo))
	c.RatePerMinute = in.RatePerMinute
	c.DailyCap = in.DailyCap
	c.DKIMEnabled = in.DKIMEnabled
	c.DKIMDomain = strings.ToLower(strings.TrimSpace(in.DKIMDomain))
	c.DKIMSelector = strings.TrimSpace(in.DKIMSelector)
	if k := strings.TrimSpace(in.DKIMKeyPEM); k != "" {
		c.DKIMKeyPEM = k
	}
	return c
}

var (
	hostPattern     = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$`)
	selectorPattern = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$`)
)

// validate checks a configuration. An empty host means "no SMTP": mail is
// then held, and nothing else is required.
func (c Config) validate() error {
	var v i18n.Validation
	if c.Host != "" && (len(c.Host) > 253 || !hostPattern.MatchString(c.Host)) {
		v.Add("host", "mail.error.host", nil)
	}
	if c.Port < 1 || c.Port > 65535 {
		v.Add("port", "mail.error.port", nil)
	}
	switch c.TLS {
	case TLSStartTLS, TLSOpportunistic, TLSImplicit, TLSNone:
	default:
		v.Add("tls", "mail.error.tls", nil)
	}
	if c.Host != "" && c.FromAddress == "" {
		v.Add("fromAddress", "error.required", nil)
	}
	if c.FromAddress != "" && !validAddress(c.FromAddress) {
		v.Add("fromAddress", "error.email", nil)
	}
	if c.ReplyTo != "" && !validAddress(c.ReplyTo) {
		v.Add("replyTo", "error.email", nil)
	}
	switch {
	case strings.ContainsFunc(c.FromName, isControl):
		v.Add("fromName", "error.control_chars", nil)
	case len([]rune(c.FromName)) > 100:
		v.Add("fromName", "error.too_long", map[string]any{"max": 100})
	}
	switch {
	case strings.ContainsFunc(c.Username, isControl):
		v.Add("username", "error.control_chars", nil)
	case len(c.Username) > 200:
		v.Add("username", "error.too_long", map[string]any{"max": 200})
	}
	if c.RatePerMinute < 0 || c.RatePerMinute > 10000 {
		v.Add("ratePerMinute", "mail.error.rate", map[string]any{"max": 10000})
	}
	if c.DailyCap < 0 || c.DailyCap > 1000000 {
		v.Add("dailyCap", "mail.error.rate", map[string]any{"max": 1000000})
	}
	if c.DKIMEnabled {
		if !hostPattern.MatchString(c.DKIMDomain) || !strings.Contains(c.DKIMDomain, ".") {
			v.Add("dkimDomain", "mail.error.host", nil)
		}
		if !selectorPattern.MatchString(c.DKIMSelector) {
			v.Add("dkimSelector", "mail.error.selector", nil)
		}
		if c.DKIMKeyPEM == "" {
			v.Add("dkimKeyPem", "error.required", nil)
		}
	}
	if c.DKIMKeyPEM != "" {
		if _, err := parseDKIMKey(c.DKIMKeyPEM); err != nil {
			v.Add("dkimKeyPem", "mail.error.dkim_key", nil)
		}
	}
	return v.Err()
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// parseDKIMKey reads an RSA private key of at least 2048 bits.
func parseDKIMKey(pemText string) (*rsa.PrivateKey, error) {
	signer, err := gomail.PrivKeyFromPEM([]byte(pemText))
	if err != nil {
		return nil, err
	}
	key, ok := signer.(*rsa.PrivateKey)
	if !ok {
		return nil, errors.New("not an RSA key")
	}
	if key.N.BitLen() < 2048 {
		return nil, errors.New("RSA key shorter than 2048 bits")
	}
	return key, nil
}

// newDKIMKey generates an RSA-2048 key in PEM.
func newDKIMKey() (string, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return "", err
	}
	der := x509.MarshalPKCS1PrivateKey(key)
	return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: der})), nil
}

// dkimRecord is the DNS TXT value to publish at SELECTOR._domainkey.DOMAIN.
func dkimRecord(pemText string) (string, error) {
	if pemText == "" {
		return "", errors.New("no key")
	}
	key, err := parseDKIMKey(pemText)
	if err != nil {
		return "", err
	}
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return "", err
	}
	return "v=DKIM1; k=rsa; p=" + base64.StdEncoding.EncodeToString(der), nil
}
