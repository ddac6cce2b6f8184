package mail

import (
	"encoding/json"
	"time"

	"gorm.io/gorm"
)

// State is where a message is in its life.
type State string

// The states of a message.
const (
	StateQueued    State = "queued"    // waiting for its next attempt
	StateSending   State = "sending"   // handed to a worker
	StateSent      State = "sent"      // accepted by the SMTP server
	StateFailed    State = "failed"    // refused for good, or out of attempts
	StateHeld      State = "held"      // waiting for SMTP to be configured
	StateCancelled State = "cancelled" // withdrawn by staff
)

// Kind says whether a message needs marketing consent.
type Kind string

// Service mail is about something the recipient did (a registration);
// marketing mail (invitations to companies, newsletters) needs consent and
// is never sent to a suppressed address.
const (
	KindService   Kind = "service"
	KindMarketing Kind = "marketing"
)

// Message is one row of the outbox: exactly what will be (or was) sent.
type Message struct {
	ID        int64  `json:"id"`
	MessageID string `json:"messageId"`
	Kind      Kind   `json:"kind"`
	State     State  `json:"state"`
	Template  string `json:"template"`
	Lang      string `json:"lang"`
	Ref       string `json:"ref"`
	// GroupKey ties the mails of one mailing together (e.g. "campaign:7"),
	// so they can be held, released and cancelled as one.
	GroupKey string `json:"groupKey"`
	// HoldReason says why a held mail waits: "smtp" (no server set up) or
	// "paused" (its mailing is paused).
	HoldReason  string `json:"holdReason"`
	FromName    string `json:"fromName"`
	FromAddress string `json:"fromAddress"`
	ReplyTo     string `json:"replyTo"`
	ToName      string `json:"toName"`
	ToAddress   string `json:"toAddress"`
	Subject     string `json:"subject"`
	TextBody    string `json:"textBody" gorm:"-"`
	HTMLBody    string `json:"htmlBody" gorm:"-"`
	// Calendar is an iCalendar object sent as the last alternative
	// (text/calendar) and as an .ics attachment; CalendarMethod is its
	// iTIP method, which the MIME type repeats.
	Calendar       string            `json:"calendar" gorm:"-"`
	CalendarMethod string            `json:"calendarMethod" gorm:"-"`
	Headers        map[string]string `json:"headers" gorm:"-"`
	Attempts       int               `json:"attempts"`
	NextAttemptAt  time.Time         `json:"nextAttemptAt"`
	LastReply      string            `json:"lastReply"`
	CreatedAt      time.Time         `json:"createdAt"`
	UpdatedAt      time.Time         `json:"updatedAt"`
	SentAt         *time.Time        `json:"sentAt"`
	Attachments    []Attachment      `json:"attachments" gorm:"foreignKey:MessageID;references:ID"`
}

// TableName is the outbox table.
func (Message) TableName() string { return "mail_messages" }

// content holds a message's bodies and extra headers, apart from the row
// the worker updates.
type content struct {
	MessageID      int64 `gorm:"primaryKey;autoIncrement:false"`
	TextBody       string
	HTMLBody       string
	Headers        map[string]string `gorm:"serializer:json"`
	Calendar       string
	CalendarMethod string
}

func (content) TableName() string { return "mail_contents" }

// Attachment is a file sent with a message, such as a calendar file.
type Attachment struct {
	ID          int64  `json:"id"`
	MessageID   int64  `json:"messageId"`
	Filename    string `json:"filename"`
	ContentType string `json:"contentType"`
	// ContentID, when set, embeds the file in the HTML body, which refers
	// to it as cid:<ContentID>.
	ContentID string `json:"contentId"`
	Data      []byte `json:"-"`
	// Size is filled in for lists, where Data is not loaded.
	Size int `json:"size" gorm:"-"`
}

// TableName is the attachments table.
func (Attachment) TableName() string { return "mail_attachments" }

// Draft is a message to queue. Subject and bodies come from a template.
type Draft struct {
	Kind     Kind
	Template string
	// Data is what the template renders.
	Data any
	// Lang is the recipient's language; empty means the organiser's default.
	Lang        string
	ToName      string
	ToAddress   string
	ReplyTo     string
	Ref         string
	Group       string
	Headers     map[string]string
	Attachments []Attachment
	// Calendar and CalendarMethod are an iCalendar invitation to carry.
	Calendar       []byte
	CalendarMethod string
}

// insertMessage writes a message with its content and attachments, by
// hand rather than through GORM's reflection: campaigns write thousands
// at a time and registrations write one on the rush's path.
func insertMessage(db *gorm.DB, m *Message) error {
	headers := "{}"
	if len(m.Headers) > 0 {
		b, err := json.Marshal(m.Headers)
		if err != nil {
			return err
		}
		headers = string(b)
	}
	id, err := execID(db, `INSERT INTO mail_messages (message_id, kind, state, template, lang, ref, group_key, hold_reason, from_name, from_address,
		reply_to, to_name, to_address, subject, attempts, next_attempt_at, last_reply, created_at, updated_at, sent_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.MessageID, m.Kind, m.State, m.Template, m.Lang, m.Ref, m.GroupKey, m.HoldReason, m.FromName, m.FromAddress,
		m.ReplyTo, m.ToName, m.ToAddress, m.Subject, m.Attempts, m.NextAttemptAt, m.LastReply, m.CreatedAt, m.UpdatedAt, m.SentAt)
	if err != nil {
		return err
	}
	m.ID = id
	if _, err := execID(db, `INSERT INTO mail_contents (message_id, text_body, html_body, headers, calendar, calendar_method) VALUES (?, ?, ?, ?, ?, ?)`,
		m.ID, m.TextBody, m.HTMLBody, headers, m.Calendar, m.CalendarMethod); err != nil {
		return err
	}
	for i := range m.Attachments {
		a := &m.Attachments[i]
		a.MessageID = m.ID
		if a.ID, err = execID(db, `INSERT INTO mail_attachments (message_id, filename, content_type, content_id, data) VALUES (?, ?, ?, ?, ?)`,
			a.MessageID, a.Filename, a.ContentType, a.ContentID, a.Data); err != nil {
			return err
		}
	}
	return nil
}

// execID runs an INSERT on db's connection or transaction and returns
// the new row's id.
func execID(db *gorm.DB, query string, args ...any) (int64, error) {
	res, err := db.Statement.ConnPool.ExecContext(db.Statement.Context, query, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// loadContents fills in the bodies and headers of msgs.
func loadContents(db *gorm.DB, msgs []Message) error {
	if len(msgs) == 0 {
		return nil
	}
	ids := make([]int64, len(msgs))
	for i := range msgs {
		ids[i] = msgs[i].ID
	}
	var cs []content
	if err := db.Where("message_id IN ?", ids).Find(&cs).Error; err != nil {
		return err
	}
	byID := make(map[int64]content, len(cs))
	for _, c := range cs {
		byID[c.MessageID] = c
	}
	for i := range msgs {
		c := byID[msgs[i].ID]
		msgs[i].TextBody, msgs[i].HTMLBody, msgs[i].Headers = c.TextBody, c.HTMLBody, c.Headers
		msgs[i].Calendar, msgs[i].CalendarMethod = c.Calendar, c.CalendarMethod
		if msgs[i].Headers == nil {
			msgs[i].Headers = map[string]string{}
		}
	}
	return nil
}

// loadForSending reads the fields, contents and attachments that sending
// needs, by hand rather than through GORM's reflection: the worker calls
// it for every batch.
func loadForSending(db *gorm.DB, ids []int64) ([]Message, error) {
	rows, err := db.Raw(`SELECT m.id, m.message_id, m.kind, m.attempts, m.reply_to, m.to_name, m.to_address, m.subject,
		c.text_body, c.html_body, c.headers, c.calendar, c.calendar_method
		FROM mail_messages m JOIN mail_contents c ON c.message_id = m.id
		WHERE m.id IN ? ORDER BY m.next_attempt_at, m.id`, ids).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	msgs := make([]Message, 0, len(ids))
	index := make(map[int64]int, len(ids))
	for rows.Next() {
		var m Message
		var headers string
		if err := rows.Scan(&m.ID, &m.MessageID, &m.Kind, &m.Attempts, &m.ReplyTo, &m.ToName, &m.ToAddress, &m.Subject,
			&m.TextBody, &m.HTMLBody, &headers, &m.Calendar, &m.CalendarMethod); err != nil {
			return nil, err
		}
		m.Headers = map[string]string{}
		if headers != "" && headers != "{}" && headers != "null" {
			if err := json.Unmarshal([]byte(headers), &m.Headers); err != nil {
				return nil, err
			}
		}
		index[m.ID] = len(msgs)
		msgs = append(msgs, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	arows, err := db.Raw(`SELECT id, message_id, filename, content_type, content_id, data FROM mail_attachments WHERE message_id IN ? ORDER BY id`, ids).Rows()
	if err != nil {
		return nil, err
	}
	defer arows.Close()
	for arows.Next() {
		var a Attachment
		if err := arows.Scan(&a.ID, &a.MessageID, &a.Filename, &a.ContentType, &a.ContentID, &a.Data); err != nil {
			return nil, err
		}
		a.Size = len(a.Data)
		if i, ok := index[a.MessageID]; ok {
			msgs[i].Attachments = append(msgs[i].Attachments, a)
		}
	}
	return msgs, arows.Err()
}
