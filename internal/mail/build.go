package mail

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// dkimHeaders are the headers the DKIM signature covers. go-mail folds the
// h= tag wrongly when the list is longer than about 74 characters, so keep
// it short: this list joins to 68.
var dkimHeaders = []string{"From", "To", "Subject", "Date", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post"}

// buildMsg turns an outbox row into the MIME message go-mail sends: a text
// part, an HTML alternative, attachments, and Convene's own Message-ID.
func buildMsg(m *Message, cfg Config, date time.Time) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := msg.FromFormat(oneLine(cfg.FromName), cfg.FromAddress); err != nil {
		return nil, fmt.Errorf("from: %w", err)
	}
	if err := msg.AddToFormat(oneLine(m.ToName), m.ToAddress); err != nil {
		return nil, fmt.Errorf("to: %w", err)
	}
	replyTo := m.ReplyTo
	if replyTo == "" {
		replyTo = cfg.ReplyTo
	}
	if replyTo != "" {
		if err := msg.ReplyTo(replyTo); err != nil {
			return nil, fmt.Errorf("reply-to: %w", err)
		}
	}
	msg.Subject(oneLine(m.Subject))
	msg.SetMessageIDWithValue(trimAngles(m.MessageID))
	msg.SetDateWithValue(date)
	msg.SetUserAgent("Convene")
	if _, ok := m.Headers["Auto-Submitted"]; !ok && m.Kind == KindService {
		// Service mail is automatic: out-of-office replies should not answer it.
		msg.SetGenHeader("Auto-Submitted", "auto-generated")
	}
	keys := make([]string, 0, len(m.Headers))
	for k := range m.Headers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if allowedHeaders[k] {
			msg.SetGenHeader(gomail.Header(k), oneLine(m.Headers[k]))
		}
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.TextBody)
	if m.HTMLBody != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTMLBody)
	}
	if m.Calendar != "" {
		// The invitation: the last alternative, which calendar-aware clients
		// act on, with the same iTIP method in its MIME type as inside, and
		// the same object as a file for the others.
		method := "PUBLISH"
		if m.CalendarMethod != "" {
			method = strings.ToUpper(oneLine(m.CalendarMethod))
		}
		msg.AddAlternativeString(gomail.ContentType("text/calendar; method="+method), m.Calendar)
		if err := msg.AttachReader("invite.ics", strings.NewReader(m.Calendar),
			gomail.WithFileContentType(gomail.ContentType("application/ics"))); err != nil {
			return nil, fmt.Errorf("attach invitation: %w", err)
		}
	}
	for _, a := range m.Attachments {
		a, err := a.materialize()
		if err != nil {
			return nil, err
		}
		ct := a.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		if a.ContentID != "" {
			if err := msg.EmbedReader(oneLine(a.Filename), bytes.NewReader(a.Data), gomail.WithFileContentType(gomail.ContentType(ct)),
				gomail.WithFileContentID("<"+trimAngles(oneLine(a.ContentID))+">")); err != nil {
				return nil, fmt.Errorf("embed %s: %w", a.Filename, err)
			}
			continue
		}
		if err := msg.AttachReader(oneLine(a.Filename), bytes.NewReader(a.Data), gomail.WithFileContentType(gomail.ContentType(ct))); err != nil {
			return nil, fmt.Errorf("attach %s: %w", a.Filename, err)
		}
	}
	return msg, nil
}

func trimAngles(id string) string {
	if len(id) >= 2 && id[0] == '<' && id[len(id)-1] == '>' {
		return id[1 : len(id)-1]
	}
	return id
}

// newSigner makes the DKIM signer of a configuration, or nil without DKIM.
func newSigner(cfg Config) (*gomail.DKIMSigner, error) {
	if !cfg.DKIMEnabled {
		return nil, nil
	}
	key, err := parseDKIMKey(cfg.DKIMKeyPEM)
	if err != nil {
		return nil, err
	}
	s := gomail.NewDKIMSigner(cfg.DKIMDomain, cfg.DKIMSelector, key)
	s.SignHeaders(dkimHeaders...)
	s.HeaderCanonicalization(gomail.CanonicalizationRelaxed)
	s.BodyCanonicalization(gomail.CanonicalizationRelaxed)
	return s, nil
}

// Source renders a message exactly as it is (or would be) sent, without
// the DKIM signature, for staff to inspect.
func Source(m *Message, cfg Config) (string, error) {
	if !cfg.Configured() {
		cfg.FromAddress = "not-configured@convene.invalid"
	}
	if m.FromAddress != "" {
		cfg.FromName, cfg.FromAddress = m.FromName, m.FromAddress
	}
	date := m.CreatedAt
	if m.SentAt != nil {
		date = *m.SentAt
	}
	msg, err := buildMsg(m, cfg, date)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if _, err := msg.WriteTo(&buf); err != nil {
		return "", err
	}
	return buf.String(), nil
}

var errNotConfigured = errors.New("smtp not configured")
