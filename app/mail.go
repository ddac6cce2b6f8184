package app

import (
	"encoding/base64"

	"convene/internal/mail"
)

// Mail shows and manages the outbox and the SMTP settings.
type Mail struct{ call }

// Outbox returns a page of the outbox, newest first.
func (m *Mail) Outbox(q mail.Query) (mail.Page, error) {
	return m.deps.Outbox.List(m.ctx, q)
}

// MailDetail is one message as it is (or will be) sent.
type MailDetail struct {
	Message mail.Message `json:"message"`
	// Source is the whole MIME message, headers first.
	Source string `json:"source"`
}

// Message returns one message with its MIME source.
func (m *Mail) Message(id int64) (MailDetail, error) {
	msg, err := m.deps.Outbox.Get(m.ctx, id)
	if err != nil {
		return MailDetail{}, err
	}
	cfg, err := m.deps.MailSettings.Config(m.ctx)
	if err != nil {
		return MailDetail{}, err
	}
	full := msg
	atts := make([]mail.Attachment, 0, len(msg.Attachments))
	for _, a := range msg.Attachments {
		withData, err := m.deps.Outbox.Attachment(m.ctx, a.ID)
		if err != nil {
			return MailDetail{}, err
		}
		atts = append(atts, withData)
	}
	full.Attachments = atts
	src, err := mail.Source(&full, cfg)
	if err != nil {
		return MailDetail{}, err
	}
	return MailDetail{Message: msg, Source: src}, nil
}

// AttachmentFile is an attachment's content for download.
type AttachmentFile struct {
	Filename    string `json:"filename"`
	ContentType string `json:"contentType"`
	DataBase64  string `json:"dataBase64"`
}

// Attachment returns one attachment's content.
func (m *Mail) Attachment(id int64) (AttachmentFile, error) {
	a, err := m.deps.Outbox.Attachment(m.ctx, id)
	if err != nil {
		return AttachmentFile{}, err
	}
	return AttachmentFile{Filename: a.Filename, ContentType: a.ContentType, DataBase64: base64.StdEncoding.EncodeToString(a.Data)}, nil
}

// Retry queues a failed, held or cancelled message again.
func (m *Mail) Retry(id int64) (mail.Message, error) { return m.deps.Outbox.Retry(m.ctx, id) }

// Cancel withdraws a message that has not been sent.
func (m *Mail) Cancel(id int64) (mail.Message, error) { return m.deps.Outbox.Cancel(m.ctx, id) }

// Counts returns how many messages are in each state, for the app shell.
func (m *Mail) Counts() (mail.Counts, error) { return m.deps.Outbox.Counts(m.ctx) }

// Settings returns the SMTP settings without their secrets; admins only.
func (m *Mail) Settings() (mail.SettingsView, error) {
	if err := m.actor.RequireAdmin(); err != nil {
		return mail.SettingsView{}, err
	}
	return m.deps.MailSettings.View(m.ctx)
}

// SaveSettings stores the SMTP settings; admins only. Held mail is sent
// once a server is configured.
func (m *Mail) SaveSettings(in mail.SettingsInput) (mail.SettingsView, error) {
	if err := m.actor.RequireAdmin(); err != nil {
		return mail.SettingsView{}, err
	}
	return m.deps.MailSettings.Save(m.ctx, in, m.actor.Label())
}

// GenerateDKIMKey makes a new DKIM signing key; admins only.
func (m *Mail) GenerateDKIMKey() (mail.SettingsView, error) {
	if err := m.actor.RequireAdmin(); err != nil {
		return mail.SettingsView{}, err
	}
	return m.deps.MailSettings.GenerateDKIMKey(m.ctx, m.actor.Label())
}

// SendTest sends a test mail now and returns the server's answer; admins
// only.
func (m *Mail) SendTest(to string) (mail.TestResult, error) {
	if err := m.actor.RequireAdmin(); err != nil {
		return mail.TestResult{}, err
	}
	return m.deps.MailSettings.SendTest(m.ctx, to)
}

// Suppressions lists the addresses no marketing mail goes to.
func (m *Mail) Suppressions() ([]mail.Suppression, error) { return m.deps.Outbox.Suppressions(m.ctx) }

// Unsuppress removes an address from the suppression list; admins only.
func (m *Mail) Unsuppress(address string) error {
	if err := m.actor.RequireAdmin(); err != nil {
		return err
	}
	return m.deps.Outbox.Unsuppress(m.ctx, address)
}
