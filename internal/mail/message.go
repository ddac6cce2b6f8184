package mail

import (
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
	ID            int64             `json:"id"`
	MessageID     string            `json:"messageId"`
	Kind          Kind              `json:"kind"`
	State         State             `json:"state"`
	Template      string            `json:"template"`
	Lang          string            `json:"lang"`
	Ref           string            `json:"ref"`
	FromName      string            `json:"fromName"`
	FromAddress   string            `json:"fromAddress"`
	ReplyTo       string            `json:"replyTo"`
	ToName        string            `json:"toName"`
	ToAddress     string            `json:"toAddress"`
	Subject       string            `json:"subject"`
	TextBody      string            `json:"textBody" gorm:"-"`
	HTMLBody      string            `json:"htmlBody" gorm:"-"`
	Headers       map[string]string `json:"headers" gorm:"-"`
	Attempts      int               `json:"attempts"`
	NextAttemptAt time.Time         `json:"nextAttemptAt"`
	LastReply     string            `json:"lastReply"`
	CreatedAt     time.Time         `json:"createdAt"`
	UpdatedAt     time.Time         `json:"updatedAt"`
	SentAt        *time.Time        `json:"sentAt"`
	Attachments   []Attachment      `json:"attachments" gorm:"foreignKey:MessageID;references:ID"`
}

// TableName is the outbox table.
func (Message) TableName() string { return "mail_messages" }

// content holds a message's bodies and extra headers, apart from the row
// the worker updates.
type content struct {
	MessageID int64 `gorm:"primaryKey;autoIncrement:false"`
	TextBody  string
	HTMLBody  string
	Headers   map[string]string `gorm:"serializer:json"`
}

func (content) TableName() string { return "mail_contents" }

// Attachment is a file sent with a message, such as a calendar file.
type Attachment struct {
	ID          int64  `json:"id"`
	MessageID   int64  `json:"messageId"`
	Filename    string `json:"filename"`
	ContentType string `json:"contentType"`
	Data        []byte `json:"-"`
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
	Headers     map[string]string
	Attachments []Attachment
}

// insertMessage writes a message with its content and attachments.
func insertMessage(db *gorm.DB, m *Message) error {
	if err := db.Create(m).Error; err != nil {
		return err
	}
	return db.Create(&content{MessageID: m.ID, TextBody: m.TextBody, HTMLBody: m.HTMLBody, Headers: m.Headers}).Error
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
		if msgs[i].Headers == nil {
			msgs[i].Headers = map[string]string{}
		}
	}
	return nil
}
