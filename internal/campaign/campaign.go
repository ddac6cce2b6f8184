package campaign

import (
	"time"
)

// Kind is what a campaign is for.
type Kind string

// The kinds of campaign.
const (
	KindInvitation Kind = "invitation"
	KindNewsletter Kind = "newsletter"
	KindFollowUp   Kind = "followup"
	KindOther      Kind = "other"
)

// Kinds lists the kinds in the order the UI shows them.
var Kinds = []Kind{KindInvitation, KindNewsletter, KindFollowUp, KindOther}

// Status is where a campaign is in its life.
type Status string

// The statuses of a campaign.
const (
	StatusDraft     Status = "draft"
	StatusScheduled Status = "scheduled"
	StatusSending   Status = "sending"
	StatusPaused    Status = "paused"
	StatusFinished  Status = "finished"
	StatusCancelled Status = "cancelled"
)

// Campaign is one mailing.
type Campaign struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Kind   Kind   `json:"kind"`
	Status Status `json:"status"`
	// EventID is the event it invites to or follows up on.
	EventID    *int64  `json:"eventId"`
	SegmentIDs []int64 `json:"segmentIds" gorm:"serializer:json"`
	ContactIDs []int64 `json:"contactIds" gorm:"serializer:json"`
	// Subject and Body (Markdown with merge fields) are in Danish; the
	// English ones, when written, go to contacts who read English.
	Subject    string     `json:"subject"`
	Body       string     `json:"body"`
	SubjectEN  string     `json:"subjectEn" gorm:"column:subject_en"`
	BodyEN     string     `json:"bodyEn" gorm:"column:body_en"`
	SendAt     *time.Time `json:"sendAt"`
	StartedAt  *time.Time `json:"startedAt"`
	QueuedAt   *time.Time `json:"queuedAt"`
	FinishedAt *time.Time `json:"finishedAt"`
	CreatedBy  string     `json:"createdBy"`
	CreatedAt  time.Time  `json:"createdAt"`
	UpdatedAt  time.Time  `json:"updatedAt"`
}

// TableName is the campaigns table.
func (Campaign) TableName() string { return "campaigns" }

// group is the outbox group of the campaign's mails.
func (c Campaign) group() string { return "campaign:" + itoa(c.ID) }

// Recipient is a contact a campaign was sent to.
type Recipient struct {
	ID          int64      `json:"id"`
	CampaignID  int64      `json:"campaignId"`
	ContactID   *int64     `json:"contactId"`
	Email       string     `json:"email"`
	Name        string     `json:"name"`
	CompanyName string     `json:"companyName"`
	CompanyID   *int64     `json:"companyId"`
	Lang        string     `json:"lang"`
	Token       string     `json:"-"`
	MailID      *int64     `json:"mailId"`
	DeclinedAt  *time.Time `json:"declinedAt"`
	RemindedAt  *time.Time `json:"remindedAt"`
	CreatedAt   time.Time  `json:"createdAt"`
}

// TableName is the recipients table.
func (Recipient) TableName() string { return "campaign_recipients" }

// The reasons a contact of the audience gets no mail.
const (
	ExcludedNoConsent    = "no_consent"
	ExcludedUnsubscribed = "unsubscribed"
	ExcludedBounced      = "bounced"
	ExcludedNoEmail      = "no_email"
	ExcludedDuplicate    = "duplicate"
	ExcludedSuppressed   = "suppressed"
)

// Exclusion is a contact left out, and why.
type Exclusion struct {
	ContactID   int64  `json:"contactId"`
	Name        string `json:"name"`
	Email       string `json:"email"`
	CompanyName string `json:"companyName"`
	Reason      string `json:"reason"`
}

// Audience is who a campaign would reach now.
type Audience struct {
	Recipients []Recipient `json:"recipients"`
	Excluded   []Exclusion `json:"excluded"`
	// Reasons counts the exclusions by reason.
	Reasons map[string]int `json:"reasons"`
}
