package mail

import (
	"time"
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
	TextBody      string            `json:"textBody"`
	HTMLBody      string            `json:"htmlBody"`
	Headers       map[string]string `json:"headers" gorm:"serializer:json"`
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
